-- Contracts of $club on $as_of: how long each has left, where it stands (SPEC section 8), and who
-- is chasing the player hardest. Expired contracts appear only with $include_expired.
WITH held AS (
    SELECT * FROM contracts_as_of($as_of) WHERE club = $club
),
dated AS (
    SELECT
        *,
        CAST(contract_expires + INTERVAL 1 DAY - INTERVAL 6 MONTH AS DATE) AS pre_contract_window_start,
        CAST(contract_expires + INTERVAL 1 DAY - INTERVAL 12 MONTH AS DATE) AS final_year_start
    FROM held
),
suitors AS (
    SELECT player, interested_club, intensity
    FROM intensity_on('focus_events', $as_of, $half_life_days)
    WHERE interested_club <> $club
),
top_suitor AS (
    SELECT player, arg_max(interested_club, intensity) AS top_suitor, max(intensity) AS top_suitor_intensity
    FROM suitors
    GROUP BY player
),
talks AS (
    SELECT player, count(*) AS renewal_talks, max(reported_on) AS last_renewal_talk_on
    FROM focus_events
    WHERE is_renewal_talk AND interested_club = $club
    GROUP BY player
)
SELECT
    d.player,
    d.club,
    d.position,
    d.date_of_birth,
    datediff('day', d.date_of_birth, $as_of) / 365.25 AS age_years,
    d.contract_expires,
    d.recorded_on,
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
LEFT JOIN top_suitor AS t USING (player)
LEFT JOIN talks AS k USING (player)
WHERE $include_expired OR d.contract_expires >= $as_of
ORDER BY d.contract_expires, d.player;
