"""The analysis helpers on small hand-built warehouses, against values computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import marts
from analysis.errors import UserError
from tests.conftest import FIXTURE_REFERENCE

HALF = 0.5
# weights of tests/fixtures/reference (not the shipped data/reference, which analysts may edit):
# tiers 1..4 -> 1.0, 0.8, 0.5, 0.25; stages bid 3.0, interest 1.0, monitoring 0.5, approach 2.0,
# completed 5.0, negotiating 3.5; half-life 14 days
MARCA, CAUGHT, PRESS = 0.8, 0.25, 1.0


@pytest.fixture(autouse=True)
def _frozen_reference(fixture_reference):
    """Every hand computation below uses the fixture's weights and defaults."""


@pytest.fixture
def chase(raw):
    """Real Madrid chasing Liverpool's Player A, with every case the definition names."""
    raw.rumours(
        "chase.csv",
        "2025-01-01,Player A,Liverpool,Real Madrid,Marca,,bid,,original,",
        "2025-01-01,Player A,Liverpool,Real Madrid,Marca,Liverpool.com,bid,,relayed,",  # relay: counts once
        "2025-01-08,Player A,Liverpool,Real Madrid,CaughtOffside,,interest,,,",
        "2025-01-10,Player A,Liverpool,Real Madrid,Some Blog,,monitoring,,,",  # unknown outlet: tier 4
        "2025-01-15,Player A,Liverpool,Liverpool,Press conference,,approach,,,",  # renewal talk: never counts
        "2025-02-01,Player A,Liverpool,Real Madrid,Marca,,bid,,,",  # after the as-of date
        "2025-01-12,Player Z,Getafe,Real Madrid,Marca,,interest,,,",  # Real Madrid chasing another player
    )
    raw.contracts("c.csv", "Player A,Liverpool,2025-06-30,", "Player Z,Getafe,2027-06-30,")
    raw.ingest(reference=FIXTURE_REFERENCE)
    return raw


def value_on(frame: pd.DataFrame, day: str, player: str = "Player A", club: str = "Real Madrid") -> float:
    row = frame[(frame["date"] == pd.Timestamp(day)) & (frame["player"] == player) & (frame["interested_club"] == club)]
    assert len(row) == 1, (day, player, club, frame)
    return float(row["intensity"].iloc[0])


def test_intensity_equals_hand_computation(chase):
    frame = marts.interest_intensity("Liverpool", as_of="2025-01-20", start="2024-12-01", warehouse=chase.warehouse)
    bid = MARCA * 3.0  # once, although relayed
    assert value_on(frame, "2025-01-01") == pytest.approx(bid)
    assert value_on(frame, "2025-01-07") == pytest.approx(bid * HALF ** (6 / 14))
    expected = bid * HALF ** (19 / 14) + CAUGHT * 1.0 * HALF ** (12 / 14) + 0.25 * 0.5 * HALF ** (10 / 14)
    assert value_on(frame, "2025-01-20") == pytest.approx(expected)
    assert frame["date"].max() == pd.Timestamp("2025-01-20"), "nothing after the as-of date"
    assert frame["date"].min() == pd.Timestamp("2025-01-01"), "a series starts at its pair's first report"
    assert set(frame["interested_club"]) == {"Real Madrid"}, "the renewal talk with Liverpool never counts"
    assert set(frame["direction"]) == {"chased"}
    assert frame[frame["date"] == pd.Timestamp("2025-01-20")]["reports_to_date"].tolist() == [3]


def test_intensity_arguments_change_the_result_as_documented(chase):
    frame = marts.interest_intensity(
        "Liverpool",
        as_of="2025-01-20",
        start="2024-12-01",
        half_life_days=7,
        stage_weights={"bid": 1.0},
        source_weights={4: 0.0},
        warehouse=chase.warehouse,
    )
    assert value_on(frame, "2025-01-20") == pytest.approx(MARCA * 1.0 * HALF ** (19 / 7))
    only_reliable = marts.interest_intensity(
        "Liverpool", as_of="2025-01-20", start="2024-12-01", min_source_tier=2, warehouse=chase.warehouse
    )
    assert value_on(only_reliable, "2025-01-20") == pytest.approx(MARCA * 3.0 * HALF ** (19 / 14))


def test_as_of_cut_off_sees_only_what_was_reported_by_then(chase):
    frame = marts.interest_intensity("Liverpool", as_of="2025-01-05", start="2024-12-01", warehouse=chase.warehouse)
    assert frame["date"].max() == pd.Timestamp("2025-01-05")
    assert value_on(frame, "2025-01-05") == pytest.approx(MARCA * 3.0 * HALF ** (4 / 14))


def test_both_directions_for_the_chasing_club(chase):
    frame = marts.intensity_on("Real Madrid", as_of="2025-01-20", warehouse=chase.warehouse)
    assert sorted(zip(frame["player"], frame["direction"])) == [("Player A", "chasing"), ("Player Z", "chasing")]
    z = frame[frame["player"] == "Player Z"]["intensity"].iloc[0]
    assert z == pytest.approx(MARCA * 1.0 * HALF ** (8 / 14))


def test_events_merge_relays_and_flag_renewal_talks(chase):
    events = marts.report_events(player="Player A", as_of="2025-01-20", warehouse=chase.warehouse)
    assert len(events) == 4
    bid = events[events["stage"] == "bid"].iloc[0]
    assert (bid["via"], bid["relays"], bid["headline"], bid["weight"]) == ("Liverpool.com", 1, "original", MARCA * 3)
    talk = events[events["is_renewal_talk"]]
    assert talk[["interested_club", "stage"]].values.tolist() == [["Liverpool", "approach"]]
    blog = events[events["source"] == "Some Blog"].iloc[0]
    assert pd.isna(blog["source_tier"]) and blog["weight"] == pytest.approx(0.25 * 0.5)
    by_club = marts.report_events("Liverpool", as_of="2025-01-20", warehouse=chase.warehouse)
    assert by_club.groupby("direction")["interested_club"].agg(set).to_dict() == {
        "chased": {"Real Madrid"},
        "renewal talk": {"Liverpool"},
    }, "talks with its own player are no pursuit"


def test_remembered_answers_are_copies_and_follow_the_weights(chase):
    ask = dict(player="Player A", as_of="2025-01-20", warehouse=chase.warehouse)
    answers = []
    for _ in range(3):  # asked, then answered from memory twice
        answers.append(marts.report_events(**ask))
        assert "edited by the analyst" not in set(answers[-1]["headline"])
        answers[-1].loc[:, "headline"] = "edited by the analyst"  # changes the caller's copy only
    assert answers[1].equals(answers[2])
    halved = marts.interest_intensity(**ask, start="2025-01-01", half_life_days=7)
    default = marts.interest_intensity(**ask, start="2025-01-01")
    assert value_on(halved, "2025-01-20") < value_on(default, "2025-01-20"), "weights are part of the question"


def test_a_rebuilt_warehouse_is_read_afresh(chase):
    ask = dict(player="Player A", as_of="2025-02-10", warehouse=chase.warehouse)
    assert len(marts.report_events(**ask)) == 5
    with marts.focus(**ask) as session:
        assert session.events()["stage"].tolist()[-1] == "bid"
    chase.rumours("late.csv", "2025-02-05,Player A,Liverpool,Real Madrid,Marca,,negotiating,,talks open,")
    chase.ingest(reference=FIXTURE_REFERENCE)
    events = marts.report_events(**ask)
    assert len(events) == 6 and events["headline"].tolist()[-1] == "talks open", "nothing stale after an ingest"
    with marts.focus(**ask) as session:
        assert session.events()["stage"].tolist()[-1] == "negotiating"
        assert session.intensity_daily("2025-02-01")["reports_to_date"].max() == 5


@pytest.fixture
def moves(raw):
    raw.contracts(
        "c.csv",
        "Keeper K,Liverpool,2025-06-30,",
        "Keeper K,Liverpool,2027-06-30,2025-04-10",  # renewal recorded in April
        "Mover M,Liverpool,2026-06-30,",
        "Mover M,Real Madrid,2029-06-30,2025-03-01",  # move recorded on 1 March
    )
    raw.rumours(
        "r.csv",
        "2025-01-20,Mover M,Liverpool,Real Madrid,Marca,,bid,€50m,,",
        "2025-03-01,Mover M,Liverpool,Real Madrid,Marca,,completed,€60m,Mover M joins Real Madrid,",
        "2025-01-20,Keeper K,Liverpool,Liverpool,Marca,,negotiating,,,",
    )
    raw.ingest(reference=FIXTURE_REFERENCE)
    return raw


def test_renewal_recorded_in_april_changes_a_may_report_not_a_january_one(moves):
    january = marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=moves.warehouse).set_index("player")
    may = marts.club_contracts("Liverpool", as_of="2025-05-01", warehouse=moves.warehouse).set_index("player")
    assert january.loc["Keeper K", "contract_expires"] == pd.Timestamp("2025-06-30")
    assert january.loc["Keeper K", "expiry_status"] == "pre-contract window"
    assert january.loc["Keeper K", "pre_contract_window_start"] == pd.Timestamp("2025-01-01")
    assert january.loc["Keeper K", "days_remaining"] == 156
    assert january.loc["Keeper K", "renewal_talks"] == 1
    assert may.loc["Keeper K", "contract_expires"] == pd.Timestamp("2027-06-30")
    assert may.loc["Keeper K", "expiry_status"] == "secure"


def test_player_who_moved_leaves_the_old_club_from_the_day_recorded(moves):
    def roster(club, day):
        return set(marts.club_contracts(club, as_of=day, warehouse=moves.warehouse)["player"])

    assert "Mover M" in roster("Liverpool", "2025-02-28")
    assert "Mover M" not in roster("Liverpool", "2025-03-01")
    assert "Mover M" in roster("Real Madrid", "2025-03-01")
    assert "Mover M" not in roster("Real Madrid", "2025-02-28")


def test_completed_move_is_not_a_renewal_talk_with_the_new_club(moves):
    events = marts.report_events(player="Mover M", as_of="2025-03-01", warehouse=moves.warehouse)
    completed = events[events["stage"] == "completed"].iloc[0]
    assert not completed["is_renewal_talk"]
    assert completed["player_club"] == "Liverpool"
    assert completed["fee_eur"] == 60e6 and completed["fee_as_written"] == "€60m"


def test_top_suitor_and_its_intensity(moves):
    contracts = marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=moves.warehouse).set_index("player")
    assert contracts.loc["Mover M", "top_suitor"] == "Real Madrid"
    assert contracts.loc["Mover M", "top_suitor_intensity"] == pytest.approx(MARCA * 3.0 * HALF ** (5 / 14))
    assert pd.isna(contracts.loc["Keeper K", "top_suitor"]), "own club's talks are not a suitor"
    with marts.focus("Liverpool", as_of="2025-01-25", warehouse=moves.warehouse) as session:
        assert session.dossier_players(3) == ["Mover M"], "dossiers go to players someone else is chasing"


@pytest.mark.parametrize("player", ["Mover M", "Keeper K"])
def test_a_players_contract_is_his_row_of_the_club_table(moves, player):
    club = marts.club_contracts("Liverpool", as_of="2025-01-25", warehouse=moves.warehouse)
    with marts.focus(player=player, as_of="2025-01-25", warehouse=moves.warehouse) as session:
        own = session.contracts()
    expected = club[club["player"] == player].reset_index(drop=True)
    # an all-null text column comes back from DuckDB as object: compare values in the club table's types
    pd.testing.assert_frame_equal(own.astype(expected.dtypes.to_dict()), expected)
    # not an empty row that reads "no contract"
    with (
        pytest.raises(UserError, match="Unknown player 'Nobody'"),
        marts.focus(player="Nobody", as_of="2025-01-25", warehouse=moves.warehouse),
    ):
        pass


@pytest.mark.parametrize(
    "as_of, status",
    [
        ("2024-06-30", "secure"),
        ("2024-07-01", "final year"),
        ("2024-12-31", "final year"),
        ("2025-01-01", "pre-contract window"),
        ("2025-06-30", "pre-contract window"),
        ("2025-07-01", "expired"),
    ],
)
def test_expiry_status_boundaries_for_a_30_june_expiry(raw, as_of, status):
    raw.contracts("c.csv", "Player P,Liverpool,2025-06-30,")
    raw.ingest(reference=FIXTURE_REFERENCE)
    frame = marts.club_contracts("Liverpool", as_of=as_of, include_expired=True, warehouse=raw.warehouse)
    assert frame["expiry_status"].tolist() == [status]
    under_contract = marts.club_contracts("Liverpool", as_of=as_of, warehouse=raw.warehouse)
    assert len(under_contract) == (0 if status == "expired" else 1)


def test_expiry_cliff_groups_contracts_by_the_window_that_frees_the_player(raw):
    raw.contracts(
        "c.csv",
        "A,Liverpool,2025-06-30,",
        "B,Liverpool,2025-06-30,",
        "C,Liverpool,2025-12-31,",
        "D,Liverpool,2027-06-30,",
        "E,Everton,2025-06-30,",
        header="player,club,contract_expires,recorded_on",
    )
    raw.write("contracts/values.csv", "player,club,contract_expires,market_value\nF,Liverpool,2025-05-31,€10m\n")
    raw.ingest(reference=FIXTURE_REFERENCE)
    cliff = marts.expiry_cliff("Liverpool", as_of="2025-01-25", warehouse=raw.warehouse)
    assert cliff[["window", "contracts"]].values.tolist() == [
        ["summer 2025", 3],
        ["winter 2025-26", 1],
        ["summer 2027", 1],
    ]
    assert cliff["market_value_eur"].iloc[0] == 10e6
    assert cliff["players"].iloc[0] == "F, A, B"
    everyone = marts.expiry_cliff(as_of="2025-01-25", warehouse=raw.warehouse)
    assert everyone[everyone["window"] == "summer 2025"]["contracts"].tolist() == [4]


def test_unmatched_names_get_suggestions_never_merges(raw):
    """Suggestions only: with the auto-link threshold above 1 nothing is linked (see
    tests/integration/test_identity.py for the links made at the shipped threshold)."""
    raw.contracts(
        "c.csv",
        "Trent Alexander-Arnold,Liverpool,2025-06-30,",
        "Virgil van Dijk,Liverpool,2025-06-30,",
        "Kylian Mbappé,Real Madrid,2029-06-30,",
    )
    raw.rumours(
        "r.csv",
        "2025-01-01,T. Alexander-Arnold,Liverpool,Real Madrid,Marca,,bid,,,",
        "2025-01-02,T. Alexander-Arnold,Liverpool,Real Madrid,Marca,,interest,,,",
        "2025-01-03,V. VAN DIJK,Liverpool,Real Madrid,Marca,,interest,,,",
        "2025-01-04,K. Mbappe,Real Madrid,Liverpool,Marca,,interest,,,",
        "2025-01-05,KYLIAN MBAPPE,Real Madrid,Liverpool,Marca,,interest,,,",  # same but for case/accents
        "2025-01-06,Someone Else,Getafe,Liverpool,Marca,,interest,,,",
    )
    raw.ingest(reference=FIXTURE_REFERENCE, link_threshold=1.01)
    frame = marts.unmatched_players(warehouse=raw.warehouse).set_index("player")
    assert frame.loc["T. Alexander-Arnold", "suggestions"].tolist() == ["Trent Alexander-Arnold"]
    assert frame.loc["T. Alexander-Arnold", "suggestion_reason"] == "same initial and surname"
    assert frame.loc["T. Alexander-Arnold", "reports"] == 2
    assert frame.loc["T. Alexander-Arnold", "aliases_csv_line"] == "player,T. Alexander-Arnold,Trent Alexander-Arnold"
    assert frame.loc["V. VAN DIJK", "suggestions"].tolist() == ["Virgil van Dijk"]
    assert frame.loc["K. Mbappe", "suggestions"].tolist() == ["Kylian Mbappé"]
    assert "KYLIAN MBAPPE" not in frame.index, "case and accents alone resolve to the contract's spelling"
    assert len(frame.loc["Someone Else", "suggestions"]) == 0
    assert set(raw.query("SELECT DISTINCT player FROM rumours")) >= {("T. Alexander-Arnold",), ("Kylian Mbappé",)}


def test_names_with_quotes_and_unknown_names(raw):
    raw.contracts("c.csv", "N'Golo Kanté,Olympique d'Ajaccio,2026-06-30,")
    raw.rumours("r.csv", "2025-01-10,N’Golo Kanté,Olympique d'Ajaccio,Al-Ittihad,Marca,,bid,,,")
    raw.ingest(reference=FIXTURE_REFERENCE)
    assert marts.resolve_name("olympique D'AJACCIO", "club", raw.warehouse) == "Olympique d'Ajaccio"
    assert marts.club_contracts("Olympique d'Ajaccio", as_of="2025-01-20", warehouse=raw.warehouse)[
        "top_suitor"
    ].tolist() == ["Al-Ittihad"]
    assert len(marts.pursuit_history("N'Golo Kanté", as_of="2025-01-20", warehouse=raw.warehouse)) == 1
    with pytest.raises(UserError, match=r"Unknown club 'Olympique Ajacio'.*Closest known: Olympique d'Ajaccio"):
        marts.resolve_name("Olympique Ajacio", "club", raw.warehouse)


def test_helpers_match_names_as_the_notebooks_do(chase):
    """Case, accents and aliases.csv ('LFC', 'Los Blancos') find the same answer as the exact name;
    a typo is an error naming the closest, never an empty frame that looks like 'no interest'."""

    def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
        assert len(left) and left.equals(right)

    exact = marts.interest_intensity("Liverpool", as_of="2025-01-20", warehouse=chase.warehouse)
    for typed in ("liverpool", "LFC", " The  Reds "):
        same(marts.interest_intensity(typed, as_of="2025-01-20", warehouse=chase.warehouse), exact)
    same(
        marts.report_events("Los Blancos", as_of="2025-01-20", warehouse=chase.warehouse),
        marts.report_events("Real Madrid", as_of="2025-01-20", warehouse=chase.warehouse),
    )
    same(
        marts.expiry_cliff("lfc", as_of="2025-01-20", warehouse=chase.warehouse),
        marts.expiry_cliff("Liverpool", as_of="2025-01-20", warehouse=chase.warehouse),
    )
    same(
        marts.pursuit_history("player a", as_of="2025-01-20", warehouse=chase.warehouse),
        marts.pursuit_history("Player A", as_of="2025-01-20", warehouse=chase.warehouse),
    )
    with pytest.raises(UserError, match=r"Unknown club 'Liverpol'.*Closest known: Liverpool"):
        marts.club_contracts("Liverpol", as_of="2025-01-20", warehouse=chase.warehouse)
    with pytest.raises(UserError, match=r"Unknown player 'Player Q'"):
        marts.pursuit_history("Player Q", as_of="2025-01-20", warehouse=chase.warehouse)


def test_dossiers_go_to_the_most_chased_players_then_the_clubs_own_targets(chase):
    def dossiers(club: str, count: int = 3) -> list[str]:
        with marts.focus(club, as_of="2025-01-20", warehouse=chase.warehouse) as session:
            return session.dossier_players(count)

    assert dossiers("Liverpool") == ["Player A"], "chased by Real Madrid; its talks with him are no chase"
    assert dossiers("Real Madrid") == ["Player A", "Player Z"], "a buying club follows its targets, hottest first"
    assert dossiers("Getafe") == ["Player Z"]
    assert dossiers("Real Madrid", 1) == ["Player A"]


def test_bad_arguments_are_clear(chase):
    with pytest.raises(UserError, match="give a club or a player"):
        marts.interest_intensity(warehouse=chase.warehouse)
    with pytest.raises(UserError, match="as_of must be a date like 2025-01-25"):
        marts.interest_intensity("Liverpool", as_of="25/01/2025x", warehouse=chase.warehouse)
    with pytest.raises(UserError, match="too long a series"):
        marts.interest_intensity(
            "Liverpool", as_of="2025-01-20", start="1990-01-01", half_life_days=1, warehouse=chase.warehouse
        )
    assert isinstance(marts.as_date(dt.datetime(2025, 1, 2, 3)), dt.date)


def test_an_unknown_stage_weight_is_refused_naming_the_stages(chase):
    """stage_weights={"bidd": 4} used to change nothing, silently."""
    with pytest.raises(UserError) as caught:
        marts.interest_intensity("Liverpool", as_of="2025-01-20", stage_weights={"bidd": 4}, warehouse=chase.warehouse)
    message = str(caught.value)
    assert message.startswith("stage_weights: unknown stage 'bidd'; the stages are ")
    assert all(stage in message for stage in ("approach", "bid", "bid_rejected", "ruled_out"))
    from analysis.warehouse import reading

    with reading(chase.warehouse) as con, pytest.raises(UserError, match="unknown stage 'bidd'"):
        marts.weighted_parameters(con, "2025-01-20", stage_weights={"bidd": 4}, warehouse=chase.warehouse)  # market
    known = marts.interest_intensity(
        "Liverpool", as_of="2025-01-20", stage_weights={"bid": 4}, warehouse=chase.warehouse
    )
    assert len(known), "a known stage still works"


def test_age_counts_whole_years_on_the_birthday(raw):
    """days / 365.25 read 20.9993 on a 21st birthday, which pages (whole years) showed as 20."""
    raw.contracts(
        "c.csv",
        "Birthday B,Liverpool,2027-06-30,,2004-03-01",
        "Leap L,Liverpool,2027-06-30,,2004-02-29",
        header="player,club,contract_expires,recorded_on,date_of_birth",
    )
    raw.ingest(reference=FIXTURE_REFERENCE)

    def ages(day: str) -> dict[str, float]:
        frame = marts.club_contracts("Liverpool", as_of=day, warehouse=raw.warehouse)
        return dict(zip(frame["player"], frame["age_years"], strict=True))

    assert ages("2025-02-28")["Birthday B"] == pytest.approx(20 + 364 / 365)
    assert ages("2025-03-01")["Birthday B"] == 21.0
    assert ages("2025-03-02")["Birthday B"] == pytest.approx(21 + 1 / 365)
    assert ages("2025-03-01")["Leap L"] == pytest.approx(21 + 1 / 365)  # born 29 Feb: 28 Feb was his birthday


TM_HEADER = (
    "PlayerProfil,ImgCurrentClub,ImgInterestedClub,PlayerName,ImgPlayer,MarketValue,CurrentTeam,InterestedClub,"
    "RumourCreated,Source"
)


def tm_line(player: str, slug: str, club: tuple[str, int], suitor: tuple[str, int], value: str, created: str) -> str:
    crest = "https://tmssl.akamaized.net/images/wappen/verysmall/{}.png"
    profile = f"https://www.transfermarkt.com/{slug}/profil/spieler/1"
    thread = f"https://www.transfermarkt.com/{slug}/thread/forum/343/thread_id/{created[:2]}{created[-5:-3]}"
    return ",".join(
        [
            profile,
            crest.format(club[1]),
            crest.format(suitor[1]),
            player,
            "-",
            value,
            club[0],
            suitor[0],
            created,
            thread,
        ]
    )


def test_a_story_repeated_across_overlapping_exports_points_at_one_of_its_own_lines(raw):
    """Daily rumour-mill exports overlap, and Transfermarkt writes today's market value into old rows,
    so one rumour is stored twice, at other lines of two files (trial 6). The story's source_file and
    line_number are one row of the story, not the first file with the smallest line of any file: that
    pair named tm_2025-01-21.csv line 2, Son Heung-min's rumour, for Kenan Yıldız's."""
    juve, spurs, chelsea, gala = (
        ("Juventus FC", 506),
        ("Tottenham Hotspur", 148),
        ("Chelsea FC", 631),
        ("Galatasaray", 141),
    )
    raw.rumours(
        "tm_2025-01-21.csv",
        tm_line("Son Heung-min", "heung-min-son", spurs, gala, "€30.00m", "20.01.2025 - 18:00"),
        tm_line("Kenan Yıldız", "kenan-yildiz", juve, chelsea, "€50.00m", "20.01.2025 - 10:05"),
        header=TM_HEADER,
    )
    raw.rumours(
        "tm_2025-01-22.csv",
        tm_line("Kenan Yıldız", "kenan-yildiz", juve, chelsea, "€55.00m", "20.01.2025 - 10:05"),
        header=TM_HEADER,
    )
    raw.contracts("c.csv", "Kenan Yıldız,Juventus FC,2029-06-30,", "Son Heung-min,Tottenham Hotspur,2026-06-30,")
    raw.ingest(reference=FIXTURE_REFERENCE)
    lines = {
        (f, n): (player, reported_at)
        for f, n, player, reported_at in raw.query("SELECT source_file, line_number, player, reported_at FROM rumours")
    }
    assert len(lines) == 3, "the repeated row differs by its market value: stored twice"
    for player in ("Kenan Yıldız", "Son Heung-min"):
        events = marts.report_events(player=player, as_of="2025-01-25", warehouse=raw.warehouse)
        assert len(events) == 1, events
        story = events.iloc[0]
        named = (story["source_file"], int(story["line_number"]))
        assert named in lines, named
        assert lines[named][0] == player and lines[named][1].date() == pd.Timestamp(story["reported_on"]).date(), (
            player,
            named,
            lines[named],
        )
