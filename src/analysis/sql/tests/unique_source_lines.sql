-- A line of a file is one record: (source_file, line_number) at most once per table, and never both
-- kept and rejected. Bad rows: the lines found twice.
WITH located AS (
    SELECT 'rumours' AS in_table, source_file, line_number FROM rumours
    UNION ALL SELECT 'contracts', source_file, line_number FROM contracts
    UNION ALL SELECT 'transfers', source_file, line_number FROM transfers
    UNION ALL SELECT 'rejected_rows', source_file, line_number FROM rejected_rows
),
twice_in_a_table AS (
    SELECT in_table, source_file, line_number, count(*) AS times
    FROM located
    GROUP BY ALL
    HAVING count(*) > 1
),
kept_and_rejected AS (
    SELECT 'kept and rejected' AS in_table, k.source_file, k.line_number, 2 AS times
    FROM located AS k
    JOIN located AS r ON r.in_table = 'rejected_rows' AND k.source_file = r.source_file AND k.line_number = r.line_number
    WHERE k.in_table <> 'rejected_rows'
)
SELECT * FROM twice_in_a_table
UNION ALL
SELECT * FROM kept_and_rejected;
