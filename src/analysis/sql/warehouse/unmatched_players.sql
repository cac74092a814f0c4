-- Rumoured players whose name matches no contract, with the closest contract names as suggestions
-- for aliases.csv. Shown for an analyst to confirm; nothing is merged here.
CREATE TABLE unmatched_players AS
WITH rumoured AS (
    SELECT player, count(*) AS reports, min(reported_on) AS first_reported_on, max(reported_on) AS last_reported_on
    FROM rumours
    GROUP BY player
),
contracted AS (
    SELECT DISTINCT player FROM contracts
),
-- 'T. Alexander-Arnold' -> initial 't', surname 'alexander arnold'; accents, case, dots and hyphens ignored
parts AS (
    SELECT
        player,
        regexp_replace(lower(strip_accents(player)), '[^a-z0-9'' ]+', ' ', 'g') AS folded
    FROM (SELECT player FROM rumoured UNION SELECT player FROM contracted)
),
named AS (
    SELECT
        player,
        trim(regexp_replace(folded, '\s+', ' ', 'g')) AS folded,
        CASE WHEN contains(trim(folded), ' ') THEN left(trim(folded), 1) END AS initial,
        CASE WHEN contains(trim(folded), ' ')
             THEN trim(regexp_replace(trim(folded), '^\S+\s+', ''))
             ELSE trim(folded) END AS surname
    FROM parts
),
unmatched AS (
    SELECT r.*, n.folded, n.initial, n.surname
    FROM rumoured AS r
    JOIN named AS n USING (player)
    WHERE r.player NOT IN (SELECT player FROM contracted)
),
candidates AS (
    SELECT
        u.player,
        c.player AS suggestion,
        CASE
            WHEN u.folded = c.folded THEN 1
            WHEN u.surname = c.surname AND u.initial = c.initial THEN 2
            WHEN u.surname = c.surname AND u.initial IS NULL THEN 3
            ELSE 4
        END AS strength,
        jaro_winkler_similarity(u.folded, c.folded) AS similarity
    FROM unmatched AS u
    JOIN named AS c
        ON c.player IN (SELECT player FROM contracted)
       AND (c.surname = u.surname OR left(c.folded, 2) = left(u.folded, 2) OR left(c.surname, 2) = left(u.surname, 2))
),
ranked AS (
    SELECT *
    FROM candidates
    WHERE strength < 4 OR similarity >= 0.88
    QUALIFY row_number() OVER (PARTITION BY player ORDER BY strength, similarity DESC, suggestion) <= 3
)
SELECT
    u.player,
    u.reports,
    u.first_reported_on,
    u.last_reported_on,
    coalesce(
        list(r.suggestion ORDER BY r.strength, r.similarity DESC, r.suggestion) FILTER (WHERE r.suggestion IS NOT NULL),
        []
    ) AS suggestions,
    first(
        CASE r.strength
            WHEN 1 THEN 'same name but for accents, case or punctuation'
            WHEN 2 THEN 'same initial and surname'
            WHEN 3 THEN 'same surname'
            ELSE 'similar spelling'
        END ORDER BY r.strength, r.similarity DESC
    ) FILTER (WHERE r.suggestion IS NOT NULL) AS suggestion_reason,
    first('player,' || u.player || ',' || r.suggestion ORDER BY r.strength, r.similarity DESC)
        FILTER (WHERE r.suggestion IS NOT NULL) AS aliases_csv_line
FROM unmatched AS u
LEFT JOIN ranked AS r USING (player)
GROUP BY u.player, u.reports, u.first_reported_on, u.last_reported_on
ORDER BY u.reports DESC, u.player;
