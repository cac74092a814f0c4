-- Rumour reports as landed, with every value parsed, names made canonical, and for each row either
-- why it cannot be used (reject_reason), what was doubtful (warning), or whether it repeats an
-- earlier row exactly (is_duplicate). Computed once; rumours, rejected_rows, ingest_warnings and
-- ingest_files are read from it, so it keeps what they read (a million rows are copied once more
-- for every column kept): the values published as written, the parsed ones and the verdict.
CREATE OR REPLACE TEMP TABLE stg_rumours AS
WITH landed AS (
    SELECT * FROM with_copy_rank('landing_rumours')
),
named AS (
    SELECT
        l.*,
        parse_when(l.reported_on) AS reported_ts,
        -- a contract player's name at another player's club he fits (identity: stg_rumour_player_overrides)
        coalesce(repointed.player, player_name.canonical) AS player_canonical,
        -- a club the export's club id tells apart from its name (identity: stg_rumour_club_overrides)
        coalesce(kept_apart.interested_club, interested.canonical) AS interested_club_canonical,
        coalesce(kept_apart.player_club, own_club.canonical) AS player_club_canonical,
        outlet.canonical AS source_canonical,
        relay.canonical AS via_canonical,
        stage_map.stage AS stage_canonical,
        flag(l.outcome) AS outcome_judged,
        money_parts(l.fee) AS fee_parts,
        money_parts(l.market_value) AS market_value_parts
    FROM landed AS l
    LEFT JOIN stg_names AS player_name ON player_name.kind = 'player' AND player_name.written = l.player
    LEFT JOIN stg_names AS interested ON interested.kind = 'club' AND interested.written = l.interested_club
    LEFT JOIN stg_names AS own_club ON own_club.kind = 'club' AND own_club.written = l.player_club
    LEFT JOIN stg_names AS outlet ON outlet.kind = 'outlet' AND outlet.written = l.source
    LEFT JOIN stg_names AS relay ON relay.kind = 'outlet' AND relay.written = l.via
    LEFT JOIN stg_stages AS stage_map ON stage_map.written = l.stage
    LEFT JOIN stg_rumour_club_overrides AS kept_apart ON kept_apart.file_id = l.file_id
        AND kept_apart.line_number = l.line_number
    -- the few re-pointed rows, each with its player as staging stores him, named before the join (a
    -- million rows need not look up a name only these carry)
    LEFT JOIN (
        SELECT o.file_id, o.line_number, coalesce(n.canonical, o.player) AS player
        FROM stg_rumour_player_overrides AS o
        LEFT JOIN stg_names AS n ON n.kind = 'player' AND n.written = o.player
    ) AS repointed ON repointed.file_id = l.file_id AND repointed.line_number = l.line_number
),
judged AS (
    SELECT
        *,
        money_status(fee, fee_parts) AS fee_status,
        money_status(market_value, market_value_parts) AS market_value_status,
        nullif(concat_ws('; ',
            CASE WHEN reported_on IS NULL OR trim(reported_on) = '' THEN 'missing required value: reported_on'
                 WHEN reported_ts IS NULL OR NOT plausible(reported_ts)
                     THEN date_problem(reported_on) || ' in reported_on: ''' || reported_on || '''' END,
            CASE WHEN player_canonical IS NULL THEN 'missing required value: player' END,
            CASE WHEN interested_club_canonical IS NULL THEN 'missing required value: interested_club' END,
            CASE WHEN source_canonical IS NULL THEN 'missing required value: source' END
        ), '') AS reject_reason
    FROM named
),
priced AS (
    SELECT
        j.*,
        CASE j.fee_status WHEN 'free' THEN 0.0 WHEN 'parsed' THEN money_amount(j.fee_parts) END AS fee_amount,
        CASE j.fee_status WHEN 'free' THEN 'EUR' WHEN 'parsed' THEN money_currency(j.fee_parts) END AS fee_currency,
        CASE j.market_value_status WHEN 'parsed' THEN money_amount(j.market_value_parts) END AS market_value_amount,
        CASE j.market_value_status WHEN 'parsed' THEN money_currency(j.market_value_parts) END AS market_value_currency
    FROM judged AS j
)
SELECT
    p.file_id,
    COLUMNS('^(line_number|x__.+)$'),  -- line_number, then the raw files' unknown columns (landed as x__<name>)
    p.reported_ts,
    p.player_canonical,
    p.player_club_canonical,
    p.interested_club_canonical,
    p.source_canonical,
    p.via_canonical,
    p.stage_canonical,
    p.fee,
    p.fee_currency,
    p.market_value,
    p.headline,
    p.url,
    p.outcome_judged,
    p.reject_reason,
    p.fee_amount * fee_fx.eur_per_unit AS fee_eur,
    p.market_value_amount * value_fx.eur_per_unit AS market_value_eur,
    nullif(concat_ws('; ',
        CASE WHEN p.fee_status = 'unparseable' THEN 'fee not understood, stored as null: ''' || p.fee || '''' END,
        CASE WHEN p.market_value_status = 'unparseable'
             THEN 'market_value not understood, stored as null: ''' || p.market_value || '''' END,
        CASE WHEN p.stage IS NOT NULL AND trim(p.stage) <> '' AND p.stage_canonical IS NULL
             THEN 'unknown stage, stored as null (counts as interest): ''' || p.stage || '''' END,
        CASE WHEN nullif(trim(p.outcome), '') IS NOT NULL AND p.outcome_judged IS NULL
             THEN 'outcome not understood, stored as null (not judged; write true/false, yes/no or 1/0): '''
                  || p.outcome || '''' END
    ), '') AS warning,
    p.reject_reason IS NULL AND p.copy_rank > 1 AS is_duplicate
FROM priced AS p
LEFT JOIN stg_fx_ranges AS fee_fx
    ON fee_fx.currency = p.fee_currency
   AND CAST(p.reported_ts AS DATE) >= fee_fx.valid_from AND CAST(p.reported_ts AS DATE) < fee_fx.valid_until
LEFT JOIN stg_fx_ranges AS value_fx
    ON value_fx.currency = p.market_value_currency
   AND CAST(p.reported_ts AS DATE) >= value_fx.valid_from AND CAST(p.reported_ts AS DATE) < value_fx.valid_until;
