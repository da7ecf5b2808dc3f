"""Intake: find the files in the inbox, read each once, and turn it into an `Outcome`.

Input files are only ever opened for reading.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import stat
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pbbatch.core.errors import Message
from pbbatch.core.processes import become_child, collector_frozen, signals_held_back
from pbbatch.core.records import ERROR, REJECTED, SKIPPED, Context, Outcome, Problem
from pbbatch.intake.validate import validate_workbook
from pbbatch.intake.workbook import MB, Limits, UnreadableWorkbook, parse_workbook, sha256_of

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class InboxFile:
    path: Path
    name: str  # path relative to the inbox, with forward slashes, bytes that are not UTF-8 shown as \xb1
    skip: str | None  # catalogue message code when the file is not read
    opened: bool = True  # False: never opened, not even for its digest (a pipe, a device, a link out of the inbox)
    fault: str | None = None  # catalogue message code of an error found before reading (a folder not readable)
    detail: str = ""


def display_name(name: str) -> str:
    """A file name as text that can be shown and written anywhere: bytes that are not UTF-8 (a name made on a
    Chinese Windows and unpacked here, say) escaped as \xb1 rather than carried as lone surrogates."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def discover(inbox: Path) -> list[InboxFile]:
    """Every entry below the inbox, in a stable order (sorted by path), with the reason it is skipped if it is.

    Nothing is opened here, and links are not followed out of the inbox: every entry is judged by its lstat."""
    found: list[InboxFile] = []
    root = os.path.realpath(inbox)
    _walk(Path(inbox), (), False, root, found)
    return found


def _walk(folder: Path, relative: tuple[str, ...], hidden: bool, root: str, found: list[InboxFile]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        name = "/".join(display_name(p) for p in relative) + "/"
        found.append(InboxFile(folder, name, None, opened=False, fault="folder.unreadable",
                               detail=exc.strerror or str(exc)))
        return
    for entry in entries:
        parts = (*relative, entry.name)
        path, name = Path(entry.path), "/".join(display_name(p) for p in parts)
        in_hidden = hidden or entry.name.startswith(".")
        try:
            if entry.is_symlink():
                found.append(_linked(path, name, hidden, root))
            elif entry.is_dir(follow_symlinks=False):
                if entry.name.lower().endswith(WORKBOOK_SUFFIXES):
                    found.append(InboxFile(path, name + "/", "skip.folder", opened=False))
                _walk(path, parts, in_hidden, root, found)
            elif entry.is_file(follow_symlinks=False):
                found.append(InboxFile(path, name, "skip.hidden" if hidden else _skip_reason(entry.name)))
            else:
                found.append(InboxFile(path, name, "skip.special_file", opened=False))
        except OSError as exc:
            found.append(InboxFile(path, name, None, opened=False, fault="file.os_error",
                                   detail=exc.strerror or str(exc)))


def _linked(path: Path, name: str, hidden: bool, root: str) -> InboxFile:
    """A symbolic link: read only when it leads to an ordinary file inside the inbox."""
    target = os.path.realpath(path)
    if os.path.commonpath([root, target]) != root:
        return InboxFile(path, name, "skip.link_outside", opened=False)
    if not os.path.exists(target):
        return InboxFile(path, name, "skip.broken_link", opened=False)
    if os.path.isdir(target):
        return InboxFile(path, name, "skip.link_folder", opened=False)
    if not stat.S_ISREG(os.stat(target).st_mode):
        return InboxFile(path, name, "skip.special_file", opened=False)
    return InboxFile(path, name, "skip.hidden" if hidden else _skip_reason(path.name))


def _skip_reason(name: str) -> str | None:
    if name.startswith("~$") or name.startswith(".~lock."):
        return "skip.lock_file"
    if name.startswith("."):
        return "skip.hidden"
    if not name.lower().endswith(WORKBOOK_SUFFIXES):
        return "skip.not_workbook"
    return None


def limits_of(config) -> Limits:
    return Limits(config.max_file_mb, config.max_unpacked_mb, config.max_ratio, config.max_rows, config.max_columns,
                  config.max_cells)


def take_in(file: InboxFile, ctx: Context) -> Outcome:
    outcome = Outcome(file=file.name)
    if file.fault:
        return _unreadable(outcome, UnreadableWorkbook(file.fault, file.detail))
    if file.skip:
        outcome.status = SKIPPED
        outcome.note = Message(file.skip)
        outcome.sha256 = _digest(file.path) if file.opened else ""
        return outcome
    limits = limits_of(ctx.config)
    try:
        data, outcome.mtime = _read_bounded(file.path, limits)
    except UnreadableWorkbook as exc:
        return _unreadable(outcome, exc)
    outcome.sha256 = sha256_of(data)
    try:
        book = parse_workbook(data, file.name, limits)
    except UnreadableWorkbook as exc:
        return _unreadable(outcome, exc)
    return validate_workbook(book, outcome, ctx)


class _NotRegular(OSError):
    pass


def _open_regular(path: Path):
    """The file opened for reading, if it is an ordinary file. O_NONBLOCK: a pipe put in its place since
    discover() looked is never waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _NotRegular(path)
    return os.fdopen(fd, "rb")


def _read_bounded(path: Path, limits: Limits) -> tuple[bytes, float]:
    """The file's bytes and modification time; a file over the size limit is refused by its size on disk,
    without reading it."""
    most = int(limits.file_mb * MB)
    try:
        with _open_regular(path) as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > most:
                raise UnreadableWorkbook("file.too_large", f"{info.st_size / MB:.1f} MB > {limits.file_mb:g} MB")
            # Asked for its size, not the limit: a read of 20 MB allocates 20 MB first (60 µs a form).
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # still growing: read on, but never past the limit
                data += handle.read(most + 1 - len(data))
    except _NotRegular:
        raise UnreadableWorkbook("file.os_error", "not an ordinary file") from None
    except PermissionError as exc:
        raise UnreadableWorkbook("file.no_permission", exc.strerror or str(exc)) from None
    except OSError as exc:
        raise UnreadableWorkbook("file.os_error", exc.strerror or str(exc)) from None
    if len(data) > most:
        raise UnreadableWorkbook("file.too_large", f"> {limits.file_mb:g} MB")
    return data, info.st_mtime


def _digest(path: Path) -> str:
    try:
        with _open_regular(path) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def _unreadable(outcome: Outcome, exc: UnreadableWorkbook) -> Outcome:
    outcome.problems.append(Problem(outcome.file, exc.sheet, exc.cell, ERROR, exc.code, exc.fields))
    outcome.status = REJECTED
    return outcome


PARALLEL_FROM = 64  # below this many files, starting worker processes costs more than it saves


def take_in_all(inbox: Path, ctx: Context, progress: Callable[[int, int], None] | None = None,
                meanwhile: Callable[[], object] | None = None, workers: int | None = None) -> list[Outcome]:
    """Every file's outcome, in discover() order. Reading and validating are done on every core when the
    inbox is large enough to pay for the worker processes; the result is the same either way.

    `meanwhile` is called once the workers have their files, so that this process's work (importing the
    later stages, say) overlaps theirs; it is called in any case, after the reading when there are no workers."""
    files = discover(inbox)
    workers = workers or os.cpu_count() or 1
    parallel = workers > 1 and len(files) >= PARALLEL_FROM
    if parallel:
        results = _in_parallel(files, ctx, workers, meanwhile)
    else:
        results = (take_in(file, ctx) for file in files)
    outcomes = []
    with contextlib.closing(results):  # stopped here, the workers are ended now, not when the generator is collected
        for n, outcome in enumerate(results, start=1):
            outcomes.append(outcome)
            if progress:
                progress(n, len(files))
    if meanwhile and not parallel:
        meanwhile()
    return outcomes


_WORKER_CONTEXT: Context | None = None


def _start_worker(ctx: Context, parent: int) -> None:
    global _WORKER_CONTEXT
    become_child(parent, quiet=True)
    _WORKER_CONTEXT = ctx


def _take_in_chunk(files: list[InboxFile]) -> list[Outcome]:
    return [take_in(file, _WORKER_CONTEXT) for file in files]


SMALLEST_CHUNK = 4  # files: a message to and from a worker costs about as much as reading one


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


def _in_parallel(files: list[InboxFile], ctx: Context, workers: int,
                 meanwhile: Callable[[], object] | None) -> Iterator[Outcome]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")  # fork: nothing to re-import
    shared: dict[str, str] = {}
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(ctx, os.getpid()))
    try:
        with signals_held_back(), collector_frozen():  # signals: fork runs hooks that would swallow the exception
            # a signal raises; frozen: the workers' collectors never walk the registry they inherit
            chunks = [pool.submit(_take_in_chunk, chunk) for chunk in shrinking_chunks(files, workers)]
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
