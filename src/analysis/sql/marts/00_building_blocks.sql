-- Point-in-time building blocks for every mart, as temp table macros on a read-only connection
-- (analysis never writes the warehouse). Every one takes as_of and sees only what was reported or
-- recorded by then: a January report never shows an April renewal.

-- Age in years on a day: whole years as a birthday counts them, plus the share of the year since the
-- last birthday (days / 365.25 reads 20.9993 on a 21st birthday, which pages round down to 20).
CREATE OR REPLACE TEMP MACRO age_in_years(born, on_day) AS (
    date_sub('year', born, on_day)
    + datediff('day', born + to_years(date_sub('year', born, on_day)::INTEGER), on_day)
      / datediff('day', born + to_years(date_sub('year', born, on_day)::INTEGER),
                 born + to_years(date_sub('year', born, on_day)::INTEGER + 1))
);

-- A player's club on as_of (SPEC 3): the spell of player_clubs holding that day, decided by the
-- latest evidence on or before it among his contract records (a contract past its expiry no longer
-- holds), completed moves and the current club reports name (sql/warehouse/player_clubs.sql).
-- club null: no club ('Without Club', a contract ended). Players with no evidence yet are absent.
CREATE OR REPLACE TEMP MACRO club_on(as_of) AS TABLE
SELECT player, club, held_from AS club_since, evidence AS club_evidence, source_file, line_number
FROM player_clubs
WHERE held_from <= as_of AND (held_until IS NULL OR held_until > as_of);

-- The state of each player's contract on as_of: his latest record with recorded_on <= as_of
-- (SPEC section 3); on a tie, the later file and line wins. It may have expired, and a later move
-- or report may have put him elsewhere: contracts_held says which still make him the club's.
CREATE OR REPLACE TEMP MACRO contracts_as_of(as_of) AS TABLE
SELECT *
FROM contracts
WHERE coalesce(recorded_on, DATE '1900-01-01') <= as_of
QUALIFY row_number() OVER (
    PARTITION BY player
    ORDER BY coalesce(recorded_on, DATE '1900-01-01') DESC, source_file DESC, line_number DESC
) = 1;

-- The contracts that make players their clubs' on as_of: the contract state on that day, still
-- running, with the club that is the player's club that day.
CREATE OR REPLACE TEMP MACRO contracts_held(as_of) AS TABLE
SELECT k.*
FROM contracts_as_of(as_of) AS k
JOIN club_on(as_of) AS now ON now.player = k.player AND now.club = k.club
WHERE k.contract_expires >= as_of;

-- Who plays for whom on as_of: every player with a club that day (club_on), under_contract when a
-- running contract with that club is on record (contracts_held).
CREATE OR REPLACE TEMP MACRO roster_as_of(as_of) AS TABLE
SELECT now.player, now.club, held.player IS NOT NULL AS under_contract
FROM club_on(as_of) AS now
LEFT JOIN contracts_held(as_of) AS held USING (player)
WHERE now.club IS NOT NULL;

-- Completed moves known by as_of (SPEC 9, 10): the one definition of "he joined the club" that
-- outcomes (forecast/00_blocks.sql), the pursuit ladder, intensity and the market watch share. A
-- row of transfers (a transfer file's, or a contract record with a new club) taking the player to
-- a club, known by as_of, on its day: the transfer date, or, when only the window is known, the
-- day it became known. Returns from a loan are not moves to a suitor.
CREATE OR REPLACE TEMP MACRO completed_moves(as_of) AS TABLE
SELECT player, to_club, coalesce(transfer_date, known_on) AS move_day, known_on, evidence, source_file, line_number
FROM transfers
WHERE to_club IS NOT NULL AND NOT coalesce(loan_return, FALSE) AND known_on <= as_of;

-- The pursuits of a set of stories that ended with the player joining the suitor by as_of, one row
-- per completion. A chase is the pair's outside reports (renewal talks never count) known by as_of;
-- a completed move of the player to the suitor (completed_moves) completes the reports up to its
-- day since the pair's previous join (the pursuit: pursued_since, pursuit_stories), and a join
-- with no report in that span completes nothing. A completion covers only the reports up to the
-- join: an outside report of the pair after joined_on (the player was not the club's player that
-- day: he left again, or was only on loan and went back) is a new chase, and chase_resumed_on is
-- its first day. Only a completion with chase_resumed_on null is a completed move on as_of
-- (completed_pairs): intensity counts every report whatever happened (SPEC 8). A session keeps
-- its answer in a table (focus_completions, market_completions), which the blocks below read: it
-- is asked for by most questions, so it is worked out once.
CREATE OR REPLACE TEMP MACRO completed_pursuits(events, as_of) AS TABLE
WITH outside AS (
    SELECT player, interested_club, reported_on
    FROM query_table(events)
    WHERE NOT is_renewal_talk AND reported_on <= as_of
),
joins AS (
    SELECT
        m.*,
        lag(m.move_day) OVER (
            PARTITION BY m.player, m.to_club ORDER BY m.move_day, m.known_on, m.source_file, m.line_number
        ) AS previous_join
    FROM completed_moves(as_of) AS m
    SEMI JOIN (SELECT DISTINCT player, interested_club FROM outside) AS pair
        ON pair.player = m.player AND pair.interested_club = m.to_club
),
completions AS (
    SELECT
        j.player,
        j.to_club AS interested_club,
        min(o.reported_on) AS pursued_since,
        count(*) AS pursuit_stories,
        j.move_day AS joined_on,
        any_value(j.known_on) AS joined_known_on,
        any_value(j.evidence) AS joined_evidence,  -- 'transfers' or 'contracts' (SPEC 9)
        any_value(j.source_file) AS source_file,
        any_value(j.line_number) AS line_number
    FROM joins AS j
    JOIN outside AS o
        ON o.player = j.player AND o.interested_club = j.to_club
        AND o.reported_on <= j.move_day AND (j.previous_join IS NULL OR o.reported_on > j.previous_join)
    GROUP BY j.player, j.to_club, j.move_day, j.source_file, j.line_number
)
SELECT c.*, min(o.reported_on) AS chase_resumed_on
FROM completions AS c
LEFT JOIN outside AS o
    ON o.player = c.player AND o.interested_club = c.interested_club AND o.reported_on > c.joined_on
GROUP BY ALL;

-- The pairs whose pursuit is a completed move on the day a table of completed_pursuits was worked
-- out for (`completions`, by name): the player joined the suitor and no outside report of the pair
-- came after (at most one completion per pair can have none after it).
CREATE OR REPLACE TEMP MACRO completed_pairs(completions) AS TABLE
SELECT player, interested_club, joined_on
FROM query_table(completions)
WHERE chase_resumed_on IS NULL;

-- Reports known on as_of, one row per story: the same story relayed (same day, player, club,
-- original source and stage; another via) is merged and counted once (SPEC section 8). Each story
-- carries its weights and whether it is a renewal talk: the suitor was already the player's club at
-- the start of that day (club_on the day before; with no club known then, the club the report
-- names). Start of the day, so the report of a completed move is not mistaken for talks with the
-- new club.
-- focus_club / focus_player (either may be null) keep only the reports a question needs: those
-- about the club's players on as_of (roster: a table of roster_as_of(as_of)) and those of the club
-- chasing others, or one player's. outlet_names / outlet_weights (optional) weigh those outlets by
-- their own weight instead of their tier's (source_weights='learned': each outlet's hit rate).
CREATE OR REPLACE TEMP MACRO report_events(
    as_of, roster, focus_club, focus_player, stage_names, stage_weights, tiers, tier_weights, unknown_tier, min_source_tier,
    outlet_names := NULL, outlet_weights := NULL
) AS TABLE
WITH known AS (
    -- the row that speaks for its story: an original before a relay, then the first line, then
    -- its file (a hash: one order, cheap), so file and line always name one row of the story
    SELECT *, ((via IS NOT NULL)::HUGEINT << 100) + (line_number::HUGEINT << 64) + hash(source_file)::HUGEINT AS original_first
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
        -- one row's file and line together (the first file and the smallest line of any file named
        -- another rumour where overlapping daily exports repeat a row: trial 6)
        arg_min(source_file, original_first) AS source_file,
        arg_min(line_number, original_first) AS line_number
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
owned AS (  -- his spell at the start of the report's day (spells follow each other without gaps)
    SELECT s.*, spell.club AS club_before
    FROM stories AS s
    ASOF LEFT JOIN player_clubs AS spell ON spell.player = s.player AND s.reported_on > spell.held_from
)
SELECT
    o.reported_on,
    o.reported_at,
    o.player,
    o.interested_club,
    coalesce(o.club_before, o.player_club_as_written) AS player_club,
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
    o.interested_club = coalesce(o.club_before, o.player_club_as_written) AS is_renewal_talk,
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

-- Interest intensity of each pair on each day from start_date (or its first report) to as_of
-- (SPEC 7: a completed pursuit's series too, the chart alone stops its line at joined_on):
-- sum of weight x 0.5 ^ (age in days / half-life) over stories up to that day (SPEC section 8).
-- Computed as a running sum of weight x 2 ^ ((day - start) / h), scaled back by
-- 0.5 ^ ((date - start) / h): one pass per pair instead of one per pair and day. Sums of weights are
-- compensated (fsum), so they do not depend on the order threads add in: one warehouse, one answer.
CREATE OR REPLACE TEMP MACRO intensity_daily(events, pairs, start_date, as_of, half_life_days) AS TABLE
WITH per_day AS (
    SELECT p.pair_id, e.reported_on AS day, fsum(e.weight) AS weight, count(*) AS stories
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
    SELECT
        pair_id,
        unnest(generate_series(greatest(first_day, start_date), as_of, INTERVAL 1 DAY))::DATE AS date
    FROM query_table(pairs)
)
SELECT
    d.pair_id,
    d.date,
    r.scaled_sum * pow(0.5, (d.date - start_date) / half_life_days) AS intensity,
    r.reports_to_date
FROM days AS d
ASOF JOIN running AS r ON r.pair_id = d.pair_id AND d.date >= r.day;

-- Intensity of every pair on one day only: no daily series needed. Every report counts (SPEC 8);
-- joined_on flags a pursuit that is a completed move on on_date (completed_pairs of `completions`,
-- the events' completed_pursuits on on_date; null: a chase).
CREATE OR REPLACE TEMP MACRO intensity_on(events, completions, on_date, half_life_days) AS TABLE
SELECT
    e.player,
    e.interested_club,
    fsum(e.weight * pow(0.5, (on_date - e.reported_on) / half_life_days)) AS intensity,
    count(*) AS reports_to_date,
    max(e.reported_on) AS last_reported_on,
    any_value(done.joined_on) AS joined_on
FROM query_table(events) AS e
LEFT JOIN completed_pairs(completions) AS done
    ON done.player = e.player AND done.interested_club = e.interested_club
WHERE NOT e.is_renewal_talk AND e.reported_on <= on_date
GROUP BY e.player, e.interested_club;

-- Who is chasing on on_date (heatmap, top suitors, dossier choice, movers, new pursuits): the pairs
-- of intensity_on less those whose pursuit is a completed move by then (he joined the suitor, and
-- no outside report of the pair came after).
CREATE OR REPLACE TEMP MACRO chasing_on(events, completions, on_date, half_life_days) AS TABLE
SELECT player, interested_club, intensity, reports_to_date, last_reported_on
FROM intensity_on(events, completions, on_date, half_life_days)
WHERE joined_on IS NULL;

-- Who chases each player hardest on on_date, from a session's table of who is chasing then
-- (`chasing`: chasing_on's rows, worked out once per session): the suitor with the highest
-- intensity (the latest report breaking a tie) that is not his club then, at least `floor` (a chase
-- decayed below it is over: intensity.yml, display_floor).
CREATE OR REPLACE TEMP MACRO top_suitors(chasing, on_date, floor) AS TABLE
SELECT
    s.player,
    arg_max(s.interested_club, (s.intensity, s.last_reported_on)) AS top_suitor,
    max(s.intensity) AS top_suitor_intensity
FROM query_table(chasing) AS s
LEFT JOIN club_on(on_date) AS now ON now.player = s.player
WHERE s.interested_club IS DISTINCT FROM now.club AND s.intensity >= floor
GROUP BY s.player;

-- When a contract enters its final year and its pre-contract window (SPEC section 8): the last
-- twelve and six months before it ends (for a 30 June expiry: 1 July and 1 January).
CREATE OR REPLACE TEMP MACRO final_year_start(contract_expires) AS
    CAST(contract_expires + INTERVAL 1 DAY - INTERVAL 12 MONTH AS DATE);
CREATE OR REPLACE TEMP MACRO pre_contract_window_start(contract_expires) AS
    CAST(contract_expires + INTERVAL 1 DAY - INTERVAL 6 MONTH AS DATE);
