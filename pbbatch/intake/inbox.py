"""Intake: find the files in the inbox, read each once, and turn it into an `Outcome`.

Input files are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pbbatch.core.errors import Message
from pbbatch.core.records import ERROR, REJECTED, SKIPPED, Context, Outcome, Problem
from pbbatch.intake.validate import validate_workbook
from pbbatch.intake.workbook import MB, Limits, RawWorkbook, UnreadableWorkbook, parse_workbook, sha256_of

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
    return validated(*read_file(file, limits_of(ctx.config)), ctx)


def read_file(file: InboxFile, limits: Limits) -> tuple[Outcome, RawWorkbook | None]:
    """The first half of take_in, which needs no registry: the file read and parsed, or its outcome already
    settled (skipped, unreadable) and no workbook."""
    outcome = Outcome(file=file.name)
    if file.fault:
        return _unreadable(outcome, UnreadableWorkbook(file.fault, file.detail)), None
    if file.skip:
        outcome.status = SKIPPED
        outcome.note = Message(file.skip)
        outcome.sha256 = _digest(file.path) if file.opened else ""
        return outcome, None
    try:
        data, outcome.mtime = _read_bounded(file.path, limits)
    except UnreadableWorkbook as exc:
        return _unreadable(outcome, exc), None
    outcome.sha256 = sha256_of(data)
    try:
        return outcome, parse_workbook(data, file.name, limits)
    except UnreadableWorkbook as exc:
        return _unreadable(outcome, exc), None


def validated(outcome: Outcome, book: RawWorkbook | None, ctx: Context) -> Outcome:
    """The second half of take_in: the workbook read_file parsed, checked against the form and the registry."""
    return outcome if book is None else validate_workbook(book, outcome, ctx)


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
