-- Rows kept despite a doubtful value, plus one note per file for each outlet we have no tier for.
INSERT INTO ingest_warnings (source_file, line_number, message)
WITH row_warnings AS (
    SELECT file_id, line_number, warning AS message FROM stg_rumours
    WHERE reject_reason IS NULL AND NOT is_duplicate AND warning IS NOT NULL
    UNION ALL
    SELECT file_id, line_number, warning FROM stg_contracts
    WHERE reject_reason IS NULL AND NOT is_duplicate AND warning IS NOT NULL
),
outlets_used AS (
    SELECT file_id, line_number, source_canonical AS outlet FROM stg_rumours
    WHERE reject_reason IS NULL AND NOT is_duplicate
    UNION ALL
    SELECT file_id, line_number, via_canonical FROM stg_rumours
    WHERE reject_reason IS NULL AND NOT is_duplicate AND via_canonical IS NOT NULL
),
unknown_outlets AS (
    SELECT
        file_id,
        min(line_number) AS line_number,
        'outlet not in outlets.csv, treated as tier 4 (first of ' || count(*) || ' rows): ''' || outlet || ''''
            AS message
    FROM outlets_used
    WHERE outlet NOT IN (SELECT outlet FROM ref_outlets)
    GROUP BY file_id, outlet
)
SELECT f.source_file, w.line_number, w.message
FROM (SELECT * FROM row_warnings UNION ALL SELECT * FROM unknown_outlets) AS w
JOIN ingest_file_list AS f USING (file_id)
ORDER BY f.file_id, w.line_number;
