"""The history store: per period and unit, the results that later periods' rules need.

An embedded SQLite file (standard library). Writing a period replaces that period in one transaction, after a
dated backup of the store as it was (the one output that cannot be rebuilt: streaks and payouts read it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from pbbatch.core.faults import BUSY_SECONDS, HistoryError

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    period TEXT NOT NULL,          -- '2026-03' (departments) or '2026-Q1' (branches)
    unit_id TEXT NOT NULL,
    rank INTEGER,
    total REAL,
    band TEXT,
    coefficient REAL,
    vetoed INTEGER NOT NULL DEFAULT 0,
    low INTEGER NOT NULL DEFAULT 0,
    last INTEGER NOT NULL DEFAULT 0,
    head TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (period, unit_id)
);
CREATE TABLE IF NOT EXISTS briefs (
    period TEXT NOT NULL,
    kind TEXT NOT NULL,            -- 'departments' or 'branches'
    data TEXT NOT NULL,            -- the brief's content as JSON (brief_data.py), rendered in any locale
    PRIMARY KEY (period, kind)
);
CREATE TABLE IF NOT EXISTS period_data (
    period TEXT NOT NULL,
    name TEXT NOT NULL,            -- what it is: 'rules', 'findings', 'staff' ... (see DATA_NAMES)
    data TEXT NOT NULL,            -- JSON
    PRIMARY KEY (period, name)
);
CREATE TABLE IF NOT EXISTS periods (
    period TEXT PRIMARY KEY,
    source TEXT NOT NULL,          -- 'run' or the name of the imported file
    units INTEGER NOT NULL
);
"""

RUN_SOURCE = "run"  # the source of a period stored by a run; an import stores its file's name
COLUMNS = ["period", "unit_id", "rank", "total", "band", "coefficient", "vetoed", "low", "last", "head"]
BACKUPS_KEPT = 5
BACKUP_FOLDER = "history-backups"

_FAULTS = {
    sqlite3.SQLITE_BUSY: "history.busy", sqlite3.SQLITE_LOCKED: "history.busy",
    sqlite3.SQLITE_CORRUPT: "history.damaged", sqlite3.SQLITE_NOTADB: "history.damaged",
    sqlite3.SQLITE_READONLY: "history.read_only", sqlite3.SQLITE_FULL: "history.disk_full",
}

_WRITING = ("history.read_only", "history.disk_full", "history.unusable")


@contextlib.contextmanager
def _faults(path: Path, writing: Path | None = None) -> Iterator[None]:
    """SQLite's errors on the store at `path` as a HistoryError (pandas wraps them in its own DatabaseError);
    a failure to write is named at `writing` when that is where the writing went."""
    try:
        yield
    except Exception as exc:
        error = exc if isinstance(exc, sqlite3.Error) else exc.__cause__
        if not isinstance(error, sqlite3.Error):
            raise
        primary = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        code = "history.is_folder" if Path(path).is_dir() else _FAULTS.get(primary, "history.unusable")
        where = writing if writing and code in _WRITING else path
        raise HistoryError(code, where, str(error), newest_backup(path)) from None


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with _faults(path):
        connection = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
        try:
            connection.executescript(SCHEMA)
            yield connection
        finally:
            connection.close()


def backup_folder(path: Path) -> Path:
    return Path(path).parent / BACKUP_FOLDER


def _backup_key(path: Path, name: str) -> tuple[str, int] | None:
    """(time stamp, counter) of a backup of `path` named `name`, for ordering; None for any other file."""
    pattern = rf"{re.escape(path.stem)}-(\d{{4}}-\d\d-\d\dT\d{{6}})(?:-(\d+))?{re.escape(path.suffix)}"
    found = re.fullmatch(pattern, name)
    return None if found is None else (found[1], int(found[2] or 1))


def backups(path: Path) -> list[Path]:
    """The backups of the store at `path`, oldest first."""
    path, folder = Path(path), backup_folder(path)
    if not folder.is_dir():
        return []
    keyed = [(key, folder / name) for name in os.listdir(folder) if (key := _backup_key(path, name))]
    return [p for _, p in sorted(keyed)]


def newest_backup(path: Path) -> Path | None:
    found = backups(path)
    return found[-1] if found else None


def back_up(path: Path, now: dt.datetime | None = None) -> Path | None:
    """Copies the store with SQLite's backup API to history-backups/<stem>-<time><suffix> beside it, checks the
    copy, and removes all but the newest BACKUPS_KEPT. None when there is no store yet."""
    path = Path(path)
    if not path.exists():
        return None
    folder = backup_folder(path)
    folder.mkdir(exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%dT%H%M%S")
    target, n = folder / f"{path.stem}-{stamp}{path.suffix}", 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{n}{path.suffix}"
    partial = folder / f".{target.name}.partial"

    def give_up_when_busy(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):  # after the busy timeout; else it loops forever
            raise HistoryError("history.busy", path)

    try:
        with (connect(path) as source, _faults(path, writing=target),
              contextlib.closing(sqlite3.connect(str(partial))) as copy):
            source.backup(copy, progress=give_up_when_busy)
            sound = copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
        if not sound:  # a damaged store must not push the sound backups out
            raise HistoryError("history.damaged", path, "quick_check", newest_backup(path))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    for old in backups(path)[:-BACKUPS_KEPT]:
        old.unlink()
    return target


def replace_periods(path: Path, results: pd.DataFrame, source: str, briefs: list[dict] = (),
                    data: dict[tuple[str, str], object] | None = None) -> None:
    """Stores `results` (COLUMNS), replacing every period it holds, the briefs' data (each with its `period`
    and `kind`) and further data by (period, name) (anything JSON can hold), all in one transaction. A period
    stored again loses the data of names it no longer has."""
    data = dict(data or {})
    frame = results.reindex(columns=COLUMNS)
    records = [
        (
            str(r.period), str(r.unit_id), _int_or_none(r.rank), _float_or_none(r.total),
            None if pd.isna(r.band) else str(r.band), _float_or_none(r.coefficient),
            int(bool(r.vetoed)), int(bool(r.low)), int(bool(r.last)), "" if pd.isna(r.head) else str(r.head),
        )
        for r in frame.itertuples(index=False)
    ]
    periods = sorted({r[0] for r in records} | {period for period, _ in data})
    created = back_up(path) is None and not Path(path).exists()
    try:
        with connect(path) as connection, connection:
            for period in periods:
                connection.execute("DELETE FROM results WHERE period = ?", (period,))
                connection.execute("DELETE FROM periods WHERE period = ?", (period,))
                connection.execute("DELETE FROM period_data WHERE period = ?", (period,))
            connection.executemany(f"INSERT INTO results VALUES ({', '.join('?' * len(COLUMNS))})", records)
            connection.executemany(
                "INSERT INTO periods VALUES (?, ?, ?)",
                [(p, source, sum(r[0] == p for r in records)) for p in periods],
            )
            connection.executemany(
                "INSERT OR REPLACE INTO briefs VALUES (?, ?, ?)",
                [(b["period"], b["kind"], json.dumps(b, ensure_ascii=False)) for b in briefs],
            )
            connection.executemany(
                "INSERT INTO period_data VALUES (?, ?, ?)",
                [(period, name, json.dumps(value, ensure_ascii=False)) for (period, name), value in data.items()],
            )
    except HistoryError:
        if created:  # a failed first commit leaves no empty store behind
            for leftover in (Path(path), Path(f"{path}-journal")):
                leftover.unlink(missing_ok=True)
        raise


def load(path: Path, periods: list[str]) -> pd.DataFrame:
    """Stored results for these periods (COLUMNS; flags as bools). Empty when the store does not exist."""
    if not Path(path).exists() or not periods:
        return pd.DataFrame(columns=COLUMNS)
    with connect(path) as connection:
        marks = ", ".join("?" * len(periods))
        frame = pd.read_sql_query(f"SELECT * FROM results WHERE period IN ({marks})", connection, params=periods)
    for flag in ("vetoed", "low", "last"):
        frame[flag] = frame[flag].astype(bool)
    return frame


def load_brief(path: Path, period: str, kind: str) -> dict | None:
    if not Path(path).exists():
        return None
    with connect(path) as connection:
        row = connection.execute("SELECT data FROM briefs WHERE period = ? AND kind = ?", (period, kind)).fetchone()
    return None if row is None else json.loads(row[0])


def load_data(path: Path, name: str, periods: list[str] | None = None) -> dict[str, object]:
    """The data stored under `name`, by period (all stored periods when `periods` is None), oldest first."""
    if not Path(path).exists():
        return {}
    query, params = "SELECT period, data FROM period_data WHERE name = ?", [name]
    if periods is not None:
        if not periods:
            return {}
        query += f" AND period IN ({', '.join('?' * len(periods))})"
        params += list(periods)
    with connect(path) as connection:
        rows = connection.execute(query + " ORDER BY period", params).fetchall()
    return {period: json.loads(text) for period, text in rows}


def load_period_data(path: Path, period: str) -> dict[str, object]:
    """Every name's data stored under one period."""
    if not Path(path).exists():
        return {}
    with connect(path) as connection:
        rows = connection.execute("SELECT name, data FROM period_data WHERE period = ? ORDER BY name", (period,)).fetchall()
    return {name: json.loads(text) for name, text in rows}


def remove_period(path: Path, period: str) -> int:
    """Removes one period's results and briefs in one transaction; returns how many units it held."""
    if not Path(path).exists():
        return 0
    with connect(path) as connection, connection:
        removed = connection.execute("DELETE FROM results WHERE period = ?", (period,)).rowcount
        connection.execute("DELETE FROM periods WHERE period = ?", (period,))
        connection.execute("DELETE FROM briefs WHERE period = ?", (period,))
        connection.execute("DELETE FROM period_data WHERE period = ?", (period,))
    return removed


def stored_periods(path: Path) -> pd.DataFrame:
    if not Path(path).exists():
        return pd.DataFrame(columns=["period", "source", "units"])
    with connect(path) as connection:
        return pd.read_sql_query("SELECT period, source, units FROM periods ORDER BY period", connection)


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _float_or_none(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def load_briefs(path: Path) -> dict[tuple[str, str], dict]:
    """Every stored brief's data by (period, kind)."""
    if not Path(path).exists():
        return {}
    with connect(path) as connection:
        rows = connection.execute("SELECT period, kind, data FROM briefs ORDER BY period, kind").fetchall()
    return {(period, kind): json.loads(text) for period, kind, text in rows}
