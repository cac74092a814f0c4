-- Point-in-time building blocks for every mart, as temp table macros on a read-only connection
-- (analysis never writes the warehouse). Every one takes as_of and sees only what was reported or
-- recorded by then: a January report never shows an April renewal.

-- The state of each player's contract on as_of: his latest record with recorded_on <= as_of
-- (SPEC section 3); on a tie, the later file and line wins.
CREATE OR REPLACE TEMP MACRO contracts_as_of(as_of) AS TABLE
SELECT *
FROM contracts
WHERE coalesce(recorded_on, DATE '1900-01-01') <= as_of
QUALIFY row_number() OVER (
    PARTITION BY player
    ORDER BY coalesce(recorded_on, DATE '1900-01-01') DESC, source_file DESC, line_number DESC
) = 1;

-- Who plays for whom on as_of: the contract holder, or for a player with no contract on record,
-- the club his latest report up to as_of names.
CREATE OR REPLACE TEMP MACRO roster_as_of(as_of) AS TABLE
SELECT player, club, TRUE AS under_contract FROM contracts_as_of(as_of)
UNION ALL
SELECT player, arg_max(player_club, reported_on) AS club, FALSE AS under_contract
FROM rumours
WHERE reported_on <= as_of AND player_club IS NOT NULL
  AND player NOT IN (SELECT player FROM contracts WHERE coalesce(recorded_on, DATE '1900-01-01') <= as_of)
GROUP BY player;

-- Reports known on as_of, one row per story: the same story relayed (same day, player, club,
-- original source and stage; another via) is merged and counted once (SPEC section 8). Each story
-- carries its weights and whether it is a renewal talk: the suitor already held the player's
-- contract at the start of that day (or, with no contract known, is the club the report names).
-- Start of the day, so the report of a completed move is not mistaken for talks with the new club.
-- focus_club / focus_player (either may be null) keep only the reports a question needs: those
-- about the club's players on as_of (roster: a table of roster_as_of(as_of)) and those of the club
-- chasing others, or one player's. outlet_names / outlet_weights (optional) weigh those outlets by
-- their own weight instead of their tier's (source_weights='learned': each outlet's hit rate).
CREATE OR REPLACE TEMP MACRO report_events(
    as_of, roster, focus_club, focus_player, stage_names, stage_weights, tiers, tier_weights, unknown_tier, min_source_tier,
    outlet_names := NULL, outlet_weights := NULL
) AS TABLE
WITH known AS (
    SELECT *, (via IS NOT NULL)::BIGINT * 1000000000000 + line_number AS original_first
    FROM rumours
    WHERE reported_on <= as_of
      AND (focus_player IS NULL OR player = focus_player)
      AND (
          focus_club IS NULL
          OR interested_club = focus_club
          OR player IN (SELECT player FROM query_table(roster) WHERE club = focus_club)
      )
),
stories AS (
    SELECT
        reported_on,
        player,
        interested_club,
        source,
        stage,
        min(reported_at) AS reported_at,
        -- the original report speaks for the story: the row without a via, else the first relay
        arg_min(player_club, original_first) AS player_club_as_written,
        string_agg(DISTINCT via, ', ' ORDER BY via) AS via,
        count(via) AS relays,
        max(fee_eur) AS fee_eur,
        arg_min(fee_as_written, original_first) AS fee_as_written,
        arg_min(headline, original_first) AS headline,
        arg_min(url, original_first) AS url,
        any_value(source_tier) AS source_tier,
        min(source_file) AS source_file,
        min(line_number) AS line_number
    FROM known
    GROUP BY reported_on, player, interested_club, source, stage
),
stage_weight AS (
    SELECT unnest(stage_names) AS stage, unnest(stage_weights) AS stage_weight
),
source_weight AS (
    SELECT unnest(tiers) AS tier, unnest(tier_weights) AS source_weight
),
outlet_weight AS (
    SELECT CAST(unnest(outlet_names) AS VARCHAR) AS outlet, CAST(unnest(outlet_weights) AS DOUBLE) AS source_weight
),
owned AS (
    SELECT s.*, holder.club AS contract_club
    FROM stories AS s
    ASOF LEFT JOIN contracts AS holder
        ON holder.player = s.player AND s.reported_on > coalesce(holder.recorded_on, DATE '1900-01-01')
)
SELECT
    o.reported_on,
    o.reported_at,
    o.player,
    o.interested_club,
    coalesce(o.contract_club, o.player_club_as_written) AS player_club,
    o.source,
    o.source_tier,
    o.via,
    o.relays,
    o.stage,
    order_of.stage_order,
    o.fee_eur,
    o.fee_as_written,
    o.headline,
    o.url,
    coalesce(sw.stage_weight, default_stage.stage_weight) AS stage_weight,
    coalesce(ow.source_weight, tw.source_weight) AS source_weight,
    coalesce(sw.stage_weight, default_stage.stage_weight) * coalesce(ow.source_weight, tw.source_weight) AS weight,
    o.interested_club = coalesce(o.contract_club, o.player_club_as_written) AS is_renewal_talk,
    o.source_file,
    o.line_number
FROM owned AS o
LEFT JOIN stage_weight AS sw ON sw.stage = o.stage
CROSS JOIN (SELECT stage_weight FROM stage_weight WHERE stage = 'interest') AS default_stage  -- no stage: interest
LEFT JOIN ref_stage_weights AS order_of ON order_of.stage = o.stage
JOIN source_weight AS tw ON tw.tier = coalesce(o.source_tier, unknown_tier)
LEFT JOIN outlet_weight AS ow ON ow.outlet = o.source
WHERE coalesce(o.source_tier, unknown_tier) <= min_source_tier;

-- The suitor-player pairs of a set of stories that intensity counts (renewal talks never do),
-- numbered so the daily series can carry a small integer instead of two names per row.
CREATE OR REPLACE TEMP MACRO intensity_pairs(events) AS TABLE
SELECT
    row_number() OVER (ORDER BY player, interested_club) - 1 AS pair_id,
    player,
    interested_club,
    min(reported_on) AS first_day
FROM query_table(events)
WHERE NOT is_renewal_talk
GROUP BY player, interested_club;

-- Interest intensity of each pair on each day from start_date (or its first report) to as_of:
-- sum of weight x 0.5 ^ (age in days / half-life) over stories up to that day (SPEC section 8).
-- Computed as a running sum of weight x 2 ^ ((day - start) / h), scaled back by
-- 0.5 ^ ((date - start) / h): one pass per pair instead of one per pair and day.
CREATE OR REPLACE TEMP MACRO intensity_daily(events, pairs, start_date, as_of, half_life_days) AS TABLE
WITH per_day AS (
    SELECT p.pair_id, e.reported_on AS day, sum(e.weight) AS weight, count(*) AS stories
    FROM query_table(events) AS e
    JOIN query_table(pairs) AS p USING (player, interested_club)
    WHERE NOT e.is_renewal_talk
    GROUP BY p.pair_id, e.reported_on
),
running AS (
    SELECT
        pair_id,
        day,
        sum(weight * pow(2.0, (day - start_date) / half_life_days)) OVER pair_so_far AS scaled_sum,
        CAST(sum(stories) OVER pair_so_far AS BIGINT) AS reports_to_date
    FROM per_day
    WINDOW pair_so_far AS (PARTITION BY pair_id ORDER BY day ROWS UNBOUNDED PRECEDING)
),
days AS (
    SELECT pair_id, unnest(generate_series(greatest(first_day, start_date), as_of, INTERVAL 1 DAY))::DATE AS date
    FROM query_table(pairs)
)
SELECT
    d.pair_id,
    d.date,
    r.scaled_sum * pow(0.5, (d.date - start_date) / half_life_days) AS intensity,
    r.reports_to_date
FROM days AS d
ASOF JOIN running AS r ON r.pair_id = d.pair_id AND d.date >= r.day;

-- Intensity of every pair on one day only (for top suitors and heatmaps): no daily series needed.
CREATE OR REPLACE TEMP MACRO intensity_on(events, on_date, half_life_days) AS TABLE
SELECT
    player,
    interested_club,
    sum(weight * pow(0.5, (on_date - reported_on) / half_life_days)) AS intensity,
    count(*) AS reports_to_date,
    max(reported_on) AS last_reported_on
FROM query_table(events)
WHERE NOT is_renewal_talk AND reported_on <= on_date
GROUP BY player, interested_club;

-- Who chases each player of a set of stories hardest on on_date: the suitor with the highest
-- intensity that is not the club holding his contract then.
CREATE OR REPLACE TEMP MACRO top_suitors(events, on_date, half_life_days) AS TABLE
SELECT s.player, arg_max(s.interested_club, s.intensity) AS top_suitor, max(s.intensity) AS top_suitor_intensity
FROM intensity_on(events, on_date, half_life_days) AS s
JOIN contracts_as_of(on_date) AS holder ON holder.player = s.player AND s.interested_club <> holder.club
GROUP BY s.player;

-- When a contract enters its final year and its pre-contract window (SPEC section 8): the last
-- twelve and six months before it ends (for a 30 June expiry: 1 July and 1 January).
CREATE OR REPLACE TEMP MACRO final_year_start(contract_expires) AS
    CAST(contract_expires + INTERVAL 1 DAY - INTERVAL 12 MONTH AS DATE);
CREATE OR REPLACE TEMP MACRO pre_contract_window_start(contract_expires) AS
    CAST(contract_expires + INTERVAL 1 DAY - INTERVAL 6 MONTH AS DATE);
