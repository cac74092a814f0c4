-- Window lines that cannot all hold: two dates for one window, a window for every year written as
-- a date, no every-year line for a window, a window closing before it opens, or one window still
-- open when the next opens (line_a, line_b, message; line_a null: the file as a whole).
WITH lines AS (
    SELECT * FROM ref_transfer_windows_lines
),
two_definitions AS (
    SELECT
        a.line_number AS line_a,
        b.line_number AS line_b,
        'two ' || CASE
            WHEN a.season_start_year IS NULL THEN a."window" || ' windows for every year'
            ELSE a."window" || ' windows for season ' || a.season_start_year
        END || ': ' || a.opens || ' to ' || a.closes || ' and ' || b.opens || ' to ' || b.closes AS message
    FROM lines AS a
    JOIN lines AS b
        ON a."window" = b."window"
       AND a.season_start_year IS NOT DISTINCT FROM b.season_start_year
       AND a.line_number < b.line_number
    WHERE a.opens <> b.opens OR a.closes <> b.closes
),
dated_default AS (
    SELECT
        line_number AS line_a,
        NULL::BIGINT AS line_b,
        'a ' || "window" || ' window for every year gives month and day (like 06-01), not a date: '
            || opens || ' to ' || closes || ' (or set season_start_year for one season)' AS message
    FROM lines
    WHERE season_start_year IS NULL AND (length(opens) <> 5 OR length(closes) <> 5)
),
no_default AS (
    SELECT
        NULL::BIGINT AS line_a,
        NULL::BIGINT AS line_b,
        'no ' || w || ' window for every year (a line with season_start_year blank, like '
            || w || ',' || CASE w WHEN 'summer' THEN '06-01,09-01' ELSE '01-01,02-01' END || ')' AS message
    FROM (VALUES ('summer'), ('winter')) AS v(w)
    WHERE w NOT IN (SELECT "window" FROM lines WHERE season_start_year IS NULL)
),
check_years AS (
    SELECT
        least(2001, min(season_start_year) - 1) AS first_year,
        greatest(2001, max(season_start_year) + 1) AS last_year
    FROM ref_transfer_windows
),
expanded AS (
    SELECT *
    FROM windows_for_years((SELECT first_year FROM check_years), (SELECT last_year FROM check_years))
    WHERE (SELECT count(*) FROM no_default) = 0 AND (SELECT count(*) FROM dated_default) = 0
),
backwards AS (
    SELECT DISTINCT
        line_number AS line_a,
        NULL::BIGINT AS line_b,
        window_label || ' closes ' || closes_on || ', before it opens ' || opens_on AS message
    FROM expanded
    WHERE closes_on <= opens_on
),
ordered AS (
    SELECT *, lead(opens_on) OVER by_date AS next_opens, lead(window_label) OVER by_date AS next_label,
        lead(line_number) OVER by_date AS next_line
    FROM expanded
    WINDOW by_date AS (ORDER BY opens_on, "window")
),
overlapping AS (
    SELECT DISTINCT
        line_number AS line_a,
        next_line AS line_b,
        window_label || ' closes ' || closes_on || ', after ' || next_label || ' opens ' || next_opens AS message
    FROM ordered
    WHERE closes_on >= next_opens AND NOT EXISTS (SELECT 1 FROM backwards)
)
SELECT * FROM two_definitions
UNION ALL SELECT * FROM dated_default
UNION ALL SELECT * FROM no_default
UNION ALL SELECT * FROM backwards
UNION ALL SELECT * FROM overlapping
ORDER BY coalesce(line_b, line_a) NULLS FIRST, line_a;
