"""Putting outputs in place atomically, and keeping two runs off one workspace."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path


class WorkspaceLocked(Exception):
    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


@contextlib.contextmanager
def workspace_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder; the OS releases it if the holder dies."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".pbbatch.lock"
    handle = open(path, "a+b")
    try:
        try:
            _lock(handle)
        except OSError:
            raise WorkspaceLocked(path) from None
        yield
    finally:
        handle.close()


def _lock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _sibling(target: Path, tag: str) -> Path:
    return target.parent / f".{target.name}.{tag}"


def recover(target: Path) -> None:
    """Undo a publish interrupted between its two renames: the previous outputs come back."""
    previous = _sibling(target, "previous")
    if previous.exists() and not target.exists():
        previous.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(_sibling(target, "staging"), ignore_errors=True)


def publish(target: Path, write: Callable[[Path], None], commit: Callable[[], None] = lambda: None) -> None:
    """Write into a staging folder, run `commit` (the history transaction), then swap the staging folder in
    for `target`. A failure before the swap leaves the old `target` whole and nothing committed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    staging = _sibling(target, "staging")
    staging.mkdir()
    try:
        write(staging)
        for path in staging.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        commit()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = _sibling(target, "previous")
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
