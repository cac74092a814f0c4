-- One rate per currency and start date. valid_until (optional) is the last day a rate applies;
-- without it a rate holds until the next one of its currency starts.
CREATE TABLE ref_fx_rates AS
SELECT
    upper(trim(currency)) AS currency,
    first(symbol ORDER BY line_number) FILTER (WHERE symbol IS NOT NULL) AS symbol,
    first(eur_per_unit ORDER BY line_number) AS eur_per_unit,
    valid_from,
    first(valid_until ORDER BY line_number) FILTER (WHERE valid_until IS NOT NULL) AS valid_until,
    first(note ORDER BY line_number) FILTER (WHERE note IS NOT NULL) AS note,
    min(line_number) AS line_number
FROM ref_fx_rates_lines
GROUP BY upper(trim(currency)), valid_from
ORDER BY currency, valid_from;
