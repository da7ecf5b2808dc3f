"""What the year (contract section 10) reads from the history store, and what a run stores for it.

The results table keeps only whether a unit was vetoed; the veto's category, which an ineligibility reason
names, is stored by each run under the name "vetoes" (a seeded or imported veto has none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pbbatch.assess.month import Assessment
from pbbatch.core.periods import Month, Quarter
from pbbatch.history import store as history

VETOES, STAFF, LETTERS, TARGET_SCORES = "vetoes", "staff", "targets", "target_scores"


def months_of(year: int) -> list[str]:
    return [str(Month(year, m)) for m in range(1, 13)]


def quarters_of(year: int) -> list[str]:
    return [str(Quarter(year, q)) for q in range(1, 5)]


def streak_quarters(year: int) -> list[str]:
    """The year's quarters and the two before its first: a 誡勉談話 or 崗位淘汰 of the year's first quarter
    counts the quarters before it."""
    first = Quarter(year, 1)
    return [str(first.previous().previous()), str(first.previous()), *quarters_of(year)]


@dataclass(frozen=True)
class YearInput:
    """The stored history of a year: results of its months and quarters (and the two quarters before), and the
    named data the year reads, by period."""

    year: int
    results: pd.DataFrame  # history.store.COLUMNS
    vetoes: dict[str, list[dict]] = field(default_factory=dict)  # period -> [{unit_id, category, date}]
    staff: dict[str, list[dict]] = field(default_factory=dict)  # month -> §9's rows
    letters: list[dict] | None = None  # §7's letter rows of the year, when stored
    target_scores: dict[str, list[dict]] = field(default_factory=dict)  # month -> [{unit_id, target, points, score}]


def load_year(path: Path, year: int) -> YearInput:
    periods = months_of(year) + streak_quarters(year)
    letters = history.load_data(path, LETTERS, [str(year)]).get(str(year))
    return YearInput(
        year=year,
        results=history.load(path, periods),
        vetoes=history.load_data(path, VETOES, periods),
        staff=history.load_data(path, STAFF, months_of(year)),
        letters=letters,
        target_scores=history.load_data(path, TARGET_SCORES, months_of(year)),
    )


def run_data(assessment: Assessment) -> dict[tuple[str, str], list[dict]]:
    """What a run stores for the year besides its results: the month's vetoes (and at quarter end the
    quarter's), and each department's target scores of the month."""
    a = assessment
    data = {(str(a.departments.month), VETOES): _vetoes(a.departments.vetoes)}
    if a.branches is not None:
        data[(str(a.branches.quarter), VETOES)] = _vetoes(a.branches.vetoes)
    targets = a.departments.targets
    data[(str(a.departments.month), TARGET_SCORES)] = [
        {"unit_id": str(unit), "target": str(target), "points": float(points), "score": float(score)}
        for unit, target, points, score in zip(targets["submitter_id"], targets["target"], targets["points"],
                                               targets["score"])
    ]
    return data


def _vetoes(frame: pd.DataFrame) -> list[dict]:
    return [{"unit_id": str(unit), "category": str(category), "date": _iso(date)}
            for unit, category, date in zip(frame["unit_id"], frame["category"], frame["date"])]


def _iso(value: object) -> str:
    return value.isoformat()[:10] if isinstance(value, (dt.date, dt.datetime)) else str(value)


def parse_year(text: str) -> int | None:
    """'2026', '2026年', '2026年度' (contract section 1) as 2026; None for anything else."""
    import re
    import unicodedata

    found = re.fullmatch(r"(\d{4})(?:年度?)?", "".join(unicodedata.normalize("NFKC", str(text)).split()))
    return int(found[1]) if found and int(found[1]) >= 1900 else None
