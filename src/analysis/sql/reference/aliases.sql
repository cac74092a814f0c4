-- aliases.csv, one definition per name: kind, alias, canonical (chains followed: with 'Mo Salah ->
-- Salah' and 'Salah -> Mohamed Salah', Mo Salah is Mohamed Salah), line_number of the definition.
-- Names compare ignoring case, accents and spacing (stages also ignore '_' and '-'); a line
-- repeating one already read is used once. `distinct` lines (kind, written, canonical: a veto the
-- identity step reads) are kept as written, once per pair. Conflicts: aliases_conflicts.sql.
CREATE OR REPLACE TEMP TABLE stg_alias_lines AS
SELECT
    line_number,
    kind,
    name_clean(alias) AS alias,
    name_clean(canonical) AS canonical,
    CASE kind WHEN 'stage' THEN stage_key(alias) ELSE name_key(alias) END AS alias_key,
    CASE kind WHEN 'stage' THEN stage_key(canonical) ELSE name_key(canonical) END AS canonical_key
FROM ref_aliases_lines
WHERE kind <> 'distinct';

-- the first line that defines a name (a second, different one is a conflict)
CREATE OR REPLACE TEMP TABLE stg_alias_edges AS
SELECT
    kind,
    alias_key,
    arg_min(alias, line_number) AS alias,
    arg_min(canonical, line_number) AS canonical,
    arg_min(canonical_key, line_number) AS canonical_key,
    min(line_number) AS line_number
FROM stg_alias_lines
GROUP BY kind, alias_key;

-- follow each alias to a name that is no one's alias; a walk that comes back is a cycle
CREATE OR REPLACE TEMP TABLE stg_alias_walks AS
WITH RECURSIVE walk AS (
    SELECT
        kind, alias_key AS start_key, line_number AS start_line, canonical_key AS key, canonical,
        line_number AS last_line, [alias_key] AS visited, 1 AS depth, FALSE AS cycle
    FROM stg_alias_edges
    UNION ALL
    SELECT
        w.kind, w.start_key, w.start_line, e.canonical_key, e.canonical, e.line_number,
        list_append(w.visited, w.key), w.depth + 1, list_contains(list_append(w.visited, w.key), e.canonical_key)
    FROM walk AS w
    JOIN stg_alias_edges AS e ON e.kind = w.kind AND e.alias_key = w.key AND e.canonical_key <> e.alias_key
    WHERE NOT w.cycle AND w.depth < 1000
)
SELECT kind, start_key, arg_max(canonical, depth) AS canonical, arg_max(key, depth) AS final_key,
    arg_max(cycle, depth) AS cycle, arg_max(last_line, depth) AS last_line
FROM walk
GROUP BY kind, start_key;

CREATE TABLE ref_aliases AS
SELECT e.kind, e.alias, w.canonical, e.line_number
FROM stg_alias_edges AS e
JOIN stg_alias_walks AS w ON w.kind = e.kind AND w.start_key = e.alias_key
UNION ALL
SELECT 'distinct', arg_min(name_clean(alias), line_number), arg_min(name_clean(canonical), line_number), min(line_number)
FROM ref_aliases_lines
WHERE kind = 'distinct'
GROUP BY least(name_key(alias), name_key(canonical)), greatest(name_key(alias), name_key(canonical))
ORDER BY line_number;
