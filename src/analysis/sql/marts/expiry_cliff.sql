-- How many contracts (those held on $as_of: contracts_held), and how much market value, run out in
-- each transfer window after $as_of:
-- a contract ending January-June of year Y frees the player for the summer Y window, one ending
-- July-December for the winter window that follows. $club null: every club ($clubs, a list,
-- narrows that to some: a league's).
WITH held AS (
    SELECT * FROM contracts_held($as_of)
    WHERE ($club IS NULL OR club = $club) AND ($clubs IS NULL OR list_contains($clubs, club))
),
windowed AS (
    SELECT
        *,
        CASE
            WHEN month(contract_expires) <= 6 THEN 'summer ' || year(contract_expires)
            -- labelled as transfers label their windows (staging's window_label): 'winter 2025-26'
            ELSE 'winter ' || year(contract_expires) || '-' || lpad(CAST((year(contract_expires) + 1) % 100 AS VARCHAR), 2, '0')
        END AS expiry_window,
        CASE
            WHEN month(contract_expires) <= 6 THEN make_date(year(contract_expires), 7, 1)
            ELSE make_date(year(contract_expires) + 1, 1, 1)
        END AS window_start
    FROM held
)
SELECT
    expiry_window AS "window",
    window_start,
    count(*) AS contracts,
    sum(market_value_eur) AS market_value_eur,
    string_agg(player, ', ' ORDER BY market_value_eur DESC NULLS LAST, player) AS players
FROM windowed
GROUP BY expiry_window, window_start
ORDER BY window_start;
