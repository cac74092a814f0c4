-- Every stage as written in the load, mapped to a canonical stage (null when not understood).
-- Resolved once per distinct spelling, so report rows join on the written text itself.
CREATE OR REPLACE TEMP TABLE stg_stages AS
WITH understood AS (
    SELECT stage_key(stage) AS key, stage FROM ref_stage_weights
    UNION
    SELECT stage_key(a.alias) AS key, w.stage
    FROM ref_aliases AS a
    JOIN ref_stage_weights AS w ON stage_key(a.canonical) = stage_key(w.stage)
    WHERE a.kind = 'stage'
),
written AS (
    SELECT DISTINCT stage AS written FROM landing_rumours WHERE stage IS NOT NULL
)
SELECT w.written, u.stage
FROM written AS w
LEFT JOIN understood AS u ON u.key = stage_key(w.written);
