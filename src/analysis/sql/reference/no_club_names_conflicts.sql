-- One name said to mean both no club and an unknown club (line_a, line_b, message).
SELECT
    a.line_number AS line_a,
    b.line_number AS line_b,
    '''' || name_clean(a.name) || ''' is given two meanings: ' || coalesce(a.meaning, 'none') || ' and '
        || coalesce(b.meaning, 'none') AS message
FROM ref_no_club_names_lines AS a
JOIN ref_no_club_names_lines AS b
    ON name_key(a.name) = name_key(b.name) AND a.line_number < b.line_number
WHERE coalesce(a.meaning, 'none') <> coalesce(b.meaning, 'none')
ORDER BY line_b, line_a;
