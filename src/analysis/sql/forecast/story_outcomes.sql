-- Every story of outside interest reported by $as_of, with its outcome as known on $as_of (SPEC 10):
-- materialised, not materialised or pending.
SELECT
    reported_on,
    player,
    interested_club,
    source,
    via,
    stage,
    headline,
    horizon_label AS horizon_window,
    horizon_closes,
    judged_outcome,
    CASE WHEN first_hit_known <= $as_of THEN first_hit_known END AS move_known_on,
    outcome_on($as_of, judged_outcome, first_hit_known, horizon_closes) AS outcome,
    source_file,
    line_number
FROM forecast_stories
WHERE is_pursuit AND reported_on <= $as_of
ORDER BY reported_on, player, interested_club, source;
