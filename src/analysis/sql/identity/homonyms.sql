-- Identity, step 6: rumours that write a contract player's own name (A) but name another player's
-- club (id_homonym_questions, players.sql). Such a row is B's, not A's, when exactly one other
-- contract player B at that club is a candidate for the name (players.sql's candidates and bits,
-- the question's club taken as the club evidence, his share at or above the suggestion floor: he
-- would be suggested for it) and no `distinct` line keeps the two apart ('Danilo' named at Paris
-- Saint-Germain is Danilo Pereira, not Juventus' Danilo; 'Pedro' at Chelsea, where Pedro Neto and
-- João Pedro both fit, stays Lazio's Pedro). Rows
-- without a club, naming A's club, or a club where none or several fitting players hold contracts
-- stay A's. A rule, not a score: confidence 1, so a threshold above 1 (no automatic links) leaves
-- them A's too. An alias line for the name always wins (such names are never asked).
-- Parameters: $threshold, $floor.
CREATE OR REPLACE TEMP TABLE id_homonym_decisions AS
WITH asked AS (
    SELECT DISTINCT w_key, club_key FROM id_homonym_questions
),
-- the name's candidates, with their evidence but the club's (the name is written at several clubs;
-- each question is about one)
scored AS (
    SELECT o.key AS w_key, t.key AS t_key, t.name AS t_name, e.bits - e.bits_club AS bits_but_club
    FROM id_player_evidence AS e
    JOIN id_player_open AS o ON o.id = e.w_id
    JOIN id_player_targets AS t ON t.id = e.t_id
    WHERE o.asked
),
-- scored again with the question's club as the club evidence: the same club (5 bits) for a player
-- with a contract there, another club than his (-2) for the others, as players.sql weighs them
in_context AS (
    SELECT a.w_key, a.club_key, s.t_key, s.t_name, c.player_key IS NOT NULL AS at_club,
        s.bits_but_club + CASE WHEN c.player_key IS NOT NULL THEN 5 ELSE -2 END AS bits
    FROM asked AS a
    JOIN scored AS s USING (w_key)
    LEFT JOIN id_contract_clubs AS c ON c.player_key = s.t_key AND c.club_key = a.club_key
),
shares AS (
    SELECT *, pow(2, bits) / (pow(2, 6) + sum(pow(2, bits)) OVER (PARTITION BY w_key, club_key)) AS fit
    FROM in_context
)
SELECT w_key, club_key, any_value(t_key) AS t_key, any_value(t_name) AS canonical, any_value(fit) AS fit
FROM shares
WHERE at_club AND fit >= $floor AND 1.0 >= $threshold
GROUP BY w_key, club_key
HAVING count(*) = 1;

-- the rows that change player (stg_rumours reads these, as it reads stg_rumour_club_overrides): by
-- the written (name, club) pairs decided, so only their rows are read. A row whose club the export's
-- club id tells apart from its name (stg_rumour_club_overrides) names another club: it stays A's.
CREATE OR REPLACE TEMP TABLE stg_rumour_player_overrides AS
WITH decided AS (
    SELECT q.written, q.written_club, d.w_key, d.t_key, d.club_key, d.canonical
    FROM id_homonym_questions AS q
    JOIN id_homonym_decisions AS d USING (w_key, club_key)
)
SELECT r.file_id, r.line_number, d.canonical AS player, d.w_key, d.t_key, d.club_key
FROM landing_rumours AS r
JOIN decided AS d ON d.written = r.player AND d.written_club = r.player_club
ANTI JOIN (SELECT file_id, line_number FROM stg_rumour_club_overrides WHERE player_club IS NOT NULL) AS apart
    USING (file_id, line_number);

-- what identity_links lists: one line per name and the player its rumours were given, with the
-- clubs that decided it and how many rows changed
CREATE OR REPLACE TEMP TABLE id_homonym_links AS
WITH moved AS (
    SELECT w_key, t_key, club_key, count(*) AS reports FROM stg_rumour_player_overrides GROUP BY ALL
),
named AS (
    SELECT m.w_key, m.t_key, string_agg(club.name, ' or ' ORDER BY club.name) AS clubs, count(*) AS n_clubs,
        sum(m.reports) AS reports
    FROM moved AS m
    JOIN id_club_targets AS club ON club.key = m.club_key
    GROUP BY ALL
)
SELECT
    'player' AS kind, w.name AS written, t.name AS canonical, 1.0 AS confidence,
    'rumour names ' || n.clubs || ', ' || t.name || '''s club' || CASE WHEN n.n_clubs > 1 THEN 's' ELSE '' END
        || ' (not ' || w.name || '''s); ' || s.reason AS evidence,
    n.reports
FROM named AS n
JOIN id_player_open AS w ON w.key = n.w_key
JOIN id_player_targets AS t ON t.key = n.t_key
JOIN id_player_scores AS s USING (w_key, t_key);
