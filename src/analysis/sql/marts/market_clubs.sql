-- The clubs an all-clubs run reports on: every club holding a contract on $as_of; with a scope
-- ($scope: a league's or a country's clubs), those of its clubs the warehouse knows on $as_of
-- (a squad, or a pursuit of its own).
SELECT club FROM contracts_held($as_of)
WHERE $scope IS NULL OR list_contains($scope, club)
UNION
SELECT interested_club AS club FROM rumours
WHERE $scope IS NOT NULL AND reported_on <= $as_of AND list_contains($scope, interested_club)
ORDER BY club;
