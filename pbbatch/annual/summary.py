"""What the history keeps of a computed year for the site (name "annual", period "2026"): unit-level only —
each department's and branch's annual rank, score, band, veto, award and eligibility reasons (worded in every
locale, so that the site speaks whichever is configured). Never a person: §9's names and scores stay off the site."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pbbatch.annual.awards import eligibility_text
from pbbatch.annual.year import AWARDS, Year
from pbbatch.core.catalogue import LOCALES
from pbbatch.history import store as history

ANNUAL = "annual"


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Group by group in registry order, then rank (unranked last), then registry order: the workbook's order."""
    first = frame.groupby("group", sort=False)["order"].transform("min")
    ranks = frame["rank"].map(lambda r: 10**9 if r is None or r != r else r)
    return frame.assign(_g=first, _r=ranks).sort_values(["_g", "_r", "order"], kind="stable")


def _units(frame: pd.DataFrame, kind: str) -> list[dict]:
    return [{"unit_id": str(r["unit_id"]), "unit_name": str(r["unit_name"]), "group": str(r["group"] or ""),
             "rank": None if r["rank"] is None or r["rank"] != r["rank"] else int(r["rank"]),
             "total": None if r["total"] is None or r["total"] != r["total"] else float(r["total"]),
             "band": r["band"] or "", "vetoed": bool(r["vetoed"]),
             "award": AWARDS[kind] if r["award"] else "",
             "eligibility": {locale: eligibility_text(r["reasons"], locale) for locale in LOCALES},
             "eligible": not r["reasons"]}
            for r in _in_order(frame).to_dict("records")]


def year_summary(year: Year) -> dict:
    return {"year": year.year, "departments": _units(year.departments, "departments"),
            "branches": _units(year.branches, "branches")}


def year_data(path: Path, year: Year) -> dict[tuple[str, str], object]:
    """The (period, name) data the year's commit stores: its summary, with the year's other stored data kept."""
    return kept_year_data(path, {(str(year.year), ANNUAL): year_summary(year)})


def kept_year_data(path: Path, data: dict[tuple[str, str], object]) -> dict[tuple[str, str], object]:
    """`data` with, for each year period it stores ("2026"), the names stored there that it does not carry:
    storing a period replaces all its data, and a year holds data of several sources (§7's letters' targets
    from every run, §10's summary from the year's computation) that must not wipe each other."""
    years = {period for period, _ in data if len(period) == 4 and period.isdigit()}
    kept = {(period, name): value for period in sorted(years)
            for name, value in history.load_period_data(path, period).items() if (period, name) not in data}
    return kept | data
