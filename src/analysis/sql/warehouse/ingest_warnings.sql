-- Doubtful but kept: whole files (an encoding), reference files, rows with a value stored as null,
-- one note per file for each outlet we have no tier for, each contract record superseded by a
-- conflicting one of the same player and day (contract_conflicts), and each naming the player's
-- club another way than his previous record (contract_club_changes).
CREATE TABLE ingest_warnings AS
WITH staged AS NOT MATERIALIZED (  -- the rows kept, of every kind; inlined: each reader keeps a few of them
    SELECT file_id, line_number, warning FROM stg_rumours
    WHERE reject_reason IS NULL AND NOT is_duplicate
    UNION ALL
    SELECT file_id, line_number, warning FROM stg_contracts
    WHERE reject_reason IS NULL AND NOT is_duplicate
    UNION ALL
    SELECT file_id, line_number, warning FROM stg_transfers
    WHERE reject_reason IS NULL AND NOT is_duplicate
),
row_warnings AS (
    SELECT f.source_file, s.line_number, s.warning AS message
    FROM staged AS s
    JOIN ingest_file_list AS f USING (file_id)
    WHERE s.warning IS NOT NULL
),
file_warnings AS (
    SELECT f.source_file, w.line_number, w.message
    FROM landing_warnings AS w
    JOIN ingest_file_list AS f USING (file_id)
    UNION ALL
    SELECT reference_file, NULL, message FROM reference_warnings
),
outlets_used AS (
    SELECT source_file, line_number, source AS outlet FROM rumours
    UNION ALL
    SELECT source_file, line_number, via FROM rumours WHERE via IS NOT NULL
),
unknown_outlets AS (
    SELECT
        source_file,
        min(line_number) AS line_number,
        'outlet not in outlets.csv, weighed as '
            || coalesce('tier ' || any_value(settings.unknown_outlet_tier) || ' by', 'the tier of')
            || ' intensity.yml''s unknown_outlet_tier ('
            || CASE count(*) WHEN 1 THEN '1 row' ELSE 'first of ' || count(*) || ' rows' END || '): ''' || outlet || ''''
            AS message
    FROM outlets_used, stg_intensity_settings AS settings
    WHERE outlet NOT IN (SELECT outlet FROM ref_outlets)
    GROUP BY source_file, outlet
),
conflicting_contracts AS (
    SELECT
        source_file,
        line_number,
        'conflicting contract records for ' || player || ' '
            || CASE WHEN recorded_on > DATE '1900-01-01' THEN 'recorded on ' || recorded_on
                    ELSE 'without a recorded date' END
            || ': this line says ' || club || ' until ' || contract_expires || ', ' || kept_source_file || ' line '
            || kept_line_number || ' says ' || kept_club || ' until ' || kept_contract_expires || '; kept '
            || kept_source_file || ' line ' || kept_line_number
            || ' (of one day''s records the last in file order is used: the later file name, then the later line)'
            AS message
    FROM contract_conflicts
),
-- player and club names with letters lost ('M?ller', 'Ferencv?rosi TC'): one warning per file and
-- name (and club it became), naming its lines and what became of it (identity/damaged.sql): the name
-- staging made of it (stg_names; a rumour's club that the export's club id tells apart, as stored),
-- or the names it fits
damaged_written AS (
    SELECT 'player' AS kind, NULL AS role, file_id, line_number, player AS written FROM landing_rumours
        WHERE name_damaged(player)
    UNION ALL SELECT 'player', NULL, file_id, line_number, player FROM landing_contracts WHERE name_damaged(player)
    UNION ALL SELECT 'player', NULL, file_id, line_number, player FROM landing_transfers WHERE name_damaged(player)
    UNION ALL SELECT 'club', 'interested_club', file_id, line_number, interested_club FROM landing_rumours
        WHERE name_damaged(interested_club)
    UNION ALL SELECT 'club', 'player_club', file_id, line_number, player_club FROM landing_rumours
        WHERE name_damaged(player_club)
    UNION ALL SELECT 'club', NULL, file_id, line_number, club FROM landing_contracts WHERE name_damaged(club)
    UNION ALL SELECT 'club', NULL, file_id, line_number, club FROM landing_transfers WHERE name_damaged(club)
    UNION ALL SELECT 'club', NULL, file_id, line_number, dealing_club FROM landing_transfers
        WHERE name_damaged(dealing_club)
    UNION ALL SELECT 'club', NULL, file_id, line_number, from_club FROM landing_transfers WHERE name_damaged(from_club)
    UNION ALL SELECT 'club', NULL, file_id, line_number, to_club FROM landing_transfers WHERE name_damaged(to_club)
),
damaged_rows AS (
    SELECT d.kind, d.file_id, d.line_number, d.written,
        coalesce(CASE d.role WHEN 'interested_club' THEN o.interested_club WHEN 'player_club' THEN o.player_club END,
            n.canonical) AS canonical
    FROM damaged_written AS d
    SEMI JOIN staged AS s USING (file_id, line_number)
    LEFT JOIN stg_names AS n ON n.kind = d.kind AND n.written = d.written
    LEFT JOIN stg_rumour_club_overrides AS o ON d.role IS NOT NULL AND o.file_id = d.file_id
        AND o.line_number = d.line_number
),
damaged_names AS (
    SELECT f.source_file, d.kind, d.written, d.canonical, list(DISTINCT d.line_number ORDER BY d.line_number) AS lines
    FROM damaged_rows AS d
    JOIN ingest_file_list AS f USING (file_id)
    GROUP BY ALL
),
-- the names each one fits (identity/damaged.sql)
damaged_fits AS (
    SELECT kind, key, fitting, list_transform(fits, lambda f: f.name) AS fits FROM id_damaged
),
damaged_warnings AS (
    SELECT
        source_file,
        lines[1] AS line_number,
        n.kind || ' name ''' || written || ''' has ''?'' where a letter was lost (a Windows-1252 export saved or '
            || 'read as UTF-8 by another tool): '
            || CASE WHEN NOT name_damaged(canonical) THEN 'read as ' || canonical
                    WHEN coalesce(x.fitting, 0) = 1
                    THEN 'it fits only ' || x.fits[1] || ', not linked (the link threshold is above 1), so it is kept '
                         || 'as written (never a match for other names) and listed in unmatched_' || n.kind || 's with '
                         || 'that suggestion'
                    WHEN x.fitting > 1
                    THEN 'it fits ' || x.fitting || ' names (' || array_to_string(x.fits, ', ') || '), so it is kept '
                         || 'as written (never a match for other names) and listed in unmatched_' || n.kind || 's with '
                         || 'them as its suggestions'
                    ELSE 'no known name fits it, so it is kept as written (never a match for other names) and '
                         || 'listed in unmatched_' || n.kind || 's with its suggestions' END
            || ' (' || CASE WHEN len(lines) = 1 THEN 'line ' ELSE 'lines ' END
            || array_to_string(lines[1:10], ', ')
            || CASE WHEN len(lines) > 10 THEN ' and ' || (len(lines) - 10) || ' more' ELSE '' END || ')' AS message
    FROM damaged_names AS n
    LEFT JOIN damaged_fits AS x ON x.kind = n.kind AND x.key = name_key(n.written)
),
-- two contract players of one club, one name the other's with words left out ('Irfan Kahveci' typed
-- for a renewal, 'İrfan Can Kahveci' in the squad export): contract names are the roster of record
-- and never matched to each other, so these are two players until an alias line says otherwise.
-- The shorter name must keep two words ('Gabriel' beside 'Gabriel Jesus' is another player).
contract_cores AS (  -- each contract player and club once, with his folded name's words
    SELECT c.player, c.club, f.core
    FROM (SELECT DISTINCT player, club FROM contracts) AS c
    JOIN id_folded AS f ON f.kind = 'player' AND f.key = name_key(c.player)
),
contract_twins AS (
    SELECT DISTINCT c.source_file, c.line_number, c.player, c.club, longer.player AS longer_name
    FROM contracts AS c
    JOIN contract_cores AS shorter ON shorter.player = c.player AND shorter.club = c.club
    -- blocked on the shorter name's last word, which the longer must hold too: a club's players are
    -- paired only where they share it, not each with every other
    JOIN (SELECT *, unnest(list_distinct(core)) AS word FROM contract_cores) AS longer
        ON longer.club = c.club AND longer.word = shorter.core[-1] AND longer.player <> c.player
       AND len(list_distinct(shorter.core)) >= 2 AND len(longer.core) > len(shorter.core)
       AND list_has_all(longer.core, shorter.core)
),
twin_warnings AS (
    SELECT
        source_file,
        line_number,
        'contract player ''' || player || ''' at ' || club || ' is written like ''' || longer_name
            || ''' of the same club with words left out: two players now; if he is one, add this line to '
            || 'aliases.csv: player,' || csv_field(player) || ',' || csv_field(longer_name) AS message
    FROM contract_twins
),
-- a contract's club written like a club of clubs.csv with affixes added or left out ('Liverpool
-- Football Club' in transfermarkt-datasets' players.csv, 'Liverpool' in clubs.csv): contracts are the
-- roster of record and clubs.csv the names the analyst chose, so these are two clubs until an alias
-- line says otherwise; one warning per file and club, on its first line
reference_clubs AS (  -- clubs.csv's clubs as stored (an alias line followed)
    SELECT DISTINCT coalesce(a.canonical, r.club) AS club
    FROM ref_clubs AS r
    LEFT JOIN id_alias_keys AS a ON a.kind = 'club' AND a.key = name_key(r.club)
),
club_spellings AS (
    SELECT club, club_spelling_key(club_core(club)) AS spelling_key
    FROM (SELECT club FROM reference_clubs UNION SELECT club FROM contracts WHERE club IS NOT NULL)
),
contract_club_twins AS (
    SELECT c.source_file, min(c.line_number) AS line_number, c.club, min(known.club) AS known
    FROM contracts AS c
    JOIN club_spellings AS own ON own.club = c.club
    JOIN club_spellings AS known ON known.spelling_key = own.spelling_key AND own.spelling_key <> ''
        AND known.club IN (SELECT club FROM reference_clubs) AND name_key(known.club) <> name_key(c.club)
    -- a club clubs.csv lists itself is one the analyst keeps apart (Liverpool FC of Montevideo)
    WHERE name_key(c.club) NOT IN (SELECT name_key(club) FROM reference_clubs)
    GROUP BY c.source_file, c.club
),
club_twin_warnings AS (
    SELECT
        source_file,
        line_number,
        'contract club ''' || club || ''' is written like ''' || known || ''' of clubs.csv (the same name apart '
            || 'from FC, Football Club and the like): two clubs now, and ' || known || '''s reports and pages list '
            || 'none of these contracts; if they are one, add this line to aliases.csv: club,' || csv_field(club)
            || ',' || csv_field(known) AS message
    FROM contract_club_twins
),
-- one club written two ways in a player's contract records (contract_club_changes): not read as a move
respelled_clubs AS (
    SELECT
        source_file,
        line_number,
        'club written another way than in ' || player || '''s previous contract record: ''' || club
            || ''' here, ''' || previous_club || ''' before; kept as written but not read as a move; if they '
            || 'are one club add this line to aliases.csv: club,' || csv_field(club) || ',' || csv_field(previous_club)
            AS message
    FROM contract_club_changes
    WHERE respelled
)
SELECT source_file, line_number, message
FROM (
    SELECT * FROM file_warnings
    UNION ALL SELECT * FROM row_warnings
    UNION ALL SELECT * FROM unknown_outlets
    UNION ALL SELECT * FROM conflicting_contracts
    UNION ALL SELECT * FROM damaged_warnings
    UNION ALL SELECT * FROM respelled_clubs
    UNION ALL SELECT * FROM twin_warnings
    UNION ALL SELECT * FROM club_twin_warnings
)
ORDER BY source_file, line_number NULLS FIRST, message;
