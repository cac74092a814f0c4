-- Contracts in the focus on $as_of: the club's ($club: those that make players its own that day,
-- contracts_held), or the one player's ($player: his contract state, whatever it is). How long
-- each has left, where it stands (SPEC section 8), and who is chasing the player hardest; the
-- focus's stories hold every report about those players, so a player focus gives the same row
-- as his club's. Expired contracts appear only with $include_expired: for a club, those of its
-- players who have no club since.
WITH held AS (
    SELECT * FROM contracts_held($as_of) WHERE club = $club
    UNION ALL BY NAME
    SELECT k.*
    FROM contracts_as_of($as_of) AS k
    LEFT JOIN club_on($as_of) AS now USING (player)
    WHERE k.player = $player
       OR ($include_expired AND k.club = $club AND k.contract_expires < $as_of AND now.club IS NULL)
),
dated AS (
    SELECT
        *,
        pre_contract_window_start(contract_expires) AS pre_contract_window_start,
        final_year_start(contract_expires) AS final_year_start
    FROM held
),
talks AS (
    SELECT e.player, count(*) AS renewal_talks, max(e.reported_on) AS last_renewal_talk_on
    FROM focus_events AS e
    JOIN held AS h ON h.player = e.player AND e.interested_club = h.club
    WHERE e.is_renewal_talk
    GROUP BY e.player
)
SELECT
    d.player,
    d.club,
    d.position,
    d.date_of_birth,
    age_in_years(d.date_of_birth, $as_of) AS age_years,
    d.contract_expires,
    nullif(d.recorded_on, DATE '1900-01-01') AS recorded_on,  -- none given: held from the far past, shown as none
    datediff('day', $as_of, d.contract_expires) AS days_remaining,
    CASE
        WHEN $as_of > d.contract_expires THEN 'expired'
        WHEN $as_of >= d.pre_contract_window_start THEN 'pre-contract window'
        WHEN $as_of >= d.final_year_start THEN 'final year'
        ELSE 'secure'
    END AS expiry_status,
    d.pre_contract_window_start,
    d.final_year_start,
    d.market_value_eur,
    d.option_until,
    t.top_suitor,
    t.top_suitor_intensity,
    coalesce(k.renewal_talks, 0) AS renewal_talks,
    k.last_renewal_talk_on
FROM dated AS d
LEFT JOIN top_suitors('focus_chasing', $as_of, $floor) AS t USING (player)
LEFT JOIN talks AS k USING (player)
WHERE $include_expired OR d.contract_expires >= $as_of
ORDER BY d.contract_expires, d.player;
