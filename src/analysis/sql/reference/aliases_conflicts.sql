-- Aliases that cannot all hold (line_a, line_b, message): one name given two canonical names (or
-- a stage synonym two stages), aliases that lead back to themselves, and stage synonyms that do not
-- end at a stage of stage_weights.csv or that rename a stage.
WITH two_names AS (
    SELECT
        a.line_number AS line_a,
        b.line_number AS line_b,
        CASE a.kind
            WHEN 'stage' THEN 'stage synonym ''' || a.alias || ''' is given two stages'
            ELSE a.kind || ' alias ''' || a.alias || ''' is given two canonical names'
        END || ': ''' || a.canonical || ''' and ''' || b.canonical || '''' AS message
    FROM stg_alias_lines AS a
    JOIN stg_alias_lines AS b ON a.kind = b.kind AND a.alias_key = b.alias_key AND a.line_number < b.line_number
    WHERE a.canonical_key <> b.canonical_key
),
cycles AS (
    -- walks that come back to where they started (a walk merely running into a cycle is not named)
    SELECT
        least(e.line_number, w.last_line) AS line_a,
        nullif(greatest(e.line_number, w.last_line), least(e.line_number, w.last_line)) AS line_b,
        e.kind || ' aliases go round in a circle through ''' || e.alias || ''' and ''' || last_edge.alias
            || ''': keep one direction' AS message
    FROM stg_alias_walks AS w
    JOIN stg_alias_edges AS e ON e.kind = w.kind AND e.alias_key = w.start_key
    JOIN stg_alias_edges AS last_edge ON last_edge.kind = w.kind AND last_edge.line_number = w.last_line
    WHERE w.cycle AND w.final_key = w.start_key
    QUALIFY row_number() OVER (PARTITION BY line_a, line_b ORDER BY e.line_number) = 1
),
stages AS (
    SELECT stage_key(stage) AS key FROM ref_stage_weights
),
stage_names AS (
    SELECT string_agg(stage, ', ' ORDER BY stage_order, stage) AS listed FROM ref_stage_weights
),
unknown_stage AS (
    SELECT
        e.line_number AS line_a,
        NULL::BIGINT AS line_b,
        'stage synonym ''' || e.alias || ''' maps to ''' || w.canonical
            || ''', which is not a stage in stage_weights.csv (' || (SELECT listed FROM stage_names) || ')' AS message
    FROM stg_alias_edges AS e
    JOIN stg_alias_walks AS w ON w.kind = e.kind AND w.start_key = e.alias_key
    WHERE e.kind = 'stage' AND NOT w.cycle AND stage_key(w.canonical) NOT IN (SELECT key FROM stages)
),
renamed_stage AS (
    SELECT
        line_number AS line_a,
        NULL::BIGINT AS line_b,
        'stage synonym ''' || alias || ''' is itself a stage in stage_weights.csv; it cannot also mean '''
            || canonical || '''' AS message
    FROM stg_alias_edges
    WHERE kind = 'stage' AND alias_key IN (SELECT key FROM stages) AND canonical_key <> alias_key
)
SELECT * FROM two_names
UNION ALL SELECT * FROM cycles
UNION ALL SELECT * FROM unknown_stage
UNION ALL SELECT * FROM renamed_stage
ORDER BY coalesce(line_b, line_a), line_a;
