"""The three kinds of raw file (SPEC 2, 3, 9): the columns a file may give, the columns it must give,
and the columns the published table of that kind has."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # also its folder under data/raw/ and its published table
    required: tuple[str, ...]
    optional: tuple[str, ...]
    # the published table's own columns (SPEC 5 and beyond); the files' unknown columns follow them
    published: tuple[str, ...]
    # columns needed one way or another: the first set of each group, or one of the others
    either: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # kept as written even when they read '-' or '?' (in every other column that means unknown)
    as_written: tuple[str, ...] = ()

    @property
    def standard(self) -> tuple[str, ...]:
        return self.required + self.optional

    @property
    def reserved(self) -> set[str]:
        """Names an unknown column of a file may not take (it is published as extra_<name>)."""
        return set(self.standard) | set(self.published)

    def missing(self, present: set[str]) -> str | None:
        """The first required column the file lacks, with the alternatives it could give instead."""
        for column in self.required:
            if column not in present:
                return f"'{column}'"
        for group in self.either:
            if not any(set(columns) <= present for columns in group):
                first, *others = group
                instead = " or ".join(" and ".join(columns) for columns in others)
                return f"'{first[0]}' (or {instead})"
        return None

    @property
    def expected(self) -> tuple[str, ...]:
        return self.required + tuple(group[0][0] for group in self.either)


RUMOURS = Kind(
    "rumours",
    required=("reported_on", "player", "interested_club", "source"),
    # outcome: a curated dataset's judgement of whether the rumour came true (SPEC 2, 10)
    optional=("player_club", "via", "stage", "fee", "headline", "url", "market_value", "outcome"),
    as_written=("fee", "market_value", "headline"),
    published=(
        "reported_on", "reported_at", "player", "player_club", "interested_club", "source", "source_tier", "via",
        "stage", "fee_as_written", "fee_currency", "fee_eur", "market_value_as_written", "market_value_eur",
        "headline", "url", "outcome", "source_file", "line_number",
    ),
)  # fmt: skip
CONTRACTS = Kind(
    "contracts",
    required=("player", "club", "contract_expires"),
    optional=(
        "recorded_on", "position", "date_of_birth", "market_value", "option_until", "joined_on",
        # the day the file was exported: a record without recorded_on holds from it (SPEC 3)
        "snapshot_date",
    ),
    published=(
        "player", "club", "contract_expires", "recorded_on", "position", "date_of_birth", "market_value_as_written",
        "market_value_eur", "option_until", "joined_on", "source_file", "line_number",
    ),
    as_written=("market_value",),
)  # fmt: skip
TRANSFERS = Kind(
    "transfers",
    required=("player",),
    optional=(
        "to_club", "from_club", "transfer_date", "season", "window", "fee", "is_loan", "player_id", "loan_status",
        # as a club's transfer page lists moves: the club, the club on the other side, in or out
        "club", "dealing_club", "movement",
    ),
    published=(
        "player", "player_id", "from_club", "to_club", "transfer_date", "window_label", "known_on", "fee_as_written",
        "fee_currency", "fee_eur", "is_loan", "loan_return", "evidence", "source_file", "line_number",
    ),
    either=(
        (("to_club",), ("club", "dealing_club", "movement")),
        (("transfer_date",), ("season", "window")),
    ),
    as_written=("fee", "to_club", "from_club", "dealing_club"),  # '?' as a club: a move somewhere unknown
)  # fmt: skip
KINDS = (RUMOURS, CONTRACTS, TRANSFERS)

# An unknown column of a raw file lands as x__<name>, so it can never meet a staging column, and is
# published as <name> after the kind's own columns.
EXTRA_PREFIX = "x__"
