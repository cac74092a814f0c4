-- One row per stage (a stage named twice, ignoring case, spaces and hyphens, is one stage); values
-- left blank on one line are taken from another. Conflicts: stage_weights_conflicts.sql.
CREATE TABLE ref_stage_weights AS
SELECT
    trim(first(stage ORDER BY line_number)) AS stage,
    first(stage_order ORDER BY line_number) FILTER (WHERE stage_order IS NOT NULL) AS stage_order,
    first(stage_weight ORDER BY line_number) AS stage_weight,
    first(meaning ORDER BY line_number) FILTER (WHERE meaning IS NOT NULL) AS meaning,
    min(line_number) AS line_number
FROM ref_stage_weights_lines
GROUP BY stage_key(stage)
ORDER BY line_number;
