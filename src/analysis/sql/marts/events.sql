-- Every story of the focus up to $as_of, oldest first: report markers, pursuit histories. Within a
-- day in the order reported (time, then file and line), so a pursuit's last row is its latest word.
SELECT
    e.* EXCLUDE (stage_weight, source_weight),
    CASE
        WHEN $club IS NULL THEN NULL
        WHEN e.is_renewal_talk THEN 'renewal talk'  -- the club with its own player: no pursuit either way
        WHEN e.interested_club = $club THEN 'chasing'
        ELSE 'chased'
    END AS direction
FROM report_events(
    $as_of, 'focus_roster', $club, $player, $stage_names, $stage_weights, $tiers, $tier_weights, $unknown_tier,
    $min_source_tier, outlet_names := $outlet_names, outlet_weights := $outlet_weights
) AS e
ORDER BY e.reported_on, e.reported_at, e.source_file, e.line_number, e.interested_club, e.source;
