-- How far the warehouse's knowledge reaches: its first and newest report, newest completed move (one
-- known only by its window: from the window's opening) and dated contract record; and the contract
-- records behind one report on $as_of (the club's, $club, or the player's, $player: their contract
-- states that day), how many there are and the newest one's recorded_on.
-- A report as of a later day than all of this, or on contract data much older than its as-of date,
-- says so (analysis.report.views.data_warnings).
WITH behind AS (  -- the focus's contract states on $as_of (as contracts_as_of, without the session's macros)
    SELECT recorded_on
    FROM contracts
    WHERE coalesce(recorded_on, DATE '1900-01-01') <= $as_of
    QUALIFY row_number() OVER (
        PARTITION BY player ORDER BY coalesce(recorded_on, DATE '1900-01-01') DESC, source_file DESC, line_number DESC
    ) = 1 AND (club = $club OR player = $player)
)
SELECT
    (SELECT min(reported_on) FROM rumours) AS first_report_on,
    (SELECT max(reported_on) FROM rumours) AS newest_report_on,
    -- a move known only by its window is known from the window's close by convention, which says
    -- nothing of how far the data reaches: such a listing counts from the day its window opens
    (SELECT max(CASE WHEN t.transfer_date IS NOT NULL OR t.evidence = 'contracts' THEN t.known_on
                     ELSE coalesce(w.opens_on, t.known_on) END)
     FROM transfers AS t LEFT JOIN transfer_windows AS w USING (window_label)) AS newest_move_on,
    (SELECT max(recorded_on) FROM contracts WHERE recorded_on > DATE '1900-01-01') AS newest_contract_on,
    (SELECT count(*) FROM behind) AS contracts_behind,
    (SELECT count(*) FROM behind WHERE coalesce(recorded_on, DATE '1900-01-01') <= DATE '1900-01-01')
        AS undated_contracts_behind,
    (SELECT max(recorded_on) FROM behind WHERE recorded_on > DATE '1900-01-01') AS newest_contract_behind_on;
