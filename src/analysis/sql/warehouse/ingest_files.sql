-- Per file, where every record went (SPEC 5): rows_read = accepted + rejected + duplicates, the
-- data test accounting_per_file holds the tables to it. For transfers, `mirrored` counts the
-- duplicates that were another listing of a move already stored (the other club's side).
CREATE TABLE ingest_files AS
WITH staged AS (
    SELECT file_id, reject_reason, is_duplicate, FALSE AS is_mirrored FROM stg_rumours
    UNION ALL
    SELECT file_id, reject_reason, is_duplicate, FALSE FROM stg_contracts
    UNION ALL
    SELECT file_id, reject_reason, is_duplicate, is_mirrored FROM stg_transfers
),
kept AS (
    SELECT
        file_id,
        count(*) FILTER (WHERE reject_reason IS NULL AND NOT is_duplicate) AS accepted,
        count(*) FILTER (WHERE is_duplicate) AS duplicates,
        count(*) FILTER (WHERE is_mirrored) AS mirrored
    FROM staged
    GROUP BY file_id
),
rejected AS (
    SELECT source_file, count(*) AS rejected FROM rejected_rows GROUP BY source_file
)
SELECT
    f.source_file,
    f.kind,
    f.rows_read,
    coalesce(k.accepted, 0) AS accepted,
    coalesce(r.rejected, 0) AS rejected,
    coalesce(k.duplicates, 0) AS duplicates,
    coalesce(k.mirrored, 0) AS mirrored,
    f.encoding,
    f.profile,
    f.bytes
FROM ingest_file_list AS f
LEFT JOIN kept AS k USING (file_id)
LEFT JOIN rejected AS r USING (source_file)
ORDER BY f.file_id;
