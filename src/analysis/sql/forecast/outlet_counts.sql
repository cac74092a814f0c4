-- Per outlet and day of forecast_dates (on_date): its stories so far as original source (relays
-- credited to it), and how many had materialised, had not, or were pending as known that day.
-- Pending stories are counted apart, never as failures (SPEC 10). settled_stories are those whose
-- horizon had closed (every miss is one; a hit may come before the close), and
-- settled_materialised the hits among them: what a hit rate can rest on without favouring hits,
-- which are known as they happen, over misses, known only when the horizon closes.
-- Only stories that foretell a move count: a denial or a chase ruled out says the move will not
-- happen (its coming true is the move not happening), and a completed move reported is news, not a
-- forecast; neither says how often the outlet's rumours come true.
-- pool: the pool most of the outlet's stories belong to that day (each story in its pair's pool as
-- it stood that day, forecast_pair_pools); each pool's outlets get a prior of their own, so one
-- dataset's outlets never set another's, and a later dataset never moves an outlet's earlier days.
WITH predictive AS (
    SELECT s.*
    FROM forecast_stories AS s
    WHERE s.is_pursuit AND coalesce(s.stage, '') NOT IN ('ruled_out', 'denied', 'completed')
),
judged AS (
    SELECT
        d.on_date,
        s.source AS outlet,
        coalesce(p.pool, '') AS pool,
        outcome_on(d.on_date, s.judged_outcome, s.first_hit_known, s.horizon_closes) AS outcome,
        d.on_date > s.horizon_closes AS settled
    FROM forecast_dates AS d
    JOIN predictive AS s ON s.reported_on <= d.on_date
    ASOF LEFT JOIN forecast_pair_pools AS p
        ON p.player = s.player AND p.interested_club = s.interested_club AND d.on_date >= p.pool_from
),
outlet_pool AS (
    SELECT on_date, outlet, mode(pool ORDER BY pool) AS pool
    FROM judged
    GROUP BY on_date, outlet
)
SELECT
    j.on_date,
    j.outlet,
    o.pool,
    count(*) AS stories,
    count(*) FILTER (WHERE j.outcome = 'materialised') AS materialised,
    count(*) FILTER (WHERE j.outcome = 'not materialised') AS not_materialised,
    count(*) FILTER (WHERE j.outcome = 'pending') AS pending,
    count(*) FILTER (WHERE j.settled) AS settled_stories,
    count(*) FILTER (WHERE j.settled AND j.outcome = 'materialised') AS settled_materialised
FROM judged AS j
JOIN outlet_pool AS o USING (on_date, outlet)
GROUP BY j.on_date, j.outlet, o.pool
ORDER BY j.on_date, j.outlet;
