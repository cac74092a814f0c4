-- Every story known by $known_by (relays merged and credited to the original source, SPEC 8, 10)
-- with what decides its outcome: its horizon, the first day a move of the player to the suitor
-- within that horizon became known, and a curated dataset's judged outcome. Stories that are not
-- outside interest (renewal talks; a club writing about a player who had already joined it) are
-- kept but marked is_pursuit = false: they have no outcome and never count for an outlet.
CREATE OR REPLACE TEMP TABLE forecast_roster AS
SELECT * FROM roster_as_of($known_by);

CREATE OR REPLACE TEMP TABLE forecast_story_base AS
WITH events AS (
    SELECT *
    FROM report_events(
        $known_by, 'forecast_roster', NULL, NULL, $stage_names, $stage_weights, $tiers, $tier_weights,
        $unknown_tier, $all_tiers
    )
),
-- a curated dataset's verdict on the story: its original report's, else a relay's
judged AS (
    SELECT
        reported_on,
        player,
        interested_club,
        source,
        stage,
        arg_min(outcome, (via IS NOT NULL)::BIGINT * 1000000000000 + line_number) AS judged_outcome
    FROM rumours
    WHERE reported_on <= $known_by AND outcome IS NOT NULL
    GROUP BY reported_on, player, interested_club, source, stage
)
SELECT
    row_number() OVER (ORDER BY e.reported_on, e.player, e.interested_club, e.source, e.stage) AS story_id,
    e.reported_on,
    e.player,
    e.interested_club,
    e.player_club,
    e.source,
    e.source_tier,
    e.via,
    e.stage,
    e.stage_order,
    e.weight,
    e.is_renewal_talk,
    e.source_file,
    e.line_number,
    j.judged_outcome,
    -- the player's latest move known before the story's day: if it took him to the suitor, the
    -- story is about a club's own player
    latest.to_club AS club_by_latest_move,
    e.reported_on AS on_date
FROM events AS e
LEFT JOIN judged AS j
    ON j.reported_on = e.reported_on AND j.player = e.player AND j.interested_club = e.interested_club
   AND j.source = e.source AND j.stage IS NOT DISTINCT FROM e.stage
ASOF LEFT JOIN forecast_moves AS latest ON latest.player = e.player AND e.reported_on > latest.known_on;

CREATE OR REPLACE TEMP TABLE forecast_stories AS
WITH horizon AS (
    SELECT * FROM horizons('forecast_story_base', $horizon_windows)
),
hits AS (
    SELECT b.story_id, min(m.known_on) AS first_hit_known
    FROM forecast_story_base AS b
    JOIN horizon AS h USING (on_date)
    JOIN forecast_moves AS m
        ON m.player = b.player AND m.to_club = b.interested_club
       AND m.move_day BETWEEN b.reported_on AND h.horizon_closes
    GROUP BY b.story_id
)
SELECT
    b.story_id,
    -- small numbers for the pair and the outlet, so the many-days joins of pair_snapshots.sql carry
    -- integers instead of names
    dense_rank() OVER (ORDER BY b.player, b.interested_club) AS pair_id,
    dense_rank() OVER (ORDER BY b.source) AS outlet_id,
    b.reported_on,
    b.player,
    b.interested_club,
    b.player_club,
    b.source,
    b.source_tier,
    b.via,
    b.stage,
    b.stage_order,
    b.weight,
    b.is_renewal_talk,
    NOT b.is_renewal_talk AND b.interested_club IS DISTINCT FROM b.club_by_latest_move AS is_pursuit,
    b.judged_outcome,
    h.horizon_closes,
    h.horizon_label,
    hits.first_hit_known,
    b.source_file,
    b.line_number
FROM forecast_story_base AS b
LEFT JOIN horizon AS h USING (on_date)
LEFT JOIN hits USING (story_id);

DROP TABLE forecast_story_base;
