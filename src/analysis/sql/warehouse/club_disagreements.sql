-- Where the sources disagree on a player's club (SPEC 3): reports naming another current club (or
-- none) while a running contract or a completed move says he is at a club. The latest evidence
-- wins on each day (player_clubs); this lists what it overrode, one row per player, record (the
-- contract or move standing on the reports' days) and club the reports name, so an analyst can
-- check the record, or the reports.
CREATE TABLE club_disagreements AS
WITH recorded AS (  -- contracts, ended contracts and moves alone: what the records say, day by day
    SELECT *, evidence <> 'contract ended' AS says_a_club
    FROM club_evidence
    WHERE decides_record_day
),
-- a report can only disagree where it decided its day against the records: in a spell that a report
-- started (player_clubs), naming that spell's club. Only those few are compared (not every report).
report_spells AS (
    SELECT player, club, held_from, held_until FROM player_clubs WHERE evidence = 'report'
),
reports AS (
    SELECT r.*
    FROM club_evidence AS r
    JOIN report_spells AS s
      ON s.player = r.player AND r.evidence_on >= s.held_from AND (s.held_until IS NULL OR r.evidence_on < s.held_until)
     AND r.club IS NOT DISTINCT FROM s.club
    WHERE r.evidence = 'report'
),
compared AS (  -- each report against the record standing at the start of its day (the report of a move
               -- on the day it is recorded names the club he leaves: no disagreement)
    SELECT
        r.player,
        r.club AS reported_club,
        r.evidence_on AS reported_on,
        r.source_file AS report_file,
        r.line_number AS report_line,
        s.club AS recorded_club,
        s.evidence AS recorded_by,
        s.evidence_on AS recorded_from,
        s.contract_expires,
        s.source_file AS record_file,
        s.line_number AS record_line
    FROM reports AS r
    ASOF JOIN recorded AS s ON s.player = r.player AND r.evidence_on > s.evidence_on
    WHERE s.says_a_club AND r.club IS DISTINCT FROM s.club
)
SELECT
    player,
    reported_club,  -- null: the reports say he has no club ('Without Club')
    count(*) AS reports,
    min(reported_on) AS first_reported_on,
    max(reported_on) AS last_reported_on,
    arg_min(report_file, (reported_on, report_file, report_line)) AS report_file,
    arg_min(report_line, (reported_on, report_file, report_line)) AS report_line,
    recorded_club,  -- null: a move to no club
    recorded_by,  -- contract or move
    recorded_from,
    contract_expires,
    record_file,
    record_line
FROM compared
GROUP BY ALL
ORDER BY player, first_reported_on, reported_club;
