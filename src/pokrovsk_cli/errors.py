"""User-facing errors: one family, each carrying the exit code the CLI should return."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes that mean something to scripts (DESIGN.md "Output")."""

    OK = 0
    ERROR = 1  # nothing found, or a data problem
    USAGE = 2  # a bad option or value


class PokrovskError(Exception):
    """An error to show the user as one line, with an optional hint, and no traceback."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(
        self, message: str, hint: str | None = None, exit_code: ExitCode | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(PokrovskError):
    """The user asked for something impossible (exit 2)."""

    exit_code = ExitCode.USAGE


class NotFoundError(PokrovskError):
    """A lookup found nothing (exit 1)."""


class DataError(PokrovskError):
    """A dataset file is unreadable or invalid; the message starts with `file:line:`."""

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.problem = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}", hint)
