-- Identity, step 2: each name folded (id_folds holds the anyascii folds of non-ASCII names; the rest
-- fold here by the same rules, see identity/folding.py) and split into tokens.
-- Players: 'jr'/'jnr' -> 'junior'; particles (van, de, da, al, ...) are kept as tokens but never
-- make a key on their own ('ben' is no particle: it is Ben White's given name as often as Wissam Ben
-- Yedder's 'son of'). A one-word core written after particles ('Di Lorenzo', 'Van de Ven') keeps
-- them as its `lead` ('di lorenzo'): a surname, which only a name holding that phrase may be
-- (players.sql), never a given name ('Lorenzo Lucca'). Clubs: core tokens without affixes (FC,
-- AFC, CF, SC, ...) and years.
-- A word's transliteration skeleton: German and Nordic spellings without umlauts ('mueller' /
-- 'muller', 'hoejlund' / 'hojlund') and the usual ways Cyrillic is written in Latin letters
-- ('georgiy' / 'georgii', 'dowbyk' / 'dovbyk', 'mykhailo' / 'mykhaylo').
CREATE OR REPLACE TEMP MACRO id_skeleton(word) AS replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(word, 'oe', 'o'), 'ue', 'u'), 'ae', 'a'), 'y', 'i'), 'w', 'v'), 'ks', 'x'), 'ph', 'f'), 'kh', 'h'),
    'ou', 'u'), 'dj', 'j');

-- A one-word name's particles and surname (`lead`, below: 'di lorenzo') that the other name's words do
-- not hold as a phrase: then the one word is no mononym of that name (players.sql).
CREATE OR REPLACE TEMP MACRO id_lead_not_in(lead, tokens) AS
    lead IS NOT NULL AND NOT contains(' ' || array_to_string(tokens, ' ') || ' ', ' ' || lead || ' ');

-- A club's spelling key: its core words, once each, in order ('FK Bodø/Glimt' and 'Bodø Glimt' share
-- one), how unmatched_clubs groups an unknown club's spellings and contract_club_changes tells a club
-- written another way from a move.
CREATE OR REPLACE TEMP MACRO club_spelling_key(core) AS array_to_string(list_sort(list_distinct(core)), ' ');

CREATE OR REPLACE TEMP TABLE id_folded AS
WITH folded AS (
    -- (a name's key is lower(strip_accents(name)): FOLD_SQL from there on)
    SELECT n.kind, n.key, n.name,
        coalesce(f.folded, trim(regexp_replace(replace(replace(n.key, '''', ''), '`', ''), '[^a-z0-9]+', ' ', 'g')))
            AS folded
    FROM id_names AS n
    LEFT JOIN id_folds AS f ON f.name = n.name
),
tokened AS (
    SELECT *, list_transform(list_filter(string_split(folded, ' '), lambda t: t <> ''),
        lambda t: CASE WHEN t IN ('jr', 'jnr') THEN 'junior' WHEN t IN ('sr', 'snr') THEN 'senior' ELSE t END) AS tokens
    FROM folded
),
cored AS (
    SELECT
        kind, key, name, folded, tokens,
        CASE kind
            WHEN 'player' THEN list_filter(tokens, lambda t: t NOT IN (
                'van', 'von', 'de', 'da', 'das', 'do', 'dos', 'di', 'del', 'della', 'der', 'den', 'ten', 'ter',
                'le', 'la', 'el', 'al', 'bin', 'junior', 'senior'))
            ELSE list_filter(tokens, lambda t: NOT club_affix(t))  -- (staging/macros.sql)
        END AS core
    FROM tokened
)
SELECT
    *,
    CASE WHEN kind = 'player' AND len(core) = 1 AND tokens[1] <> core[1] AND tokens[1] NOT IN ('junior', 'senior')
        THEN array_to_string(tokens[1:list_position(tokens, core[1])], ' ')
    END AS lead
FROM cored;

