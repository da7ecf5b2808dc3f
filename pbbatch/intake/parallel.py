"""Every file of the inbox taken in (inbox.take_in), on every core when the inbox is large enough to pay for
worker processes. The result is the same either way, file for file, in discover() order."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pbbatch.core.config import Config
from pbbatch.core.processes import become_child, collector_frozen, signals_held_back
from pbbatch.core.records import Context, Outcome
from pbbatch.intake.inbox import InboxFile, discover, limits_of, read_file, take_in, validated
from pbbatch.intake.workbook import Limits, RawWorkbook

PARALLEL_FROM = 64  # below this many files, starting worker processes costs more than it saves
SMALLEST_CHUNK = 4  # files: a message to and from a worker costs about as much as reading one
# What a worker may hold of files read before the context has come: cells of their sheets, which is what costs
# memory (about 70 bytes each). A form has a few hundred: 1,600 forms; a hostile file of 2 million stops it.
READ_AHEAD_CELLS = 1_000_000


@dataclass(frozen=True)
class LaterContext:
    """A context made while the workers already read files: `make` reads the registry (and may refuse it, which
    ends the reading), and is called exactly once. Reading a file needs only the config's limits; checking it
    needs the registry. A registry of 9,000 people takes 0.12 s to read, with one core idle had the workers
    waited for it."""

    config: Config
    make: Callable[[], Context]


def take_in_all(inbox: Path, ctx: Context | LaterContext, progress: Callable[[int, int], None] | None = None,
                meanwhile: Callable[[], object] | None = None, workers: int | None = None) -> list[Outcome]:
    """Every file's outcome, in discover() order.

    `meanwhile` is called once the workers have their files (and a LaterContext is made), so that this
    process's work (importing the later stages, say) overlaps theirs; it is called in any case, after the
    reading when there are no workers."""
    files = discover(inbox)
    workers = workers or os.cpu_count() or 1
    parallel = workers > 1 and len(files) >= PARALLEL_FROM
    if parallel:
        results = _in_parallel(files, ctx, workers, meanwhile)
    else:
        made = ctx.make() if isinstance(ctx, LaterContext) else ctx
        results = (take_in(file, made) for file in files)
    outcomes = []
    with contextlib.closing(results):  # stopped here, the workers are ended now, not when the generator is collected
        for n, outcome in enumerate(results, start=1):
            outcomes.append(outcome)
            if progress:
                progress(n, len(files))
    if meanwhile and not parallel:
        meanwhile()
    return outcomes


def shrinking_chunks(files: list[InboxFile], workers: int) -> list[list[InboxFile]]:
    """The files in order, cut into chunks that shrink as the work runs out (guided scheduling): large ones
    first, few messages; small ones last, so that no worker is still on a long last chunk while the others
    wait. Equal chunks of an eighth of a worker's share left one core idle for up to 0.15 s at the end."""
    chunks, start = [], 0
    while start < len(files):
        size = max(SMALLEST_CHUNK, -(-(len(files) - start) // (2 * workers)))
        chunks.append(files[start:start + size])
        start += size
    return chunks


class ContextChannel:
    """How a context made after the fork reaches the workers: pickled into an unnamed temporary file that they
    inherit (nothing is left on disk, even after a kill), and an event they wait on, set once the file is
    whole. A pipe would hold 64 KB: the writer would wait for a worker busy with a large file."""

    def __init__(self, mp) -> None:
        self._file = tempfile.TemporaryFile()
        self._sent = mp.Event()

    def send(self, ctx: Context) -> None:
        self._file.write(pickle.dumps(ctx, pickle.HIGHEST_PROTOCOL))
        self._file.flush()
        self._sent.set()

    def arrived(self) -> bool:
        return self._sent.is_set()

    def receive(self) -> Context:
        self._sent.wait()
        blob, length = bytearray(), os.fstat(self._file.fileno()).st_size
        while len(blob) < length:
            part = os.pread(self._file.fileno(), length - len(blob), len(blob))
            if not part:
                raise EOFError("the run's context was cut short")
            blob += part
        return pickle.loads(blob)

    def close(self) -> None:
        self._file.close()


def _channel(mp) -> ContextChannel | None:
    """A channel for a context made after the fork; None where there is none: a spawned worker inherits no
    file, and a temporary folder that cannot be written to is no reason to stop a run. Without one the
    context is made first and the workers wait for it, as they did before the channel existed."""
    if mp.get_start_method() != "fork":
        return None
    try:
        return ContextChannel(mp)
    except OSError:
        return None


@dataclass
class _Worker:
    limits: Limits
    context: Context | None
    channel: ContextChannel | None


_WORKER: _Worker | None = None


def _start_worker(worker: _Worker, parent: int) -> None:
    global _WORKER
    become_child(parent, quiet=True)
    _WORKER = worker


def _take_in_chunk(files: list[InboxFile]) -> list[Outcome]:
    worker = _WORKER
    ahead: list[tuple[Outcome, RawWorkbook | None]] = []
    if worker.context is None:  # read on while the registry is on its way, within a memory budget
        budget = READ_AHEAD_CELLS
        while len(ahead) < len(files) and budget > 0 and not worker.channel.arrived():
            ahead.append(read_file(files[len(ahead)], worker.limits))
            budget -= _cells(ahead[-1][1])
        worker.context = worker.channel.receive()
        gc.freeze()  # the context lives to the worker's end: its collector need not walk it again
    ctx = worker.context
    return [validated(outcome, book, ctx) for outcome, book in ahead] + [take_in(f, ctx) for f in files[len(ahead):]]


def _cells(book: RawWorkbook | None) -> int:
    return sum(len(row) for rows in book.sheets.values() for row in rows) if book is not None else 0


def _in_parallel(files: list[InboxFile], ctx: Context | LaterContext, workers: int,
                 meanwhile: Callable[[], object] | None) -> Iterator[Outcome]:
    methods = multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("fork" if "fork" in methods else "spawn")  # fork: nothing to re-import
    channel = _channel(mp) if isinstance(ctx, LaterContext) else None
    later = channel is not None
    if isinstance(ctx, LaterContext) and not later:
        ctx = ctx.make()
    worker = _Worker(limits_of(ctx.config), None if later else ctx, channel)
    shared: dict[str, str] = {}
    pool = ProcessPoolExecutor(workers, mp_context=mp, initializer=_start_worker, initargs=(worker, os.getpid()))
    try:
        with signals_held_back(), collector_frozen():  # signals: fork runs hooks that would swallow the exception
            # a signal raises; frozen: the workers' collectors never walk what they inherit
            chunks = [pool.submit(_take_in_chunk, chunk) for chunk in shrinking_chunks(files, workers)]
        if later:
            channel.send(ctx.make())
        if meanwhile:
            meanwhile()
        for chunk in chunks:
            for outcome in chunk.result():
                yield _with_shared_strings(outcome, shared)
    except BaseException:  # stopped (a signal, an error, the caller gone): the rest of the reading is not wanted
        _end_workers(pool)
        raise
    finally:
        pool.shutdown()
        if channel is not None:
            channel.close()


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Kills the workers at once (shutting the pool down would wait for every file to be read), then waits for
    the pool's thread to see them dead and wind down, so that it is not still closing its pipes at exit."""
    for process in list((pool._processes or {}).values()):  # no public way before Python 3.14's kill_workers()
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _with_shared_strings(outcome: Outcome, shared: dict[str, str]) -> Outcome:
    """One string object per distinct text across files. A worker's strings arrive as new objects with every
    file: a department's code, rated in every rating file, would otherwise be one string per file."""
    for name, values in (outcome.columns or {}).items():
        if isinstance(values, list):
            outcome.columns[name] = [shared.setdefault(v, v) if type(v) is str else v for v in values]
    return outcome
