"""Intake: find the files in the inbox, read each once, and turn it into an `Outcome`.

Input files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .catalogue import message
from .validate import ERROR, REJECTED, SKIPPED, Context, Outcome, Problem, validate_workbook
from .workbook import Limits, UnreadableWorkbook, parse_workbook, sha256_of

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class InboxFile:
    path: Path
    name: str  # path relative to the inbox, with forward slashes
    skip: str | None  # catalogue message code when the file is not read


def discover(inbox: Path) -> list[InboxFile]:
    """Every file below the inbox, in a stable order, with the reason it is skipped if it is."""
    found = []
    for path in sorted(Path(inbox).rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(inbox)
        in_hidden_folder = any(part.startswith(".") for part in relative.parts[:-1])
        skip = "skip.hidden" if in_hidden_folder else _skip_reason(path.name)
        found.append(InboxFile(path, relative.as_posix(), skip))
    return found


def _skip_reason(name: str) -> str | None:
    if name.startswith("~$") or name.startswith(".~lock."):
        return "skip.lock_file"
    if name.startswith("."):
        return "skip.hidden"
    if not name.lower().endswith(WORKBOOK_SUFFIXES):
        return "skip.not_workbook"
    return None


def take_in(file: InboxFile, ctx: Context) -> Outcome:
    outcome = Outcome(file=file.name)
    if file.skip:
        outcome.status = SKIPPED
        outcome.note, outcome.reason = message(file.skip, ctx.locale), file.skip
        outcome.sha256 = _digest(file.path)
        return outcome
    try:
        data = file.path.read_bytes()
        outcome.mtime = file.path.stat().st_mtime
    except OSError as exc:
        return _unreadable(outcome, UnreadableWorkbook("file.unreadable", exc.strerror or str(exc)), ctx)
    outcome.sha256 = sha256_of(data)
    try:
        config = ctx.config
        book = parse_workbook(data, file.name, Limits(config.max_file_mb, config.max_unpacked_mb, config.max_ratio))
    except UnreadableWorkbook as exc:
        return _unreadable(outcome, exc, ctx)
    return validate_workbook(book, outcome, ctx)


def _digest(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def _unreadable(outcome: Outcome, exc: UnreadableWorkbook, ctx: Context) -> Outcome:
    text = message(exc.code, ctx.locale, detail=exc.detail)
    outcome.problems.append(Problem(outcome.file, "", "", ERROR, exc.code, text))
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
    for n, outcome in enumerate(results, start=1):
        outcomes.append(outcome)
        if progress:
            progress(n, len(files))
    if meanwhile and not parallel:
        meanwhile()
    return outcomes


_WORKER_CONTEXT: Context | None = None


def _start_worker(ctx: Context) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = ctx


def _take_in_worker(file: InboxFile) -> Outcome:
    return take_in(file, _WORKER_CONTEXT)


def _in_parallel(files: list[InboxFile], ctx: Context, workers: int,
                 meanwhile: Callable[[], object] | None) -> Iterator[Outcome]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")  # fork: nothing to re-import
    chunk = max(1, len(files) // (workers * 8))
    shared: dict[str, str] = {}
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(ctx,)) as pool:
        results = pool.map(_take_in_worker, files, chunksize=chunk)  # every chunk submitted, the workers forked
        if meanwhile:
            meanwhile()
        for outcome in results:
            yield _with_shared_strings(outcome, shared)


def _with_shared_strings(outcome: Outcome, shared: dict[str, str]) -> Outcome:
    """One string object per distinct text across files. A worker's strings arrive as new objects with every
    file: a department's code, rated in each of 4,500 files at 100x, would otherwise be 4,500 strings."""
    for name, values in (outcome.columns or {}).items():
        if isinstance(values, list):
            outcome.columns[name] = [shared.setdefault(v, v) if type(v) is str else v for v in values]
    return outcome
