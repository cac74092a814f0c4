-- The focus's pursuits that ended with the player joining the suitor by $as_of (completed_pursuits):
-- the ladder's last step, and how intensity and the market watch tell a completed move from a chase.
SELECT player, interested_club, pursued_since, pursuit_stories, joined_on, joined_known_on, joined_evidence, source_file, line_number
FROM completed_pursuits('focus_events', $as_of)
ORDER BY joined_on, player, interested_club;
