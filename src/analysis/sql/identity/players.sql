-- Identity, step 5: player names in rumours and transfers that match no contract, matched to the
-- contracts' players. Candidates share a blocking key (README, "Names"): the same words in any
-- order (n:), initial + last surname word (i:), given name + surname with middle names dropped or
-- swapped (p:), initial + the surname's first four letters (t:), one name alone when few known
-- players carry it (m:), or a word and a club in common (c:). A key shared by more than $max_block
-- known players proposes nobody, and each name keeps its $max_candidates candidates sharing the
-- most keys: the work per name is bounded, so matching grows with the names, not their square.
-- Each candidate is scored in bits of evidence (the name's relation, the club each source names,
-- date of birth and position where both sides have them) and its confidence is its share against
-- every other candidate and against "none of them" (2^6). Names are numbered (id) on both sides:
-- the candidate steps join integers, and strings are read only for the candidates kept.
-- Parameters: $max_block, $max_candidates.
CREATE OR REPLACE TEMP TABLE id_player_targets AS
WITH named AS (
    SELECT
        p.canonical_key AS key,
        min(coalesce(a.canonical, n.contract_name, n.name)) AS name
    FROM id_names AS n
    JOIN id_player_keys_by_alias AS p ON p.key = n.key
    LEFT JOIN id_alias_keys AS a ON a.kind = 'player' AND a.key = n.key
    WHERE n.kind = 'player' AND n.in_contracts
      AND n.key NOT IN (SELECT key FROM id_damaged WHERE kind = 'player')  -- letters lost: never a candidate (damaged.sql)
    GROUP BY ALL
),
-- (numbered before the folded words join: a window carries every column it is given)
numbered AS MATERIALIZED (
    SELECT row_number() OVER (ORDER BY key) AS id, key, name FROM named
)
SELECT t.id, t.key, t.name, f.folded, f.tokens, f.core, f.lead
FROM numbered AS t
LEFT JOIN id_folded AS f ON f.kind = 'player' AND f.key = t.key;

CREATE OR REPLACE TEMP TABLE id_target_facts AS
WITH given AS (
    SELECT DISTINCT player, date_of_birth, position FROM landing_contracts
    WHERE date_of_birth IS NOT NULL OR position IS NOT NULL
)
SELECT
    p.canonical_key AS key,
    mode(CAST(parse_when(c.date_of_birth) AS DATE)) AS born,
    mode(position_group(c.position)) AS position_group
FROM given AS c
JOIN id_keys_by_written AS player ON player.kind = 'player' AND player.written = c.player
JOIN id_player_keys_by_alias AS p ON p.key = player.key
GROUP BY ALL;

-- A contract player's own name (A: equal but for case and accents, no alias line) on rumours that
-- name a club where he holds no contract but other players do ('Danilo', of Juventus, named at
-- Paris Saint-Germain): the question homonyms.sql answers row by row, whether the rumour's club
-- names another player the name fits. Asked per written (name, club) pair, never per row; a club
-- is as resolved (aliases, links), and his clubs are any of his contract records' and any a transfer
-- row names him at: a club he moved to or from is his own, not another player's.
CREATE OR REPLACE TEMP TABLE id_homonym_questions AS
WITH named AS (
    SELECT p.player AS written, p.club AS written_club, player.key AS w_key, club.canonical_key AS club_key
    FROM id_seen_pairs AS p
    JOIN id_keys_by_written AS player ON player.kind = 'player' AND player.written = p.player
    JOIN id_keys_by_written AS written_club ON written_club.kind = 'club' AND written_club.written = p.club
    JOIN id_club_resolved AS club ON club.key = written_club.key
    JOIN id_club_known AS known ON known.key = written_club.key
    WHERE p.source = 'rumours' AND NOT known.means_no_club  -- ('Without Club' is nobody's club, even in a contract)
),
-- the clubs a transfer row names the player at (either side of a move): a contract is his club now,
-- a move says where he was before (trial 5: a dump's one row per player, his club on the dump's day,
-- made a rumour of his former club another player's)
moved_at AS (
    SELECT DISTINCT player.key AS player_key, club.canonical_key AS club_key
    FROM id_seen_pairs AS p
    JOIN id_keys_by_written AS player ON player.kind = 'player' AND player.written = p.player
    JOIN id_keys_by_written AS written_club ON written_club.kind = 'club' AND written_club.written = p.club
    JOIN id_club_resolved AS club ON club.key = written_club.key
    WHERE p.source = 'transfers'
)
SELECT q.*
FROM named AS q
WHERE q.w_key IN (SELECT key FROM id_player_targets)
  AND q.w_key NOT IN (SELECT key FROM id_alias_keys WHERE kind = 'player')  -- an alias line always wins
  AND NOT EXISTS (SELECT 1 FROM id_contract_clubs AS c WHERE c.player_key = q.w_key AND c.club_key = q.club_key)
  AND NOT EXISTS (SELECT 1 FROM moved_at AS m WHERE m.player_key = q.w_key AND m.club_key = q.club_key)
  AND EXISTS (SELECT 1 FROM id_contract_clubs AS c WHERE c.club_key = q.club_key AND c.player_key <> q.w_key);

-- the names to match: those no contract has (or with letters lost), and the questions' contract names
-- (asked: matched like the others, but never linked or suggested as a name, homonyms.sql and links.sql)
CREATE OR REPLACE TEMP TABLE id_player_open AS
SELECT row_number() OVER (ORDER BY n.key) AS id, n.key, n.name, f.folded, f.tokens, f.core, f.lead,
    n.key IN (SELECT w_key FROM id_homonym_questions) AS asked
FROM id_names AS n
JOIN id_folded AS f ON f.kind = 'player' AND f.key = n.key
WHERE n.kind = 'player'
  AND len(f.core) > 0
  AND (
      n.key IN (SELECT w_key FROM id_homonym_questions)
      OR (
          -- a contract's name is a known player, unless letters were lost from it (and no known name fits)
          (NOT n.in_contracts OR n.key IN (SELECT key FROM id_damaged WHERE kind = 'player'))
          AND n.key NOT IN (SELECT key FROM id_damaged WHERE kind = 'player' AND fit IS NOT NULL)
          AND n.key NOT IN (SELECT key FROM id_alias_keys WHERE kind = 'player')
          AND n.key NOT IN (SELECT key FROM id_player_targets)
      )
  );

-- A written name that folds to exactly one contract name ('Baris Yilmaz' / 'Barış Yılmaz': the ı
-- is no accent) has that player as its one candidate, without blocking keys (unless a `distinct`
-- line keeps the two apart).
CREATE OR REPLACE TEMP TABLE id_player_twins AS
SELECT o.id AS w_id, any_value(t.id) AS t_id
FROM id_player_open AS o
JOIN id_player_targets AS t ON t.folded = o.folded AND t.key <> o.key  -- (an asked name is never his own)
WHERE NOT EXISTS (SELECT 1 FROM id_vetoes AS v WHERE v.a = o.key AND v.b = t.key)
GROUP BY o.id
HAVING count(*) = 1;

-- the known clubs a written name's unknown club names may be ('Brighton' / 'Brighton & Hove Albion',
-- id_club_scores): a c: key for blocking, and a hint (weaker than the same club) for scoring
CREATE OR REPLACE TEMP TABLE id_player_club_hints AS
SELECT DISTINCT c.player_key, s.t_key AS club_key
FROM id_player_clubs AS c
JOIN id_club_scores AS s ON s.w_key = c.club_key AND s.relation NOT IN ('one word', 'none');

-- every name's keys: side w (written, open) or t (target, a contract's player), its id, the key.
-- One SELECT per kind of key (README, "Names"); words of one letter (initials) make no p: or m: key.
CREATE OR REPLACE TEMP TABLE id_player_keys AS
WITH sides AS (
    SELECT 'w' AS side, id, key, tokens, core FROM id_player_open
    WHERE id NOT IN (SELECT w_id FROM id_player_twins)
    UNION ALL
    SELECT 't', id, key, tokens, core FROM id_player_targets
    WHERE len(core) > 0 AND EXISTS (SELECT 1 FROM id_player_open)  -- nothing to match: no keys
),
named AS MATERIALIZED (
    SELECT
        side, id, key, tokens, len(core) AS n_words,
        core[1] AS first_word, core[2] AS second_word, core[-2] AS penultimate_word, core[-1] AS last_word,
        list_filter(core, lambda t: len(t) > 1) AS long_words
    FROM sides
),
given_and_surname AS (
    SELECT side, id, first_word, first_word AS a, last_word AS b FROM named WHERE n_words >= 2
    UNION ALL SELECT side, id, first_word, first_word, second_word FROM named WHERE n_words >= 3
    UNION ALL SELECT side, id, first_word, penultimate_word, last_word FROM named WHERE n_words >= 3
),
-- the clubs a name is named at, as resolved, and the known clubs an unknown club name may be: the
-- same club is strong evidence
clubs AS (
    SELECT player_key AS key, club_key FROM id_player_clubs
    UNION SELECT player_key, club_key FROM id_contract_clubs
    UNION SELECT player_key, club_key FROM id_player_club_hints
)
SELECT side, id, first_word, 'n:' || array_to_string(list_sort(tokens), ' ') AS block FROM named
UNION ALL
SELECT side, id, first_word, 'i:' || left(first_word, 1) || '|' || last_word FROM named WHERE n_words >= 2
UNION ALL
SELECT DISTINCT side, id, first_word, 'p:' || least(a, b) || '|' || greatest(a, b)
FROM given_and_surname WHERE len(a) > 1 AND len(b) > 1
UNION ALL
SELECT side, id, first_word, 't:' || left(first_word, 1) || '|' || left(last_word, 4)
FROM named WHERE n_words >= 2 AND len(last_word) >= 4
UNION ALL
SELECT side, id, first_word, 'm:' || long_words[1] FROM named WHERE len(long_words) >= 1
UNION ALL
SELECT side, id, first_word, 'm:' || long_words[-1]
FROM named WHERE len(long_words) >= 2 AND long_words[-1] <> long_words[1]
UNION ALL
SELECT s.side, s.id, s.first_word, 'c:' || c.club_key || '|' || unnest(s.long_words)
FROM named AS s JOIN clubs AS c ON c.key = s.key;

-- the keys that propose candidates: a written name has them and at most $max_block known players
-- do (the same words in any order always propose). Kept in a table of their own, so that no join
-- below ever meets a common key ('m:silva') however the planner orders it.
CREATE OR REPLACE TEMP TABLE id_player_blocks AS
WITH written AS MATERIALIZED (
    SELECT DISTINCT block FROM id_player_keys WHERE side = 'w'
),
usable AS MATERIALIZED (
    -- how many known players have each key some written name has
    SELECT k.block, count(*) AS known
    FROM id_player_keys AS k SEMI JOIN written USING (block)
    WHERE k.side = 't'
    GROUP BY block
    HAVING known <= $max_block OR starts_with(block, 'n:')
)
SELECT
    k.side, k.id, k.block, u.known, k.first_word,
    -- for initial + surname keys, which compare given names (below)
    CASE WHEN left(k.block, 2) IN ('i:', 't:') THEN id_skeleton(k.first_word) END AS first_skeleton
FROM id_player_keys AS k
JOIN usable AS u USING (block);

-- Pairs sharing a key. Initial + surname keys (i:, t:) propose a pair only when the given names
-- could be one ('p' / 'pierre', 'mo' / 'mohamed', 'georgii' / 'georgiy'), not 'jan' / 'jakub'.
-- Vetoed pairs (`distinct` lines) never are. Each written name keeps the $max_candidates sharing
-- the most keys, the rarer first (a whole name, a club and a word, given name and surname: the
-- best evidence shares several), so a name's work stays bounded however many namesakes it has.
CREATE OR REPLACE TEMP TABLE id_player_candidates AS
WITH shared AS (
    SELECT w.id AS w_id, t.id AS t_id, w.block, w.known
    FROM id_player_blocks AS w
    JOIN id_player_blocks AS t ON t.block = w.block AND t.side = 't'
    WHERE w.side = 'w'
      AND (
          left(w.block, 2) NOT IN ('i:', 't:')
          OR len(w.first_word) = 1 OR len(t.first_word) = 1
          OR starts_with(w.first_word, t.first_word) OR starts_with(t.first_word, w.first_word)
          OR ends_with(w.first_word, t.first_word) OR ends_with(t.first_word, w.first_word)
          OR w.first_skeleton = t.first_skeleton
          OR jaro_winkler_similarity(w.first_word, t.first_word) >= 0.85
      )
),
vetoed AS (
    SELECT o.id AS w_id, t.id AS t_id
    FROM id_vetoes AS v
    JOIN id_player_open AS o ON o.key = v.a
    JOIN id_player_targets AS t ON t.key = v.b
    UNION ALL
    -- an asked contract name is not his own candidate
    SELECT o.id, t.id FROM id_player_open AS o JOIN id_player_targets AS t ON t.key = o.key WHERE o.asked
),
pairs AS (
    -- how many keys a pair shares, and how rare they are (a key of two known players says more)
    SELECT w_id, t_id, count(*) AS shared_keys, sum(1 / known) AS rarity
    FROM (SELECT DISTINCT * FROM shared) ANTI JOIN vetoed USING (w_id, t_id)
    GROUP BY ALL
)
SELECT w_id, t_id
FROM pairs
QUALIFY row_number() OVER (PARTITION BY w_id ORDER BY shared_keys DESC, rarity DESC, t_id) <= $max_candidates
UNION ALL
SELECT w_id, t_id FROM id_player_twins;

-- how many known players carry each word of a one-word name among the candidates
CREATE OR REPLACE TEMP TABLE id_target_words AS
WITH wanted AS (
    SELECT DISTINCT o.core[1] AS word FROM id_player_candidates AS c JOIN id_player_open AS o ON o.id = c.w_id
    WHERE len(o.core) = 1
    UNION SELECT DISTINCT t.core[1] FROM id_player_candidates AS c JOIN id_player_targets AS t ON t.id = c.t_id
    WHERE len(t.core) = 1
),
carried AS (
    SELECT DISTINCT id, unnest(core) AS word FROM id_player_targets
)
SELECT word, count(*) AS players FROM carried SEMI JOIN wanted USING (word) GROUP BY ALL;

-- every core word of every name in the candidates, one row each, with its position and skeleton
CREATE OR REPLACE TEMP TABLE id_player_words AS
WITH names AS (
    SELECT 'w' AS side, id, core FROM id_player_open WHERE id IN (SELECT w_id FROM id_player_candidates)
    UNION ALL
    SELECT 't', id, core FROM id_player_targets WHERE id IN (SELECT t_id FROM id_player_candidates)
)
SELECT side, id, unnest(range(1, len(core) + 1)) AS position, unnest(core) AS word,
    unnest(list_transform(core, lambda c: id_skeleton(c))) AS skeleton
FROM names;

-- how well each word of one name is matched by the other name's words: 3 the same, 2.8 the same
-- skeleton, 2.5 a spelling within Jaro-Winkler 0.92 ('sehrou' / 'serhou'), 2 a shortened form
-- ('mo' / 'mohamed', 'tino' / 'valentino'), 1 an initial, 0 none. Word pairs as rows, not nested
-- lists: DuckDB compares millions of them a second this way.
CREATE OR REPLACE TEMP TABLE id_player_word_matches AS
WITH pairs AS (
    SELECT c.w_id, c.t_id, w.position AS w_position, t.position AS t_position, CASE
        WHEN w.word = t.word THEN 3
        WHEN len(w.word) >= 3 AND w.skeleton = t.skeleton THEN 2.8
        WHEN len(w.word) >= 4 AND len(t.word) >= 4 AND jaro_winkler_similarity(w.word, t.word) >= 0.92 THEN 2.5
        WHEN len(w.word) >= 2 AND len(t.word) >= 2 AND (starts_with(t.word, w.word) OR starts_with(w.word, t.word))
            THEN 2
        -- (a short form ending a name has four letters or more: 'tino' / 'valentino', never 'dan' / 'jordan')
        WHEN len(w.word) >= 4 AND len(t.word) >= 4 AND (ends_with(t.word, w.word) OR ends_with(w.word, t.word)) THEN 2
        WHEN len(w.word) = 1 AND left(t.word, 1) = w.word THEN 1
        WHEN len(t.word) = 1 AND left(w.word, 1) = t.word THEN 1
        ELSE 0
    END AS m
    FROM id_player_candidates AS c
    JOIN id_player_words AS w ON w.side = 'w' AND w.id = c.w_id
    JOIN id_player_words AS t ON t.side = 't' AND t.id = c.t_id
),
-- an initial never stands for a word another word of the name already matches whole, nor for one
-- on the other side of it: in 'K. Kane' and 'Marc Kane' the K is not Kane's, in 'S. Tadić' and
-- 'Nikola Tadić Milinković-Savić' the S is not Savić's (trial 5: 'same initial and surname' said of both)
taken AS (
    SELECT DISTINCT i.w_id, i.t_id, i.w_position, i.t_position
    FROM pairs AS i
    JOIN pairs AS whole ON whole.w_id = i.w_id AND whole.t_id = i.t_id AND whole.m = 3
        AND ((whole.t_position = i.t_position AND whole.w_position <> i.w_position)
             OR (whole.w_position = i.w_position AND whole.t_position <> i.t_position)
             OR (whole.w_position <> i.w_position AND whole.t_position <> i.t_position
                 AND (i.w_position < whole.w_position) <> (i.t_position < whole.t_position)))
    WHERE i.m = 1
),
fair AS (
    SELECT p.w_id, p.t_id, p.w_position, p.t_position, CASE WHEN k.w_id IS NULL THEN p.m ELSE 0 END AS m
    FROM pairs AS p
    LEFT JOIN taken AS k USING (w_id, t_id, w_position, t_position)
),
best AS (
    SELECT w_id, t_id, 'w' AS side, max(m) AS m FROM fair GROUP BY w_id, t_id, w_position
    UNION ALL
    SELECT w_id, t_id, 't', max(m) FROM fair GROUP BY w_id, t_id, t_position
)
SELECT
    w_id, t_id,
    count(*) FILTER (WHERE side = 'w' AND m = 3) AS same_words,
    count(*) FILTER (WHERE side = 'w') AS w_words,
    count(*) FILTER (WHERE side = 't') AS t_words,
    bool_and(m > 0) FILTER (WHERE side = 'w') AS written_explained,
    bool_and(m > 0) FILTER (WHERE side = 't') AS target_explained,
    bool_and(m = 3) AS all_same,
    bool_or(m = 1) AS has_initial,
    bool_or(m = 2) AS has_short,
    bool_or(m = 2.5) AS has_spelling,
    bool_or(m = 2.8) AS has_transliteration
FROM best
GROUP BY ALL;

-- The evidence of each candidate in bits: how the names relate word by word, the clubs each source
-- names, date of birth and position where both sides have them. On ids and flags only: the names,
-- reasons and club names are read once, in id_player_scores.
CREATE OR REPLACE TEMP TABLE id_player_evidence AS
WITH related AS (
    SELECT
        m.*, o.key AS w_key, t.key AS t_key,
        CASE
            WHEN o.folded = t.folded THEN 'same'
            WHEN m.all_same AND m.w_words = m.t_words THEN 'reordered'
            -- a surname written after its particles is not another name's given name: 'Di Lorenzo'
            -- is no mononym of Lorenzo Lucca, only of a name holding 'di lorenzo' (folded.sql)
            WHEN (m.w_words = 1 AND id_lead_not_in(o.lead, t.tokens)) OR (m.t_words = 1 AND id_lead_not_in(t.lead, o.tokens))
                THEN CASE WHEN m.same_words >= 1 THEN 'one name' ELSE 'none' END
            WHEN m.w_words = 1 AND m.same_words = 1 THEN 'mononym'
            WHEN m.t_words = 1 AND m.same_words >= 1 THEN 'mononym'
            WHEN (m.written_explained OR m.target_explained) AND m.same_words >= 1 THEN 'variant'
            WHEN m.same_words = 0 AND jaro_winkler_similarity(o.folded, t.folded) >= 0.93 THEN 'similar'
            WHEN m.same_words >= 1 THEN 'one name'
            ELSE 'none'
        END AS relation,
        -- a one-word name carried by no other known player ('Richarlison') says more than 'Danilo'
        (m.w_words = 1 OR m.t_words = 1) AND coalesce(tw.players, 0) = 1 AS rare_mononym
    FROM id_player_word_matches AS m
    JOIN id_player_open AS o ON o.id = m.w_id
    JOIN id_player_targets AS t ON t.id = m.t_id
    LEFT JOIN id_target_words AS tw
        ON tw.word = CASE WHEN m.w_words = 1 THEN o.core[1] WHEN m.t_words = 1 THEN t.core[1] END
),
name_bits AS (
    SELECT
        *,
        CASE relation
            WHEN 'same' THEN 12
            WHEN 'reordered' THEN 10
            WHEN 'mononym' THEN 4 + CASE WHEN rare_mononym THEN 1 ELSE 0 END
            WHEN 'variant' THEN 9
                - CASE WHEN has_initial THEN 2 ELSE 0 END
                - CASE WHEN has_short THEN 1 ELSE 0 END
                - CASE WHEN has_spelling THEN 3 ELSE 0 END
                - CASE WHEN has_transliteration THEN 1 ELSE 0 END
                - CASE WHEN NOT (written_explained AND target_explained) THEN 1 ELSE 0 END
            WHEN 'similar' THEN 2
            WHEN 'one name' THEN -3
        END AS bits_name
    FROM related
    WHERE relation <> 'none'
),
-- the clubs of just the names in candidates (a written name's clubs as resolved, and the clubs its
-- club names may be when they are not known; a contract player's clubs)
w_keys AS (SELECT DISTINCT w_key AS key FROM name_bits),
t_keys AS (SELECT DISTINCT t_key AS key FROM name_bits),
w_clubs AS (
    SELECT c.player_key, list(DISTINCT c.club_key) AS clubs,
        list(DISTINCT c.club_key) FILTER (WHERE c.club_key IN (SELECT key FROM id_club_targets)) AS known_clubs
    FROM id_player_clubs AS c SEMI JOIN w_keys ON w_keys.key = c.player_key
    GROUP BY ALL
),
w_hints AS (
    SELECT h.player_key, list(h.club_key) AS clubs
    FROM id_player_club_hints AS h SEMI JOIN w_keys ON w_keys.key = h.player_key
    GROUP BY ALL
),
t_clubs AS (
    SELECT c.player_key, list(DISTINCT c.club_key) AS clubs
    FROM id_contract_clubs AS c SEMI JOIN t_keys ON t_keys.key = c.player_key
    GROUP BY ALL
),
clubbed AS (
    SELECT
        b.*,
        -- sorted: the club an evidence text names is then the same on every run (list() keeps no order)
        list_sort(list_intersect(coalesce(w_clubs.clubs, []), coalesce(t_clubs.clubs, []))) AS shared_clubs,
        list_sort(list_intersect(coalesce(w_hints.clubs, []), coalesce(t_clubs.clubs, []))) AS hinted_clubs,
        len(coalesce(w_clubs.known_clubs, [])) > 0 AND len(coalesce(t_clubs.clubs, [])) > 0 AS both_at_known_clubs,
        w_facts.born AS w_born, t_facts.born AS t_born,
        w_facts.position_group AS w_position, t_facts.position_group AS t_position
    FROM name_bits AS b
    LEFT JOIN w_clubs ON w_clubs.player_key = b.w_key
    LEFT JOIN w_hints ON w_hints.player_key = b.w_key
    LEFT JOIN t_clubs ON t_clubs.player_key = b.t_key
    LEFT JOIN id_written_facts AS w_facts ON w_facts.key = b.w_key
    LEFT JOIN id_target_facts AS t_facts ON t_facts.key = b.t_key
),
weighed AS (
    SELECT
        *,
        CASE
            WHEN len(shared_clubs) > 0 THEN 5
            WHEN len(hinted_clubs) > 0 THEN 3
            WHEN both_at_known_clubs THEN -2
            ELSE 0
        END AS bits_club,
        CASE WHEN w_born IS NULL OR t_born IS NULL THEN 0 WHEN w_born = t_born THEN 8 ELSE -10 END AS bits_born,
        CASE WHEN w_position IS NULL OR t_position IS NULL THEN 0 WHEN w_position = t_position THEN 1 ELSE -2 END
            AS bits_position
    FROM clubbed
)
SELECT
    w_id, t_id, relation, has_initial, has_short, has_spelling, has_transliteration,
    written_explained AND target_explained AS both_explained,
    bits_club, bits_born, bits_position, shared_clubs[1] AS shared_club, hinted_clubs[1] AS hinted_club,
    bits_name + bits_club + bits_born + bits_position AS bits
FROM weighed;

-- Each candidate's confidence (its share of the evidence against the name's other candidates and
-- "none of them", 2^6), how the names relate and what else agrees, in words.
CREATE OR REPLACE TEMP TABLE id_player_scores AS
WITH shares AS (
    SELECT w_id, t_id, pow(2, bits) / (pow(2, 6) + sum(pow(2, bits)) OVER (PARTITION BY w_id)) AS confidence
    FROM id_player_evidence
)
SELECT
    o.key AS w_key, t.key AS t_key, o.name AS w_name, t.name AS t_name, e.relation, e.bits, s.confidence,
    CASE e.relation
        WHEN 'same' THEN 'same name but for accents, case or punctuation'
        WHEN 'reordered' THEN 'same names in another order'
        WHEN 'mononym' THEN 'one name of the other (a mononym)'
        WHEN 'variant' THEN CASE
            WHEN e.has_initial AND NOT e.has_short AND NOT e.has_spelling AND NOT e.has_transliteration
                AND e.both_explained THEN 'same initial and surname'
            WHEN e.has_initial AND NOT e.has_short AND NOT e.has_spelling AND NOT e.has_transliteration
                THEN 'same initial and surname, other names dropped'
            WHEN e.has_spelling THEN 'same name but one word spelled differently'
            WHEN e.has_transliteration AND NOT e.has_short THEN 'same name transliterated another way'
            WHEN e.has_short THEN 'shortened given name, same surname'
            ELSE 'same given name and surname, other names dropped'
        END
        WHEN 'similar' THEN 'similar spelling'
        ELSE 'one name in common, the others differ'
    END AS reason,
    concat_ws('; ',
        CASE
            WHEN e.bits_club = 5 THEN 'same club (' || shared_club.name || ')'
            WHEN e.bits_club = 3 THEN 'named at a club like his contract''s (' || hinted_club.name || ')'
            WHEN e.bits_club < 0 THEN 'named at another club than his contract''s'
        END,
        CASE WHEN e.bits_born > 0 THEN 'same date of birth' WHEN e.bits_born < 0 THEN 'another date of birth' END,
        CASE WHEN e.bits_position > 0 THEN 'same position' WHEN e.bits_position < 0 THEN 'another position' END
    ) AS evidence
FROM id_player_evidence AS e
JOIN shares AS s USING (w_id, t_id)
JOIN id_player_open AS o ON o.id = e.w_id
JOIN id_player_targets AS t ON t.id = e.t_id
LEFT JOIN id_club_targets AS shared_club ON shared_club.key = e.shared_club
LEFT JOIN id_club_targets AS hinted_club ON hinted_club.key = e.hinted_club;
