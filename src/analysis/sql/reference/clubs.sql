-- Known clubs (the reference folder's clubs.csv, which name matching links written club names to):
-- club, league, country, optional club_id. Clubs of one name in different countries or leagues are
-- different clubs ('Liverpool FC' of Montevideo); a line repeating one already read is used once.
CREATE TABLE ref_clubs AS
SELECT
    first(name_clean(club) ORDER BY line_number) AS club,
    first(nullif(trim(league), '') ORDER BY line_number) AS league,
    first(nullif(trim(country), '') ORDER BY line_number) AS country,
    first(nullif(trim(club_id), '') ORDER BY line_number) AS club_id,
    min(line_number) AS line_number
FROM ref_clubs_lines
GROUP BY name_key(club), lower(strip_accents(trim(coalesce(country, '')))),
    lower(strip_accents(trim(coalesce(league, '')))), trim(coalesce(club_id, ''))
ORDER BY line_number;
