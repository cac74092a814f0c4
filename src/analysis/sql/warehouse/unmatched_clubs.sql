-- Club names in rumours or transfers that match no known club (a contract's club, clubs.csv, a
-- canonical name of aliases.csv; identity links applied; names meaning no club left out), with the
-- identity step's candidates as unmatched_players has them. A club kept apart from a known club of
-- the same name (the export's club id tells them apart) is listed with the reason.
CREATE TABLE unmatched_clubs AS
WITH named AS (
    SELECT interested_club AS club, 'rumours' AS source FROM rumours
    UNION ALL SELECT player_club, 'rumours' FROM rumours WHERE player_club IS NOT NULL
    UNION ALL SELECT from_club, 'transfers' FROM transfers WHERE from_club IS NOT NULL
    UNION ALL SELECT to_club, 'transfers' FROM transfers WHERE to_club IS NOT NULL
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
known_names AS (
    SELECT key, name AS club FROM id_club_targets
),
candidates AS (
    SELECT s.w_key, k.club AS suggestion, s.confidence, s.reason,
        s.confidence >= (SELECT suggestion_floor FROM id_settings) AS confident,
        row_number() OVER (PARTITION BY s.w_key ORDER BY s.confidence DESC, k.club) AS rank
    FROM id_club_scores AS s
    JOIN known_names AS k ON k.key = s.t_key
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
    coalesce(l.suggestions, []) AS suggestions,
    coalesce(
        CASE WHEN l.any_confident THEN l.top_reason END,
        CASE WHEN k.key IS NOT NULL THEN 'kept apart from ''' || k.written || ''': ' || k.evidence END
    ) AS suggestion_reason,
    CASE WHEN l.any_confident THEN round(l.top_confidence, 3) END AS confidence,
    CASE WHEN l.any_confident THEN 'club,' || csv_field(u.club) || ',' || csv_field(l.top_suggestion) END
        AS aliases_csv_line,
    coalesce(l.weak_suggestions, []) AS weak_suggestions,
    coalesce(l.candidates, []) AS candidates
FROM unmatched AS u
LEFT JOIN listed AS l ON l.w_key = name_key(u.club)
LEFT JOIN kept_apart AS k ON k.key = name_key(u.club)
ORDER BY u.reports + u.transfers DESC, u.club;
