-- Daily interest intensity from $start_date to $as_of for the focus: with a club, its players'
-- suitors ('chased') and the players it chases ('chasing'); with a player, all his suitors.
-- Two results: the labels of each suitor-player pair once (focus_pairs), and the numbers per pair
-- and day (focus_daily); pandas joins them by pair_id without converting a string per row.
-- joined_on: the day the player joined the suitor when that pursuit is a completed move on $as_of
-- (completed_pairs: no outside report of the pair since); a flag, the series still runs to $as_of
-- (SPEC 7) and only the chart stops the line there.
CREATE OR REPLACE TEMP TABLE focus_pairs AS
SELECT
    p.pair_id,
    p.first_day,
    p.player,
    p.interested_club,
    holder.club AS player_club,
    CASE
        WHEN $club IS NULL THEN NULL
        WHEN p.interested_club = $club THEN 'chasing'
        ELSE 'chased'
    END AS direction,
    done.joined_on
FROM intensity_pairs('focus_events') AS p
LEFT JOIN focus_roster AS holder ON holder.player = p.player
LEFT JOIN completed_pairs('focus_completions') AS done
    ON done.player = p.player AND done.interested_club = p.interested_club;

CREATE OR REPLACE TEMP TABLE focus_daily AS
SELECT * FROM intensity_daily('focus_events', 'focus_pairs', $start_date, $as_of, $half_life_days);
