-- Intensity of every suitor-player pair of the focus on $as_of (SPEC 8: every report counts), with
-- joined_on when that pursuit is a completed move by then (the heatmap leaves those out).
SELECT
    i.player,
    i.interested_club,
    holder.club AS player_club,
    CASE
        WHEN $club IS NULL THEN NULL
        WHEN i.interested_club = $club THEN 'chasing'
        ELSE 'chased'
    END AS direction,
    i.intensity,
    i.reports_to_date,
    i.last_reported_on,
    i.joined_on
FROM intensity_on('focus_events', 'focus_completions', $as_of, $half_life_days) AS i
LEFT JOIN focus_roster AS holder ON holder.player = i.player
ORDER BY i.intensity DESC, i.player, i.interested_club;
