-- Player names in rumours or transfers that match no contract (aliases and identity links applied),
-- and contracts' names with letters lost that were not linked to a known player (damaged.sql),
-- with the identity step's candidates (for a name with letters lost, the names it fits first):
-- `suggestions` at or above the suggestion floor (identity.yml), best first, the best one's reason,
-- evidence, confidence and a ready aliases.csv line; candidates below the floor apart in
-- `weak_suggestions`. Shown for an analyst to confirm; nothing is merged.
-- A name only transfer records carry (seen_in 'transfers') is most often a player the contracts do
-- not cover, no failed link: such names come after every rumoured name, those with a suggestion
-- (written like a contract's player) first.
CREATE TABLE unmatched_players AS
WITH contracted AS (
    -- a contract's name with letters lost ('M?ller') left unlinked is no known player: it is listed
    -- here, with the names it fits as suggestions (identity/damaged.sql)
    SELECT DISTINCT player FROM contracts WHERE NOT name_damaged(player)
),
-- the names first (distinct, few), then only their reports: most reports name a contract player
names AS (
    SELECT DISTINCT player FROM rumours
    UNION SELECT DISTINCT player FROM transfers
    UNION SELECT DISTINCT player FROM contracts WHERE name_damaged(player)
),
open_names AS (
    SELECT player FROM names WHERE player NOT IN (SELECT player FROM contracted)
),
reported AS (
    SELECT player, count(*) AS reports, min(reported_on) AS first_reported_on, max(reported_on) AS last_reported_on,
        list_sort(list(DISTINCT player_club) FILTER (WHERE player_club IS NOT NULL)) AS named_clubs
    FROM rumours SEMI JOIN open_names USING (player)
    GROUP BY player
),
moved AS (
    SELECT player, count(*) AS transfers FROM transfers SEMI JOIN open_names USING (player) GROUP BY player
),
unmatched AS (
    SELECT
        o.player,
        coalesce(r.reports, 0) AS reports,
        coalesce(m.transfers, 0) AS transfers,
        r.first_reported_on,
        r.last_reported_on,
        coalesce(r.named_clubs, []) AS named_clubs
    FROM open_names AS o
    LEFT JOIN reported AS r USING (player)
    LEFT JOIN moved AS m USING (player)
),
contract_names AS (
    SELECT name_key(player) AS key, min(player) AS player FROM (SELECT DISTINCT player FROM contracts) GROUP BY ALL
),
-- a name with letters lost ('S?ren Lund') and the names its '?' fit (identity/damaged.sql): those
-- are its suggestions, each as likely as the others (confidence 1/N), ordered by the identity step's
-- score of the pair where it scored one (a club, a date of birth); other candidates of such a name are
-- spelled otherwise, and only weak
damaged_fits AS (
    SELECT * FROM id_damaged_suggestions WHERE kind = 'player'
),
pool AS (
    SELECT f.w_key, f.suggestion, f.confidence, f.reason, s.evidence, true AS confident, true AS fits,
        s.confidence AS score
    FROM damaged_fits AS f
    LEFT JOIN id_player_scores AS s ON s.w_key = f.w_key AND s.t_key = f.t_key
    UNION ALL
    SELECT s.w_key, c.player, s.confidence, s.reason, s.evidence,
        s.confidence >= (SELECT suggestion_floor FROM id_settings)
            AND s.w_key NOT IN (SELECT w_key FROM damaged_fits),
        false, s.confidence
    FROM id_player_scores AS s
    JOIN contract_names AS c ON c.key = s.t_key
    WHERE NOT EXISTS (SELECT 1 FROM damaged_fits AS f WHERE f.w_key = s.w_key AND f.t_key = s.t_key)
),
candidates AS (
    SELECT w_key, suggestion, confidence, reason, evidence, confident,
        row_number() OVER (PARTITION BY w_key ORDER BY fits DESC, score DESC NULLS LAST, suggestion) AS rank
    FROM pool
    QUALIFY rank <= 5
),
-- each name's candidates best first: a list of structs sorted on their first field, rank (ordered
-- aggregates would sort every group apart, several times over)
ranked AS (
    SELECT
        w_key,
        list_sort(list(struct_pack(rank, suggestion, confidence := round(confidence, 3), reason, evidence, confident)))
            AS ranked,
        arg_min(reason, rank) AS top_reason,
        arg_min(evidence, rank) AS top_evidence,
        arg_min(confidence, rank) AS top_confidence,
        arg_min(suggestion, rank) AS top_suggestion,
        bool_or(confident) AS any_confident
    FROM candidates
    GROUP BY ALL
),
listed AS (
    SELECT
        *,
        list_transform(list_filter(ranked, lambda c: c.confident), lambda c: c.suggestion) AS suggestions,
        list_transform(list_filter(ranked, lambda c: NOT c.confident), lambda c: c.suggestion) AS weak_suggestions,
        list_transform(ranked, lambda c: struct_pack(
            suggestion := c.suggestion, confidence := c.confidence, reason := c.reason, evidence := c.evidence
        )) AS candidates
    FROM ranked
)
SELECT
    u.player,
    u.reports,
    u.transfers,
    u.first_reported_on,
    u.last_reported_on,
    u.named_clubs,
    CASE
        WHEN u.reports > 0 AND u.transfers > 0 THEN 'rumours and transfers'
        WHEN u.reports > 0 THEN 'rumours'
        WHEN u.transfers > 0 THEN 'transfers'
        ELSE 'contracts'  -- a contract's name with letters lost left unlinked
    END AS seen_in,
    coalesce(l.suggestions, []) AS suggestions,
    CASE WHEN l.any_confident THEN l.top_reason END AS suggestion_reason,
    CASE WHEN l.any_confident THEN nullif(l.top_evidence, '') END AS evidence,
    CASE WHEN l.any_confident THEN round(l.top_confidence, 3) END AS confidence,
    CASE WHEN l.any_confident THEN 'player,' || csv_field(u.player) || ',' || csv_field(l.top_suggestion) END
        AS aliases_csv_line,
    coalesce(l.weak_suggestions, []) AS weak_suggestions,
    coalesce(l.candidates, []) AS candidates
FROM unmatched AS u
LEFT JOIN listed AS l ON l.w_key = name_key(u.player)
ORDER BY u.reports = 0, u.reports = 0 AND NOT coalesce(l.any_confident, false), u.reports + u.transfers DESC, u.player;
