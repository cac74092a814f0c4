-- Published rumours: usable reports, each stored once, names canonical, fees in euros.
CREATE TABLE rumours AS
SELECT
    CAST(s.reported_ts AS DATE) AS reported_on,
    s.reported_ts AS reported_at,  -- midnight when the report gave only a date
    s.player_canonical AS player,
    s.player_club_canonical AS player_club,
    s.interested_club_canonical AS interested_club,
    s.source_canonical AS source,
    outlet.tier AS source_tier,  -- null: outlet not in outlets.csv (treated as the least reliable tier)
    s.via_canonical AS via,
    s.stage_canonical AS stage,
    s.fee AS fee_as_written,
    s.fee_currency,
    s.fee_eur,
    s.market_value AS market_value_as_written,
    s.market_value_eur,
    s.headline,
    s.url,
    s.outcome_judged AS outcome,  -- a curated dataset's verdict (SPEC 2); null: not judged
    f.source_file,
    -- line_number, then the raw files' unknown columns (landed as x__<name>) under their own names
    COLUMNS('^(line_number)$|^x__(.+)$') AS '\1\2'
FROM stg_rumours AS s
JOIN ingest_file_list AS f USING (file_id)
-- only the columns used: COLUMNS() above matches every table of the FROM (ref_outlets has a line_number)
LEFT JOIN (SELECT outlet, tier FROM ref_outlets) AS outlet ON outlet.outlet = s.source_canonical
WHERE s.reject_reason IS NULL AND NOT s.is_duplicate;
