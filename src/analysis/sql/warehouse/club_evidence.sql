-- Every piece of evidence of a player's club, dated from when it was known (SPEC 3), one row each.
-- Temp: player_clubs and club_disagreements are read from it.
--   contract:       a contract record, from its recorded_on, while it runs;
--   contract ended: the day after a record's contract_expires, unless a later record came first, or
--                   moves or reports since the record put him at another club (a record already
--                   expired when recorded says only that: ended, from its recorded_on);
--   move:           a completed move of a transfer file, from its known_on (to_club null: no club). A
--                   contract record with a new club is a move too, but it is already here as a contract.
--                   A loan does not change whose player he is, nor does the return from one;
--   report:         the current club a report names, from its reported_on ('Without Club' and the like:
--                   no club; 'Unknown', '?': says nothing). A report naming the club he is on loan at
--                   (a loan known by then, not followed by another move) speaks for the lending club.
-- On one day a move outranks a contract record, which outranks an ended contract, which outranks
-- a report (see `rank_in_day`); among reports the later one wins. decides_record_day marks each
-- day's deciding record (contracts, ended contracts and moves alone; null for reports).
-- Reports are kept only for players with a report naming another club than the records (contracts,
-- ended contracts, moves) say on its day: any other report agrees with the record standing that day,
-- so it can never start a spell of player_clubs nor be listed in club_disagreements. Most players'
-- reports agree, so player_clubs sorts a few thousand rows instead of a million.
CREATE OR REPLACE TEMP TABLE club_evidence AS
WITH no_club AS (  -- 'Without Club' -> none, 'Unknown' -> unknown, matched ignoring case and accents
    SELECT name_key(name) AS key, meaning FROM ref_no_club_names
),
-- the clubs contracts name, each matched once (not once per record) against the names meaning no club
no_club_clubs AS (
    SELECT c.club, no_club.key
    FROM (SELECT DISTINCT club FROM contracts WHERE club IS NOT NULL) AS c
    JOIN no_club ON no_club.key = name_key(c.club)
),
records AS (
    SELECT
        c.player,
        CASE WHEN no_club.key IS NULL THEN c.club END AS club,
        coalesce(c.recorded_on, DATE '1900-01-01') AS recorded_on,
        c.contract_expires,
        c.source_file,
        c.line_number,
        lead(coalesce(c.recorded_on, DATE '1900-01-01')) OVER (
            PARTITION BY c.player ORDER BY coalesce(c.recorded_on, DATE '1900-01-01'), c.source_file, c.line_number
        ) AS next_recorded_on
    FROM contracts AS c
    LEFT JOIN no_club_clubs AS no_club USING (club)
),
contract_held AS (
    SELECT player, recorded_on AS evidence_on, club, 'contract' AS evidence, 2 AS rank_in_day,
           contract_expires, source_file, line_number
    FROM records
    WHERE contract_expires >= recorded_on
),
moves AS (
    SELECT player, known_on, to_club, from_club, is_loan, loan_return, source_file, line_number
    FROM transfers
    WHERE evidence = 'transfers' AND known_on IS NOT NULL
),
moved AS (
    SELECT player, known_on AS evidence_on, to_club AS club, 'move' AS evidence, 3 AS rank_in_day,
           NULL::DATE AS contract_expires, source_file, line_number
    FROM moves
    WHERE NOT is_loan AND NOT loan_return
),
-- the clubs reports name, each matched once (not once per report) against the names meaning no club
no_club_named AS (
    SELECT c.player_club, no_club.meaning
    FROM (SELECT DISTINCT player_club FROM rumours WHERE player_club IS NOT NULL) AS c
    JOIN no_club ON no_club.key = name_key(c.player_club)
),
named AS (
    SELECT
        r.player, r.reported_on, r.reported_at, r.source_file, r.line_number,
        CASE WHEN no_club.meaning IS NULL THEN r.player_club END AS club
    FROM rumours AS r
    LEFT JOIN no_club_named AS no_club USING (player_club)
    WHERE r.player_club IS NOT NULL AND no_club.meaning IS DISTINCT FROM 'unknown'
),
-- the player's latest move (loan or not) known by the report's day: a loan to the club the report
-- names means he is still the lending club's. Looked up only for players ever loaned (an as-of join
-- over every report would sort a million rows for nothing).
loaned AS (
    SELECT DISTINCT player FROM moves WHERE is_loan
),
on_loan AS (
    SELECT n.*, m.is_loan, m.to_club AS moved_to, m.from_club AS lent_by
    FROM (SELECT * FROM named WHERE player IN (SELECT player FROM loaned)) AS n
    ASOF LEFT JOIN moves AS m ON m.player = n.player AND n.reported_on >= m.known_on
    UNION ALL BY NAME
    SELECT *, FALSE AS is_loan FROM named WHERE player NOT IN (SELECT player FROM loaned)
),
reported AS (
    SELECT player, reported_on AS evidence_on,
           CASE WHEN is_loan AND club = moved_to AND lent_by IS NOT NULL THEN lent_by ELSE club END AS club,
           'report' AS evidence, 0 AS rank_in_day, NULL::DATE AS contract_expires, source_file, line_number,
           reported_at
    FROM on_loan
),
-- a contract's end says he is no longer that club's: unless moves or reports since its record already
-- put him elsewhere (then the end of the old contract says nothing of where he is now)
elsewhere AS (
    SELECT player, evidence_on, club, rank_in_day, NULL::TIMESTAMP AS reported_at, line_number FROM moved
    UNION ALL
    SELECT player, evidence_on, club, rank_in_day, reported_at, line_number FROM reported
),
contract_ended AS (
    SELECT r.player, greatest(CAST(r.contract_expires + INTERVAL 1 DAY AS DATE), r.recorded_on) AS evidence_on,
           NULL AS club, 'contract ended' AS evidence, 1 AS rank_in_day, r.contract_expires, r.source_file,
           r.line_number, r.club AS ended_club, r.recorded_on
    FROM records AS r
    WHERE r.next_recorded_on IS NULL OR r.next_recorded_on > r.contract_expires
),
last_said AS (  -- per ended contract, the club the latest move or report since its record names
    SELECT
        e.source_file,
        e.line_number,
        arg_max_null(x.club, (x.evidence_on, x.rank_in_day, x.reported_at, x.line_number)) AS club
    FROM contract_ended AS e
    JOIN elsewhere AS x ON x.player = e.player AND x.evidence_on >= e.recorded_on AND x.evidence_on < e.evidence_on
    GROUP BY e.source_file, e.line_number
),
still_there AS (
    SELECT e.* EXCLUDE (ended_club, recorded_on)
    FROM contract_ended AS e
    LEFT JOIN last_said AS said USING (source_file, line_number)
    WHERE said.line_number IS NULL OR said.club IS NOT DISTINCT FROM e.ended_club
),
-- what the records alone say: each day one speaks, its deciding record (decides_record_day), whose
-- club stands until the next such day (club_disagreements compares reports with it too)
recorded AS (
    SELECT *, row_number() OVER (
        PARTITION BY player, evidence_on ORDER BY rank_in_day DESC, source_file DESC, line_number DESC
    ) = 1 AS decides_record_day
    FROM (
        SELECT * FROM contract_held
        UNION ALL BY NAME SELECT * FROM still_there
        UNION ALL BY NAME SELECT * FROM moved
    )
),
record_days AS (
    SELECT player, evidence_on, club FROM recorded WHERE decides_record_day
),
record_spans AS (
    SELECT player, club, evidence_on AS said_from, lead(evidence_on) OVER (PARTITION BY player ORDER BY evidence_on) AS said_until
    FROM record_days
),
-- players with a report naming another club than the record standing on its day (on a day a record
-- speaks, the record wins), or a report before any record
disputed AS (
    SELECT DISTINCT r.player
    FROM reported AS r
    LEFT JOIN record_spans AS s
        ON s.player = r.player AND r.evidence_on >= s.said_from AND (s.said_until IS NULL OR r.evidence_on < s.said_until)
    WHERE s.player IS NULL OR (r.evidence_on > s.said_from AND r.club IS DISTINCT FROM s.club)
)
SELECT * FROM recorded
UNION ALL BY NAME SELECT * FROM reported WHERE player IN (SELECT player FROM disputed);
