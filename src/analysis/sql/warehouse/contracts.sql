-- Published contracts: one row per known state of a contract, names canonical.
CREATE TABLE contracts AS
SELECT
    s.player_canonical AS player,
    s.club_canonical AS club,
    CAST(s.expires_ts AS DATE) AS contract_expires,
    CASE
        WHEN s.recorded_on_blank THEN DATE '1900-01-01'  -- SPEC: default is the far past
        WHEN plausible(s.recorded_ts) THEN CAST(s.recorded_ts AS DATE)
    END AS recorded_on,
    s.position,
    CASE WHEN plausible(s.born_ts) THEN CAST(s.born_ts AS DATE) END AS date_of_birth,
    s.market_value AS market_value_as_written,
    s.market_value_eur,
    CASE WHEN plausible(s.option_ts) THEN CAST(s.option_ts AS DATE) END AS option_until,
    f.source_file,
    -- line_number, then the raw files' unknown columns (landed as x__<name>) under their own names
    COLUMNS('^(line_number)$|^x__(.+)$') AS '\1\2'
FROM stg_contracts AS s
JOIN ingest_file_list AS f USING (file_id)
WHERE s.reject_reason IS NULL AND NOT s.is_duplicate;
