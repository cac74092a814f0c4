-- Contracts held on $as_of (contracts_held) that entered their final year or their pre-contract window after
-- $since and on or before $as_of, or were renewed then, with the strongest suitor on $as_of. A
-- contract entering both (a short one) is listed once per milestone.
WITH held AS (
    SELECT *, final_year_start(contract_expires) AS final_year_on,
           pre_contract_window_start(contract_expires) AS pre_contract_on
    FROM contracts_held($as_of)
    WHERE $scope IS NULL OR list_contains($scope, club)
),
-- each player's contract as each recording day left it (of one day's records the later file and line,
-- as contracts_as_of), and as the day before left it
day_states AS (
    SELECT *, lag(club) OVER by_day AS club_before, lag(contract_expires) OVER by_day AS expires_before
    FROM (
        SELECT player, coalesce(recorded_on, DATE '1900-01-01') AS recorded_on, club, contract_expires
        FROM contracts
        QUALIFY row_number() OVER (
            PARTITION BY player, coalesce(recorded_on, DATE '1900-01-01') ORDER BY source_file DESC, line_number DESC
        ) = 1
    )
    WINDOW by_day AS (PARTITION BY player ORDER BY recorded_on)
),
-- a renewal: the held contract was recorded in the window, with the club he already had a contract
-- with, running longer than that one did (a record repeated with the same end is no news)
renewed AS (
    SELECT h.*, 'renewed' AS milestone, h.recorded_on AS entered_on, d.expires_before
    FROM held AS h
    JOIN day_states AS d ON d.player = h.player AND d.recorded_on = h.recorded_on
    WHERE h.recorded_on > $since AND h.recorded_on <= $as_of
      AND d.club_before = h.club AND d.expires_before < h.contract_expires
),
milestones AS (
    SELECT *, 'pre-contract window' AS milestone, pre_contract_on AS entered_on, NULL::DATE AS expires_before
    FROM held
    WHERE pre_contract_on > $since AND pre_contract_on <= $as_of
    UNION ALL
    SELECT *, 'final year' AS milestone, final_year_on AS entered_on, NULL::DATE FROM held
    WHERE final_year_on > $since AND final_year_on <= $as_of
    UNION ALL BY NAME
    SELECT * FROM renewed
)
SELECT
    m.entered_on,
    m.player,
    m.club,
    m.milestone,
    m.contract_expires,
    m.expires_before AS contract_expires_before,  -- a renewal's previous end; null for the others
    datediff('day', $as_of, m.contract_expires) AS days_remaining,
    m.market_value_eur,
    t.top_suitor,
    t.top_suitor_intensity
FROM milestones AS m
LEFT JOIN top_suitors('market_chasing', $as_of, $floor) AS t USING (player)
ORDER BY m.entered_on DESC, m.milestone, m.market_value_eur DESC NULLS LAST, m.player;
