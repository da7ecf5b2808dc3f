"""Faults of the disk and of the history store, turned into plain messages (exit 2: nothing written).

No pandas here: the pipeline imports this before the reading processes start.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from pbbatch.core.catalogue import message

BUSY_SECONDS = 3  # another program holding the history: a message after this, not a 30 s wait and a traceback

_WRITE_FAULTS = {
    errno.ENOSPC: "run.disk_full", errno.EDQUOT: "run.disk_full",
    errno.EROFS: "run.read_only", errno.EACCES: "run.read_only", errno.EPERM: "run.read_only",
}


class HistoryError(Exception):
    """The history store cannot be used. `code` is its catalogue message (history.busy, .damaged, .is_folder,
    .read_only, .disk_full, .unusable); `backup` the newest backup, which the damaged cases point to."""

    def __init__(self, code: str, path: Path, detail: str = "", backup: Path | None = None):
        super().__init__(f"{code}: {path} {detail}".strip())
        self.code, self.path, self.detail, self.backup = code, Path(path), detail, backup


def fault_message(exc: BaseException, locale: str, where: Path) -> str | None:
    """What to tell the user about a fault of the history or of writing (`where` when the error names no file);
    None for any other error."""
    if isinstance(exc, HistoryError):
        restore = (message("history.restore", locale, backup=exc.backup, path=exc.path) if exc.backup
                   else message("history.no_backup", locale, path=exc.path))
        return message(exc.code, locale, path=exc.path, detail=exc.detail, seconds=BUSY_SECONDS, restore=restore)
    if isinstance(exc, OSError) and exc.errno in _WRITE_FAULTS:
        return message(_WRITE_FAULTS[exc.errno], locale, path=exc.filename or where)
    return None


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
