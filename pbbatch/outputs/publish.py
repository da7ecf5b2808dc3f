"""Putting outputs in place atomically, and keeping two runs off one workspace."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from typing import ContextManager
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


def publish(target: Path, write: Callable[[Path], None], commit: Callable[[], None] = lambda: None,
            also: list[tuple[Path, Callable[[Path], None]]] = (),
            alongside: Callable[[Path], ContextManager] | None = None) -> None:
    """Write into a staging folder, run `commit` (the history transaction), then swap the staging folder in
    for `target`. A failure before the swap leaves the old `target` whole and nothing committed. `also`: more
    folders (target, write), written after `target` into staging folders of their own, and swapped with it.

    `alongside(staging)`: more of `target`'s files, written while the `also` folders are (by a forked process,
    say); its context is entered just before `write` (the process may be made then and wait for `write` to end)
    and left, which waits for those files, once every folder is written and before anything is synced or
    committed. A failure before that leaves it with the error."""
    targets = [(target, write), *also]
    stagings = []
    try:
        with contextlib.ExitStack() as unfinished:
            for path, write_into in targets:
                path.parent.mkdir(parents=True, exist_ok=True)
                recover(path)
                staging = _sibling(path, "staging")
                staging.mkdir()
                stagings.append(staging)
                if alongside is not None and path == target:
                    unfinished.enter_context(alongside(staging))
                write_into(staging)
        for staging in stagings:
            _sync_files(staging)
    except BaseException:
        _remove(stagings)
        raise
    with signals_held_back():  # stopped between the commit and the swap, history and outputs would disagree
        try:
            commit()
        except BaseException:
            _remove(stagings)
            raise
        for (path, _), staging in zip(targets, stagings):
            previous = _sibling(path, "previous")
            if path.exists():
                path.rename(previous)
            staging.rename(path)
            shutil.rmtree(previous, ignore_errors=True)


def _sync_files(folder: Path) -> None:
    """The files right in `folder` to disk. Those in sub-folders are not: the site's pages and the letters to
    branches (整改通知書/), which `pbbatch site` and `pbbatch notices` write again from the history at any time;
    a few hundred fsyncs would cost the run more than writing them."""
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
