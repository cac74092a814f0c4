-- Every record of every file in exactly one place (SPEC 5): rows_read = accepted + rejected +
-- duplicates, and the tables hold what the counts say. Bad rows: files whose numbers disagree.
WITH stored AS (
    SELECT source_file, count(*) AS n FROM rumours GROUP BY ALL
    UNION ALL SELECT source_file, count(*) FROM contracts GROUP BY ALL
    UNION ALL SELECT source_file, count(*) FROM transfers WHERE evidence = 'transfers' GROUP BY ALL
),
listed AS (
    SELECT source_file, count(*) AS n FROM rejected_rows GROUP BY ALL
)
SELECT
    f.source_file, f.rows_read, f.accepted, f.rejected, f.duplicates,
    coalesce(s.n, 0) AS rows_in_table, coalesce(l.n, 0) AS rows_in_rejected_rows
FROM ingest_files AS f
LEFT JOIN stored AS s USING (source_file)
LEFT JOIN listed AS l USING (source_file)
WHERE f.rows_read <> f.accepted + f.rejected + f.duplicates
   OR f.accepted <> coalesce(s.n, 0)
   OR f.rejected <> coalesce(l.n, 0)
   OR f.mirrored > f.duplicates;
