-- Club names in rumours or transfers that match no known club (a contract's club, clubs.csv, a
-- canonical name of aliases.csv; identity links applied; names meaning no club left out), with the
-- identity step's candidates as unmatched_players has them. A club kept apart from a known club of
-- the same name (the export's club id tells them apart) is listed with the reason. An unknown club
-- written several ways suggests the spelling written most to the others (other_spellings).
-- A club name with letters lost ('Ferencv?rosi TC', identity/damaged.sql) left unlinked is listed
-- with the clubs it fits as its suggestions, a contract's too (0 reports, 0 transfers).
CREATE TABLE unmatched_clubs AS
WITH named AS (
    SELECT interested_club AS club, 'rumours' AS source FROM rumours
    UNION ALL SELECT player_club, 'rumours' FROM rumours WHERE player_club IS NOT NULL
    UNION ALL SELECT from_club, 'transfers' FROM transfers WHERE from_club IS NOT NULL
    UNION ALL SELECT to_club, 'transfers' FROM transfers WHERE to_club IS NOT NULL
    -- a contract's club with letters lost is no known club (damaged.sql)
    UNION ALL SELECT DISTINCT club, 'contracts' FROM contracts WHERE name_damaged(club)
),
counted AS (
    SELECT club, count(*) FILTER (WHERE source = 'rumours') AS reports,
        count(*) FILTER (WHERE source = 'transfers') AS transfers
    FROM named
    GROUP BY club
),
unmatched AS (
    SELECT *
    FROM counted
    WHERE name_key(club) NOT IN (SELECT key FROM id_club_targets)
      AND NOT club_is_none(club)
),
-- an unknown club written several ways ('Al-Hilal', 'Al-Hilal SFC', 'Al Hilal'): the same words
-- once case, accents, punctuation and affixes (FC, SFC, ...) are set aside. Grouped on that folded
-- key, never compared pair by pair; the spelling written most is the others' suggestion (never a
-- name with letters lost: it has the clubs it fits).
spelled AS (
    SELECT u.club, u.reports + u.transfers AS n, u.reports,
        club_spelling_key(f.core) AS spelling_key
    FROM unmatched AS u
    JOIN id_folded AS f ON f.kind = 'club' AND f.key = name_key(u.club)
    WHERE len(f.core) > 0 AND NOT name_damaged(u.club)
),
spellings AS (
    SELECT spelling_key, arg_max(club, (n, reports, club)) AS most_written, max(n) AS most_written_n,
        list(club ORDER BY n DESC, reports DESC, club) AS clubs
    FROM spelled
    GROUP BY spelling_key
    HAVING count(*) > 1
),
grouped AS (
    SELECT s.club, g.most_written, g.most_written_n, list_filter(g.clubs, lambda c: c <> s.club) AS other_spellings
    FROM spelled AS s
    JOIN spellings AS g USING (spelling_key)
),
known_names AS (
    SELECT key, name AS club FROM id_club_targets
),
-- a name with letters lost and the clubs its '?' fit (identity/damaged.sql): its suggestions, each
-- as likely as the others (confidence 1/N), as unmatched_players has them; its other candidates are
-- spelled otherwise, and only weak
damaged_fits AS (
    SELECT * FROM id_damaged_suggestions WHERE kind = 'club'
),
pool AS (
    SELECT f.w_key, f.suggestion, f.confidence, f.reason, true AS confident, true AS fits, s.confidence AS score
    FROM damaged_fits AS f
    LEFT JOIN id_club_scores AS s ON s.w_key = f.w_key AND s.t_key = f.t_key
    UNION ALL
    SELECT s.w_key, k.club, s.confidence, s.reason,
        s.confidence >= (SELECT suggestion_floor FROM id_settings)
            AND s.w_key NOT IN (SELECT w_key FROM damaged_fits),
        false, s.confidence
    FROM id_club_scores AS s
    JOIN known_names AS k ON k.key = s.t_key
    WHERE NOT EXISTS (SELECT 1 FROM damaged_fits AS f WHERE f.w_key = s.w_key AND f.t_key = s.t_key)
),
candidates AS (
    SELECT w_key, suggestion, confidence, reason, confident,
        row_number() OVER (PARTITION BY w_key ORDER BY fits DESC, score DESC NULLS LAST, suggestion) AS rank
    FROM pool
    QUALIFY rank <= 5
),
listed AS (
    SELECT
        w_key,
        list(suggestion ORDER BY rank) FILTER (WHERE confident) AS suggestions,
        list(suggestion ORDER BY rank) FILTER (WHERE NOT confident) AS weak_suggestions,
        list(struct_pack(suggestion, confidence := round(confidence, 3), reason) ORDER BY rank) AS candidates,
        first(reason ORDER BY rank) AS top_reason,
        first(confidence ORDER BY rank) AS top_confidence,
        first(suggestion ORDER BY rank) AS top_suggestion,
        bool_or(confident) AS any_confident
    FROM candidates
    GROUP BY ALL
),
kept_apart AS (
    SELECT name_key(canonical) AS key, any_value(written) AS written, any_value(evidence) AS evidence
    FROM id_club_contexts GROUP BY ALL
)
SELECT
    u.club,
    u.reports,
    u.transfers,
    CASE
        WHEN coalesce(l.any_confident, false) OR g.most_written IS NULL OR g.most_written = u.club THEN coalesce(l.suggestions, [])
        ELSE [g.most_written]
    END AS suggestions,
    coalesce(
        CASE WHEN l.any_confident THEN l.top_reason END,
        CASE WHEN k.key IS NOT NULL THEN 'kept apart from ''' || k.written || ''': ' || k.evidence END,
        CASE WHEN g.most_written <> u.club
            THEN 'the same name written another way; ''' || g.most_written || ''' is written most ('
                || CASE g.most_written_n WHEN 1 THEN 'once, no other more' ELSE g.most_written_n || ' times' END
                || '), no known club'
        END
    ) AS suggestion_reason,
    CASE WHEN l.any_confident THEN round(l.top_confidence, 3) END AS confidence,
    CASE
        WHEN l.any_confident THEN 'club,' || csv_field(u.club) || ',' || csv_field(l.top_suggestion)
        WHEN g.most_written <> u.club THEN 'club,' || csv_field(u.club) || ',' || csv_field(g.most_written)
    END AS aliases_csv_line,
    coalesce(l.weak_suggestions, []) AS weak_suggestions,
    coalesce(l.candidates, []) AS candidates,
    coalesce(g.other_spellings, []) AS other_spellings
FROM unmatched AS u
LEFT JOIN listed AS l ON l.w_key = name_key(u.club)
LEFT JOIN kept_apart AS k ON k.key = name_key(u.club)
LEFT JOIN grouped AS g ON g.club = u.club
ORDER BY u.reports + u.transfers DESC, u.club;
