-- One outlet given two tiers or two countries (also when aliases.csv makes two listed names one
-- outlet), and tiers with no source weight in tier_weights.csv (line_a, line_b, message).
WITH pairs AS (
    SELECT
        a.line_number AS line_a,
        b.line_number AS line_b,
        a.outlet,
        a.tier AS tier_a,
        b.tier AS tier_b,
        a.country AS country_a,
        b.country AS country_b,
        CASE WHEN name_key(a.written) <> name_key(b.written)
             THEN ' (''' || a.written || ''' and ''' || b.written || ''' are one outlet through aliases.csv)'
             ELSE '' END AS through_alias
    FROM stg_outlet_lines AS a
    JOIN stg_outlet_lines AS b ON a.key = b.key AND a.line_number < b.line_number
),
two_values AS (
    SELECT
        line_a,
        line_b,
        'outlet ''' || outlet || ''' is given two ' || CASE
            WHEN tier_a <> tier_b THEN 'tiers: ' || tier_a || ' and ' || tier_b
            ELSE 'countries: ''' || country_a || ''' and ''' || country_b || ''''
        END || through_alias AS message
    FROM pairs
    WHERE tier_a <> tier_b OR lower(strip_accents(country_a)) <> lower(strip_accents(country_b))
),
weighted AS (
    SELECT string_agg(CAST(tier AS VARCHAR), ', ' ORDER BY tier) AS listed FROM ref_tier_weights
),
unweighted AS (
    SELECT
        line_number AS line_a,
        NULL::BIGINT AS line_b,
        'outlet ''' || written || ''' has tier ' || tier || ', which has no source weight in tier_weights.csv (tiers '
            || (SELECT listed FROM weighted) || ')' AS message
    FROM stg_outlet_lines
    WHERE tier NOT IN (SELECT tier FROM ref_tier_weights)
)
SELECT * FROM two_values
UNION ALL SELECT * FROM unweighted
ORDER BY coalesce(line_b, line_a), line_a;
