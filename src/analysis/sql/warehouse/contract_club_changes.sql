-- Each contract record whose club differs from the player's previous record (temp: transfers and
-- ingest_warnings read it). `respelled`: the two clubs are one name written two ways, the same
-- words apart from accents, punctuation, case and affixes like FK or SK (identity's club spelling
-- key: 'FK Bodø/Glimt' then a hand-typed 'Bodø/Glimt'). That is not a move, and becomes none: it
-- is a warning naming the aliases.csv line that makes the two one club.
CREATE OR REPLACE TEMP TABLE contract_club_changes AS
WITH records AS (
    SELECT
        player, club, recorded_on, source_file, line_number,
        lag(club) OVER by_time AS previous_club,
        lag(recorded_on) OVER by_time AS previous_recorded_on
    FROM contracts
    WINDOW by_time AS (
        PARTITION BY player ORDER BY coalesce(recorded_on, DATE '1900-01-01'), source_file, line_number
    )
),
spelling AS (  -- as unmatched_clubs groups an unknown club's spellings
    SELECT key, club_spelling_key(core) AS spelling_key
    FROM id_folded
    WHERE kind = 'club' AND len(core) > 0
)
SELECT
    r.*,
    coalesce(was.spelling_key = now.spelling_key, FALSE) AS respelled
FROM records AS r
LEFT JOIN spelling AS was ON was.key = name_key(r.previous_club)
LEFT JOIN spelling AS now ON now.key = name_key(r.club)
WHERE r.previous_club IS NOT NULL AND r.club IS DISTINCT FROM r.previous_club;
