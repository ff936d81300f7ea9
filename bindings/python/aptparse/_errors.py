"""The exceptions a parse raises: ParseError and TruncatedFileError."""

from __future__ import annotations

from ._model import Report


class ParseError(ValueError):
    """The input could not be parsed: a strict-mode violation, or a file
    that could not be decoded (a corrupt .gz)."""

    def __init__(
        self, message: str, *, code: str = "", line: int = 0, offset: int = 0
    ) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.offset = offset


class TruncatedFileError(ParseError, EOFError):
    """A gzip file ended inside a compressed member. ``report`` is what
    was read up to there: its last transaction, cut off, is marked
    ``complete=False`` (a record of apt's logs without its end carries an
    ``unterminated_record`` diagnostic)."""

    report: Report | None = None
