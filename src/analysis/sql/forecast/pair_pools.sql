-- Each pair's pool (forecast.yml pool_column, e.g. dataset) as it stood from each day a report of
-- the pair came: that rumours column's value in the pair's latest report known then, '' when blank.
-- A day's pool is the row with the latest pool_from on or before it (an as-of join): a report known
-- later never moves the pair's earlier snapshots, nor its outlets' earlier stories, to another pool
-- (the backtest reads a session known by its end for days long before it). A pair learns only from
-- pairs of its own pool (pair_snapshots.sql), and each pool's outlets get a prior of their own
-- (outlet_counts.sql). The column is picked by its name as a parameter, never by SQL built from
-- text; session.py runs this only when rumours has that column.
CREATE OR REPLACE TEMP TABLE forecast_pair_pools AS
SELECT
    player,
    interested_club,
    reported_on AS pool_from,
    -- the day's latest report: by time, then (same moment) the later file and line, so a tie never goes either way
    arg_max(
        coalesce(CAST(COLUMNS(lambda c: c = $pool_column) AS VARCHAR), ''), (reported_at, source_file, line_number)
    ) AS pool
FROM rumours
WHERE reported_on <= $known_by
GROUP BY player, interested_club, reported_on;
