-- One club named twice in one league of one country under two club ids: which is it?
-- (line_a, line_b, message)
SELECT
    a.line_number AS line_a,
    b.line_number AS line_b,
    'club ''' || a.club || ''' of ' || coalesce(a.league || ', ', '') || coalesce(a.country, 'no country')
        || ' is given two club ids: ' || a.club_id || ' and ' || b.club_id AS message
FROM ref_clubs AS a
JOIN ref_clubs AS b
    ON name_key(a.club) = name_key(b.club)
   AND lower(strip_accents(coalesce(a.country, ''))) = lower(strip_accents(coalesce(b.country, '')))
   AND lower(strip_accents(coalesce(a.league, ''))) = lower(strip_accents(coalesce(b.league, '')))
   AND a.line_number < b.line_number
WHERE a.club_id <> b.club_id
ORDER BY line_b, line_a;
