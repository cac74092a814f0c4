-- Every stored stage is a stage of stage_weights.csv (an unknown one is stored as null with a
-- warning). Bad rows: reports with any other stage.
SELECT source_file, line_number, stage
FROM rumours
WHERE stage IS NOT NULL AND stage NOT IN (SELECT stage FROM ref_stage_weights);
