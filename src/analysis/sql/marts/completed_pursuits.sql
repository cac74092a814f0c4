-- The focus's pursuits that ended with the player joining the suitor by $as_of (focus_completions:
-- completed_pursuits of its stories, made once per session), one row per completion: the ladder's
-- completed steps; chase_resumed_on (the first outside report after the join, null: none) tells a
-- completed move from a pair chased again.
SELECT
    player,
    interested_club,
    pursued_since,
    pursuit_stories,
    joined_on,
    joined_known_on,
    joined_evidence,
    source_file,
    line_number,
    chase_resumed_on
FROM focus_completions
ORDER BY joined_on, player, interested_club;
