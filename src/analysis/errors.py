"""Errors a user can act on: the CLI prints their message as one line and exits non-zero."""


class UserError(Exception):
    """Something the user can fix; the message names the file, the thing and what to do."""


class IngestError(UserError):
    """A raw or reference file cannot be used at all; the previous warehouse stays as it was.

    Always one line: a newline quoted from a file (a header with an open quote) is shown as \\n."""

    def __init__(self, message: str) -> None:
        super().__init__(message.replace("\r", "\\r").replace("\n", "\\n"))


class WarehouseError(UserError):
    """The warehouse is missing, locked or out of date."""
