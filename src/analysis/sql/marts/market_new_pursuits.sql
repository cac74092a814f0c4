-- Pursuits that began after $since: suitor-player pairs whose first story (renewal talks never
-- count) is dated after $since and on or before $as_of, with how far each has gone and how
-- strong it is on $as_of. Strongest first.
WITH pairs AS (
    SELECT
        player,
        interested_club,
        min(reported_on) AS first_reported_on,
        count(*) AS stories,
        arg_max(stage, coalesce(stage_order, -1)) AS furthest_stage,
        string_agg(DISTINCT source, ', ' ORDER BY source) AS sources
    FROM market_events
    WHERE NOT is_renewal_talk
    GROUP BY player, interested_club
)
SELECT
    p.first_reported_on,
    p.player,
    r.club AS player_club,
    p.interested_club,
    p.furthest_stage,
    p.stories,
    p.sources,
    i.intensity
FROM pairs AS p
JOIN intensity_on('market_events', $as_of, $half_life_days) AS i USING (player, interested_club)
LEFT JOIN market_roster AS r USING (player)
WHERE p.first_reported_on > $since
ORDER BY i.intensity DESC, p.first_reported_on DESC, p.player, p.interested_club;
