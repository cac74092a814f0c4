-- Published completed moves, each once, names canonical, fees in euros (SPEC 9):
--   evidence 'transfers': a row of a transfer file;
--   evidence 'contracts': a contract record whose club differs from the player's previous record
--     (contract_club_changes; not one club written two ways, a warning instead), known from its
--     recorded_on (from the record's file and line). Not when a transfer file has that move (same
--     player and club, known since the previous record or within half a year of this one: a squad
--     export taken months after a January move is that move; the listing is then known from the
--     record's recorded_on when that is earlier, so a listing dated after a squad export that already
--     had him at the club never makes the move unknown until its date), nor for a record without a real
--     recorded_on (the far past says nothing of when he moved). A contract says nothing of loans or
--     fees: is_loan false, no fee.
CREATE TABLE transfers AS
WITH listed AS (
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
        COLUMNS('^(line_number)$|^x__(.+)$') AS '\1\2'
    FROM stg_transfers AS s
    JOIN ingest_file_list AS f USING (file_id)
    WHERE s.reject_reason IS NULL AND NOT s.is_duplicate
),
moved AS (
    SELECT *
    FROM contract_club_changes
    WHERE NOT respelled
      AND recorded_on > DATE '1900-01-01'
      AND recorded_on > coalesce(previous_recorded_on, DATE '1900-01-01')
),
-- a listing's move is the move of these records: the same player and club, the listing known since
-- the previous record (which had him elsewhere) or within half a year of this one
shown_by_record AS (
    SELECT t.source_file, t.line_number, m.recorded_on, m.player, m.club, m.source_file AS record_file,
           m.line_number AS record_line
    FROM listed AS t
    JOIN moved AS m
        ON t.player = m.player AND t.to_club = m.club
       AND t.known_on BETWEEN least(m.recorded_on - INTERVAL 183 DAY, coalesce(m.previous_recorded_on, m.recorded_on))
           AND m.recorded_on + INTERVAL 183 DAY
),
from_contracts AS (
    SELECT
        m.player,
        CASE WHEN NOT club_is_none(m.previous_club) THEN m.previous_club END AS from_club,
        CASE WHEN NOT club_is_none(m.club) THEN m.club END AS to_club,
        NULL::DATE AS transfer_date,
        around.window_label,
        m.recorded_on AS known_on,
        FALSE AS is_loan,
        FALSE AS loan_return,
        'contracts' AS evidence,
        m.source_file,
        m.line_number
    FROM moved AS m
    ASOF LEFT JOIN stg_transfer_windows AS around ON m.recorded_on <= around.closes_on
    ANTI JOIN shown_by_record AS shown ON shown.record_file = m.source_file AND shown.record_line = m.line_number
),
first_shown AS (
    SELECT source_file, line_number, min(recorded_on) AS recorded_on
    FROM shown_by_record
    GROUP BY source_file, line_number
)
SELECT t.* REPLACE (least(t.known_on, shown.recorded_on) AS known_on)
FROM listed AS t
LEFT JOIN first_shown AS shown USING (source_file, line_number)
UNION ALL BY NAME
SELECT * FROM from_contracts;
