-- Whose dossier a club's report carries, up to $count: first the club's own players (under
-- contract on $as_of) whom other clubs chase hardest, by their top suitor's intensity on $as_of;
-- then, for the slots left, the players the club itself chases hardest. A buying club's report
-- so still follows its targets.
WITH held AS (
    SELECT player, club FROM contracts_as_of($as_of) WHERE club = $club AND contract_expires >= $as_of
),
pairs AS (
    SELECT player, interested_club, intensity FROM intensity_on('focus_events', $as_of, $half_life_days)
),
chased AS (
    SELECT p.player, max(p.intensity) AS intensity, 1 AS part
    FROM pairs AS p
    JOIN held AS h ON h.player = p.player AND p.interested_club <> h.club
    GROUP BY p.player
),
targets AS (
    SELECT p.player, p.intensity, 2 AS part
    FROM pairs AS p
    WHERE p.interested_club = $club AND p.player NOT IN (SELECT player FROM held)
)
SELECT player
FROM (SELECT * FROM chased UNION ALL SELECT * FROM targets)
ORDER BY part, intensity DESC, player
LIMIT $count;
