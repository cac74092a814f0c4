-- Contract records as landed, parsed and made canonical; same verdict columns as stg_rumours.
-- A blank recorded_on means the record has held since its file's snapshot date, where the profile,
-- a column or the command line gives one (a season, '2022' or '2022/23', means the close of that
-- season's summer window), else since the far past (SPEC section 3).
CREATE OR REPLACE TEMP TABLE stg_contracts AS
WITH landed AS (
    SELECT * FROM with_copy_rank('landing_contracts')
),
named AS (
    SELECT
        l.*,
        player_name.canonical AS player_canonical,
        holder.canonical AS club_canonical,
        parse_when(l.contract_expires) AS expires_ts,
        parse_when(l.recorded_on) AS recorded_ts,
        parse_when(l.date_of_birth) AS born_ts,
        parse_when(l.option_until) AS option_ts,
        parse_when(l.joined_on) AS joined_ts,
        CASE
            WHEN season_start(l.snapshot_date) IS NOT NULL THEN CAST(season_window.closes_on AS TIMESTAMP)
            ELSE parse_when(l.snapshot_date)
        END AS snapshot_ts,
        money_parts(l.market_value) AS market_value_parts
    FROM landed AS l
    LEFT JOIN stg_transfer_windows AS season_window
        ON season_window.window_label = 'summer ' || season_start(l.snapshot_date)
    LEFT JOIN stg_names AS player_name ON player_name.kind = 'player' AND player_name.written = l.player
    LEFT JOIN stg_names AS holder ON holder.kind = 'club' AND holder.written = l.club
),
judged AS (
    SELECT
        *,
        coalesce(trim(recorded_on), '') = '' AS recorded_on_blank,
        CASE WHEN plausible(snapshot_ts) THEN CAST(snapshot_ts AS DATE) END AS snapshot_day,
        money_status(market_value, market_value_parts) AS market_value_status,
        nullif(concat_ws('; ',
            CASE WHEN player_canonical IS NULL THEN 'missing required value: player' END,
            CASE WHEN club_canonical IS NULL THEN 'missing required value: club' END,
            CASE WHEN contract_expires IS NULL OR trim(contract_expires) = ''
                     THEN 'missing required value: contract_expires'
                 WHEN expires_ts IS NULL OR NOT plausible(expires_ts)
                     THEN date_problem(contract_expires) || ' in contract_expires: ''' || contract_expires || '''' END
        ), '') AS reject_reason
    FROM named
)
SELECT
    j.* EXCLUDE (market_value_parts),
    CASE WHEN j.market_value_status = 'parsed' THEN money_amount(j.market_value_parts) * fx.eur_per_unit END
        AS market_value_eur,
    nullif(concat_ws('; ',
        CASE WHEN NOT j.recorded_on_blank AND (j.recorded_ts IS NULL OR NOT plausible(j.recorded_ts))
             THEN date_problem(j.recorded_on) || ' in recorded_on, stored as null (treated as far past): '''
                  || j.recorded_on || '''' END,
        CASE WHEN coalesce(trim(j.date_of_birth), '') <> '' AND (j.born_ts IS NULL OR NOT plausible(j.born_ts))
             THEN date_problem(j.date_of_birth) || ' in date_of_birth, stored as null: ''' || j.date_of_birth || '''' END,
        CASE WHEN coalesce(trim(j.option_until), '') <> '' AND (j.option_ts IS NULL OR NOT plausible(j.option_ts))
             THEN date_problem(j.option_until) || ' in option_until, stored as null: ''' || j.option_until || '''' END,
        CASE WHEN coalesce(trim(j.joined_on), '') <> '' AND (j.joined_ts IS NULL OR NOT plausible(j.joined_ts))
             THEN date_problem(j.joined_on) || ' in joined_on, stored as null: ''' || j.joined_on || '''' END,
        CASE WHEN coalesce(trim(j.snapshot_date), '') <> '' AND j.snapshot_day IS NULL
             THEN 'snapshot date not understood (records without recorded_on treated as far past): '''
                  || j.snapshot_date || '''' END,
        CASE WHEN j.market_value_status = 'unparseable'
             THEN 'market_value not understood, stored as null: ''' || j.market_value || '''' END
    ), '') AS warning,
    j.reject_reason IS NULL AND j.copy_rank > 1 AS is_duplicate
FROM judged AS j
LEFT JOIN stg_fx_ranges AS fx
    ON fx.currency = money_currency(j.market_value_parts)
   AND coalesce(CAST(j.recorded_ts AS DATE), j.snapshot_day, current_date) >= fx.valid_from
   AND coalesce(CAST(j.recorded_ts AS DATE), j.snapshot_day, current_date) < fx.valid_until;
