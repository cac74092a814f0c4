-- Completed moves as landed (SPEC 9), with the verdict columns of stg_rumours. A plain transfer row
-- says from_club and to_club; a club's transfer page lists a move from its own side (club,
-- dealing_club, movement in/out), and such a row is turned round here. A move is known from its
-- transfer_date or, when only its season's window is given, from that window's close.
--
-- One move, listed by both clubs (or in two files), is stored once: the other listings count as
-- duplicates (and as `mirrored` in ingest_files). Listings are one move when they name the same
-- player (player_id when both give one; a listing without one takes the one id his name has in
-- the load), clubs, window and loan; or, for two clubs' own listings
-- whose names for each other differ ('Man Utd' on Newcastle's page, 'Manchester United' on its
-- own), when an arrival and a departure agree on player, window, loan and fee as written and, unless
-- both give the same player_id, each club's name for the other is compatible with that club's own
-- (club_names_compatible: a differently named player at two other clubs is never merged). The kept
-- listing is the one with a date, then a fee, then the buying club's; its from_club becomes the
-- selling club's own name.
CREATE OR REPLACE TEMP TABLE stg_transfers AS
WITH landed AS (
    SELECT * FROM with_copy_rank('landing_transfers')
),
sided AS (
    SELECT
        l.*,
        nullif(trim(l.to_club), '') IS NOT NULL AS given_from_to,
        CASE WHEN nullif(trim(l.to_club), '') IS NULL THEN movement_side(l.movement) END AS side,
        transfer_fee_kind(l.fee) AS fee_kind,
        money_parts(transfer_fee_money(l.fee)) AS fee_parts,
        flag(l.is_loan) AS loan_flag,
        parse_when(l.transfer_date) AS transfer_ts,
        season_start(l.season) AS season_year,
        window_name(l."window") AS window_key
    FROM landed AS l
),
directed AS (
    SELECT
        *,
        CASE WHEN given_from_to THEN to_club WHEN side = 'in' THEN club WHEN side = 'out' THEN dealing_club END
            AS to_written,
        CASE WHEN given_from_to THEN from_club WHEN side = 'in' THEN dealing_club WHEN side = 'out' THEN club END
            AS from_written
    FROM sided
),
named AS (
    SELECT
        d.*,
        player_name.canonical AS player_canonical,
        CASE WHEN NOT club_is_none(d.to_written) THEN to_name.canonical END AS to_club_canonical,
        CASE WHEN NOT club_is_none(d.from_written) THEN from_name.canonical END AS from_club_canonical,
        CASE WHEN plausible(d.transfer_ts) THEN CAST(d.transfer_ts AS DATE) END AS transfer_day,
        CASE WHEN d.season_year BETWEEN 1900 AND 2099 AND d.window_key IS NOT NULL
             THEN window_label(d.window_key, d.season_year) END AS given_label
    FROM directed AS d
    LEFT JOIN stg_names AS player_name ON player_name.kind = 'player' AND player_name.written = d.player
    LEFT JOIN stg_names AS to_name ON to_name.kind = 'club' AND to_name.written = d.to_written
    LEFT JOIN stg_names AS from_name ON from_name.kind = 'club' AND from_name.written = d.from_written
),
-- a dated move's window: the one it falls in, else the next to open (a move agreed between windows
-- is registered in the next); a season's window as given
windowed AS (
    SELECT n.*, around.window_label AS dated_label
    FROM named AS n
    ASOF LEFT JOIN stg_transfer_windows AS around ON n.transfer_day <= around.closes_on
),
timed AS (
    SELECT
        w.*,
        coalesce(w.given_label, w.dated_label) AS window_label,
        coalesce(w.transfer_day, given.closes_on) AS known_on
    FROM windowed AS w
    LEFT JOIN stg_transfer_windows AS given ON given.window_label = w.given_label
),
judged AS (
    SELECT
        *,
        nullif(concat_ws('; ',
            CASE WHEN player_canonical IS NULL THEN 'missing required value: player' END,
            CASE
                WHEN NOT given_from_to AND nullif(trim(movement), '') IS NOT NULL AND side IS NULL
                    THEN 'movement ''' || movement || ''' is neither in nor out'
                WHEN NOT given_from_to AND nullif(trim(movement), '') IS NULL
                     AND (nullif(trim(club), '') IS NOT NULL OR nullif(trim(dealing_club), '') IS NOT NULL)
                    THEN 'missing required value: movement'
                WHEN nullif(trim(to_written), '') IS NULL
                    THEN 'missing required value: '
                         || CASE side WHEN 'in' THEN 'club' WHEN 'out' THEN 'dealing_club' ELSE 'to_club' END
            END,
            CASE
                WHEN known_on IS NOT NULL THEN NULL
                WHEN nullif(trim(transfer_date), '') IS NOT NULL AND nullif(trim(season), '') IS NULL
                    THEN date_problem(transfer_date) || ' in transfer_date: ''' || transfer_date || ''''
                WHEN nullif(trim(season), '') IS NULL AND nullif(trim("window"), '') IS NULL
                    THEN 'missing required value: transfer_date (or season and window)'
                WHEN nullif(trim(season), '') IS NULL
                    THEN 'missing required value: season (window ''' || "window" || ''' of which season?)'
                WHEN season_year IS NULL OR NOT season_year BETWEEN 1900 AND 2099
                    THEN 'unrecognised season: ''' || season || ''''
                WHEN nullif(trim("window"), '') IS NULL
                    THEN 'missing required value: window (season ''' || season || ''' has a summer and a winter window)'
                ELSE 'unrecognised window: ''' || "window" || ''' (summer or winter)'
            END
        ), '') AS reject_reason
    FROM timed
),
priced AS (
    SELECT
        j.*,
        j.fee_kind IN ('money', 'loan_fee') AND j.fee_parts.number = '' AS fee_unparsed,
        CASE
            WHEN j.fee_kind = 'free' THEN 0.0
            WHEN j.fee_kind IN ('money', 'loan_fee') AND j.fee_parts.number <> '' THEN money_amount(j.fee_parts)
        END AS fee_amount,
        CASE
            WHEN j.fee_kind = 'free' THEN 'EUR'
            WHEN j.fee_kind IN ('money', 'loan_fee') AND j.fee_parts.number <> '' THEN money_currency(j.fee_parts)
        END AS fee_currency,
        j.fee_kind = 'loan_return' OR starts_with(lower(trim(coalesce(j.loan_status, ''))), 'end of loan') AS loan_return
    FROM judged AS j
),
moves AS (
    SELECT
        p.*,
        p.fee_amount * fx.eur_per_unit AS fee_eur,
        NOT p.loan_return AND (coalesce(p.loan_flag, FALSE) OR p.fee_kind IN ('loan', 'loan_fee')) AS loan_move,
        p.reject_reason IS NULL AND p.copy_rank = 1 AS candidate,
        -- the player's id; a listing without one takes the one id his name has in the load (a desk's
        -- file beside Transfermarkt's listings of the same move), else his name: two namesakes with
        -- ids of their own leave a listing without one apart from both
        coalesce(nullif(trim(p.player_id), ''), ids.player_id, name_key(p.player_canonical)) AS player_key
    FROM priced AS p
    LEFT JOIN stg_fx_ranges AS fx
        ON fx.currency = p.fee_currency AND p.known_on >= fx.valid_from AND p.known_on < fx.valid_until
    LEFT JOIN (
        SELECT player_canonical, min(nullif(trim(player_id), '')) AS player_id
        FROM priced
        WHERE nullif(trim(player_id), '') IS NOT NULL
        GROUP BY player_canonical
        HAVING count(DISTINCT trim(player_id)) = 1
    ) AS ids USING (player_canonical)
),
-- listings naming the same player, clubs, window and loan: one move
same_move AS (
    SELECT
        *,
        row_number() OVER listings AS listing_rank,
        -- the move is known from its earliest listing, whichever listing is kept
        min(known_on) OVER one_move AS first_known_on,
        count(*) OVER one_move AS listings
    FROM moves
    WINDOW
        one_move AS (
            PARTITION BY candidate, player_key, from_club_canonical, to_club_canonical, window_label, loan_move,
                loan_return
        ),
        listings AS (one_move ORDER BY transfer_day IS NULL, fee_eur IS NULL, side = 'out', file_id, line_number)
),
-- an arrival and a departure listed by two clubs under different names for each other
singles AS (
    SELECT * FROM same_move WHERE candidate AND listings = 1 AND side IS NOT NULL
),
cross_listed AS (
    SELECT
        arrival.file_id AS in_file, arrival.line_number AS in_line,
        departure.file_id AS out_file, departure.line_number AS out_line,
        departure.from_club_canonical AS seller,
        departure.first_known_on AS seller_known_on
    FROM singles AS arrival
    JOIN singles AS departure
        ON arrival.side = 'in' AND departure.side = 'out'
       AND arrival.player_key = departure.player_key
       AND arrival.window_label = departure.window_label
       AND arrival.loan_move = departure.loan_move AND arrival.loan_return = departure.loan_return
       AND coalesce(money_compact(arrival.fee), '') = coalesce(money_compact(departure.fee), '')
       AND arrival.to_club_canonical IS DISTINCT FROM departure.from_club_canonical
       AND (
           nullif(trim(arrival.player_id), '') = nullif(trim(departure.player_id), '')  -- one player id: one move
           OR (club_names_compatible(departure.to_written, arrival.to_written)
               AND club_names_compatible(arrival.from_written, departure.from_written))
       )
    QUALIFY row_number() OVER (PARTITION BY arrival.file_id, arrival.line_number ORDER BY departure.file_id, departure.line_number) = 1
        AND row_number() OVER (PARTITION BY departure.file_id, departure.line_number ORDER BY arrival.file_id, arrival.line_number) = 1
)
SELECT
    m.* EXCLUDE (fee_parts, from_club_canonical, known_on, first_known_on),
    coalesce(bought.seller, m.from_club_canonical) AS from_club_canonical,
    -- the kept listing is known from the earliest listing of its move: another club's listing dated
    -- later in the same window (or a file sorting first) never makes a move known by then unknown
    least(m.known_on, m.first_known_on, bought.seller_known_on) AS known_on,
    nullif(concat_ws('; ',
        CASE WHEN m.fee_unparsed THEN 'fee not understood, stored as null: ''' || m.fee || '''' END,
        CASE WHEN nullif(trim(m.is_loan), '') IS NOT NULL AND m.loan_flag IS NULL
             THEN 'is_loan not understood, taken from the fee: ''' || m.is_loan || '''' END,
        CASE WHEN m.transfer_day IS NULL AND nullif(trim(m.transfer_date), '') IS NOT NULL AND m.known_on IS NOT NULL
             THEN date_problem(m.transfer_date) || ' in transfer_date, the window''s close is used: '''
                  || m.transfer_date || '''' END
    ), '') AS warning,
    m.candidate AND (m.listing_rank > 1 OR sold.out_line IS NOT NULL) AS is_mirrored,
    m.reject_reason IS NULL AND (m.copy_rank > 1 OR m.listing_rank > 1 OR sold.out_line IS NOT NULL) AS is_duplicate
FROM same_move AS m
LEFT JOIN cross_listed AS bought ON bought.in_file = m.file_id AND bought.in_line = m.line_number
LEFT JOIN cross_listed AS sold ON sold.out_file = m.file_id AND sold.out_line = m.line_number;
