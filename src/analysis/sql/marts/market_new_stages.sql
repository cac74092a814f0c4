-- Stages a pursuit reached for the first time after $since ($stages: approach, bid, agreed,
-- completed, ruled out), one row per pair and stage: the first story of it, newest first.
-- Renewal talks are included and flagged (a renewal agreed is news too).
WITH reached AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY player, interested_club, stage ORDER BY reported_on, reported_at, source, line_number
        ) AS nth
    FROM market_events
    WHERE list_contains($stages, stage)
)
SELECT
    reported_on,
    player,
    interested_club,
    stage,
    source,
    via,
    player_club,
    fee_eur,
    fee_as_written,
    headline,
    is_renewal_talk
FROM reached
WHERE nth = 1 AND reported_on > $since
ORDER BY reported_on DESC, list_position($stages, stage) DESC, player, interested_club;
