-- The transfer windows of every season the data touches, and three either side (SPEC 9).
CREATE TABLE transfer_windows AS
WITH touched AS (
    SELECT year(reported_on) AS y FROM rumours
    UNION ALL SELECT year(recorded_on) FROM contracts WHERE recorded_on > DATE '1900-01-01'
    UNION ALL SELECT year(contract_expires) FROM contracts
    UNION ALL SELECT year(known_on) FROM transfers
),
span AS (
    SELECT
        coalesce(min(y), year(current_date)) - 3 AS first_year,
        coalesce(max(y), year(current_date)) + 3 AS last_year
    FROM touched
    WHERE y BETWEEN 1900 AND 2100
)
SELECT window_label, season_start_year, "window", opens_on, closes_on
FROM stg_transfer_windows
WHERE season_start_year BETWEEN (SELECT first_year FROM span) AND (SELECT last_year FROM span)
ORDER BY opens_on;
