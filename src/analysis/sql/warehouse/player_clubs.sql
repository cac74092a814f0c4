-- Whose player each player is, over time (SPEC 3): from each day's deciding evidence until the next
-- that names another club, the latest evidence winning (club_evidence: contract records, contracts
-- ending, completed moves, the current club reports name). One row per spell: club null means no
-- club (a contract ended, a move to no club, 'Without Club'). held_until is the first day of the
-- next spell (null: still so). A question about date D reads the spell holding D (the mart macro
-- club_on): evidence after D never changes the answer for D.
CREATE TABLE player_clubs AS
WITH deciding AS (  -- per player and day, the evidence that wins that day (a window, not an aggregate of
                    -- arg_max states: a third of the memory on a million reports)
    SELECT *
    FROM club_evidence
    QUALIFY row_number() OVER (
        PARTITION BY player, evidence_on
        ORDER BY rank_in_day DESC, reported_at DESC NULLS LAST, source_file DESC, line_number DESC
    ) = 1
),
changes AS (  -- the days on which the answer changes
    SELECT *, row_number() OVER by_day = 1 OR lag(club) OVER by_day IS DISTINCT FROM club AS starts_spell
    FROM deciding
    WINDOW by_day AS (PARTITION BY player ORDER BY evidence_on)
)
SELECT
    player,
    club,
    evidence_on AS held_from,
    lead(evidence_on) OVER (PARTITION BY player ORDER BY evidence_on) AS held_until,
    evidence,  -- what started the spell: contract, contract ended, move or report
    source_file,
    line_number
FROM changes
WHERE starts_spell;
