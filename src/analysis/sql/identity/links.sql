-- Identity, step 6: the links staging applies (stg_names: after aliases.csv, before its own rules):
-- each open name's best candidate at or above $threshold, players and clubs. Vetoed pairs
-- (`distinct` lines) were never candidates. A contract's own name matched only to ask who its rumours
-- name (homonyms.sql) is never linked as a name.
CREATE OR REPLACE TEMP TABLE id_player_links AS
SELECT w_key, w_name AS written, t_key, t_name AS canonical, confidence,
    concat_ws('; ', reason, nullif(evidence, '')) AS evidence
FROM id_player_scores
WHERE confidence >= $threshold AND w_key NOT IN (SELECT key FROM id_player_open WHERE asked)
QUALIFY row_number() OVER (PARTITION BY w_key ORDER BY confidence DESC, t_key) = 1;

CREATE OR REPLACE TEMP TABLE stg_identity_links AS
SELECT 'player' AS kind, written, canonical, confidence, evidence FROM id_player_links
UNION ALL
-- a name with letters lost that exactly one known player's name fits (damaged.sql; clubs' such links
-- are among id_club_links)
SELECT 'player', written, canonical, confidence, evidence FROM id_damaged_links WHERE kind = 'player'
UNION ALL
SELECT 'club', written, canonical, confidence, evidence FROM id_club_links;

-- what the published tables read: the settings in force
CREATE OR REPLACE TEMP TABLE id_settings AS
SELECT CAST($threshold AS DOUBLE) AS auto_link_threshold, CAST($floor AS DOUBLE) AS suggestion_floor;
