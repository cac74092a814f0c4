-- A contract record whose club differs from the player's previous record is a completed move too,
-- known from its recorded_on (SPEC 9; evidence 'contracts', from the record's file and line). Not
-- when a transfer file already has that move (same player and club, known within half a year), nor
-- for records without a real recorded_on (the far past says nothing of when he moved). A contract
-- says nothing of loans or fees: is_loan false, no fee.
INSERT INTO transfers BY NAME
WITH records AS (
    SELECT
        player, club, recorded_on, source_file, line_number,
        lag(club) OVER by_time AS previous_club,
        lag(recorded_on) OVER by_time AS previous_recorded_on
    FROM contracts
    WINDOW by_time AS (
        PARTITION BY player ORDER BY coalesce(recorded_on, DATE '1900-01-01'), source_file, line_number
    )
),
moved AS (
    SELECT *
    FROM records
    WHERE previous_club IS NOT NULL
      AND club IS DISTINCT FROM previous_club
      AND recorded_on > DATE '1900-01-01'
      AND recorded_on > coalesce(previous_recorded_on, DATE '1900-01-01')
)
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
WHERE NOT EXISTS (
    SELECT 1
    FROM transfers AS t
    WHERE t.evidence = 'transfers'
      AND t.player = m.player
      AND t.to_club = m.club
      AND t.known_on BETWEEN m.recorded_on - INTERVAL 183 DAY AND m.recorded_on + INTERVAL 183 DAY
);

-- The transfer windows of every season the data touches, and three either side (SPEC 9).
CREATE TABLE transfer_windows AS
WITH touched AS (
    SELECT year(reported_on) AS y FROM rumours
    UNION ALL SELECT year(recorded_on) FROM contracts WHERE recorded_on > DATE '1900-01-01'
    UNION ALL SELECT year(contract_expires) FROM contracts
    UNION ALL SELECT year(known_on) FROM transfers
),
span AS (
    SELECT
        coalesce(min(y), year(current_date)) - 3 AS first_year,
        coalesce(max(y), year(current_date)) + 3 AS last_year
    FROM touched
    WHERE y BETWEEN 1900 AND 2100
)
SELECT window_label, season_start_year, "window", opens_on, closes_on
FROM stg_transfer_windows
WHERE season_start_year BETWEEN (SELECT first_year FROM span) AND (SELECT last_year FROM span)
ORDER BY opens_on;
