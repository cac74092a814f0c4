-- Identity, step 1 (continued): player and club names with letters lost on the way (name_damaged:
-- 'M?ller', 'Bar?? Alper Y?lmaz', 'Ferencv?rosi TC', 'Be?ikta? JK'). Such a name never becomes a
-- player or club of its own that competes with the real one: it is never a candidate for other
-- names (players.sql leaves it out of the targets, clubs.sql out of the known clubs), even from a
-- contract. Each '?' (or U+FFFD) stood for one letter outside ASCII (ASCII letters survive the
-- damage), so the name is a pattern: when exactly one name fits it (ignoring case; a known player's
-- or club's first, see `spellings`), it is linked to that name (id_damaged_links, if the link
-- threshold allows); otherwise it is matched as an unknown name. Unlinked, it waits in
-- unmatched_players or unmatched_clubs with the names that fit as its suggestions (`fits`, one per
-- player or club), or the identity step's if none does. One table for both kinds (`kind`).
CREATE OR REPLACE TEMP TABLE id_damaged AS
WITH damaged AS (
    SELECT kind, key, name,
        -- the name as a regular expression: its own characters literally, each lost letter one
        -- character outside ASCII
        '(?i)^' || regexp_replace(
            regexp_replace(name, '([.^$*+()\[\]{}|\\])', '\\\1', 'g'), '\?|\x{FFFD}', '[^\\x00-\\x7F]', 'g'
        ) || '$' AS pattern
    FROM id_names
    WHERE kind IN ('player', 'club') AND name_damaged(name)
),
-- the spellings it may be, each with the player or club it names (key, name): known ones first
-- (tier 1), then any undamaged name written elsewhere in the load (tier 2: a rumour's 'Abdülkerim
-- Bardakcı' for a contract's 'Abd?lkerim Bardak??', a transfer's 'Fenerbahçe' for 'Fenerbah?e')
spellings AS (
    -- players: a contract's undamaged name, an aliases.csv canonical name
    SELECT DISTINCT 'player' AS kind, 1 AS tier, key, coalesce(contract_name, name) AS name,
        coalesce(contract_name, name) AS spelling
    FROM id_names WHERE kind = 'player' AND in_contracts AND NOT name_damaged(name)
    UNION
    SELECT DISTINCT 'player', 1, canonical_key, canonical, canonical FROM id_alias_keys
    WHERE kind = 'player' AND NOT name_damaged(canonical)
    UNION
    -- clubs: every spelling of a known club (a contract's, clubs.csv's, either side of an aliases.csv
    -- line), naming the club an alias line makes it ('Liverpool FC' is Liverpool)
    SELECT 'club', 1, coalesce(a.canonical_key, s.key), name_clean(coalesce(a.canonical, s.spelling)), s.spelling
    FROM (
        SELECT key, coalesce(contract_name, name) AS spelling FROM id_names WHERE kind = 'club' AND in_contracts
        UNION SELECT name_key(club), name_clean(club) FROM ref_clubs
        UNION SELECT name_key(alias), name_clean(alias) FROM ref_aliases WHERE kind = 'club'
        UNION SELECT name_key(canonical), name_clean(canonical) FROM ref_aliases WHERE kind = 'club'
    ) AS s
    LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = s.key
    WHERE NOT name_damaged(s.spelling) AND NOT name_damaged(coalesce(a.canonical, s.spelling))
    UNION
    -- either kind: any other undamaged name in the load
    SELECT DISTINCT kind, 2, key, name, name FROM id_names
    WHERE kind IN ('player', 'club') AND NOT in_contracts AND NOT name_damaged(name)
),
fits AS (
    SELECT d.kind, d.key, s.tier, s.name AS fit, s.key AS fit_key
    FROM damaged AS d
    JOIN spellings AS s ON s.kind = d.kind AND length(s.spelling) = length(d.name) AND regexp_matches(s.spelling, d.pattern)
    WHERE NOT EXISTS (SELECT 1 FROM id_vetoes AS v WHERE v.a = d.key AND v.b IN (s.key, name_key(s.spelling)))
),
nearest AS (  -- the fits of the first tier that has any, one name per player or club
    SELECT kind, key, fit_key, min(fit) AS fit
    FROM fits
    GROUP BY kind, key, fit_key, tier
    QUALIFY tier = min(tier) OVER (PARTITION BY kind, key)
)
SELECT
    d.kind,
    d.key,
    d.name,
    count(f.fit_key) AS fitting,
    CASE WHEN count(f.fit_key) = 1 THEN any_value(f.fit) END AS fit,
    CASE WHEN count(f.fit_key) = 1 THEN any_value(f.fit_key) END AS fit_key,
    coalesce(list(struct_pack(key := f.fit_key, name := f.fit) ORDER BY f.fit) FILTER (WHERE f.fit_key IS NOT NULL), [])
        AS fits
FROM damaged AS d
LEFT JOIN nearest AS f USING (kind, key)
GROUP BY ALL;

-- what unmatched_players and unmatched_clubs suggest for them: each name it fits, as likely as the
-- others (confidence 1/N)
CREATE OR REPLACE TEMP TABLE id_damaged_suggestions AS
SELECT d.kind, d.key AS w_key, f.fit.key AS t_key, f.fit.name AS suggestion, 1.0 / d.fitting AS confidence,
    CASE WHEN d.fitting = 1 THEN '''?'' where a letter was lost: the only name it fits'
         ELSE '''?'' where a letter was lost: fits ' || d.fitting || ' names' END AS reason
FROM id_damaged AS d, unnest(d.fits) AS f(fit);

-- the links they make (stg_identity_links, through links.sql for players and club_links.sql for
-- clubs): a name exactly one player or club fits, certain, yet a link like any other, so a threshold
-- above 1 leaves it to the analyst (unmatched_players, unmatched_clubs); an alias line always wins
CREATE OR REPLACE TEMP TABLE id_damaged_links AS
SELECT d.kind, d.key AS w_key, d.name AS written, d.fit_key AS t_key, d.fit AS canonical, 1.0 AS confidence,
    '''?'' where a letter was lost: the only name it fits' AS evidence
FROM id_damaged AS d
WHERE d.fit IS NOT NULL AND 1.0 >= $threshold
  AND NOT EXISTS (SELECT 1 FROM id_alias_keys AS a WHERE a.kind = d.kind AND a.key = d.key);
