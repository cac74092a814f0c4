-- Why no contract runs out after $as_of (the market watch's expiry cliff, when empty): how many
-- contract states hold on that day in the scope ($scope, a list of clubs; null: every club), and
-- the scope's first dated contract record (none on record yet: the squads are not known).
SELECT
    (SELECT count(*) FROM contracts_as_of($as_of) WHERE $scope IS NULL OR list_contains($scope, club))
        AS contracts_on_record,
    (SELECT min(recorded_on) FROM contracts
     WHERE recorded_on > DATE '1900-01-01' AND ($scope IS NULL OR list_contains($scope, club)))
        AS first_contract_recorded_on;
