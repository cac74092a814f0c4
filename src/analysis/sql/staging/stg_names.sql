-- One canonical spelling for every player, club and outlet name as written anywhere in the load.
-- Order of authority: an alias in aliases.csv, then a link of the identity step (stg_identity_links,
-- above its confidence threshold), then a name that is itself a canonical name in the reference
-- files, then among names equal but for case, accents and spacing: a contract's spelling (one with
-- accents first), then the most common one.
-- Every name as written, counted, first on its own (the identity step counted them: id_written): a
-- filter on the cleaned name would otherwise be pushed below the grouping and clean every row of
-- the load instead of every distinct name.
-- from_contract: contracts are the roster of record, so their spelling wins a tie
CREATE OR REPLACE TEMP TABLE stg_written_names AS
SELECT kind, written, sum(n) AS n, source = 'contracts' AS from_contract
FROM id_written
GROUP BY kind, written, source = 'contracts';

CREATE OR REPLACE TEMP TABLE stg_names AS
WITH keyed AS (
    -- players' and clubs' names were cleaned once by the identity step (id_keys_by_written: every
    -- one that is not blank); outlets' here
    SELECT w.kind, w.written, k.name AS cleaned, k.key, sum(w.n) AS n, bool_or(w.from_contract) AS from_contract
    FROM stg_written_names AS w
    JOIN id_keys_by_written AS k ON k.kind = w.kind AND k.written = w.written
    GROUP BY ALL
    UNION ALL
    SELECT kind, written, name_clean(written), name_key(written), sum(n), bool_or(from_contract)
    FROM stg_written_names
    WHERE kind NOT IN ('player', 'club') AND name_clean(written) IS NOT NULL
    GROUP BY ALL
),
aliased AS (
    SELECT kind, name_key(alias) AS key, any_value(name_clean(canonical)) AS canonical
    FROM ref_aliases
    WHERE kind IN ('player', 'club', 'outlet')
    GROUP BY ALL
),
linked AS (
    SELECT kind, name_key(written) AS key, arg_max(name_clean(canonical), confidence) AS canonical
    FROM stg_identity_links
    WHERE kind IN ('player', 'club', 'outlet')
    GROUP BY ALL
),
reference_names AS (
    SELECT kind, name_key(canonical) AS key, min(name_clean(canonical)) AS canonical
    FROM ref_aliases
    WHERE kind IN ('player', 'club', 'outlet')
    GROUP BY ALL
    UNION ALL
    SELECT 'outlet', name_key(outlet), min(name_clean(outlet)) FROM ref_outlets GROUP BY ALL
),
-- among a contract's spellings, one with its accents before its plain twin ('Çağlar Söyüncü' from
-- the squad export, not a desk's typed 'Caglar Soyuncu'): the accents are what the other lost
most_common AS (
    SELECT kind, key,
        first(cleaned ORDER BY from_contract DESC, from_contract AND cleaned <> strip_accents(cleaned) DESC, n DESC, cleaned)
            AS canonical
    FROM (SELECT kind, key, cleaned, sum(n) AS n, bool_or(from_contract) AS from_contract FROM keyed GROUP BY ALL)
    GROUP BY ALL
),
reference_keys AS (
    SELECT kind, key, min(canonical) AS canonical FROM reference_names GROUP BY ALL
),
-- a link names a player or club by some spelling: store the one its own key stores (a contract's)
linked_stored AS (
    SELECT l.kind, l.key, coalesce(r.canonical, m.canonical, l.canonical) AS canonical
    FROM linked AS l
    LEFT JOIN reference_keys AS r ON r.kind = l.kind AND r.key = name_key(l.canonical)
    LEFT JOIN most_common AS m ON m.kind = l.kind AND m.key = name_key(l.canonical)
)
SELECT
    k.kind,
    k.written,
    coalesce(a.canonical, l.canonical, r.canonical, m.canonical) AS canonical,
    a.canonical IS NOT NULL AS via_alias,
    a.canonical IS NULL AND l.canonical IS NOT NULL AS via_link
FROM keyed AS k
LEFT JOIN aliased AS a USING (kind, key)
LEFT JOIN linked_stored AS l USING (kind, key)
LEFT JOIN reference_keys AS r USING (kind, key)
LEFT JOIN most_common AS m USING (kind, key);
