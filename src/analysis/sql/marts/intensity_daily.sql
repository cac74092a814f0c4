-- Daily interest intensity from $start_date to $as_of for the focus: with a club, its players'
-- suitors ('chased') and the players it chases ('chasing'); with a player, all his suitors.
SELECT
    i.date,
    i.player,
    i.interested_club,
    holder.club AS player_club,
    CASE
        WHEN $club IS NULL THEN NULL
        WHEN i.interested_club = $club THEN 'chasing'
        ELSE 'chased'
    END AS direction,
    i.intensity,
    i.reports_to_date
FROM intensity_daily('focus_events', $start_date, $as_of, $half_life_days) AS i
LEFT JOIN roster_as_of($as_of) AS holder ON holder.player = i.player
ORDER BY i.player, i.interested_club, i.date;
