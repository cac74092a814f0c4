-- No stored name is still an alias of another (aliases.csv chains are followed to their end).
-- Bad rows: where a name (or an alias's canonical name) is itself an alias.
-- Each stored name is keyed once (a million rows hold a few thousand names); only the rows of a name
-- found to be an alias are read again.
WITH aliases AS (
    SELECT kind, CASE kind WHEN 'stage' THEN stage_key(alias) ELSE name_key(alias) END AS key, alias, canonical
    FROM ref_aliases
    WHERE kind <> 'distinct'
      AND CASE kind WHEN 'stage' THEN stage_key(alias) <> stage_key(canonical) ELSE name_key(alias) <> name_key(canonical) END
),
stored AS NOT MATERIALIZED (
    SELECT 'player' AS kind, player AS name, source_file, line_number FROM rumours
    UNION ALL SELECT 'club', interested_club, source_file, line_number FROM rumours
    UNION ALL SELECT 'club', player_club, source_file, line_number FROM rumours WHERE player_club IS NOT NULL
    UNION ALL SELECT 'outlet', source, source_file, line_number FROM rumours
    UNION ALL SELECT 'outlet', via, source_file, line_number FROM rumours WHERE via IS NOT NULL
    UNION ALL SELECT 'stage', stage, source_file, line_number FROM rumours WHERE stage IS NOT NULL
    UNION ALL SELECT 'player', player, source_file, line_number FROM contracts
    UNION ALL SELECT 'club', club, source_file, line_number FROM contracts
    UNION ALL SELECT 'player', player, source_file, line_number FROM transfers
    UNION ALL SELECT 'club', from_club, source_file, line_number FROM transfers WHERE from_club IS NOT NULL
    UNION ALL SELECT 'club', to_club, source_file, line_number FROM transfers WHERE to_club IS NOT NULL
    UNION ALL SELECT kind, canonical, 'reference: aliases.csv', line_number FROM ref_aliases WHERE kind <> 'distinct'
),
aliased AS (
    SELECT n.kind, n.name, a.canonical AS alias_of
    FROM (SELECT DISTINCT kind, name FROM stored) AS n
    JOIN aliases AS a
        ON a.kind = n.kind AND a.key = CASE n.kind WHEN 'stage' THEN stage_key(n.name) ELSE name_key(n.name) END
)
SELECT s.kind, s.name, s.source_file, s.line_number, a.alias_of
FROM stored AS s
JOIN aliased AS a USING (kind, name);
