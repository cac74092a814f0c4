-- Lines giving one tier two source weights (line_a, line_b, message).
SELECT
    a.line_number AS line_a,
    b.line_number AS line_b,
    'tier ' || a.tier || ' is given two source weights: ' || a.source_weight || ' and ' || b.source_weight AS message
FROM ref_tier_weights_lines AS a
JOIN ref_tier_weights_lines AS b ON a.tier = b.tier AND a.line_number < b.line_number
WHERE a.source_weight <> b.source_weight
ORDER BY line_b, line_a;
