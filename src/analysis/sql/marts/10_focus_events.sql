-- The session's roster and the stories one question is about, weighted, as known on $as_of;
-- every mart below reads these two temp tables instead of recomputing them.
CREATE OR REPLACE TEMP TABLE focus_roster AS
SELECT * FROM roster_as_of($as_of);

CREATE OR REPLACE TEMP TABLE focus_events AS
SELECT *
FROM report_events(
    $as_of, 'focus_roster', $club, $player, $stage_names, $stage_weights, $tiers, $tier_weights, $unknown_tier,
    $min_source_tier
);
