"""Identity on real DuckDB warehouses built from files shaped like the real exports (the
Transfermarkt rumour-mill export with its crest URLs, the Transfermarkt squad export): links made
on their own and listed with evidence, a `distinct` line vetoing one, an alias line winning over one,
the Uruguayan Liverpool FC kept apart, Man Utd answered as Manchester United (issues 10 and 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import config, marts
from analysis.errors import IngestError, UserError
from tests.conftest import assert_accounted

CREST = "https://tmssl.akamaized.net/images/wappen/verysmall/{}.png"
PROFILE = "https://www.transfermarkt.com/{}/profil/spieler/{}"
PORTRAIT = "https://img.a.transfermarkt.technology/portrait/medium/{}.jpg"
RUMOUR_MILL = (
    "PlayerProfil,ImgCurrentClub,ImgInterestedClub,PlayerName,ImgPlayer,MarketValue,CurrentTeam,InterestedClub,"
    "RumourCreated"
)
SQUAD = "#,Player,Position,Date of birth/Age,Nat.,Height,Foot,Joined,Signed from,Contract,Market value,Club,Season"


def mill_row(player: str, player_id: int, club: str, club_id: int, suitor: str, suitor_id: int, when: str) -> str:
    slug = player.lower().replace(" ", "-").replace(".", "")
    return ",".join(
        [
            PROFILE.format(slug, player_id),
            CREST.format(club_id),
            CREST.format(suitor_id),
            player,
            PORTRAIT.format(player_id),
            "€10.00m",
            club,
            suitor,
            when,
        ]
    )


SQUADS = [
    SQUAD,
    '66,Trent Alexander-Arnold,Right-Back,"Oct 7, 1998 (26)",England,"1,80m",right,"Jul 1, 2016",Liverpool U18,'
    '"Jun 30, 2025",€80.00m,Liverpool FC,2024',
    '4,Virgil van Dijk,Centre-Back,"Jul 8, 1991 (33)",Netherlands,"1,93m",right,"Jan 1, 2018",Southampton,'
    '"Jun 30, 2025",€28.00m,Liverpool FC,2024',
    '11,Mohamed Salah,Right Winger,"Jun 15, 1992 (32)",Egypt,"1,75m",left,"Jul 1, 2017",AS Roma,'
    '"Jun 30, 2025",€55.00m,Liverpool FC,2024',
    '10,Marcus Rashford,Left Winger,"Oct 31, 1997 (27)",England,"1,85m",right,"Jul 1, 2016",Manchester United U18,'
    '"Jun 30, 2028",€45.00m,Manchester United,2024',
    '17,Alejandro Garnacho,Left Winger,"Jul 1, 2004 (20)",Argentina,"1,80m",right,"Oct 1, 2020",Atlético de Madrid U19,'
    '"Jun 30, 2028",€50.00m,Manchester United,2024',
    '9,Rasmus Højlund,Centre-Forward,"Feb 4, 2003 (21)",Denmark,"1,91m",left,"Aug 5, 2023",Atalanta BC,'
    '"Jun 30, 2028",€45.00m,Manchester United,2024',
]

MILL = [
    RUMOUR_MILL,
    mill_row("T. Alexander-Arnold", 314353, "Liverpool FC", 31, "Real Madrid", 418, "15.01.2025 - 14:00"),
    mill_row("Mohamed Salah", 148455, "Liverpool FC", 31, "Al-Hilal SFC", 1114, "16.01.2025 - 10:00"),
    mill_row("Marcus Rashford", 258923, "Man Utd", 985, "AC Milan", 5, "17.01.2025 - 09:00"),
    mill_row("M. Rashford", 258923, "Man Utd", 985, "Aston Villa", 405, "18.01.2025 - 09:00"),
    mill_row("Rasmus Hoejlund", 610442, "Man Utd", 985, "SSC Napoli", 6195, "19.01.2025 - 09:00"),
    mill_row("Luciano Rodríguez", 1040374, "Liverpool FC", 2790, "Bahia", 10010, "20.01.2025 - 21:10"),
    mill_row("Fabricio Díaz", 943466, "Liverpool FC", 2790, "Al-Wakrah SC", 6405, "21.01.2025 - 18:30"),
]


@pytest.fixture
def exports(raw):
    raw.write("contracts/squads_2024.csv", "\n".join(SQUADS) + "\n")
    raw.write("rumours/rumour_mill.csv", "\n".join(MILL) + "\n")
    return raw


def reference_with(tmp_path, *lines: str, clubs: str | None = None):
    folder = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, folder)
    with (folder / "aliases.csv").open("a", encoding="utf-8") as fh:
        fh.writelines(f"{line}\n" for line in lines)
    if clubs is not None:
        (folder / "clubs.csv").write_text(clubs, encoding="utf-8")
    return folder


def links(raw) -> dict[str, tuple]:
    return {
        written: (canonical, confidence, evidence, decision)
        for written, canonical, confidence, evidence, decision in raw.query(
            "SELECT written, canonical, confidence, evidence, decision FROM identity_links"
        )
    }


def test_names_linked_on_their_own_are_listed_with_their_evidence(exports):
    exports.ingest()
    found = links(exports)
    canonical, confidence, evidence, decision = found["M. Rashford"]
    assert (canonical, decision) == ("Marcus Rashford", "linked")
    assert confidence >= 0.95
    assert evidence == "same initial and surname; same club (Manchester United)"
    assert found["Rasmus Hoejlund"][0] == "Rasmus Højlund"
    assert found["Rasmus Hoejlund"][2].startswith("same name transliterated another way")
    assert found["Man Utd"][0] == "Manchester United"
    assert found["Man Utd"][2] == "abbreviated words; 1 player named at it holds a contract there"
    # the links are canonical in rumours, as an alias would make them
    assert exports.query("SELECT DISTINCT player, player_club FROM rumours WHERE player LIKE '%Rashford'") == [
        ("Marcus Rashford", "Manchester United")
    ]
    line = exports.query("SELECT distinct_csv_line FROM identity_links WHERE written = 'M. Rashford'")
    assert line == [("distinct,M. Rashford,Marcus Rashford",)]
    frame = marts.identity_links(warehouse=exports.warehouse)
    assert set(frame["written"]) == {"M. Rashford", "T. Alexander-Arnold", "Rasmus Hoejlund", "Man Utd", "Liverpool FC"}
    assert "Bahia" in set(marts.unmatched_clubs(warehouse=exports.warehouse)["club"])
    assert_accounted(exports)


def test_a_link_names_the_player_as_the_warehouse_stores_him(exports):
    """A contract player written two ways (one spelling in more contract lines, the other in more
    lines overall) is stored by staging's rule: a contract's spelling, then the most written. The
    link, its veto line and the rows it changed all name him so, on every run."""
    exports.write(
        "contracts/ledger.csv",
        "player,club,contract_expires,recorded_on\n"
        "Tomas Soucek,West Ham United,2027-06-30,2024-07-01\n"
        "Tomas Soucek,West Ham United,2027-06-30,2024-09-01\n"
        "Tomáš Souček,West Ham United,2027-06-30,2025-01-01\n",
    )
    exports.write(
        "rumours/press.csv",
        "reported_on,player,player_club,interested_club,source\n"
        "2025-01-17,Tomáš Souček,West Ham United,Slavia Prague,The Athletic\n"
        "2025-01-18,Tomáš Souček,West Ham United,Slavia Prague,Marca\n"
        "2025-01-19,Tomáš Souček,West Ham United,Sparta Prague,AS\n"
        "2025-01-20,T. Soucek,West Ham United,Sparta Prague,Marca\n",
    )
    exports.ingest()
    assert exports.query(
        "SELECT canonical, decision, distinct_csv_line FROM identity_links WHERE written = 'T. Soucek'"
    ) == [("Tomáš Souček", "linked", "distinct,T. Soucek,Tomáš Souček")]
    assert exports.query("SELECT DISTINCT player FROM rumours WHERE player ILIKE '%sou%ek'") == [("Tomáš Souček",)]
    assert exports.query("SELECT DISTINCT player FROM contracts WHERE player ILIKE '%sou%ek'") == [("Tomáš Souček",)]
    assert_accounted(exports)


def test_a_distinct_line_vetoes_a_link_and_its_suggestion(exports, tmp_path):
    exports.ingest(reference=reference_with(tmp_path, "distinct,M. Rashford,Marcus Rashford"))
    assert "M. Rashford" not in links(exports)
    assert exports.query("SELECT count(*) FROM rumours WHERE player = 'M. Rashford'") == [(1,)]
    ((suggestions, weak),) = exports.query(
        "SELECT suggestions, weak_suggestions FROM unmatched_players WHERE player = 'M. Rashford'"
    )
    assert "Marcus Rashford" not in suggestions + weak
    assert exports.query("SELECT count(*) FROM identity_links WHERE canonical = 'Marcus Rashford'") == [(0,)]


def test_an_alias_line_wins_over_a_link(exports, tmp_path):
    exports.ingest(reference=reference_with(tmp_path, "player,M. Rashford,Mason Rashford"))
    assert "M. Rashford" not in links(exports)
    assert exports.query("SELECT player FROM rumours WHERE interested_club = 'Aston Villa'") == [("Mason Rashford",)]


def test_the_threshold_is_a_setting_and_above_1_links_nothing(exports, tmp_path):
    exports.ingest(link_threshold=1.01)
    assert exports.query("SELECT count(*) FROM identity_links WHERE decision = 'linked'") == [(0,)]
    ((suggestions, reason, confidence, line),) = exports.query(
        "SELECT suggestions, suggestion_reason, confidence, aliases_csv_line FROM unmatched_players "
        "WHERE player = 'M. Rashford'"
    )
    assert suggestions == ["Marcus Rashford"] and reason == "same initial and surname" and confidence > 0.5
    assert line == "player,M. Rashford,Marcus Rashford"
    folder = reference_with(tmp_path)
    (folder / "identity.yml").write_text("auto_link_threshold: high\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"identity.yml: auto_link_threshold 'high' is not a number from 0 to 2"):
        exports.ingest(reference=folder)


def test_the_uruguayan_liverpool_fc_is_kept_apart_although_an_alias_maps_liverpool_fc(exports, tmp_path):
    """aliases.csv says Liverpool FC -> Liverpool; the export's crest ids say 31 (whose players hold
    Liverpool contracts) and 2790 (Montevideo): the latter's players are not Liverpool's. With a
    clubs reference listing no club, the contracts alone tell them apart (the shipped clubs.csv
    gives Liverpool id 31 too: test_clubs_csv_names_the_other_club_by_its_id)."""
    exports.ingest(reference=reference_with(tmp_path, clubs="club,league,country,club_id\n"))
    clubs = dict(exports.query("SELECT player, player_club FROM rumours"))
    assert clubs["Trent Alexander-Arnold"] == "Liverpool"
    assert clubs["Luciano Rodríguez"] == clubs["Fabricio Díaz"] == "Liverpool FC (club id 2790)"
    kept = exports.query("SELECT written, canonical, decision, reports FROM identity_links WHERE decision LIKE 'kept%'")
    assert kept == [("Liverpool FC", "Liverpool FC (club id 2790)", "kept apart (club id 2790)", 2)]
    ((reason,),) = exports.query("SELECT suggestion_reason FROM unmatched_clubs WHERE club LIKE 'Liverpool FC (%'")
    assert reason.startswith("kept apart from 'Liverpool FC': the export names two clubs 'Liverpool FC': id 31")
    chased = marts.interest_intensity("Liverpool", as_of="2025-01-25", warehouse=exports.warehouse)
    assert set(chased["player"]) == {"Trent Alexander-Arnold", "Mohamed Salah"}
    assert_accounted(exports)


def test_clubs_csv_names_the_other_club_by_its_id(exports, tmp_path):
    clubs = "club,league,country,club_id\nLiverpool,Premier League,England,31\n"
    clubs += "Liverpool FC Montevideo,Primera División,Uruguay,2790\n"
    exports.ingest(reference=reference_with(tmp_path, clubs=clubs))
    assert exports.query("SELECT DISTINCT player_club FROM rumours WHERE player = 'Luciano Rodríguez'") == [
        ("Liverpool FC Montevideo",)
    ]
    ((evidence,),) = exports.query("SELECT evidence FROM identity_links WHERE canonical = 'Liverpool FC Montevideo'")
    assert evidence == "clubs.csv gives club id 2790 to Liverpool FC Montevideo"
    # known now, so not unmatched
    assert exports.query("SELECT count(*) FROM unmatched_clubs WHERE club LIKE 'Liverpool%'") == [(0,)]


def test_man_utd_answers_for_manchester_united_and_unknown_or_empty_names_raise(exports):
    exports.ingest()
    assert marts.resolve_name("Man Utd", "club", exports.warehouse) == "Manchester United"
    contracts = marts.club_contracts("Man Utd", as_of="2025-01-25", warehouse=exports.warehouse)
    assert sorted(contracts["player"]) == ["Alejandro Garnacho", "Marcus Rashford", "Rasmus Højlund"]
    assert marts.resolve_name("m. rashford", "player", exports.warehouse) == "Marcus Rashford"
    with pytest.raises(UserError, match=r"Unknown club 'Man Utdd'.*Closest known: Manchester United"):
        marts.club_contracts("Man Utdd", as_of="2025-01-25", warehouse=exports.warehouse)
    for empty in ("", "   "):
        with pytest.raises(UserError, match=r"No club name given"):
            marts.club_contracts(empty, as_of="2025-01-25", warehouse=exports.warehouse)
    with pytest.raises(UserError, match=r"No club name given \(got None\)"):
        marts.resolve_name(None, "club", exports.warehouse)  # type: ignore[arg-type]
    with pytest.raises(UserError, match=r"give a club or a player"):
        marts.club_contracts(None, as_of="2025-01-25", warehouse=exports.warehouse)  # type: ignore[arg-type]
    with pytest.raises(UserError, match=r"No player name given"):
        marts.pursuit_history("", as_of="2025-01-25", warehouse=exports.warehouse)


def test_a_clubs_csv_name_that_an_alias_would_merge_is_told_apart_by_its_country(exports, tmp_path):
    clubs = "club,league,country,club_id\nLiverpool FC,Primera División,Uruguay,2790\n"
    exports.ingest(reference=reference_with(tmp_path, clubs=clubs))
    assert exports.query("SELECT DISTINCT player_club FROM rumours WHERE player = 'Fabricio Díaz'") == [
        ("Liverpool FC (Uruguay)",)
    ]
    assert exports.query("SELECT DISTINCT player_club FROM rumours WHERE player = 'Mohamed Salah'") == [("Liverpool",)]


def test_a_date_of_birth_in_the_rumours_is_evidence_for_or_against(exports):
    """A rumour export with the player's date of birth (and position): the same date links a name
    the initial alone would not; another date keeps a namesake at his club apart."""
    exports.write(
        "rumours/with_births.csv",
        "reported_on,player,player_club,interested_club,source,date_of_birth,position\n"
        "2025-01-20,A. Garnacho,Man Utd,Chelsea FC,Marca,2004-07-01,Left Winger\n"
        "2025-01-21,V. van Dijk,Liverpool FC,Juventus,Marca,1993-02-02,Centre-Back\n",
    )
    exports.ingest()
    found = links(exports)
    assert found["A. Garnacho"][0] == "Alejandro Garnacho"
    assert "same date of birth; same position" in found["A. Garnacho"][2]
    assert "V. van Dijk" not in found
    ((suggestion, evidence, candidates),) = exports.query(
        "SELECT suggestions, evidence, candidates FROM unmatched_players WHERE player = 'V. van Dijk'"
    )
    assert suggestion == [] and evidence is None
    assert "another date of birth" in candidates[0]["evidence"]
    assert_accounted(exports)


FENER_SQUAD = (
    '9,Edin Džeko,Centre-Forward,"Mar 17, 1986 (38)",Bosnia-Herzegovina,"1,93m",right,"Jul 1, 2023",Inter Milan,'
    '"Jun 30, 2025",€2.50m,Fenerbahçe SK,2024'
)
FENER_MILL = mill_row("Edin Džeko", 18922, "Fenerbahçe", 36, "Beşiktaş JK", 114, "22.01.2025 - 11:00")


@pytest.mark.parametrize(
    "clubs_line",
    ["Fenerbahçe,Süper Lig,Türkiye,36", "Fenerbahce,Süper Lig,Türkiye,36"],
)
def test_an_alias_for_a_club_with_a_crest_id_keeps_the_name_the_files_wrote(raw, tmp_path, clubs_line):
    """Trial A1: clubs.csv names club id 36 'Fenerbahçe', and aliases.csv says 'Fenerbahçe' is the
    contracts' 'Fenerbahçe SK'. Nothing says id 36 is another club, so its reports are Fenerbahçe
    SK's: never an invented 'Fenerbahçe (Türkiye)' that no file wrote."""
    raw.write("contracts/squads_2024.csv", "\n".join([*SQUADS, FENER_SQUAD]) + "\n")
    raw.write("rumours/rumour_mill.csv", "\n".join([*MILL, FENER_MILL]) + "\n")
    clubs = f"club,league,country,club_id\nLiverpool,Premier League,England,31\n{clubs_line}\n"
    raw.ingest(reference=reference_with(tmp_path, "club,Fenerbahçe,Fenerbahçe SK", clubs=clubs))
    assert raw.query("SELECT DISTINCT player_club FROM rumours WHERE player = 'Edin Džeko'") == [("Fenerbahçe SK",)]
    written = {r[0] for r in raw.query("SELECT player_club FROM rumours UNION SELECT interested_club FROM rumours")}
    assert not [name for name in written if "(" in name and "Liverpool" not in name]
    assert raw.query("SELECT count(*) FROM identity_links WHERE canonical LIKE 'Fenerbah%'") == [(0,)]
    assert raw.query("SELECT count(*) FROM unmatched_clubs WHERE club LIKE 'Fenerbah%'") == [(0,)]
    # the Uruguayan namesake of an alias is still kept apart: the export's other id has the contracts
    assert raw.query("SELECT DISTINCT player_club FROM rumours WHERE player = 'Fabricio Díaz'") == [
        ("Liverpool FC (club id 2790)",)
    ]
    assert_accounted(raw)


def test_spellings_written_once_each_say_so_not_one_times(exports):
    """Trial 2: two spellings of an unknown club, each written once, read 'is written most (1
    times)'."""
    exports.write(
        "rumours/press.csv",
        "reported_on,player,player_club,interested_club,source\n"
        "2025-01-20,Virgil van Dijk,Liverpool,Al Shabab,Daily Mail\n"
        "2025-01-21,Mohamed Salah,Liverpool,Al-Shabab,The Sun\n",
    )
    exports.ingest()
    [(reason,)] = exports.query("SELECT suggestion_reason FROM unmatched_clubs WHERE club = 'Al Shabab'")
    assert (
        reason == "the same name written another way; 'Al-Shabab' is written most (once, no other more), no known club"
    )


def test_an_unknown_club_written_several_ways_suggests_its_most_written_spelling(exports, tmp_path):
    """Trial A7: no contract or reference file knows Al-Hilal; the rumour mill writes 'Al-Hilal SFC'
    (its crest id 1114), the press 'Al-Hilal' and 'Al Hilal'. The spellings suggest the one written
    most, so one aliases.csv line per variant makes them one club; 'Al-Ahli' and 'Al-Nassr' (one word
    in common) stay apart."""
    exports.write(
        "rumours/press.csv",
        "reported_on,player,player_club,interested_club,source\n"
        "2025-01-17,Mohamed Salah,Liverpool,Al-Hilal,The Athletic\n"
        "2025-01-18,Mohamed Salah,Liverpool,Al-Hilal,Marca\n"
        "2025-01-19,Mohamed Salah,Liverpool,Al-Hilal,AS\n"
        "2025-01-20,Virgil van Dijk,Liverpool,Al Hilal,Daily Mail\n"
        "2025-01-21,Virgil van Dijk,Liverpool,Al-Hilal SFC,Daily Mail\n"
        "2025-01-22,Virgil van Dijk,Liverpool,Al-Ahli,The Sun\n"
        "2025-01-23,Mohamed Salah,Liverpool,Al-Nassr,The Sun\n",
    )
    exports.ingest()
    rows = {
        club: (suggestions, reason, confidence, line, others)
        for club, suggestions, reason, confidence, line, others in exports.query(
            "SELECT club, suggestions, suggestion_reason, confidence, aliases_csv_line, other_spellings "
            "FROM unmatched_clubs"
        )
    }
    assert rows["Al-Hilal"][0] == [] and rows["Al-Hilal"][3] is None
    assert rows["Al-Hilal"][4] == ["Al-Hilal SFC", "Al Hilal"]  # most written first
    for variant in ("Al-Hilal SFC", "Al Hilal"):
        suggestions, reason, confidence, line, others = rows[variant]
        assert suggestions == ["Al-Hilal"] and line == f"club,{variant},Al-Hilal"
        assert reason == "the same name written another way; 'Al-Hilal' is written most (3 times), no known club"
        assert confidence is None
        assert others[0] == "Al-Hilal" and variant not in others
    for alone in ("Al-Ahli", "Al-Nassr"):
        assert rows[alone][0] == [] and rows[alone][4] == []
    # the two suggested lines make the three spellings one club
    lines = [rows[v][3] for v in ("Al-Hilal SFC", "Al Hilal")]
    exports.ingest(reference=reference_with(tmp_path, *lines))
    assert exports.query("SELECT count(*) FROM unmatched_clubs WHERE club ILIKE 'al%hilal%'") == [(0,)]
    assert exports.query("SELECT count(*) FROM rumours WHERE interested_club = 'Al-Hilal'") == [(6,)]
    assert_accounted(exports)


EWENME = Path(__file__).parent.parent / "fixtures" / "transfermarkt" / "transfers_ewenme_premier_league_2004.csv"


def test_names_only_transfers_carry_come_after_the_rumoured_ones(exports, capsys):
    """Trial E30: a transfers dump (ewenme's Premier League 2004, as downloaded) names many players no
    contract covers. unmatched_players still lists every name (SPEC 5) but rumoured names come first,
    then names only transfers carry that are written like a contract's player ('R. Hojlund'), then
    the rest, each with seen_in; the ingest summary counts the names to review apart from the rest."""
    from analysis import cli

    exports.write("transfers/premier_league_2004.csv", EWENME.read_bytes())
    exports.write(
        "transfers/moves.csv",
        "player,from_club,to_club,transfer_date,fee,is_loan\n"
        "R. Hojlund,Sturm Graz,Atalanta BC,2022-08-27,€17m,false\n"
        "Luciano Rodríguez,Liverpool Montevideo,Bahia,2025-01-31,€6m,false\n",
    )
    assert cli.main(["ingest", "--raw", str(exports.root), "--warehouse", str(exports.warehouse)]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = exports.query("SELECT player, seen_in, suggestions, reports, transfers FROM unmatched_players")
    seen = [(player, seen_in) for player, seen_in, *_ in rows]
    assert seen[:3] == [
        ("Luciano Rodríguez", "rumours and transfers"),
        ("Fabricio Díaz", "rumours"),
        ("R. Hojlund", "transfers"),
    ]
    assert rows[2][2] == ["Rasmus Højlund"]
    rest = rows[3:]
    assert rest and all(seen_in == "transfers" and suggestions == [] for _, seen_in, suggestions, *_ in rest)
    assert "Robin van Persie" in {player for player, *_ in rest}  # listed, never dropped (SPEC 5)
    transfer_players = exports.query("SELECT count(DISTINCT player) FROM transfers WHERE source_file LIKE '%2004%'")
    assert len(rest) == transfer_players[0][0]
    frame = marts.unmatched_players(warehouse=exports.warehouse)
    assert frame["player"].tolist() == [player for player, *_ in rows]
    assert "3 unmatched player names: see table unmatched_players (suggestions and a ready aliases.csv line)" in out
    assert (
        f"{len(rest)} player names only in transfers match no contract and look like none: see table "
        "unmatched_players (listed last, seen_in 'transfers': players your contracts do not cover)"
    ) in out
    assert_accounted(exports)


def test_an_initial_stands_for_a_given_name_not_for_the_surname_or_a_word_after_it(raw):
    """Trial 5: 'K. Kane' at Chelsea was suggested as Chelsea's Marc Kane (0.914, 'same initial and
    surname': the K was taken for Kane itself), and 'S. Tadić' as Nikola Tadić Milinković-Savić (the
    S taken for Savić, after the surname). The players whose given names the initials start, Kyle
    Kane and Strahinja Tadić, now come first, and neither other player is said to share an initial."""
    raw.contracts(
        "c.csv",
        "Marc Kane,Chelsea FC,2027-06-30,2024-07-01",
        "Kyle Kane,Everton FC,2027-06-30,2024-07-01",
        "Nikola Tadić Milinković-Savić,Eintracht Frankfurt,2027-06-30,2024-07-01",
        "Strahinja Tadić,Hajduk Split,2027-06-30,2024-07-01",
    )
    raw.rumours(
        "r.csv",
        "2025-01-20,K. Kane,Chelsea FC,Aston Villa,Marca,,interest,,,",
        "2025-01-21,S. Tadić,Eintracht Frankfurt,Aston Villa,Marca,,interest,,,",
    )
    raw.ingest()
    found = raw.query("SELECT player, candidates FROM unmatched_players ORDER BY player")
    assert [name for name, _ in found] == ["K. Kane", "S. Tadić"]
    for (name, candidates), right, wrong in zip(
        found, ("Kyle Kane", "Strahinja Tadić"), ("Marc Kane", "Nikola Tadić Milinković-Savić")
    ):
        assert candidates[0]["suggestion"] == right, (name, candidates)
        assert candidates[0]["reason"] == "same initial and surname"
        other = next(c for c in candidates if c["suggestion"] == wrong)
        assert "initial" not in other["reason"], other
    assert raw.query("SELECT count(*) FROM identity_links") == [(0,)]
    assert_accounted(raw)


def test_a_surname_written_after_its_particles_is_not_a_team_mates_given_name(raw):
    """'Di Lorenzo' at Napoli (Giovanni Di Lorenzo, no contract in the files) was suggested as
    Napoli's Lorenzo Lucca at 0.941 ('one name of the other (a mononym)', one bit under a link): the
    particle was dropped and 'lorenzo' taken for a whole name. A surname written after its particles
    is a mononym only of a name holding that phrase ('Di Gregorio', 'Van de Ven', 'Le Normand')."""
    raw.contracts(
        "c.csv",
        "Lorenzo Lucca,SSC Napoli,2029-06-30,2025-07-01",
        "Michele Di Gregorio,Juventus FC,2029-06-30,2025-07-01",
        "Micky van de Ven,Tottenham Hotspur,2029-06-30,2025-07-01",
        "Paul Pogba,AS Monaco,2026-06-30,2025-07-01",
        "Rodrigo De Paul,Atlético de Madrid,2026-06-30,2025-07-01",
    )
    raw.rumours(
        "r.csv",
        "2025-08-01,Di Lorenzo,SSC Napoli,Inter Milan,Calciomercato,,interest,,,",
        "2025-08-01,Di Gregorio,Juventus FC,Chelsea FC,Calciomercato,,interest,,,",
        "2025-08-02,Van de Ven,Tottenham Hotspur,Real Madrid,The Athletic,,interest,,,",
        "2025-08-02,De Paul,Atlético de Madrid,Inter Miami CF,Marca,,interest,,,",
    )
    raw.ingest()
    query = "SELECT player, suggestions, candidates FROM unmatched_players"
    found = {player: (suggestions, candidates) for player, suggestions, candidates in raw.query(query)}
    suggestions, candidates = found["Di Lorenzo"]
    assert suggestions == [], candidates
    (lucca,) = candidates
    assert lucca["reason"] == "one name in common, the others differ" and lucca["confidence"] < 0.5
    assert found["Di Gregorio"][0] == ["Michele Di Gregorio"]
    assert found["Van de Ven"][0] == ["Micky van de Ven"]
    assert found["De Paul"][0] == ["Rodrigo De Paul"]
    pogba = [c for c in found["De Paul"][1] if c["suggestion"] == "Paul Pogba"]
    assert all(c["reason"] == "one name in common, the others differ" for c in pogba), pogba
    assert raw.query("SELECT count(*) FROM identity_links WHERE kind = 'player'") == [(0,)]
    assert_accounted(raw)


def test_ben_is_a_given_name_not_a_particle(raw):
    """'Ben' was dropped as Arabic 'son of', so 'Ben Davies' (no contract) at Liverpool was one word,
    'Davies', and suggested as Liverpool's Harvey Davies at 0.941; 'B. White' was no initial of Ben
    White's. Kept as a word, Ben Davies and Harvey Davies share a surname only, 'B. White' links
    by initial and club, and 'Ben Yedder' (Wissam Ben Yedder) still is his surname."""
    raw.contracts(
        "c.csv",
        "Harvey Davies,Liverpool FC,2027-06-30,2024-07-01",
        "Ben White,Arsenal FC,2028-06-30,2024-07-01",
        "Wissam Ben Yedder,AS Monaco,2024-06-30,2023-07-01",
    )
    raw.rumours(
        "r.csv",
        "2023-01-10,Ben Davies,Liverpool FC,Rangers FC,Daily Record,,interest,,,",
        "2024-01-11,B. White,Arsenal FC,Newcastle United,The Athletic,,interest,,,",
        "2024-01-12,Ben Yedder,AS Monaco,Al-Ittihad,L'Équipe,,interest,,,",
    )
    raw.ingest()
    found = dict(raw.query("SELECT player, suggestions FROM unmatched_players"))
    assert found.get("Ben Davies") == []
    linked = dict(raw.query("SELECT written, canonical FROM identity_links WHERE kind = 'player'"))
    assert linked == {"B. White": "Ben White", "Ben Yedder": "Wissam Ben Yedder"}
    assert raw.query("SELECT player FROM rumours WHERE line_number = 3") == [("Ben White",)]
    assert_accounted(raw)


def test_a_three_letter_given_name_is_no_shortening_of_a_longer_one_it_ends(raw):
    """'Dan James' (Daniel James of Leeds, no contract in the files) was suggested as Leicester's
    Jordan James, 'shortened given name, same surname' (0.8 when the rumour's club is unknown): a
    word ending another counted as its short form from three letters ('dan' / 'jordan'). Short forms
    that end a name are longer ('Tino' / 'Valentino', 'Sandro' / 'Alessandro'), and still link."""
    raw.contracts(
        "c.csv",
        "Jordan James,Leicester City,2029-06-30,2025-07-01",
        "Tino Livramento,Newcastle United,2028-06-30,2024-07-01",
    )
    raw.rumours(
        "r.csv",
        "2025-08-01,Dan James,Leeds,Everton FC,BBC Sport,,interest,,,",
        "2025-08-02,Valentino Livramento,Newcastle United,Manchester City,The Athletic,,interest,,,",
    )
    raw.ingest()
    query = "SELECT player, suggestions, candidates FROM unmatched_players"
    found = {player: (suggestions, candidates) for player, suggestions, candidates in raw.query(query)}
    suggestions, candidates = found["Dan James"]
    assert suggestions == [], candidates
    assert all(c["reason"] == "one name in common, the others differ" for c in candidates), candidates
    linked = dict(raw.query("SELECT written, canonical FROM identity_links WHERE kind = 'player'"))
    assert linked == {"Valentino Livramento": "Tino Livramento"}
    assert_accounted(raw)
