-- Doubtful but kept: whole files (an encoding), reference files, rows with a value stored as null,
-- one note per file for each outlet we have no tier for, and each contract record superseded by a
-- conflicting one of the same player and day (contract_conflicts).
CREATE TABLE ingest_warnings AS
WITH staged AS (
    SELECT file_id, line_number, warning FROM stg_rumours WHERE reject_reason IS NULL AND NOT is_duplicate
    UNION ALL
    SELECT file_id, line_number, warning FROM stg_contracts WHERE reject_reason IS NULL AND NOT is_duplicate
    UNION ALL
    SELECT file_id, line_number, warning FROM stg_transfers WHERE reject_reason IS NULL AND NOT is_duplicate
),
row_warnings AS (
    SELECT f.source_file, s.line_number, s.warning AS message
    FROM staged AS s
    JOIN ingest_file_list AS f USING (file_id)
    WHERE s.warning IS NOT NULL
),
file_warnings AS (
    SELECT f.source_file, w.line_number, w.message
    FROM landing_warnings AS w
    JOIN ingest_file_list AS f USING (file_id)
    UNION ALL
    SELECT reference_file, NULL, message FROM reference_warnings
),
outlets_used AS (
    SELECT source_file, line_number, source AS outlet FROM rumours
    UNION ALL
    SELECT source_file, line_number, via FROM rumours WHERE via IS NOT NULL
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
),
conflicting_contracts AS (
    SELECT
        source_file,
        line_number,
        'conflicting contract records for ' || player || ' '
            || CASE WHEN recorded_on > DATE '1900-01-01' THEN 'recorded on ' || recorded_on
                    ELSE 'without a recorded date' END
            || ': this line says ' || club || ' until ' || contract_expires || ', ' || kept_source_file || ' line '
            || kept_line_number || ' says ' || kept_club || ' until ' || kept_contract_expires || '; kept '
            || kept_source_file || ' line ' || kept_line_number
            || ' (of one day''s records the last in file order is used: the later file name, then the later line)'
            AS message
    FROM contract_conflicts
)
SELECT source_file, line_number, message
FROM (
    SELECT * FROM file_warnings
    UNION ALL SELECT * FROM row_warnings
    UNION ALL SELECT * FROM unknown_outlets
    UNION ALL SELECT * FROM conflicting_contracts
)
ORDER BY source_file, line_number NULLS FIRST, message;
