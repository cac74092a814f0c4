-- Published completed moves from transfer files (evidence 'transfers'), each move once, names
-- canonical, fees in euros. Verdict columns as in 50_rumours.sql, removed by 90_finalise.sql; moves
-- known from contract records are added by 92_contract_moves.sql.
CREATE TABLE transfers AS
SELECT
    s.player_canonical AS player,
    nullif(trim(s.player_id), '') AS player_id,
    s.from_club_canonical AS from_club,
    s.to_club_canonical AS to_club,  -- null: a move to no club ('Without Club', 'Retired')
    s.transfer_day AS transfer_date,
    s.window_label,
    s.known_on,
    s.fee AS fee_as_written,
    s.fee_currency,
    s.fee_eur,
    s.loan_move AS is_loan,
    s.loan_return,
    'transfers' AS evidence,
    f.source_file,
    -- line_number, then the raw files' unknown columns (landed as x__<name>) under their own names
    COLUMNS('^(line_number)$|^x__(.+)$') AS '\1\2',
    s.reject_reason AS _reject_reason,
    s.warning AS _warning,
    s.is_duplicate AS _is_duplicate,
    s.is_mirrored AS _is_mirrored
FROM stg_transfers AS s
JOIN ingest_file_list AS f USING (file_id);
