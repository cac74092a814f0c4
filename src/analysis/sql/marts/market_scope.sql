-- The clubs of a league and/or a country in the clubs reference (ref_clubs: club, league,
-- country), names matched ignoring case, accents and spacing; with the names as the reference
-- spells them.
SELECT DISTINCT club, league, country
FROM ref_clubs
WHERE club IS NOT NULL
  AND ($league IS NULL OR lower(strip_accents(trim(league))) = lower(strip_accents(trim($league))))
  AND ($country IS NULL OR lower(strip_accents(trim(country))) = lower(strip_accents(trim($country))))
ORDER BY club;
