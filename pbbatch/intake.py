"""Intake: find the files in the inbox, read each once, and turn it into an `Outcome`.

Input files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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


def take_in_all(inbox: Path, ctx: Context, progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    files = discover(inbox)
    outcomes = []
    for n, file in enumerate(files, start=1):
        outcomes.append(take_in(file, ctx))
        if progress:
            progress(n, len(files))
    return outcomes
