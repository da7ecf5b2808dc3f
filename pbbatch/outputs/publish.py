"""Putting outputs in place atomically, and keeping two runs off one workspace."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from pbbatch.core.processes import signals_held_back


class WorkspaceLocked(Exception):
    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


_held: set[str] = set()  # the lock files this process holds


@contextlib.contextmanager
def workspace_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder; the OS releases it if the holder dies. A POSIX record lock,
    which belongs to the process and is not passed on by fork: a forked worker never holds it. The lock file
    stays in the folder: it is the lock, not the file's existence, that counts."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".pbbatch.lock"
    key = os.path.realpath(path)
    if key in _held:  # a record lock would let this process lock again, and closing that handle would free both
        raise WorkspaceLocked(path)
    handle = open(path, "a+b")
    try:
        try:
            _lock(handle)
        except OSError:
            raise WorkspaceLocked(path) from None
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
    finally:
        handle.close()


def _lock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: a lock on the handle, which a spawned worker does not inherit
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # the whole file, from offset 0


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
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    with signals_held_back():  # stopped between the commit and the swap, history and outputs would disagree
        try:
            commit()
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        previous = _sibling(target, "previous")
        if target.exists():
            target.rename(previous)
        staging.rename(target)
        shutil.rmtree(previous, ignore_errors=True)
