-- Identity, step 4: club links at or above the threshold ($threshold), what every written club key
-- then stands for, and clubs kept apart by the id the export carries (id_club_ids: one row per
-- report naming a club with its id). A written name seen with two ids is two clubs: the id whose
-- players hold contracts at the club the name resolves to (or the id clubs.csv gives that club)
-- keeps the name; another is its own club, named as clubs.csv names that id (or as the alias line
-- for that name names its club, when nothing tells the two apart), else '<name> (club id <id>)'.
-- An alias never merges them back.
CREATE OR REPLACE TEMP TABLE id_club_links AS
WITH scored AS (
    SELECT w_key, w_name AS written, t_key, t_name AS canonical, confidence, reason AS evidence
    FROM id_club_scores
    WHERE confidence >= $threshold
    QUALIFY row_number() OVER (PARTITION BY w_key ORDER BY confidence DESC, t_key) = 1
)
SELECT * FROM scored
UNION ALL
-- a name with letters lost that exactly one club's name fits (damaged.sql), as that club: when the
-- name it fits is itself linked ('Fenerbah?e' fits a rumour's 'Fenerbahçe', linked to Fenerbahçe SK),
-- as the club that name is
SELECT d.w_key, d.written, coalesce(s.t_key, d.t_key), coalesce(s.canonical, d.canonical), d.confidence,
    d.evidence || coalesce(' (' || d.canonical || ', linked to it: ' || s.evidence || ')', '')
FROM id_damaged_links AS d
LEFT JOIN scored AS s ON s.w_key = d.t_key
WHERE d.kind = 'club';

CREATE OR REPLACE TEMP TABLE id_club_resolved AS
SELECT k.key, k.name, coalesce(k.canonical_key, l.t_key, k.key) AS canonical_key
FROM id_club_known AS k
LEFT JOIN id_club_links AS l ON l.w_key = k.key;

CREATE OR REPLACE TEMP TABLE id_club_contexts AS
WITH used AS (
    SELECT i.written_key, i.club_id, r.name, r.canonical_key, count(*) AS rows
    FROM id_club_ids AS i
    JOIN id_club_resolved AS r ON r.key = i.written_key
    GROUP BY ALL
),
support AS (
    SELECT i.written_key, i.club_id, count(DISTINCT c.player_key) AS players_there
    FROM id_club_ids AS i
    JOIN id_club_resolved AS r ON r.key = i.written_key
    JOIN id_player_keys_by_alias AS p ON p.key = i.player_key
    JOIN id_contract_clubs AS c ON c.player_key = p.canonical_key AND c.club_key = r.canonical_key
    GROUP BY ALL
),
-- clubs.csv's name for an id, and when that name is an alias line's, the club the alias names
-- (alias_club: 'Fenerbahçe' -> 'Fenerbahçe SK' is one club, so its reports are Fenerbahçe SK's)
reference_ids AS (
    SELECT
        c.club_id,
        any_value(c.club) AS club,
        any_value(a.canonical) AS alias_club,
        any_value(a.canonical_key) AS alias_key,
        any_value(c.club) || ' (' || coalesce(any_value(c.country), 'club id ' || c.club_id) || ')' AS club_told_apart
    FROM ref_clubs AS c
    LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = name_key(c.club)
    WHERE c.club_id IS NOT NULL
    GROUP BY c.club_id
),
-- the ids clubs.csv gives a club under its own name (an alias's club, or the canonical one)
ids_by_key AS (
    SELECT name_key(club) AS key, list(club_id) AS ids FROM ref_clubs WHERE club_id IS NOT NULL GROUP BY ALL
),
seen AS (
    SELECT
        u.*,
        coalesce(s.players_there, 0) AS players_there,
        by_id.club AS reference_name,
        by_id.alias_club,
        by_id.club_told_apart,
        by_id.alias_key = u.canonical_key AS alias_is_resolved_club,
        alias_ids.ids AS alias_club_ids,
        canonical.ids AS canonical_ids,
        count(*) OVER (PARTITION BY u.written_key) AS ids_seen,
        first(u.club_id ORDER BY coalesce(s.players_there, 0) DESC, u.rows DESC, u.club_id)
            OVER (PARTITION BY u.written_key) AS keeper
    FROM used AS u
    LEFT JOIN support AS s USING (written_key, club_id)
    LEFT JOIN reference_ids AS by_id ON by_id.club_id = u.club_id
    LEFT JOIN ids_by_key AS alias_ids ON alias_ids.key = by_id.alias_key
    LEFT JOIN ids_by_key AS canonical ON canonical.key = u.canonical_key
),
-- clubs.csv's name for the id, or the club its alias line names unless something says the id is
-- another club than that one: clubs.csv gives that club another id, or the export names it with
-- another id whose players hold its contracts (the Uruguayan 'Liverpool FC', when aliases.csv says
-- 'Liverpool FC' is Liverpool). Told apart, the id keeps clubs.csv's name with its country, so
-- that no alias merges it back.
judged AS (
    SELECT
        *,
        CASE
            WHEN alias_club IS NULL THEN reference_name
            WHEN NOT list_contains(coalesce(alias_club_ids, [club_id]), club_id) THEN club_told_apart
            WHEN alias_is_resolved_club AND ids_seen > 1 AND club_id <> keeper AND players_there = 0
                THEN club_told_apart
            ELSE alias_club
        END AS reference_club
    FROM seen
),
decided AS (
    SELECT
        *,
        CASE
            WHEN reference_club IS NOT NULL THEN reference_club
            WHEN len(canonical_ids) > 0 AND NOT list_contains(canonical_ids, club_id)
                THEN name || ' (club id ' || club_id || ')'
            WHEN ids_seen > 1 AND club_id <> keeper AND players_there = 0 THEN name || ' (club id ' || club_id || ')'
        END AS context_club,
        CASE
            WHEN reference_club IS NOT NULL AND reference_club = alias_club
                THEN 'clubs.csv gives club id ' || club_id || ' to ' || reference_name || ', which aliases.csv calls '
                    || alias_club
            WHEN reference_club IS NOT NULL THEN 'clubs.csv gives club id ' || club_id || ' to ' || reference_club
            WHEN len(canonical_ids) > 0 AND NOT list_contains(canonical_ids, club_id)
                THEN 'club id ' || club_id || ', but clubs.csv gives that club id ' || array_to_string(canonical_ids, ', ')
            ELSE 'the export names two clubs ''' || name || ''': id ' || keeper || ', whose players hold contracts there, '
                || 'and id ' || club_id || ' (' || rows || ' report' || CASE WHEN rows > 1 THEN 's' ELSE '' END
                || ', no player with a contract there)'
        END AS evidence
    FROM judged
)
SELECT d.written_key, d.name AS written, d.club_id, coalesce(a.canonical, d.context_club) AS canonical, d.evidence
FROM decided AS d
LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = name_key(d.context_club)
WHERE d.context_club IS NOT NULL AND name_key(coalesce(a.canonical, d.context_club)) <> d.canonical_key;

-- the reports whose club is another club than its name says (stg_rumours reads these)
CREATE OR REPLACE TEMP TABLE stg_rumour_club_overrides AS
SELECT
    i.file_id,
    i.line_number,
    max(c.canonical) FILTER (WHERE i.role = 'player_club') AS player_club,
    max(c.canonical) FILTER (WHERE i.role = 'interested_club') AS interested_club
FROM id_club_ids AS i
JOIN id_club_contexts AS c USING (written_key, club_id)
GROUP BY ALL;

-- every player and the clubs he is named at, as resolved (a report about a kept-apart club counts
-- for that club, not for the one its name says)
CREATE OR REPLACE TEMP TABLE id_player_clubs AS
WITH moved AS (
    SELECT p.canonical_key AS player_key, i.written_key, name_key(c.canonical) AS club_key, count(*) AS n
    FROM id_club_ids AS i
    JOIN id_club_contexts AS c USING (written_key, club_id)
    JOIN id_player_keys_by_alias AS p ON p.key = i.player_key
    WHERE i.role = 'player_club'
    GROUP BY ALL
),
seen AS (
    SELECT s.player_key, s.club_key AS written_key, r.canonical_key AS club_key, s.n
    FROM id_seen_at AS s
    JOIN id_club_resolved AS r ON r.key = s.club_key
)
SELECT DISTINCT s.player_key, s.club_key
FROM seen AS s
LEFT JOIN (SELECT player_key, written_key, sum(n) AS n FROM moved GROUP BY ALL) AS m USING (player_key, written_key)
WHERE coalesce(m.n, 0) < s.n
UNION
SELECT player_key, club_key FROM moved;
