-- Lines giving one stage two weights or two orders (line_a, line_b, message).
WITH keyed AS (
    SELECT *, stage_key(stage) AS key FROM ref_stage_weights_lines
)
SELECT
    a.line_number AS line_a,
    b.line_number AS line_b,
    'stage ''' || trim(a.stage) || ''' is given two ' || CASE
        WHEN a.stage_weight <> b.stage_weight THEN 'weights: ' || a.stage_weight || ' and ' || b.stage_weight
        ELSE 'orders: ' || a.stage_order || ' and ' || b.stage_order
    END AS message
FROM keyed AS a
JOIN keyed AS b ON a.key = b.key AND a.line_number < b.line_number
WHERE a.stage_weight <> b.stage_weight OR a.stage_order <> b.stage_order
ORDER BY line_b, line_a;
