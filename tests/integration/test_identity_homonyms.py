"""A rumour that writes one contract player's own name but names the club of another player the
name fits is that other player's (`Danilo` at Paris Saint-Germain is Danilo Pereira, not Juventus'
Danilo): row by row, on real ingests of files shaped like the real exports (the Transfermarkt squad
export, a contract ledger, the Transfermarkt rumour-mill export with its crest URLs). Each such
re-pointing is listed in identity_links with the club that decided it; a `distinct` line vetoes it,
an alias line for the name wins over it, and a threshold above 1 turns it off."""

from __future__ import annotations

import pytest

from analysis import marts
from analysis.identity.lookup import resolve_name
from tests.conftest import assert_accounted
from tests.integration.test_identity import SQUAD, mill_row, reference_with

BY_CLUB = "linked where the rumour names his club"
RUMOUR_MILL = (
    "PlayerProfil,ImgCurrentClub,ImgInterestedClub,PlayerName,ImgPlayer,MarketValue,CurrentTeam,InterestedClub,"
    "RumourCreated"
)
SQUADS = [
    SQUAD,
    '6,Danilo,Centre-Back,"Jul 15, 1991 (33)",Brazil,"1,84m",right,"Aug 8, 2019",Manchester City,'
    '"Jun 30, 2026",€3.00m,Juventus FC,2024',
    '15,Danilo Pereira,Centre-Back,"Sep 9, 1991 (33)",Portugal,"1,88m",right,"Jul 1, 2022",FC Porto,'
    '"Jun 30, 2026",€4.00m,Paris Saint-Germain,2024',
    '9,Gonçalo Ramos,Centre-Forward,"Jun 20, 2001 (23)",Portugal,"1,85m",right,"Jul 1, 2024",SL Benfica,'
    '"Jun 30, 2028",€35.00m,Paris Saint-Germain,2024',
    '7,N\'Golo Kanté,Central Midfield,"Mar 29, 1991 (33)",France,"1,68m",right,"Jul 1, 2023",Chelsea FC,'
    '"Jun 30, 2026",€8.00m,Al-Ittihad,2024',
    '9,Pedro,Left Winger,"Jul 28, 1987 (37)",Spain,"1,67m",left,"Aug 5, 2021",AS Roma,'
    '"Jun 30, 2025",€1.50m,SS Lazio,2024',
    '23,Pedro Porro,Right-Back,"Sep 13, 1999 (25)",Spain,"1,73m",right,"Jul 1, 2023",Sporting CP,'
    '"Jun 30, 2028",€45.00m,Tottenham Hotspur,2024',
    '7,Pedro Neto,Right Winger,"Mar 9, 2000 (24)",Portugal,"1,72m",left,"Aug 11, 2024",Wolverhampton Wanderers,'
    '"Jun 30, 2031",€55.00m,Chelsea FC,2024',
    '20,João Pedro,Centre-Forward,"Sep 26, 2001 (23)",Brazil,"1,82m",right,"Jul 1, 2023",Watford FC,'
    '"Jun 30, 2028",€50.00m,Chelsea FC,2024',
]
# Danilo Pereira's move to Al-Ittihad in January 2025, a new contract record (and a line repeated)
LEDGER = (
    "player,club,contract_expires,recorded_on\n"
    "Danilo Pereira,Al-Ittihad,2027-06-30,2025-01-31\n"
    "Danilo Pereira,Al-Ittihad,2027-06-30,2025-01-31\n"
    "Danilo,Juventus FC,2026-06-30,2024-07-01\n"
)
JUVENTUS, PSG, ITTIHAD, LAZIO, SPURS, CHELSEA, NAPOLI, ARSENAL = 506, 583, 8023, 398, 148, 631, 6195, 11
MILL = [
    RUMOUR_MILL,
    mill_row("Danilo", 1, "Paris Saint-Germain", PSG, "SSC Napoli", NAPOLI, "10.01.2025 - 09:00"),  # B by club
    mill_row("DANILO", 1, "Paris Saint-Germain", PSG, "Arsenal FC", ARSENAL, "11.01.2025 - 09:00"),  # case-equal
    mill_row("Danilo", 1, "Al-Ittihad", ITTIHAD, "SSC Napoli", NAPOLI, "12.02.2025 - 09:00"),  # B's later club
    mill_row("Danilo", 2, "Juventus FC", JUVENTUS, "SSC Napoli", NAPOLI, "13.01.2025 - 09:00"),  # A's club
    mill_row("Danilo", 2, "", JUVENTUS, "SSC Napoli", NAPOLI, "14.01.2025 - 09:00"),  # no club named
    mill_row("Danilo", 2, "Arsenal FC", ARSENAL, "Olympique Marseille", 244, "14.01.2025 - 10:00"),  # nobody's club
    mill_row("Gonçalo Ramos", 3, "Paris Saint-Germain", PSG, "SSC Napoli", NAPOLI, "15.01.2025 - 09:00"),
    mill_row("N'Golo Kanté", 4, "Al-Ittihad", ITTIHAD, "Olympique Lyon", 1041, "16.01.2025 - 09:00"),
    mill_row("Pedro", 5, "Tottenham Hotspur", SPURS, "Atlético de Madrid", 13, "17.01.2025 - 09:00"),  # Porro
    mill_row("Pedro", 6, "SS Lazio", LAZIO, "Real Betis", 150, "18.01.2025 - 09:00"),  # A's club
    mill_row("Pedro", 7, "Chelsea FC", CHELSEA, "Juventus FC", JUVENTUS, "19.01.2025 - 09:00"),  # two fit there
]


@pytest.fixture
def exports(raw):
    raw.write("contracts/squads_2024.csv", "\n".join(SQUADS) + "\n")
    raw.write("contracts/ledger.csv", LEDGER)
    raw.write("rumours/rumour_mill.csv", "\n".join(MILL) + "\n")
    return raw


def players(raw) -> dict[tuple[str, str], str]:
    """(when reported, the suitor) -> the stored player."""
    return {
        (str(when)[:10], suitor): player
        for when, suitor, player in raw.query("SELECT reported_on, interested_club, player FROM rumours")
    }


def test_the_rumours_club_decides_who_a_contract_name_is(exports):
    summary = exports.ingest()
    assert (
        "2 contract names read as other players where the rumours name their clubs: see table identity_links "
        "(decision 'linked where the rumour names his club': the club that decided and the rows that changed)"
    ) in summary.count_notes()
    stored = players(exports)
    # named at Danilo Pereira's clubs (Paris Saint-Germain, and Al-Ittihad since his move), whatever the case
    assert stored["2025-01-10", "SSC Napoli"] == "Danilo Pereira"
    assert stored["2025-01-11", "Arsenal FC"] == "Danilo Pereira"
    assert stored["2025-02-12", "SSC Napoli"] == "Danilo Pereira"
    # at his own club, at no club, at a club where no player the name fits has a contract: his
    assert stored["2025-01-13", "SSC Napoli"] == "Danilo"
    assert stored["2025-01-14", "SSC Napoli"] == stored["2025-01-14", "Olympique Marseille"] == "Danilo"
    clubs = "SELECT coalesce(player_club, '-') FROM rumours WHERE CAST(reported_on AS DATE) = '2025-01-14'"
    assert sorted(exports.query(clubs)) == [("-",), ("Arsenal FC",)]
    # Pedro at Tottenham is Pedro Porro; at Lazio his own; at Chelsea two players fit (Pedro Neto,
    # João Pedro), so the name alone stays; team-mates who do not fit (Gonçalo Ramos) never count
    assert stored["2025-01-17", "Atlético de Madrid"] == "Pedro Porro"
    assert stored["2025-01-18", "Real Betis"] == "Pedro"
    assert stored["2025-01-19", "Juventus FC"] == "Pedro"
    assert stored["2025-01-15", "SSC Napoli"] == "Gonçalo Ramos"
    assert stored["2025-01-16", "Olympique Lyon"] == "N'Golo Kanté"
    assert_accounted(exports)


def test_each_repointing_is_listed_with_the_club_that_decided_it(exports):
    exports.ingest()
    listed = exports.query(
        "SELECT written, canonical, confidence, evidence, decision, reports, distinct_csv_line FROM identity_links "
        "WHERE decision = ? ORDER BY written",
        [BY_CLUB],
    )
    assert listed == [
        (
            "Danilo",
            "Danilo Pereira",
            1.0,
            "rumour names Al-Ittihad or Paris Saint-Germain, Danilo Pereira's clubs (not Danilo's); "
            "one name of the other (a mononym)",
            BY_CLUB,
            3,
            "distinct,Danilo,Danilo Pereira",
        ),
        (
            "Pedro",
            "Pedro Porro",
            1.0,
            "rumour names Tottenham Hotspur, Pedro Porro's club (not Pedro's); one name of the other (a mononym)",
            BY_CLUB,
            1,
            "distinct,Pedro,Pedro Porro",
        ),
    ]
    frame = marts.identity_links(warehouse=exports.warehouse)
    assert set(frame.loc[frame["decision"] == BY_CLUB, "written"]) == {"Danilo", "Pedro"}
    # the name as typed is still the contract's player: only those rows changed
    assert resolve_name("danilo", "player", exports.warehouse) == "Danilo"
    # and no club disagreement is left for them: the rows are Danilo Pereira's, at his clubs
    assert exports.query(
        "SELECT count(*) FROM unmatched_players WHERE player IN ('Danilo', 'Danilo Pereira', 'Pedro', 'Pedro Porro')"
    ) == [(0,)]


def test_a_distinct_line_keeps_the_rows_with_the_contract_name(exports, tmp_path):
    exports.ingest(reference=reference_with(tmp_path, "distinct,Danilo,Danilo Pereira"))
    stored = players(exports)
    assert stored["2025-01-10", "SSC Napoli"] == stored["2025-02-12", "SSC Napoli"] == "Danilo"
    assert exports.query("SELECT count(*) FROM rumours WHERE player = 'Danilo Pereira'") == [(0,)]
    assert exports.query("SELECT written, canonical FROM identity_links WHERE decision = ?", [BY_CLUB]) == [
        ("Pedro", "Pedro Porro")
    ]
    assert_accounted(exports)


def test_an_alias_line_for_the_name_wins_over_the_club(exports, tmp_path):
    """`player,Danilo,Danilo`: the analyst says the name is always Juventus' Danilo."""
    exports.ingest(reference=reference_with(tmp_path, "player,Danilo,Danilo"))
    assert exports.query("SELECT count(*) FROM rumours WHERE player = 'Danilo'") == [(6,)]
    assert players(exports)["2025-01-17", "Atlético de Madrid"] == "Pedro Porro"
    assert exports.query("SELECT written FROM identity_links WHERE decision = ?", [BY_CLUB]) == [("Pedro",)]


def test_a_threshold_above_1_leaves_every_row_with_the_contract_name(exports):
    assert not any("where the rumour" in note for note in exports.ingest(link_threshold=1.01).count_notes())
    assert exports.query("SELECT count(*) FROM rumours WHERE player IN ('Danilo Pereira', 'Pedro Porro')") == [(0,)]
    assert exports.query("SELECT count(*) FROM identity_links WHERE decision = ?", [BY_CLUB]) == [(0,)]
    assert_accounted(exports)


def test_a_club_a_transfer_row_names_the_player_at_is_his_own_not_another_players(exports):
    """Trial 5: a dump with one row per player (his club on the dump's day) made every rumour of a
    former club another player's: Danilo, at Juventus now, was at Paris Saint-Germain before (a
    transfer file says so), so a rumour naming PSG is his, not Danilo Pereira's. Al-Ittihad, where
    no move puts him, still decides for Danilo Pereira."""
    exports.write(
        "transfers/moves.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\n"
        "Danilo,Paris Saint-Germain,Juventus FC,2019-08-08,,false\n",
    )
    exports.ingest()
    stored = players(exports)
    assert stored["2025-01-10", "SSC Napoli"] == stored["2025-01-11", "Arsenal FC"] == "Danilo"
    assert stored["2025-02-12", "SSC Napoli"] == "Danilo Pereira"
    listed = "SELECT written, canonical, evidence FROM identity_links WHERE decision = ? ORDER BY written"
    assert exports.query(listed, [BY_CLUB]) == [
        (
            "Danilo",
            "Danilo Pereira",
            "rumour names Al-Ittihad, Danilo Pereira's club (not Danilo's); one name of the other (a mononym)",
        ),
        (
            "Pedro",
            "Pedro Porro",
            "rumour names Tottenham Hotspur, Pedro Porro's club (not Pedro's); one name of the other (a mononym)",
        ),
    ]
    assert_accounted(exports)
