-- Identity, step 1: every player and club name as written anywhere in the load (and every outlet
-- name: stg_names reads id_written too, so the load is grouped once), once per matching
-- key (case, accents and spacing ignored, as stg_names groups them), with where it was seen, and
-- what each already resolves to without the identity step: an alias line, a contract's name or a
-- known club. Distinct names, never rows: the heavy part of identity scales with names, not reports.

CREATE OR REPLACE TEMP MACRO position_group(s) AS CASE
    WHEN s IS NULL OR trim(s) = '' THEN NULL
    WHEN regexp_matches(lower(s), 'goal|keeper|^gk$') THEN 'GK'
    WHEN regexp_matches(lower(s), 'back|defen|sweeper|^(cb|lb|rb|lwb|rwb|df|d)$') THEN 'DEF'
    WHEN regexp_matches(lower(s), 'midfield|^(cm|dm|am|lm|rm|cdm|cam|mf|m)$') THEN 'MID'
    WHEN regexp_matches(lower(s), 'wing|forward|striker|attack|^(lw|rw|cf|ss|st|fw|f)$') THEN 'FWD'
END;

CREATE OR REPLACE TEMP TABLE id_written AS
SELECT 'player' AS kind, player AS written, 'rumours' AS source, count(*) AS n FROM landing_rumours GROUP BY ALL
UNION ALL SELECT 'player', player, 'transfers', count(*) FROM landing_transfers GROUP BY ALL
UNION ALL SELECT 'player', player, 'contracts', count(*) FROM landing_contracts GROUP BY ALL
UNION ALL SELECT 'club', interested_club, 'rumours', count(*) FROM landing_rumours GROUP BY ALL
UNION ALL SELECT 'club', player_club, 'rumours', count(*) FROM landing_rumours GROUP BY ALL
UNION ALL SELECT 'club', club, 'contracts', count(*) FROM landing_contracts GROUP BY ALL
UNION ALL SELECT 'club', to_club, 'transfers', count(*) FROM landing_transfers GROUP BY ALL
UNION ALL SELECT 'club', from_club, 'transfers', count(*) FROM landing_transfers GROUP BY ALL
UNION ALL SELECT 'club', club, 'transfers', count(*) FROM landing_transfers GROUP BY ALL
UNION ALL SELECT 'club', dealing_club, 'transfers', count(*) FROM landing_transfers GROUP BY ALL
UNION ALL SELECT 'outlet', source, 'rumours', count(*) FROM landing_rumours GROUP BY ALL
UNION ALL SELECT 'outlet', via, 'rumours', count(*) FROM landing_rumours GROUP BY ALL;

-- every distinct written name's key, computed once (joins below match written names exactly and
-- read the key from here instead of cleaning a name per row)
-- (both steps MATERIALIZED: the planner would otherwise push `name IS NOT NULL` below DISTINCT and
-- clean every written name once per source, twice)
CREATE OR REPLACE TEMP TABLE id_keys_by_written AS
WITH distinct_names AS MATERIALIZED (
    SELECT DISTINCT kind, written FROM id_written WHERE kind IN ('player', 'club') AND written IS NOT NULL
),
cleaned AS MATERIALIZED (
    SELECT kind, written, name_clean(written) AS name FROM distinct_names
)
SELECT kind, written, name, lower(strip_accents(name)) AS key FROM cleaned WHERE name IS NOT NULL;

-- one row per kind and key: the spelling staging will store for it, counts by source
CREATE OR REPLACE TEMP TABLE id_names AS
WITH counted AS (
    SELECT k.kind, k.key, k.name, w.source, sum(w.n) AS n
    FROM id_written AS w
    JOIN id_keys_by_written AS k USING (kind, written)
    GROUP BY ALL
),
-- staging's rule (stg_names, most_common): a contract's spelling first (one with accents before its
-- plain twin), then the most written, then the first in order, so that suggestions and links name a
-- player as the warehouse stores him, and the same way on every run (a tie went either way)
spellings AS (
    SELECT
        kind,
        key,
        arg_min(name, (NOT from_contract, NOT (from_contract AND name <> strip_accents(name)), -n, name)) AS name,
        arg_min(name, (name = strip_accents(name), -n, name)) FILTER (WHERE from_contract) AS contract_name
    FROM (SELECT kind, key, name, sum(n) AS n, bool_or(source = 'contracts') AS from_contract FROM counted GROUP BY ALL)
    GROUP BY ALL
)
SELECT
    c.kind,
    c.key,
    s.name,
    s.contract_name,
    sum(c.n) FILTER (WHERE c.source = 'rumours') AS n_rumours,
    sum(c.n) FILTER (WHERE c.source = 'transfers') AS n_transfers,
    bool_or(c.source = 'contracts') AS in_contracts
FROM counted AS c
JOIN spellings AS s USING (kind, key)
GROUP BY c.kind, c.key, s.name, s.contract_name;

-- aliases by key (an alias line always wins), and the names aliases.csv calls canonical
CREATE OR REPLACE TEMP TABLE id_alias_keys AS
SELECT kind, name_key(alias) AS key, any_value(canonical) AS canonical, name_key(any_value(canonical)) AS canonical_key
FROM ref_aliases
WHERE kind IN ('player', 'club')
GROUP BY ALL;

-- `distinct` lines: pairs of names never to be linked (either way round)
CREATE OR REPLACE TEMP TABLE id_vetoes AS
SELECT name_key(alias) AS a, name_key(canonical) AS b, line_number FROM ref_aliases WHERE kind = 'distinct'
UNION ALL
SELECT name_key(canonical), name_key(alias), line_number FROM ref_aliases WHERE kind = 'distinct';

-- names to fold in Python (anyascii): those with a character that stripping accents leaves outside
-- ASCII (ı, ø, ß, æ, ð, ł, Cyrillic, ...); the rest fold in SQL (folded.sql)
CREATE OR REPLACE TEMP TABLE id_non_ascii AS
SELECT DISTINCT name FROM id_names WHERE NOT regexp_matches(strip_accents(name), '^[\x00-\x7F]*$');
