-- Rows kept despite a doubtful value, plus one note per file for each outlet we have no tier for.
INSERT INTO ingest_warnings (source_file, line_number, message)
WITH accepted_rumours AS (
    SELECT * FROM rumours WHERE _reject_reason IS NULL AND NOT _is_duplicate
),
row_warnings AS (
    SELECT source_file, line_number, _warning AS message FROM accepted_rumours WHERE _warning IS NOT NULL
    UNION ALL
    SELECT source_file, line_number, _warning FROM contracts
    WHERE _reject_reason IS NULL AND NOT _is_duplicate AND _warning IS NOT NULL
    UNION ALL
    SELECT source_file, line_number, _warning FROM transfers
    WHERE _reject_reason IS NULL AND NOT _is_duplicate AND _warning IS NOT NULL
),
outlets_used AS (
    SELECT source_file, line_number, source AS outlet FROM accepted_rumours
    UNION ALL
    SELECT source_file, line_number, via FROM accepted_rumours WHERE via IS NOT NULL
),
unknown_outlets AS (
    SELECT
        source_file,
        min(line_number) AS line_number,
        'outlet not in outlets.csv, treated as tier 4 (first of ' || count(*) || ' rows): ''' || outlet || ''''
            AS message
    FROM outlets_used
    WHERE outlet NOT IN (SELECT outlet FROM ref_outlets)
    GROUP BY source_file, outlet
)
SELECT source_file, line_number, message
FROM (SELECT * FROM row_warnings UNION ALL SELECT * FROM unknown_outlets)
ORDER BY source_file, line_number;
