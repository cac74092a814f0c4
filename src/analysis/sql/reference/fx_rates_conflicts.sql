-- Rates whose validity overlaps: two rates of one currency from one date, a rate that ends before
-- it starts, or a rate whose valid_until runs past the start of the next (line_a, line_b, message).
WITH lines AS (
    SELECT *, upper(trim(currency)) AS code FROM ref_fx_rates_lines
),
same_start AS (
    SELECT
        a.line_number AS line_a,
        b.line_number AS line_b,
        'two ' || a.code || ' rates from ' || a.valid_from || ': ' || CASE
            WHEN a.eur_per_unit <> b.eur_per_unit THEN a.eur_per_unit || ' and ' || b.eur_per_unit
            ELSE 'valid until ' || a.valid_until || ' and until ' || b.valid_until
        END AS message
    FROM lines AS a
    JOIN lines AS b ON a.code = b.code AND a.valid_from = b.valid_from AND a.line_number < b.line_number
    WHERE a.eur_per_unit <> b.eur_per_unit OR a.valid_until <> b.valid_until
),
backwards AS (
    SELECT
        line_number AS line_a,
        NULL::BIGINT AS line_b,
        code || ' rate valid_until ' || valid_until || ' is before its valid_from ' || valid_from AS message
    FROM lines
    WHERE valid_until < valid_from
),
ordered AS (
    SELECT
        currency AS code, valid_from, valid_until, line_number,
        lead(valid_from) OVER next_rate AS next_from,
        lead(line_number) OVER next_rate AS next_line
    FROM ref_fx_rates
    WINDOW next_rate AS (PARTITION BY currency ORDER BY valid_from)
),
overlapping AS (
    SELECT
        line_number AS line_a,
        next_line AS line_b,
        code || ' rates overlap: the rate from ' || valid_from || ' holds until ' || valid_until
            || ', but the next one starts ' || next_from AS message
    FROM ordered
    WHERE valid_until >= next_from
)
SELECT * FROM same_start
UNION ALL SELECT * FROM backwards
UNION ALL SELECT * FROM overlapping
ORDER BY coalesce(line_b, line_a), line_a;
