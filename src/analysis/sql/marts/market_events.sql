-- The market watch's session: every story known on $as_of (relays merged, weighted: see
-- report_events), with the player's club on $as_of, narrowed to the clubs in scope ($scope: a
-- league's or a country's clubs from ref_clubs; null: the whole warehouse). A story is in scope
-- when the chasing club is, or the player's club at the time of the story or on $as_of.
CREATE OR REPLACE TEMP TABLE market_roster AS
SELECT player, club FROM roster_as_of($as_of);

CREATE OR REPLACE TEMP TABLE market_events AS
SELECT e.*, holder.club AS player_club_on_as_of
FROM report_events(
    $as_of, 'market_roster', NULL, NULL, $stage_names, $stage_weights, $tiers, $tier_weights, $unknown_tier,
    $min_source_tier, outlet_names := $outlet_names, outlet_weights := $outlet_weights
) AS e
LEFT JOIN market_roster AS holder ON holder.player = e.player
WHERE $scope IS NULL
   OR list_contains($scope, e.interested_club)
   OR list_contains($scope, e.player_club)
   OR list_contains($scope, holder.club);

-- The watch's pursuits completed by $as_of, and by $since (movers compares the two days): most
-- sections ask for them (completed_pursuits), so each is worked out once.
CREATE OR REPLACE TEMP TABLE market_completions AS
SELECT * FROM completed_pursuits('market_events', $as_of);

CREATE OR REPLACE TEMP TABLE market_completions_since AS
SELECT * FROM completed_pursuits('market_events', $since);

-- Who is chasing on $as_of (new pursuits, movers, contract milestones' top suitors), once.
CREATE OR REPLACE TEMP TABLE market_chasing AS
SELECT * FROM chasing_on('market_events', 'market_completions', $as_of, $half_life_days);
