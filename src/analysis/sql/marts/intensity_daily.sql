-- Daily interest intensity from $start_date to $as_of for the focus: with a club, its players'
-- suitors ('chased') and the players it chases ('chasing'); with a player, all his suitors.
-- Two results: the labels of each suitor-player pair once (focus_pairs), and the numbers per pair
-- and day (focus_daily); pandas joins them by pair_id without converting a string per row.
CREATE OR REPLACE TEMP TABLE focus_daily AS
SELECT
    dense_rank() OVER (ORDER BY i.player, i.interested_club) - 1 AS pair_id,
    i.player,
    i.interested_club,
    i.date,
    i.intensity,
    i.reports_to_date
FROM intensity_daily('focus_events', $start_date, $as_of, $half_life_days) AS i;

CREATE OR REPLACE TEMP TABLE focus_pairs AS
SELECT DISTINCT
    d.pair_id,
    d.player,
    d.interested_club,
    holder.club AS player_club,
    CASE
        WHEN $club IS NULL THEN NULL
        WHEN d.interested_club = $club THEN 'chasing'
        ELSE 'chased'
    END AS direction
FROM focus_daily AS d
LEFT JOIN focus_roster AS holder ON holder.player = d.player;
