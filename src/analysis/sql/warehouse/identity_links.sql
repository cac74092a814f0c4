-- Names the identity step linked on its own (confidence at or above auto_link_threshold in
-- identity.yml), clubs it kept apart because the export's club id says they are another club than
-- their name, and contract players' names whose rumours name another player's club (homonyms.sql:
-- those rows only are his, decision 'linked where the rumour names his club'). Each with its
-- evidence, how many rows it changed, and the aliases.csv line that vetoes it (`distinct`); an
-- alias line for the name overrules it too.
CREATE TABLE identity_links AS
WITH used AS (
    SELECT kind, key, coalesce(n_rumours, 0) + coalesce(n_transfers, 0) AS reports FROM id_names
),
links AS (
    SELECT
        l.kind, l.written, l.canonical, round(l.confidence, 3) AS confidence, l.evidence,
        'linked' AS decision, CAST(coalesce(u.reports, 0) AS BIGINT) AS reports,
        'distinct,' || csv_field(l.written) || ',' || csv_field(l.canonical) AS distinct_csv_line
    FROM stg_identity_links AS l
    LEFT JOIN used AS u ON u.kind = l.kind AND u.key = name_key(l.written)
),
kept_apart AS (
    SELECT
        'club' AS kind, c.written, c.canonical, 1.0 AS confidence, c.evidence,
        'kept apart (club id ' || c.club_id || ')' AS decision,
        CAST((SELECT count(*) FROM id_club_ids AS i WHERE i.written_key = c.written_key AND i.club_id = c.club_id)
            AS BIGINT) AS reports,
        NULL AS distinct_csv_line
    FROM id_club_contexts AS c
),
by_club AS (
    SELECT
        kind, written, canonical, round(confidence, 3) AS confidence, evidence,
        'linked where the rumour names his club' AS decision, CAST(reports AS BIGINT) AS reports,
        'distinct,' || csv_field(written) || ',' || csv_field(canonical) AS distinct_csv_line
    FROM id_homonym_links
)
SELECT * FROM links
UNION ALL
SELECT * FROM by_club
UNION ALL
SELECT * FROM kept_apart
ORDER BY kind DESC, reports DESC, written;
