-- The stories one question is about, weighted, as known on $as_of; every mart below reads them.
CREATE OR REPLACE TEMP TABLE focus_events AS
SELECT *
FROM report_events(
    $as_of, $club, $player, $stage_names, $stage_weights, $tiers, $tier_weights, $unknown_tier, $min_source_tier
);
