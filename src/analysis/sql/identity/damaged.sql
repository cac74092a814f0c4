-- Identity, step 1 (continued): player names with letters lost on the way (name_damaged:
-- 'M?ller', 'Bar?? Alper Y?lmaz'). Such a name never becomes a player of its own that competes with
-- the real one: it is never a candidate for other names (players.sql leaves it out of the targets),
-- even from a contract. Each '?' (or U+FFFD) stood for one letter outside ASCII (ASCII letters
-- survive the damage), so the name is a pattern: when exactly one name fits it (ignoring case; a
-- known player's first, see `known`), it is linked to that name (links.sql, if the link threshold
-- allows); otherwise it is matched as an unknown name. Unlinked, it waits in unmatched_players with
-- the names that fit as its suggestions (`fits`, one per player), or the identity step's if none does.
CREATE OR REPLACE TEMP TABLE id_damaged_players AS
WITH damaged AS (
    SELECT key, name,
        -- the name as a regular expression: its own characters literally, each lost letter one
        -- character outside ASCII
        '(?i)^' || regexp_replace(
            regexp_replace(name, '([.^$*+()\[\]{}|\\])', '\\\1', 'g'), '\?|\x{FFFD}', '[^\\x00-\\x7F]', 'g'
        ) || '$' AS pattern
    FROM id_names
    WHERE kind = 'player' AND name_damaged(name)
),
-- the names it may be: known players first (a contract's undamaged name, an aliases.csv canonical
-- name), then any undamaged name written elsewhere in the load (a rumour's 'Abdülkerim Bardakcı'
-- for a contract's 'Abd?lkerim Bardak??')
known AS (
    SELECT DISTINCT 1 AS tier, key, coalesce(contract_name, name) AS name FROM id_names
    WHERE kind = 'player' AND in_contracts AND NOT name_damaged(name)
    UNION
    SELECT DISTINCT 1, canonical_key, canonical FROM id_alias_keys WHERE kind = 'player' AND NOT name_damaged(canonical)
    UNION
    SELECT DISTINCT 2, key, name FROM id_names WHERE kind = 'player' AND NOT in_contracts AND NOT name_damaged(name)
),
fits AS (
    SELECT d.key, k.tier, k.name AS fit, k.key AS fit_key
    FROM damaged AS d
    JOIN known AS k ON length(k.name) = length(d.name) AND regexp_matches(k.name, d.pattern)
    WHERE NOT EXISTS (SELECT 1 FROM id_vetoes AS v WHERE v.a = d.key AND v.b = k.key)
),
nearest AS (  -- the fits of the first tier that has any, one name per player
    SELECT key, fit_key, min(fit) AS fit
    FROM fits
    GROUP BY key, fit_key, tier
    QUALIFY tier = min(tier) OVER (PARTITION BY key)
)
SELECT
    d.key,
    d.name,
    count(f.fit_key) AS fitting,
    CASE WHEN count(f.fit_key) = 1 THEN any_value(f.fit) END AS fit,
    coalesce(list(struct_pack(key := f.fit_key, name := f.fit) ORDER BY f.fit) FILTER (WHERE f.fit_key IS NOT NULL), [])
        AS fits
FROM damaged AS d
LEFT JOIN nearest AS f USING (key)
GROUP BY ALL;
