-- Building blocks of outcomes and forecasts (SPEC 10), as temp tables and macros on a read-only
-- connection, after marts/00_building_blocks.sql. $known_by is the last day anything may be known:
-- moves known later are never read, so nothing from after it can reach an answer.

-- The transfer windows in the order they close, numbered, for horizons.
CREATE OR REPLACE TEMP TABLE forecast_windows AS
SELECT window_label, opens_on, closes_on, row_number() OVER (ORDER BY closes_on) AS window_index
FROM transfer_windows;

-- A day's horizon (SPEC 10): the window open on it or, if none is, the next one to close, and the
-- horizon_windows - 1 windows after it. It closes when the last of them closes; horizon_label
-- names that window ('summer 2025'). days: a table with a column on_date.
CREATE OR REPLACE TEMP MACRO horizons(days, horizon_windows) AS TABLE
WITH first_window AS (
    SELECT d.on_date, w.window_index
    FROM (SELECT DISTINCT on_date FROM query_table(days)) AS d
    ASOF LEFT JOIN forecast_windows AS w ON d.on_date <= w.closes_on
)
SELECT f.on_date, last_window.closes_on AS horizon_closes, last_window.window_label AS horizon_label
FROM first_window AS f
LEFT JOIN forecast_windows AS last_window ON last_window.window_index = f.window_index + horizon_windows - 1;

-- Completed moves known by $known_by, each with its day (completed_moves, marts/00_building_blocks.sql:
-- the one definition the ladder, intensity and the market watch read too).
CREATE OR REPLACE TEMP TABLE forecast_moves AS
SELECT player, to_club, move_day, known_on
FROM completed_moves($known_by);

-- The state of an outcome on as_of (SPEC 10), from what a story carries: a judged outcome counts once
-- the story's horizon has closed (the label was made in hindsight: before then it would tell the
-- future); a known move within the horizon makes it materialised from the day that move became
-- known; a closed horizon without one, not materialised; otherwise it is pending.
CREATE OR REPLACE TEMP MACRO outcome_on(as_of, judged_outcome, first_hit_known, horizon_closes) AS CASE
    WHEN judged_outcome IS NOT NULL AND as_of > horizon_closes
        THEN CASE WHEN judged_outcome THEN 'materialised' ELSE 'not materialised' END
    WHEN first_hit_known <= as_of THEN 'materialised'
    WHEN as_of > horizon_closes THEN 'not materialised'
    ELSE 'pending'
END;

-- Each contract record once per player and day (the later file and line winning a tie, as in
-- contracts_as_of), with the day from which it holds, for point-in-time joins.
CREATE OR REPLACE TEMP TABLE forecast_contracts AS
SELECT player, club, contract_expires, market_value_eur, coalesce(recorded_on, DATE '1900-01-01') AS held_from
FROM contracts
WHERE coalesce(recorded_on, DATE '1900-01-01') <= $known_by
QUALIFY row_number() OVER (
    PARTITION BY player, coalesce(recorded_on, DATE '1900-01-01') ORDER BY source_file DESC, line_number DESC
) = 1;
