-- Every stored move says when it was known and in which window, and where it comes from.
-- Bad rows: moves missing one.
SELECT source_file, line_number, evidence, known_on, window_label
FROM transfers
WHERE known_on IS NULL OR window_label IS NULL OR evidence NOT IN ('transfers', 'contracts')
   -- a dated move is known by its date (earlier when another listing or a contract record showed it first)
   OR (transfer_date IS NOT NULL AND known_on > transfer_date);
