"""The history store: per period and unit, the results that later periods' rules need.

An embedded SQLite file (standard library). Writing a period replaces that period in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

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
CREATE TABLE IF NOT EXISTS periods (
    period TEXT PRIMARY KEY,
    source TEXT NOT NULL,          -- 'run' or the name of the imported file
    units INTEGER NOT NULL
);
"""

RUN_SOURCE = "run"  # the source of a period stored by a run; an import stores its file's name
COLUMNS = ["period", "unit_id", "rank", "total", "band", "coefficient", "vetoed", "low", "last", "head"]


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), timeout=30)
    try:
        connection.executescript(SCHEMA)
        yield connection
    finally:
        connection.close()


def replace_periods(path: Path, results: pd.DataFrame, source: str, briefs: list[dict] = ()) -> None:
    """Stores `results` (COLUMNS), replacing every period it holds, and the briefs' data (each with its
    `period` and `kind`), all in one transaction."""
    frame = results.reindex(columns=COLUMNS)
    records = [
        (
            str(r.period), str(r.unit_id), _int_or_none(r.rank), _float_or_none(r.total),
            None if pd.isna(r.band) else str(r.band), _float_or_none(r.coefficient),
            int(bool(r.vetoed)), int(bool(r.low)), int(bool(r.last)), "" if pd.isna(r.head) else str(r.head),
        )
        for r in frame.itertuples(index=False)
    ]
    periods = sorted({r[0] for r in records})
    with connect(path) as connection, connection:
        for period in periods:
            connection.execute("DELETE FROM results WHERE period = ?", (period,))
            connection.execute("DELETE FROM periods WHERE period = ?", (period,))
        connection.executemany(f"INSERT INTO results VALUES ({', '.join('?' * len(COLUMNS))})", records)
        connection.executemany(
            "INSERT INTO periods VALUES (?, ?, ?)",
            [(p, source, sum(r[0] == p for r in records)) for p in periods],
        )
        connection.executemany(
            "INSERT OR REPLACE INTO briefs VALUES (?, ?, ?)",
            [(b["period"], b["kind"], json.dumps(b, ensure_ascii=False)) for b in briefs],
        )


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


def stored_periods(path: Path) -> pd.DataFrame:
    if not Path(path).exists():
        return pd.DataFrame(columns=["period", "source", "units"])
    with connect(path) as connection:
        return pd.read_sql_query("SELECT period, source, units FROM periods ORDER BY period", connection)


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _float_or_none(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
