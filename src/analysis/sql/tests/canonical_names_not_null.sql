-- The names a row needs are there (a row without one is rejected, never stored with a null).
-- transfers.to_club may be null only for a move to no club ('Without Club', 'Retired').
-- Bad rows: the stored rows missing one.
SELECT 'rumours' AS in_table, source_file, line_number, 'player, interested_club or source' AS missing
FROM rumours
WHERE player IS NULL OR interested_club IS NULL OR source IS NULL
UNION ALL
SELECT 'contracts', source_file, line_number, 'player or club'
FROM contracts
WHERE player IS NULL OR club IS NULL
UNION ALL
SELECT 'transfers', source_file, line_number, 'player'
FROM transfers
WHERE player IS NULL
UNION ALL
SELECT 'transfers', t.source_file, t.line_number, 'to_club (not a name for no club)'
FROM transfers AS t
JOIN ingest_file_list AS f ON f.source_file = t.source_file
JOIN stg_transfers AS s ON s.file_id = f.file_id AND s.line_number = t.line_number
WHERE t.to_club IS NULL AND NOT coalesce(club_is_none(s.to_written), FALSE);
