-- The session's roster, and the weighted stories one question is about as known on $as_of,
-- narrowed to what intensity needs (events.sql asks report_events for every column itself); and
-- their pursuits completed by $as_of (completed_pursuits), which most questions ask for.
CREATE OR REPLACE TEMP TABLE focus_roster AS
SELECT * FROM roster_as_of($as_of);

CREATE OR REPLACE TEMP TABLE focus_events AS
SELECT reported_on, player, interested_club, stage, weight, is_renewal_talk
FROM report_events(
    $as_of, 'focus_roster', $club, $player, $stage_names, $stage_weights, $tiers, $tier_weights, $unknown_tier,
    $min_source_tier, outlet_names := $outlet_names, outlet_weights := $outlet_weights
);

CREATE OR REPLACE TEMP TABLE focus_completions AS
SELECT * FROM completed_pursuits('focus_events', $as_of);

-- Who is chasing on $as_of (the dossier's players, the contracts' top suitors), once.
CREATE OR REPLACE TEMP TABLE focus_chasing AS
SELECT * FROM chasing_on('focus_events', 'focus_completions', $as_of, $half_life_days);
