"""Which store holds these files, without reading them: a memo of each file's identity.

The store's name is a hash of the files' contents (cache.content_key); hashing 50 MB takes
longer than the query the store then answers. So, as git's index does, the key is remembered
with each file's device, inode, size and change times (mtime and ctime, in nanoseconds): while
they all match, the contents are the ones hashed. ctime cannot be set back by a user (utime
sets it to now), so a file rewritten with its old size and mtime still shows. A file changed
within two seconds of the memo being written could share its times on a coarse clock ("racy"
in git's words): its memo is not used, the file is hashed again. Pipes and devices have no
identity here and are always read.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pokrovsk_cli.data import cache

if TYPE_CHECKING:
    from pokrovsk_cli.data.files import Where

Identity = list[int]
_RACY_NS = 2_000_000_000
_MEMO_LIMIT = 64 * 1024


def identity(path: Where) -> Identity | None:
    """A regular file's (device, inode, size, mtime, ctime), or None for anything else."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def identities(paths: Sequence[Where]) -> list[Identity] | None:
    """Every file's identity, or None if any file has none (a pipe, a missing file)."""
    found = [identity(path) for path in paths]
    return None if any(one is None for one in found) else found  # type: ignore[return-value]


def _memo_path(names: str) -> str:
    return os.path.join(cache.cache_dir(), f"{names}.key")


def remembered(names: str, now: Sequence[Identity], labels: Sequence[str]) -> str | None:
    """The content key remembered for files with exactly these identities and labels (the
    key covers the labels: the same file given by another path is another layer), or None."""
    path = _memo_path(names)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            if not cache.trusted(os.fstat(descriptor), os.path.dirname(path)):
                return None
            memo = json.loads(handle.read(_MEMO_LIMIT))
        key, written, files = memo["key"], memo["written"], memo["files"]
        if memo["labels"] != list(labels):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if files != [list(one) for one in now] or not isinstance(key, str) or not key.isalnum():
        return None
    if any(one[3] >= written - _RACY_NS or one[4] >= written - _RACY_NS for one in now):
        return None  # changed too close to when the memo was written to tell apart
    return key


def remember(names: str, now: Sequence[Identity], labels: Sequence[str], key: str) -> None:
    """Write the memo (atomically, best effort: a memo that cannot be written is no memo)."""
    path = _memo_path(names)
    temporary = None
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "w") as stream:
            memo = {"key": key, "written": time.time_ns(), "files": now, "labels": labels}
            json.dump(memo, stream)
        os.replace(temporary, path)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
