-- Per outlet and day of forecast_dates (on_date): its stories so far as original source (relays
-- credited to it), and how many had materialised, had not, or were pending as known that day.
-- Pending stories are counted apart, never as failures (SPEC 10). settled_stories are those whose
-- horizon had closed (every miss is one; a hit may come before the close), and
-- settled_materialised the hits among them: what a hit rate can rest on without favouring hits,
-- which are known as they happen, over misses, known only when the horizon closes.
WITH judged AS (
    SELECT
        d.on_date,
        s.source AS outlet,
        outcome_on(d.on_date, s.judged_outcome, s.first_hit_known, s.horizon_closes) AS outcome,
        d.on_date > s.horizon_closes AS settled
    FROM forecast_dates AS d
    JOIN forecast_stories AS s ON s.reported_on <= d.on_date
    WHERE s.is_pursuit
)
SELECT
    on_date,
    outlet,
    count(*) AS stories,
    count(*) FILTER (WHERE outcome = 'materialised') AS materialised,
    count(*) FILTER (WHERE outcome = 'not materialised') AS not_materialised,
    count(*) FILTER (WHERE outcome = 'pending') AS pending,
    count(*) FILTER (WHERE settled) AS settled_stories,
    count(*) FILTER (WHERE settled AND outcome = 'materialised') AS settled_materialised
FROM judged
GROUP BY on_date, outlet
ORDER BY on_date, outlet;
