"""Faults of the disk and of the history store, as errors that say what and where (exit 2: nothing written).

No pandas here: the pipeline imports this before the reading processes start.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from pbbatch.core.errors import Message, PbbatchError

BUSY_SECONDS = 3  # another program holding the history: a message after this, not a 30 s wait and a traceback

_WRITE_FAULTS = {
    errno.ENOSPC: "run.disk_full", errno.EDQUOT: "run.disk_full",
    errno.EROFS: "run.read_only", errno.EACCES: "run.read_only", errno.EPERM: "run.read_only",
}


class HistoryError(PbbatchError):
    """The history store cannot be used. A subclass because the store must tell its own faults apart (a failed
    first commit removes the file it made). `code` is its catalogue message (history.busy, .damaged, .is_folder,
    .read_only, .disk_full, .unusable); `backup` the newest backup, which the damaged cases point to."""

    def __init__(self, code: str, path: Path, detail: str = "", backup: Path | None = None):
        self.code, self.path, self.detail, self.backup = code, Path(path), detail, backup
        restore = (Message("history.restore", backup=backup, path=self.path) if backup
                   else Message("history.no_backup", path=self.path))
        super().__init__([Message(code, path=self.path, detail=detail, seconds=BUSY_SECONDS, restore=restore)])

    def __reduce__(self):
        return type(self), (self.code, self.path, self.detail, self.backup)


def write_fault(exc: OSError, where: Path) -> PbbatchError | None:
    """A full disk or a read-only folder as an error naming the file (`where` when the OSError names none);
    None for any other OSError."""
    if exc.errno not in _WRITE_FAULTS:
        return None
    return PbbatchError([Message(_WRITE_FAULTS[exc.errno], path=exc.filename or where)])


@contextlib.contextmanager
def named_as_published(staging: Path, target: Path) -> Iterator[None]:
    """An OSError on a file of the staging folder names the file where it would have been published: the
    staging folder is gone by the time the user reads the message."""
    try:
        yield
    except OSError as exc:
        name = Path(exc.filename) if exc.filename else None
        if name is None or name.parent != staging:
            raise
        raise OSError(exc.errno, exc.strerror, str(target / name.name)) from None
