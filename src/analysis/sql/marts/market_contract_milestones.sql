-- Contracts held on $as_of (contracts_held) that entered their final year or their pre-contract window after
-- $since and on or before $as_of, with the strongest suitor on $as_of. A contract entering both
-- (a short one) is listed once per milestone.
WITH held AS (
    SELECT *, final_year_start(contract_expires) AS final_year_on,
           pre_contract_window_start(contract_expires) AS pre_contract_on
    FROM contracts_held($as_of)
    WHERE $scope IS NULL OR list_contains($scope, club)
),
milestones AS (
    SELECT *, 'pre-contract window' AS milestone, pre_contract_on AS entered_on FROM held
    WHERE pre_contract_on > $since AND pre_contract_on <= $as_of
    UNION ALL
    SELECT *, 'final year' AS milestone, final_year_on AS entered_on FROM held
    WHERE final_year_on > $since AND final_year_on <= $as_of
)
SELECT
    m.entered_on,
    m.player,
    m.club,
    m.milestone,
    m.contract_expires,
    datediff('day', $as_of, m.contract_expires) AS days_remaining,
    m.market_value_eur,
    t.top_suitor,
    t.top_suitor_intensity
FROM milestones AS m
LEFT JOIN top_suitors('market_chasing', $as_of, $floor) AS t USING (player)
ORDER BY m.entered_on DESC, m.milestone, m.market_value_eur DESC NULLS LAST, m.player;
