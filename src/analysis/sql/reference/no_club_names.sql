-- Names that stand for no club ('Without Club', 'Retired': meaning none) or an unknown one
-- ('Unknown', '?': meaning unknown), once per name ignoring case and accents.
CREATE TABLE ref_no_club_names AS
SELECT
    first(name_clean(name) ORDER BY line_number) AS name,
    first(coalesce(meaning, 'none') ORDER BY line_number) AS meaning,
    first(note ORDER BY line_number) FILTER (WHERE note IS NOT NULL) AS note,
    min(line_number) AS line_number
FROM ref_no_club_names_lines
GROUP BY name_key(name)
ORDER BY line_number;

-- A club name that means no club at all (or an unknown one): a move from or to it is from or to
-- nowhere we know.
CREATE OR REPLACE TEMP MACRO club_is_none(s) AS
    name_key(s) IN (SELECT name_key(name) FROM ref_no_club_names);
