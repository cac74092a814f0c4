-- How each pursuit's intensity changed from $since to $as_of (SPEC 11, movers.csv): every pair
-- with interest on either day above $floor (a chase decayed to nothing is not a mover), each day
-- leaving out the pairs whose pursuit was a completed move by then (chasing_on). Biggest
-- risers first, biggest fallers last.
WITH now AS (
    SELECT player, interested_club, intensity, last_reported_on
    FROM market_chasing
),
before AS (
    SELECT player, interested_club, intensity
    FROM chasing_on('market_events', 'market_completions_since', $since, $half_life_days)
)
SELECT
    n.player,
    n.interested_club,
    n.intensity,
    coalesce(b.intensity, 0) AS intensity_before,
    n.intensity - coalesce(b.intensity, 0) AS change,
    r.club AS player_club,
    n.last_reported_on
FROM now AS n
LEFT JOIN before AS b USING (player, interested_club)
LEFT JOIN market_roster AS r USING (player)
WHERE greatest(n.intensity, coalesce(b.intensity, 0)) >= $floor
ORDER BY change DESC, n.player, n.interested_club;
