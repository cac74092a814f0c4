-- Identity, step 3: club names. A written club name is known when an alias line, a contract, the
-- clubs reference (clubs.csv) or aliases.csv names it; the others are matched to known clubs by
-- blocking keys (a core word, the start of the first word, initials, a player in common) and scored
-- (README, "Names"). A name with letters lost ('Be?ikta? JK', damaged.sql) is never a known club,
-- even in a contract, and is matched here only when no known name fits it.
-- Parameters: $threshold, $floor, $max_block.
CREATE OR REPLACE TEMP TABLE id_club_targets AS
WITH named AS (
    SELECT coalesce(a.canonical, n.contract_name, n.name) AS canonical, 'contracts' AS origin
    FROM id_names AS n LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = n.key
    WHERE n.kind = 'club' AND n.in_contracts
    UNION ALL
    SELECT coalesce(a.canonical, c.club), 'clubs.csv'
    FROM ref_clubs AS c LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = name_key(c.club)
    UNION ALL
    SELECT canonical, 'aliases.csv' FROM id_alias_keys WHERE kind = 'club'
)
SELECT name_key(canonical) AS key, min(name_clean(canonical)) AS name, string_agg(DISTINCT origin, ', ') AS origin
FROM named
WHERE name_key(canonical) NOT IN (SELECT key FROM id_damaged WHERE kind = 'club')
GROUP BY ALL;

-- what every written club key is without the identity step
CREATE OR REPLACE TEMP TABLE id_club_known AS
SELECT
    n.key,
    n.name,
    coalesce(a.canonical_key, t.key) AS canonical_key,
    CASE WHEN a.key IS NOT NULL THEN 'alias' WHEN t.key IS NOT NULL THEN 'known' END AS resolved_by,
    club_is_none(n.name) AS means_no_club
FROM id_names AS n
LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = n.key
LEFT JOIN id_club_targets AS t ON t.key = n.key
WHERE n.kind = 'club';

-- players named at each club as written (rumours: the player's club; transfers: both clubs), and
-- the contracts' clubs of each player (by key, aliases followed)
CREATE OR REPLACE TEMP TABLE id_player_keys_by_alias AS
SELECT n.key, coalesce(a.canonical_key, n.key) AS canonical_key
FROM id_names AS n LEFT JOIN id_alias_keys AS a ON a.kind = 'player' AND a.key = n.key
WHERE n.kind = 'player';

-- (counted first, in a table of its own: a filter on a cleaned name would otherwise be pushed below
-- the grouping and clean every row of the load instead of every distinct pair)
CREATE OR REPLACE TEMP TABLE id_seen_pairs AS
-- (by source: players.sql asks about rumours' pairs alone)
WITH pairs AS (
    SELECT 'rumours' AS source, player, player_club AS club FROM landing_rumours
    UNION ALL SELECT 'transfers', player, from_club FROM landing_transfers
    UNION ALL SELECT 'transfers', player, to_club FROM landing_transfers
    UNION ALL SELECT 'transfers', player, club FROM landing_transfers
    UNION ALL SELECT 'transfers', player, dealing_club FROM landing_transfers
)
SELECT source, player, club, count(*) AS n FROM pairs GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE id_seen_at AS
SELECT p.canonical_key AS player_key, club.key AS club_key, sum(d.n) AS n
FROM id_seen_pairs AS d
JOIN id_keys_by_written AS player ON player.kind = 'player' AND player.written = d.player
JOIN id_keys_by_written AS club ON club.kind = 'club' AND club.written = d.club
JOIN id_player_keys_by_alias AS p ON p.key = player.key
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE id_contract_clubs AS
WITH pairs AS (SELECT DISTINCT player, club FROM landing_contracts)
SELECT DISTINCT p.canonical_key AS player_key, coalesce(k.canonical_key, club.key) AS club_key
FROM pairs AS d
JOIN id_keys_by_written AS player ON player.kind = 'player' AND player.written = d.player
JOIN id_keys_by_written AS club ON club.kind = 'club' AND club.written = d.club
JOIN id_player_keys_by_alias AS p ON p.key = player.key
LEFT JOIN id_club_known AS k ON k.key = club.key;

-- the written club names to match, and the known clubs they may be
CREATE OR REPLACE TEMP TABLE id_club_open AS
SELECT k.key, k.name, f.core
FROM id_club_known AS k
JOIN id_folded AS f ON f.kind = 'club' AND f.key = k.key
WHERE k.canonical_key IS NULL AND NOT k.means_no_club AND len(f.core) > 0
  AND k.key NOT IN (SELECT key FROM id_damaged WHERE kind = 'club' AND fit IS NOT NULL);

CREATE OR REPLACE TEMP TABLE id_club_keys AS
WITH sides AS (
    SELECT 'w' AS side, key, core FROM id_club_open
    UNION ALL
    SELECT 't', t.key, f.core
    FROM id_club_targets AS t JOIN id_folded AS f ON f.kind = 'club' AND f.key = t.key
    WHERE len(f.core) > 0
),
name_keys AS (
    SELECT side, key, unnest(list_distinct(list_filter(list_concat(
        list_transform(list_filter(core, lambda t: len(t) >= 3), lambda t: 'w:' || t),
        ['f:' || left(core[1], 3),
         CASE WHEN len(core) >= 2 THEN 'a:' || list_aggr(list_transform(core, lambda t: left(t, 1)), 'string_agg', '') END,
         CASE WHEN len(core) = 1 AND len(core[1]) BETWEEN 2 AND 5 THEN 'a:' || core[1] END]
    ), lambda k: k IS NOT NULL))) AS block
    FROM sides
),
player_keys AS (
    SELECT 'w' AS side, s.club_key AS key, 'p:' || s.player_key AS block
    FROM id_seen_at AS s SEMI JOIN id_club_open AS o ON o.key = s.club_key
    UNION ALL
    SELECT 't', c.club_key, 'p:' || c.player_key FROM id_contract_clubs AS c
)
SELECT * FROM name_keys UNION ALL SELECT * FROM player_keys;

CREATE OR REPLACE TEMP TABLE id_club_candidates AS
WITH sized AS (
    SELECT block FROM id_club_keys WHERE side = 't' GROUP BY block HAVING count(*) <= $max_block
),
pairs AS (
    SELECT DISTINCT w.key AS w_key, t.key AS t_key
    FROM id_club_keys AS w
    JOIN id_club_keys AS t ON t.block = w.block AND t.side = 't'
    WHERE w.side = 'w' AND w.block IN (SELECT block FROM sized)
),
evidence AS (
    -- players named at the written club who hold a contract at the candidate
    SELECT p.w_key, p.t_key, count(DISTINCT s.player_key) AS shared_players,
        list(DISTINCT s.player_key ORDER BY s.player_key)[1:3] AS some_players
    FROM pairs AS p
    JOIN id_seen_at AS s ON s.club_key = p.w_key
    JOIN id_contract_clubs AS c ON c.player_key = s.player_key AND c.club_key = p.t_key
    GROUP BY ALL
)
SELECT
    p.w_key, p.t_key, o.name AS w_name, t.name AS t_name, o.core AS w_core, f.core AS t_core,
    coalesce(e.shared_players, 0) AS shared_players,
    e.some_players,
    jaro_winkler_similarity(array_to_string(o.core, ' '), array_to_string(f.core, ' ')) AS similarity
FROM pairs AS p
JOIN id_club_open AS o ON o.key = p.w_key
JOIN id_club_targets AS t ON t.key = p.t_key
JOIN id_folded AS f ON f.kind = 'club' AND f.key = p.t_key
LEFT JOIN evidence AS e USING (w_key, t_key)
WHERE NOT EXISTS (SELECT 1 FROM id_vetoes AS v WHERE v.a = p.w_key AND v.b = p.t_key);

-- a word abbreviates another: its start ('man' / 'manchester'), or its letters in order from the
-- same first letter ('utd' / 'united')
CREATE OR REPLACE TEMP MACRO id_abbreviates(short, long) AS
    len(short) >= 2 AND len(short) < len(long) AND left(short, 1) = left(long, 1) AND (
        starts_with(long, short)
        OR regexp_matches(long, '^' || array_to_string(list_transform(string_split(short, ''), lambda c: c), '.*'))
    );

CREATE OR REPLACE TEMP TABLE id_club_scores AS
WITH judged AS (
    SELECT
        *,
        CASE
            WHEN club_spelling_key(w_core) = club_spelling_key(t_core) THEN 'same'
            WHEN len(w_core) = len(t_core) AND list_bool_and(list_transform(range(1, len(w_core) + 1),
                lambda i: w_core[i] = t_core[i] OR id_abbreviates(w_core[i], t_core[i])
                    OR id_abbreviates(t_core[i], w_core[i]))) THEN 'abbreviated'
            WHEN list_has_all(t_core, w_core) OR list_has_all(w_core, t_core) THEN 'contained'
            WHEN (len(w_core) = 1 AND len(t_core) >= 2
                    AND w_core[1] = list_aggr(list_transform(t_core, lambda t: left(t, 1)), 'string_agg', ''))
                OR (len(t_core) = 1 AND len(w_core) >= 2
                    AND t_core[1] = list_aggr(list_transform(w_core, lambda t: left(t, 1)), 'string_agg', ''))
                THEN 'initials'
            WHEN similarity >= 0.92 THEN 'similar'
            WHEN len(list_intersect(w_core, t_core)) > 0 THEN 'one word'
            ELSE 'none'
        END AS relation
    FROM id_club_candidates
),
weighed AS (
    SELECT
        *,
        CASE relation
            WHEN 'same' THEN 12 WHEN 'abbreviated' THEN 7 WHEN 'contained' THEN 6 WHEN 'initials' THEN 5
            WHEN 'similar' THEN 3 WHEN 'one word' THEN -3 ELSE -4
        END + CASE WHEN shared_players > 0 THEN 2 + 3 * least(shared_players, 3) ELSE 0 END AS bits
    FROM judged
)
SELECT
    w_key, t_key, w_name, t_name, relation, shared_players, bits,
    pow(2, bits) / (pow(2, 6) + sum(pow(2, bits)) OVER (PARTITION BY w_key)) AS confidence,
    CASE relation
        WHEN 'same' THEN 'same name but for FC, CF and the like'
        WHEN 'abbreviated' THEN 'abbreviated words'
        WHEN 'contained' THEN 'one name holds the other'
        WHEN 'initials' THEN 'initials'
        WHEN 'similar' THEN 'similar spelling'
        WHEN 'one word' THEN 'one word in common'
        ELSE 'no word in common'
    END || CASE
        WHEN shared_players > 0 THEN '; ' || shared_players || ' player' || CASE WHEN shared_players > 1 THEN 's' ELSE '' END
            || ' named at it hold' || CASE WHEN shared_players = 1 THEN 's' ELSE '' END || ' a contract there'
        ELSE ''
    END AS reason
FROM weighed;
