-- Every story of outside interest reported by $as_of, with its outcome as known on $as_of (SPEC 10):
-- materialised, not materialised or pending; the headline is its original report's.
SELECT
    s.reported_on,
    s.player,
    s.interested_club,
    s.source,
    s.via,
    s.stage,
    r.headline,
    s.horizon_label AS horizon_window,
    s.horizon_closes,
    s.judged_outcome,
    CASE WHEN s.first_hit_known <= $as_of THEN s.first_hit_known END AS move_known_on,
    outcome_on($as_of, s.judged_outcome, s.first_hit_known, s.horizon_closes) AS outcome,
    s.source_file,
    s.line_number
FROM forecast_stories AS s
LEFT JOIN rumours AS r USING (source_file, line_number)
WHERE s.is_pursuit AND s.reported_on <= $as_of
ORDER BY s.reported_on, s.player, s.interested_club, s.source;
