-- Whose dossier a club's report carries, up to $count: first the club's own players on $as_of
-- (focus_roster) whom other clubs chase hardest, by their strongest suitor's intensity on $as_of;
-- then, for the slots left, the players the club itself chases hardest. A buying club's report so
-- still follows its targets. The latest report breaks a tie; a chase decayed below $floor is over,
-- and so is one that ended with the player joining the suitor (chasing_on).
WITH held AS (
    SELECT player FROM focus_roster WHERE club = $club
),
pairs AS (
    SELECT * FROM focus_chasing WHERE intensity >= $floor
),
chased AS (
    SELECT p.player, arg_max(p.intensity, (p.intensity, p.last_reported_on)) AS intensity,
           arg_max(p.last_reported_on, (p.intensity, p.last_reported_on)) AS last_reported_on, 1 AS part
    FROM pairs AS p
    WHERE p.player IN (SELECT player FROM held) AND p.interested_club <> $club
    GROUP BY p.player
),
targets AS (
    SELECT player, intensity, last_reported_on, 2 AS part
    FROM pairs
    WHERE interested_club = $club AND player NOT IN (SELECT player FROM held)
)
SELECT player
FROM (SELECT * FROM chased UNION ALL SELECT * FROM targets)
ORDER BY part, intensity DESC, last_reported_on DESC, player
LIMIT $count;
