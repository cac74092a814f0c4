-- One row per outlet: its name after outlet aliases (so 'Caught Offside' listed under an alias is
-- CaughtOffside), tier and country; a line repeating one already read is used once.
CREATE OR REPLACE TEMP TABLE stg_outlet_lines AS
SELECT
    l.line_number,
    name_clean(l.outlet) AS written,
    coalesce(a.canonical, name_clean(l.outlet)) AS outlet,
    name_key(coalesce(a.canonical, l.outlet)) AS key,
    l.tier,
    nullif(trim(l.country), '') AS country
FROM ref_outlets_lines AS l
LEFT JOIN ref_aliases AS a ON a.kind = 'outlet' AND name_key(a.alias) = name_key(l.outlet);

CREATE TABLE ref_outlets AS
SELECT
    first(outlet ORDER BY line_number) AS outlet,
    first(tier ORDER BY line_number) AS tier,
    first(country ORDER BY line_number) FILTER (WHERE country IS NOT NULL) AS country,
    min(line_number) AS line_number
FROM stg_outlet_lines
GROUP BY key
ORDER BY line_number;
