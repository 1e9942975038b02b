"""The time of the run: now, or SOURCE_DATE_EPOCH when set, so output can be reproduced byte for
byte (the reproducible-builds convention): an ICS file's DTSTAMP, a citation's accessed date."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from pokrovsk_cli.errors import UsageError

EPOCH_ENV = "SOURCE_DATE_EPOCH"


def run_time() -> datetime:
    """Now in UTC, or the moment SOURCE_DATE_EPOCH names; a value that is not one is an error."""
    epoch = os.environ.get(EPOCH_ENV)
    if not epoch:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"{EPOCH_ENV} is {epoch!r}, not a number of seconds since 1970",
            "unset it, or give a whole number such as 1700000000",
        ) from None


def run_day() -> date:
    """Today where the user is, or SOURCE_DATE_EPOCH's day (UTC) when it is set."""
    return run_time().date() if os.environ.get(EPOCH_ENV) else date.today()
