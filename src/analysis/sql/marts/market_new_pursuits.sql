-- Pursuits that began after $since: suitor-player pairs whose chase (renewal talks never count)
-- began after $since and on or before $as_of, with how far it has gone and how strong it is on
-- $as_of. A chase begins with the pair's first story, or, after the player joined the suitor, with
-- the first outside story since (market_completions' chase_resumed_on: a new chase, its stories
-- alone counted here); one that already ended with the player joining the suitor (chasing_on) is a
-- completed move, not a pursuit. Strongest first.
WITH chase_start AS (
    SELECT player, interested_club, max(chase_resumed_on) AS began_on
    FROM market_completions
    GROUP BY player, interested_club
),
pairs AS (
    SELECT
        e.player,
        e.interested_club,
        min(e.reported_on) AS first_reported_on,
        count(*) AS stories,
        arg_max(e.stage, coalesce(e.stage_order, -1)) AS furthest_stage,
        string_agg(DISTINCT e.source, ', ' ORDER BY e.source) AS sources
    FROM market_events AS e
    LEFT JOIN chase_start AS c USING (player, interested_club)
    WHERE NOT e.is_renewal_talk AND (c.began_on IS NULL OR e.reported_on >= c.began_on)
    GROUP BY e.player, e.interested_club
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
JOIN market_chasing AS i USING (player, interested_club)
LEFT JOIN market_roster AS r USING (player)
WHERE p.first_reported_on > $since
ORDER BY i.intensity DESC, p.first_reported_on DESC, p.player, p.interested_club;
