-- Rejected and duplicate rows have been listed and counted: drop them and the verdict columns.
DELETE FROM rumours WHERE _reject_reason IS NOT NULL OR _is_duplicate;
ALTER TABLE rumours DROP COLUMN _reject_reason;
ALTER TABLE rumours DROP COLUMN _warning;
ALTER TABLE rumours DROP COLUMN _is_duplicate;
DELETE FROM contracts WHERE _reject_reason IS NOT NULL OR _is_duplicate;
ALTER TABLE contracts DROP COLUMN _reject_reason;
ALTER TABLE contracts DROP COLUMN _warning;
ALTER TABLE contracts DROP COLUMN _is_duplicate;
DELETE FROM transfers WHERE _reject_reason IS NOT NULL OR _is_duplicate;
ALTER TABLE transfers DROP COLUMN _reject_reason;
ALTER TABLE transfers DROP COLUMN _warning;
ALTER TABLE transfers DROP COLUMN _is_duplicate;
ALTER TABLE transfers DROP COLUMN _is_mirrored;
