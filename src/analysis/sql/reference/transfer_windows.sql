-- Transfer window dates: one line per window for every year (season_start_year blank, days as
-- MM-DD), and optionally lines for one season that differ (a delayed or split window).
CREATE TABLE ref_transfer_windows AS
SELECT
    "window",
    season_start_year,
    first(opens ORDER BY line_number) AS opens,
    first(closes ORDER BY line_number) AS closes,
    first(note ORDER BY line_number) FILTER (WHERE note IS NOT NULL) AS note,
    min(line_number) AS line_number
FROM ref_transfer_windows_lines
GROUP BY "window", season_start_year
ORDER BY line_number;

-- Every window of the seasons first_year..last_year, each from its season's line if there is one,
-- else from the every-year line.
CREATE OR REPLACE TEMP MACRO windows_for_years(first_year, last_year) AS TABLE
WITH seasons AS (
    SELECT CAST(range AS INTEGER) AS season_start_year, w."window"
    FROM range(first_year, last_year + 1)
    CROSS JOIN (VALUES ('summer'), ('winter')) AS w("window")
),
chosen AS (
    SELECT
        s.season_start_year,
        s."window",
        coalesce(one.opens, every.opens) AS opens,
        coalesce(one.closes, every.closes) AS closes,
        coalesce(one.line_number, every.line_number) AS line_number
    FROM seasons AS s
    LEFT JOIN ref_transfer_windows AS every ON every."window" = s."window" AND every.season_start_year IS NULL
    LEFT JOIN ref_transfer_windows AS one ON one."window" = s."window" AND one.season_start_year = s.season_start_year
)
SELECT
    window_label("window", season_start_year) AS window_label,
    season_start_year,
    "window",
    window_day(opens, "window", season_start_year) AS opens_on,
    window_day(closes, "window", season_start_year) AS closes_on,
    line_number
FROM chosen
ORDER BY opens_on;
