-- Each FX rate with the day it stops holding (exclusive): the day after its valid_until, else the
-- start of the next rate of its currency; so a fee converts with a plain range join at the rate in
-- force on the report's date (an ASOF join over every report row costs far more).
CREATE OR REPLACE TEMP TABLE stg_fx_ranges AS
SELECT
    currency,
    eur_per_unit,
    valid_from,
    coalesce(
        CAST(valid_until + INTERVAL 1 DAY AS DATE),
        lead(valid_from) OVER (PARTITION BY currency ORDER BY valid_from),
        DATE '9999-12-31'
    ) AS valid_until
FROM ref_fx_rates;
