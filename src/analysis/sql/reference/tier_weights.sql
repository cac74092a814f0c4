-- One row per outlet tier. Conflicts: tier_weights_conflicts.sql.
CREATE TABLE ref_tier_weights AS
SELECT
    tier,
    first(source_weight ORDER BY line_number) AS source_weight,
    first(meaning ORDER BY line_number) FILTER (WHERE meaning IS NOT NULL) AS meaning,
    min(line_number) AS line_number
FROM ref_tier_weights_lines
GROUP BY tier
ORDER BY tier;
