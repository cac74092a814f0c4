-- Contract records that disagree (another expiry or club) with the record kept for the same player on
-- the same recorded day. The rule is the one contracts_as_of applies: of a player's records for one
-- day, the last in file order (the later file name, then the later line) is his contract state. Each
-- superseded record is listed with the record kept, and ingest_warnings names both lines.
CREATE TABLE contract_conflicts AS
WITH dated AS (
    SELECT
        player,
        club,
        contract_expires,
        recorded_on,
        coalesce(recorded_on, DATE '1900-01-01') AS recorded_day,
        source_file,
        line_number,
        row_number() OVER (
            PARTITION BY player, coalesce(recorded_on, DATE '1900-01-01') ORDER BY source_file DESC, line_number DESC
        ) AS rank_in_day
    FROM contracts
),
kept AS (
    SELECT * FROM dated WHERE rank_in_day = 1
)
SELECT
    d.player,
    d.recorded_on,
    d.source_file,
    d.line_number,
    d.club,
    d.contract_expires,
    k.source_file AS kept_source_file,
    k.line_number AS kept_line_number,
    k.club AS kept_club,
    k.contract_expires AS kept_contract_expires
FROM dated AS d
JOIN kept AS k ON k.player = d.player AND k.recorded_day = d.recorded_day
WHERE d.rank_in_day > 1 AND (d.contract_expires <> k.contract_expires OR d.club <> k.club)
ORDER BY d.source_file, d.line_number;
