-- Published contracts: one row per known state of a contract, names canonical.
CREATE TABLE contracts AS
SELECT
    s.player_canonical AS player,
    s.club_canonical AS club,
    CAST(s.expires_ts AS DATE) AS contract_expires,
    CASE
        -- SPEC 3: from the file's snapshot date where one is given, else the far past
        WHEN s.recorded_on_blank THEN coalesce(s.snapshot_day, DATE '1900-01-01')
        WHEN plausible(s.recorded_ts) THEN CAST(s.recorded_ts AS DATE)
    END AS recorded_on,
    s.position,
    CASE WHEN plausible(s.born_ts) THEN CAST(s.born_ts AS DATE) END AS date_of_birth,
    s.market_value AS market_value_as_written,
    s.market_value_eur,
    CASE WHEN plausible(s.option_ts) THEN CAST(s.option_ts AS DATE) END AS option_until,
    CASE WHEN plausible(s.joined_ts) THEN CAST(s.joined_ts AS DATE) END AS joined_on,
    f.source_file,
    -- line_number, then the raw files' unknown columns (landed as x__<name>) under their own names
    COLUMNS('^(line_number)$|^x__(.+)$') AS '\1\2'
FROM stg_contracts AS s
JOIN ingest_file_list AS f USING (file_id)
WHERE s.reject_reason IS NULL AND NOT s.is_duplicate;
