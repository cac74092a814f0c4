-- Every way a stage is written that we understand, mapped to one of the canonical stages.
CREATE OR REPLACE TEMP TABLE stg_stages AS
SELECT stage_key(stage) AS key, stage FROM ref_stage_weights
UNION
SELECT stage_key(a.alias) AS key, w.stage
FROM ref_aliases AS a
JOIN ref_stage_weights AS w ON stage_key(a.canonical) = stage_key(w.stage)
WHERE a.kind = 'stage';
