-- Parsing rules shared by every staging model. Temp macros: they live only while ingest runs.

-- Display form of a name as written: trimmed, inner spacing collapsed, curly apostrophes straightened.
CREATE OR REPLACE TEMP MACRO name_clean(s) AS
    nullif(regexp_replace(trim(replace(replace(s, '’', ''''), '‘', '''')), '\s+', ' ', 'g'), '');

-- A name with letters lost on the way: '?' inside a word ('M?ller', '?lkay Gündo?an', 'Bar?? Alper
-- Y?lmaz': a Windows-1252 export saved or read as UTF-8 by another tool) or U+FFFD (bytes that were no
-- text) anywhere. A '?' that ends the name counts only after a letter of a later word ('Ibrahima
-- Konat?', 'Abd?lkerim Bardak??'): a one-word name ending in '?' ('Who?', 'Salah??') is a question,
-- and a '?' alone is not a name but 'unknown' (landing stores it as null).
CREATE OR REPLACE TEMP MACRO name_damaged(s) AS
    (contains(s, '?') OR contains(s, chr(65533)))
    AND regexp_matches(trim(s), '\?\pL|\pL\?+[^?]|\S\s.*\pL\?+$|\x{FFFD}');

-- Matching key: the same name whatever its case, accents or spacing.
CREATE OR REPLACE TEMP MACRO name_key(s) AS lower(strip_accents(name_clean(s)));

-- Stage key: 'Bid Rejected', 'bid-rejected' and 'bid_rejected' are one stage.
CREATE OR REPLACE TEMP MACRO stage_key(s) AS
    nullif(regexp_replace(lower(strip_accents(trim(s))), '[\s_\-]+', ' ', 'g'), '');

-- Dates as SPEC section 2 lists them (ISO, ISO with time, UK day-first, '3 Jan 2025'), plus the
-- Transfermarkt forms; a profile's own format is applied before this, at landing.
-- 'Apr 14, 1998 (24)': Transfermarkt appends the age to a date of birth; it is not part of the date.
CREATE OR REPLACE TEMP MACRO parse_when_clean(s) AS coalesce(
    try_strptime(s, [
        '%Y-%m-%d', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S',
        '%Y-%m-%dT%H:%M:%S.%fZ', '%Y-%m-%dT%H:%MZ', '%Y-%m-%dT%H:%M', '%Y-%m-%d %H:%M',
        '%d/%m/%Y', '%d/%m/%Y %H:%M', '%d %b %Y', '%d %B %Y', '%d %b, %Y', '%d %B, %Y',
        '%b %d, %Y', '%B %d, %Y', '%d.%m.%Y', '%d.%m.%Y - %H:%M', '%d.%m.%Y %H:%M'
    ]),
    try_cast(s AS TIMESTAMP)
);

CREATE OR REPLACE TEMP MACRO parse_when(s) AS parse_when_clean(CASE
    WHEN ends_with(trim(s), ')') THEN regexp_replace(trim(s), '\s*\(\d{1,3}\)$', '')
    ELSE trim(s)
END);

-- Why a date could not be used: a real calendar shape with an impossible day, or an unknown form.
CREATE OR REPLACE TEMP MACRO date_problem(s) AS CASE
    WHEN regexp_matches(trim(s), '^\d{4}-\d{1,2}-\d{1,2}|^\d{1,2}[/.]\d{1,2}[/.]\d{4}')
        THEN 'impossible date'
    ELSE 'unrecognised date'
END;

-- Plausible years only: '0025-01-25' parses but is a typo, not a date anyone means.
CREATE OR REPLACE TEMP MACRO plausible(ts) AS ts BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2100-12-31';

-- Money as written: '£20 million', '£20m', '€45.5m', '$30M', '75.00m', '250k', '20,000,000', and
-- Transfermarkt's '£432Th.' and '12,00 Mio. €'.
-- Thousands commas are dropped; a lone decimal comma ('45,5m') becomes a point.
CREATE OR REPLACE TEMP MACRO money_compact(s) AS CASE
    WHEN regexp_matches(lower(s), '\d,\d{3}(\D|$)') THEN replace(replace(lower(trim(s)), ' ', ''), ',', '')
    ELSE replace(replace(lower(trim(s)), ' ', ''), ',', '.')
END;

CREATE OR REPLACE TEMP MACRO money_parts(s) AS regexp_extract(
    money_compact(s),
    '^(£|€|\$|gbp|eur|usd)?([0-9]+(?:\.[0-9]+)?)(k|th\.?|tsd\.?|thousand|m|mn|mio\.?|mil|million|millions|bn|b|mrd\.?|billion|billions)?(£|€|\$|gbp|eur|usd|euros?|pounds?|dollars?)?$',
    ['cur_before', 'number', 'multiplier', 'cur_after']
);

-- Words that mean "no amount": stored as null without a warning.
CREATE OR REPLACE TEMP MACRO money_is_unknown(s) AS
    lower(trim(s)) IN ('undisclosed', 'unknown', 'n/a', 'na', '-', '?', 'tbc', 'tba', 'loan', 'undisclosed fee');

-- Words that mean a free transfer: stored as 0.
CREATE OR REPLACE TEMP MACRO money_is_free(s) AS
    lower(trim(s)) IN ('free', 'free transfer', 'bosman', 'free agent');

CREATE OR REPLACE TEMP MACRO money_amount(p) AS
    try_cast(p.number AS DOUBLE) * CASE
        WHEN p.multiplier IN ('k', 'th', 'th.', 'tsd', 'tsd.', 'thousand') THEN 1e3
        WHEN p.multiplier IN ('m', 'mn', 'mio', 'mio.', 'mil', 'million', 'millions') THEN 1e6
        WHEN p.multiplier IN ('bn', 'b', 'mrd', 'mrd.', 'billion', 'billions') THEN 1e9
        ELSE 1
    END;

-- Currency of a parsed amount; a bare number is taken to be in euros (Transfermarkt's unit).
CREATE OR REPLACE TEMP MACRO money_currency(p) AS CASE coalesce(nullif(p.cur_before, ''), nullif(p.cur_after, ''))
    WHEN '£' THEN 'GBP' WHEN 'gbp' THEN 'GBP' WHEN 'pound' THEN 'GBP' WHEN 'pounds' THEN 'GBP'
    WHEN '$' THEN 'USD' WHEN 'usd' THEN 'USD' WHEN 'dollar' THEN 'USD' WHEN 'dollars' THEN 'USD'
    ELSE 'EUR'
END;

-- What a money value is: absent, a word for unknown, a free transfer, parsed, or not understood.
CREATE OR REPLACE TEMP MACRO money_status(s, parts) AS CASE
    WHEN s IS NULL OR trim(s) = '' THEN 'absent'
    WHEN money_is_unknown(s) THEN 'unknown'
    WHEN money_is_free(s) THEN 'free'
    WHEN parts.number <> '' THEN 'parsed'
    ELSE 'unparseable'
END;

-- A landing table's rows with copy_rank: an exact copy of an earlier row (every landed column but
-- where it came from) ranks above 1. Only rows sharing a hash (computed at landing) are compared
-- column by column, so a hash collision never drops a row.
CREATE OR REPLACE TEMP MACRO with_copy_rank(landing) AS TABLE
WITH repeated AS (
    SELECT
        file_id,
        line_number,
        row_number() OVER (
            PARTITION BY struct_pack(*COLUMNS(* EXCLUDE (file_id, line_number, row_hash)))
            ORDER BY file_id, line_number
        ) AS copy_rank
    FROM query_table(landing)
    WHERE row_hash IN (SELECT row_hash FROM query_table(landing) GROUP BY row_hash HAVING count(*) > 1)
)
SELECT l.* EXCLUDE (row_hash), coalesce(r.copy_rank, 1) AS copy_rank
FROM query_table(landing) AS l
LEFT JOIN repeated AS r USING (file_id, line_number);

-- A transfer window's day in a season: 'MM-DD' falls in the season's first year for summer and in
-- its second for winter (season 2024 = 2024/25: summer 2024, winter January 2025); a full date is
-- itself. Labels as analysts say them: 'summer 2025', 'winter 2025-26'.
CREATE OR REPLACE TEMP MACRO window_day(spec, window_name, season_start_year) AS CASE
    WHEN length(spec) = 5 THEN make_date(
        CAST(season_start_year AS INTEGER) + CASE WHEN window_name = 'winter' THEN 1 ELSE 0 END,
        CAST(left(spec, 2) AS INTEGER),
        CAST(right(spec, 2) AS INTEGER)
    )
    ELSE CAST(spec AS DATE)
END;

CREATE OR REPLACE TEMP MACRO window_label(window_name, season_start_year) AS CASE window_name
    WHEN 'summer' THEN 'summer ' || season_start_year
    WHEN 'winter' THEN 'winter ' || season_start_year || '-' || lpad(CAST((season_start_year + 1) % 100 AS VARCHAR), 2, '0')
END;

-- Transfer CSVs (SPEC 9). A season as written: '2024', '2024/25', '2024/2025', '2024-25', '24/25'
-- (the year it starts); null when not understood.
CREATE OR REPLACE TEMP MACRO season_start(s) AS CASE
    WHEN regexp_matches(trim(s), '^\d{4}(\s*[/-]\s*(\d{2}|\d{4}))?$') THEN CAST(left(trim(s), 4) AS INTEGER)
    WHEN regexp_matches(trim(s), '^\d{2}\s*/\s*\d{2}$')
        THEN CAST(left(trim(s), 2) AS INTEGER) + CASE WHEN CAST(left(trim(s), 2) AS INTEGER) >= 50 THEN 1900 ELSE 2000 END
END;

-- 'Summer', 's', 'Sommer' / 'Winter', 'w', 'January': null when neither.
CREATE OR REPLACE TEMP MACRO window_name(s) AS CASE
    WHEN lower(trim(s)) IN ('summer', 's', 'sommer', 'summer window', 'verano', 'estate', 'été', 'ete', 'zomer')
        THEN 'summer'
    WHEN lower(trim(s)) IN ('winter', 'w', 'winter window', 'january', 'invierno', 'inverno', 'hiver')
        THEN 'winter'
END;

-- Which way a club's listing goes: 'in' (arrival) or 'out' (departure); null when neither.
CREATE OR REPLACE TEMP MACRO movement_side(s) AS CASE
    WHEN lower(trim(s)) IN ('in', 'arrival', 'arrivals', 'incoming', 'zugang', 'zugänge', 'zugange') THEN 'in'
    WHEN lower(trim(s)) IN ('out', 'departure', 'departures', 'outgoing', 'abgang', 'abgänge', 'abgange') THEN 'out'
END;

-- true/false, 1/0, yes/no, t/f, y/n (any case); null when neither.
CREATE OR REPLACE TEMP MACRO flag(s) AS CASE
    WHEN lower(trim(s)) IN ('true', '1', 'yes', 't', 'y', 'wahr', 'ja') THEN TRUE
    WHEN lower(trim(s)) IN ('false', '0', 'no', 'f', 'n', 'falsch', 'nein', '0.0') THEN FALSE
END;

-- A transfer fee as Transfermarkt writes it: 'Loan fee:€1.00m' (a loan, with a fee), 'loan transfer'
-- (a loan), 'End of loanJun 30, 2004' (back from a loan), 'free transfer' (0), '?' / '-' (unknown),
-- else money as above. The money part is parsed by money_parts(transfer_fee_money(s)).
CREATE OR REPLACE TEMP MACRO transfer_fee_kind(s) AS CASE
    WHEN s IS NULL OR trim(s) = '' THEN 'absent'
    WHEN starts_with(lower(trim(s)), 'loan fee') THEN 'loan_fee'
    WHEN starts_with(lower(trim(s)), 'end of loan') THEN 'loan_return'
    WHEN lower(trim(s)) IN ('loan', 'loan transfer', 'on loan', 'free loan', 'leihe', 'leihgabe') THEN 'loan'
    WHEN money_is_free(s) THEN 'free'
    WHEN money_is_unknown(s) THEN 'unknown'
    ELSE 'money'
END;

CREATE OR REPLACE TEMP MACRO transfer_fee_money(s) AS CASE
    WHEN starts_with(lower(trim(s)), 'loan fee') THEN trim(regexp_replace(trim(s), '^[^:]*:?', ''))
    ELSE s
END;

-- Club names two clubs' own listings of one move may use for each other: equal ignoring case and
-- accents, or one's first word (affixes like FC, AC, SC left out) starting the other's ('Man Utd' /
-- 'Manchester United', 'Newcastle' / 'Newcastle United', 'Bay. Leverkusen' / 'Bayer 04 Leverkusen').
-- A word of a club's name that is no part of which club it is: a number ('04', '1.') or an affix
-- (FC, SSC, Football Club, ...). One list for staging and identity (identity/folded.sql).
CREATE OR REPLACE TEMP MACRO club_affix(t) AS regexp_matches(t, '^[0-9]+$') OR t IN (
    'fc', 'afc', 'cf', 'ac', 'as', 'sc', 'ss', 'ssc', 'us', 'cd', 'ud', 'rc', 'rcd', 'sd', 'sv', 'vfb', 'vfl',
    'fk', 'nk', 'sk', 'bk', 'if', 'ik', 'club', 'de', 'the', 'cp', 'sl', 'ogc', 'rsc', 'kv', 'krc', 'ksv', 'cfc',
    'sfc', 'football', 'futbol', 'futebol', 'calcio', 'tsg', 'tsv', 'bsc', 'ca', 'se', 'ec'
);

-- 'Liverpool Football Club' is 'Liverpool'.
CREATE OR REPLACE TEMP MACRO club_core(s) AS list_filter(
    string_split(regexp_replace(lower(strip_accents(coalesce(name_clean(s), ''))), '[^a-z0-9]+', ' ', 'g'), ' '),
    lambda t: t <> '' AND NOT club_affix(t)
);

CREATE OR REPLACE TEMP MACRO club_names_compatible(a, b) AS
    name_key(a) = name_key(b)
    OR (
        length(club_core(a)[1]) >= 3 AND length(club_core(b)[1]) >= 3
        AND (starts_with(club_core(a)[1], club_core(b)[1]) OR starts_with(club_core(b)[1], club_core(a)[1]))
    );

-- A value as one CSV field: quoted when it holds a comma, a quote or a line break.
CREATE OR REPLACE TEMP MACRO csv_field(s) AS CASE
    WHEN regexp_matches(s, '[,"\n\r]') THEN '"' || replace(s, '"', '""') || '"'
    ELSE s
END;
