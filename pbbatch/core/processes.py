"""Stopping a run: the signals that end it cleanly, and forked processes that never outlive it."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator

# SIGHUP (the terminal closed) stops a run like SIGTERM; Windows has no SIGHUP.
STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class Stopped(BaseException):
    """A stopping signal arrived. A BaseException raised in the main thread, so that every `finally` and
    `except BaseException` on the way out runs: the staging folder goes, the history rolls back, the lock is
    freed, the worker processes are ended."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP


_held_back: list[int] | None = None  # signals that arrived inside `signals_held_back`, while it runs
_received: int | None = None  # the stopping signal that arrived, if one did


def stop_received() -> int | None:
    """The stopping signal that arrived, even if the `Stopped` it raised was swallowed: Python ignores (and
    prints) an exception raised in a destructor, a weakref callback or a fork hook."""
    return _received


def stop_on_signals() -> None:
    """From now on SIGINT, SIGTERM and SIGHUP raise `Stopped` in the main thread (the program's; the library
    leaves signals alone)."""
    for signum in STOPPING:
        signal.signal(signum, _stop)


def _stop(signum: int, frame) -> None:
    global _received
    _received = signum
    if _held_back is not None:
        _held_back.append(signum)
        return
    for other in STOPPING:  # a second signal, while the first one's clean-up runs, ends the process at once
        signal.signal(other, signal.SIG_DFL)
    raise Stopped(signum)


@contextlib.contextmanager
def signals_held_back() -> Iterator[None]:
    """A stopping signal that arrives in the block is acted on once the block is done: a block such as the
    history commit and the swap of the outputs is then either not begun or finished, and a fork (whose hooks
    would swallow the exception) is over."""
    global _held_back
    outer, _held_back = _held_back, _held_back if _held_back is not None else []
    try:
        yield
    finally:
        arrived, _held_back = _held_back, outer
    if arrived and outer is None:
        _stop(arrived[0], None)


def become_child(parent: int, *, quiet: bool) -> None:
    """The first thing a forked (or spawned) process of the run does. It ignores the stopping signals, which a
    terminal sends the whole process group: the parent decides and ends its children itself. It dies with the
    parent, even a parent killed with SIGKILL, so that no orphan keeps reading, holding files or holding the
    parent's output pipes open. `quiet`: it never prints, so its standard output and error go to /dev/null."""
    for signum in STOPPING:
        signal.signal(signum, signal.SIG_IGN)
    if quiet:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
    if sys.platform == "win32":
        return  # spawned, not forked: it inherits no pipe or handle that keeps it waiting once the parent is gone
    if not _kill_me_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before this process could ask to die with it
        os._exit(1)


def _kill_me_with_parent() -> bool:
    """Linux: the kernel sends this process SIGKILL when the thread that forked it ends (the parent's main
    thread, which forks every child of the run)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Elsewhere (macOS, BSD), a thread notices that the parent is gone: this process is then adopted."""
    import time

    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


_frozen_depth = 0


@contextlib.contextmanager
def collector_frozen() -> Iterator[None]:
    """The objects alive now are left out of the garbage collector's passes until the block ends (gc.freeze):
    a run's inbox and registry live to its end, and a full pass over a large company's objects cost every later
    stage (pandas makes classes, which starts passes). Nested blocks unfreeze only at the outermost end."""
    global _frozen_depth
    gc.freeze()
    _frozen_depth += 1
    try:
        yield
    finally:
        _frozen_depth -= 1
        if _frozen_depth == 0:
            gc.unfreeze()
