-- Completed moves (table transfers, SPEC 9) known after $since and on or before $as_of: a move
-- dated in the window, or, when only its window is known, that window's close. Newest first.
SELECT known_on, player, from_club, to_club, transfer_date, window_label, fee_eur, is_loan
FROM transfers
WHERE known_on > $since AND known_on <= $as_of
  AND ($scope IS NULL OR list_contains($scope, to_club) OR list_contains($scope, from_club))
ORDER BY known_on DESC, fee_eur DESC NULLS LAST, player;
