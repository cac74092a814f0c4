-- Completed moves (table transfers, SPEC 9) known after $since and on or before $as_of: a move
-- dated in the window, or, when only its window is known, that window's close. Newest first. A move
-- that ended a pursuit in the stories (market_completions: the player joined the club chasing him)
-- says since when it was pursued and in how many stories; that pursuit is no longer a mover.
-- Signings first: loan returns and departures to no club (released, retired: a dump's summer lists
-- hundreds of them around 1 July) after them, each group newest first.
SELECT
    t.known_on,
    t.player,
    t.from_club,
    t.to_club,
    t.transfer_date,
    t.window_label,
    t.fee_eur,
    t.is_loan,
    t.loan_return,
    p.pursued_since,
    p.pursuit_stories
FROM transfers AS t
LEFT JOIN market_completions AS p
    ON p.player = t.player AND p.interested_club = t.to_club AND p.joined_on = coalesce(t.transfer_date, t.known_on)
WHERE t.known_on > $since AND t.known_on <= $as_of
  AND ($scope IS NULL OR list_contains($scope, t.to_club) OR list_contains($scope, t.from_club))
ORDER BY t.to_club IS NULL, t.loan_return, t.known_on DESC, t.fee_eur DESC NULLS LAST, t.player;
