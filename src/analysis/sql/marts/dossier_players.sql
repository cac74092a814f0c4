-- Whose dossier a club's report carries, up to $count: first the club's own players (under
-- contract on $as_of) whom other clubs chase hardest, by their top suitor's intensity on $as_of;
-- then, for the slots left, the players the club itself chases hardest. A buying club's report
-- so still follows its targets.
WITH held AS (
    SELECT player FROM contracts_as_of($as_of) WHERE club = $club AND contract_expires >= $as_of
),
chased AS (
    SELECT player, top_suitor_intensity AS intensity, 1 AS part
    FROM top_suitors('focus_events', $as_of, $half_life_days)
    WHERE player IN (SELECT player FROM held)
),
targets AS (
    SELECT player, intensity, 2 AS part
    FROM intensity_on('focus_events', $as_of, $half_life_days)
    WHERE interested_club = $club AND player NOT IN (SELECT player FROM held)
)
SELECT player
FROM (SELECT * FROM chased UNION ALL SELECT * FROM targets)
ORDER BY part, intensity DESC, player
LIMIT $count;
