-- No identity link joins two names an analyst said are different people or clubs (a `distinct`
-- line of aliases.csv, either way round), by name or row by row (a rumour's club). Bad rows: such links.
SELECT l.kind, l.written, l.canonical, l.confidence, v.line_number AS distinct_line
FROM identity_links AS l
JOIN ref_aliases AS v
    ON v.kind = 'distinct'
   AND (
        (name_key(v.alias) = name_key(l.written) AND name_key(v.canonical) = name_key(l.canonical))
        OR (name_key(v.canonical) = name_key(l.written) AND name_key(v.alias) = name_key(l.canonical))
   )
WHERE l.decision IN ('linked', 'linked where the rumour names his club');
