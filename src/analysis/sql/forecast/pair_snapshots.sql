-- Each suitor-player pair with interest on each day of forecast_dates (its latest story at most
-- $interest_days old; never a club and its own player), with what was known about it that day,
-- the features of SPEC 10's move probability, and, to learn from, the first day a move of the
-- player to the suitor within that day's horizon became known (null: none known by $known_by).
-- forecast_reliability (on_date, outlet, hit_rate, evidence) holds each outlet's learned
-- reliability as known on each of those days; forecast_pair_pools (pair_pools.sql) each pair's pool
-- ('' for none) from each day on: a pair learns only from pairs of its own pool.
CREATE OR REPLACE TEMP TABLE forecast_pairs AS
WITH stage_orders AS (
    SELECT
        max(stage_order) FILTER (WHERE stage = 'interest') AS interest,
        max(stage_order) FILTER (WHERE stage = 'approach') AS approach,
        max(stage_order) FILTER (WHERE stage = 'bid') AS bid,
        max(stage_order) FILTER (WHERE stage = 'negotiating') AS negotiating,
        max(stage_order) FILTER (WHERE stage = 'agreed') AS agreed
    FROM ref_stage_weights
),
learned AS (
    SELECT rel.on_date, o.outlet_id, rel.hit_rate, rel.evidence
    FROM forecast_reliability AS rel
    JOIN (SELECT DISTINCT outlet_id, source FROM forecast_stories) AS o ON o.source = rel.outlet
),
recent AS (
    SELECT
        d.on_date,
        s.pair_id,
        s.reported_on,
        s.outlet_id,
        coalesce(s.stage_order, o.interest) AS stage_order,  -- no stage: interest
        s.stage IN ('ruled_out', 'denied') AS calls_off,
        s.stage = 'bid_rejected' AS is_rejection,
        s.weight,
        s.line_number
    FROM forecast_dates AS d
    JOIN forecast_stories AS s ON s.reported_on <= d.on_date AND s.reported_on > d.on_date - $history_days
    CROSS JOIN stage_orders AS o
    WHERE s.is_pursuit
),
scored AS (
    SELECT r.*, coalesce(l.evidence, 0.0) AS evidence, l.hit_rate
    FROM recent AS r
    LEFT JOIN learned AS l ON l.on_date = r.on_date AND l.outlet_id = r.outlet_id
),
-- float sums are compensated (fsum): a plain sum adds in whatever order DuckDB's threads finish, so
-- its last bits (and every probability fitted on it) changed from run to run of one backtest
aggregated AS (
    SELECT
        on_date,
        pair_id,
        fsum(weight * pow(0.5, (on_date - reported_on) / $half_life_days)) AS intensity,
        coalesce(
            fsum(weight * pow(0.5, (on_date - $trend_days - reported_on) / $half_life_days))
                FILTER (WHERE reported_on <= on_date - $trend_days),
            0.0
        ) AS intensity_before,
        max(stage_order) FILTER (WHERE NOT coalesce(calls_off, FALSE)) AS furthest_stage_order,
        coalesce(bool_or(is_rejection), FALSE) AS bid_rejected,
        -- the latest story (of a day's several, the one further down its file) calls the chase off
        coalesce(arg_max(calls_off, (reported_on - DATE '1970-01-01') * 100000000 + line_number), FALSE) AS called_off,
        count(*) AS stories,
        count(DISTINCT outlet_id) AS outlets,
        fsum(evidence) AS outlet_evidence,
        fsum(hit_rate) / count(hit_rate) AS mean_outlet_hit_rate,
        max(reported_on) AS last_reported_on
    FROM scored
    GROUP BY on_date, pair_id
    HAVING max(reported_on) > on_date - $interest_days
),
pairs AS (
    SELECT a.*, names.player, names.interested_club
    FROM aggregated AS a
    JOIN (SELECT DISTINCT pair_id, player, interested_club FROM forecast_stories) AS names USING (pair_id)
),
-- the player's contract and his latest known move on the day: his club is the later evidence
-- (a contract only while it runs), SPEC 3
held AS (
    SELECT p.*, c.club AS contract_club, c.contract_expires, c.market_value_eur, c.held_from
    FROM pairs AS p
    ASOF LEFT JOIN forecast_contracts AS c ON c.player = p.player AND p.on_date >= c.held_from
),
placed AS (
    SELECT
        h.*,
        CASE
            WHEN m.known_on IS NOT NULL AND m.known_on >= coalesce(h.held_from, DATE '1900-01-01') THEN m.to_club
            WHEN h.contract_expires >= h.on_date THEN h.contract_club
        END AS player_club
    FROM held AS h
    ASOF LEFT JOIN forecast_moves AS m ON m.player = h.player AND h.on_date >= m.known_on
),
chased AS (
    SELECT
        *,
        count(*) OVER same_player - 1 AS rivals,
        intensity / nullif(fsum(intensity) OVER same_player, 0) AS intensity_share
    FROM placed
    WHERE interested_club IS DISTINCT FROM player_club
    WINDOW same_player AS (PARTITION BY on_date, player)
),
horizon AS (
    SELECT * FROM horizons('forecast_dates', $horizon_windows)
),
-- the time a move can still happen in: days inside transfer windows from the day to its horizon's close
window_time AS (
    SELECT
        h.on_date,
        sum(greatest(0, least(w.closes_on, h.horizon_closes) - greatest(w.opens_on, h.on_date) + 1)) AS window_days_ahead,
        bool_or(h.on_date BETWEEN w.opens_on AND w.closes_on) AS in_window
    FROM horizon AS h
    JOIN forecast_windows AS w ON w.closes_on >= h.on_date AND w.opens_on <= h.horizon_closes
    GROUP BY h.on_date
),
hits AS (
    SELECT c.on_date, c.player, c.interested_club, min(m.known_on) AS first_hit_known
    FROM chased AS c
    JOIN horizon AS h USING (on_date)
    JOIN forecast_moves AS m
        ON m.player = c.player AND m.to_club = c.interested_club
       AND m.move_day BETWEEN c.on_date AND h.horizon_closes AND m.known_on > c.on_date
    GROUP BY c.on_date, c.player, c.interested_club
)
SELECT
    c.on_date,
    c.player,
    c.interested_club,
    c.player_club,
    c.intensity,
    c.intensity_before,
    coalesce(c.intensity_share, 0.0) AS intensity_share,
    c.rivals,
    furthest.stage AS furthest_stage,
    coalesce(c.furthest_stage_order >= o.approach, FALSE) AS reached_approach,
    coalesce(c.furthest_stage_order >= o.bid, FALSE) AS reached_bid,
    coalesce(c.furthest_stage_order >= o.negotiating, FALSE) AS reached_negotiating,
    coalesce(c.furthest_stage_order >= o.agreed, FALSE) AS reached_agreed,
    c.bid_rejected,
    c.called_off,
    c.stories,
    c.outlets,
    c.outlet_evidence,
    c.mean_outlet_hit_rate,
    c.last_reported_on,
    c.on_date - c.last_reported_on AS days_since_last_story,
    c.contract_expires >= c.on_date AS under_contract,
    CASE WHEN c.contract_expires >= c.on_date THEN c.contract_expires - c.on_date END AS days_remaining,
    coalesce(c.contract_expires >= c.on_date AND c.contract_expires <= h.horizon_closes, FALSE) AS expires_in_horizon,
    c.market_value_eur,
    coalesce(t.in_window, FALSE) AS in_window,
    coalesce(t.window_days_ahead, 0) AS window_days_ahead,
    h.horizon_closes - c.on_date AS days_to_horizon_close,
    h.horizon_closes,
    h.horizon_label,
    hits.first_hit_known,
    coalesce(pools.pool, '') AS pool
FROM chased AS c
CROSS JOIN stage_orders AS o
LEFT JOIN ref_stage_weights AS furthest ON furthest.stage_order = c.furthest_stage_order
LEFT JOIN horizon AS h USING (on_date)
LEFT JOIN window_time AS t USING (on_date)
LEFT JOIN hits USING (on_date, player, interested_club)
-- the pair's pool as it stood on the day: a later report under another dataset never moves it
ASOF LEFT JOIN forecast_pair_pools AS pools
    ON pools.player = c.player AND pools.interested_club = c.interested_club AND c.on_date >= pools.pool_from;
