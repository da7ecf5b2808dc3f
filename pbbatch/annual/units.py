"""The year of the departments and the branches (contract section 10): the mean of the stored monthly (or
quarterly) totals, a period without a stored result flagged and left out, then rank and 2:7:1 band as in
section 3. A unit vetoed in any period of the year is vetoed for the year (section 3 with the year as the
period): placed after the others, band C."""

from __future__ import annotations

import pandas as pd

from pbbatch.assess.consequences import streaks
from pbbatch.assess.ranking import assign_bands, competition_rank
from pbbatch.core.config import Config
from pbbatch.core.errors import Label, Labels, Message
from pbbatch.core.catalogue import matcher, fold
from pbbatch.core.numeric import round_half_up
from pbbatch.core.periods import Quarter
from pbbatch.core.registry import BRANCH, DEPARTMENT, Registry
from pbbatch.annual.stored import YearInput, months_of, quarters_of

VETO_CATEGORIES = matcher(["veto_cat.three_violations", "veto_cat.civility", "veto_cat.safety"])


def annual_mean(values: list[float]) -> float | None:
    """Half-up to 2 places, like every other total; None when no period has a result."""
    return round_half_up(sum(values) / len(values), 2) if values else None


def department_year(registry: Registry, config: Config, stored: YearInput) -> pd.DataFrame:
    """One row per active department: block, totals by month, missing months, score, vetoed, rank, band, the
    months banded C, and `reasons` (Messages) why it cannot be 優秀黨群部門."""
    units = registry.of_kind(DEPARTMENT)
    frame = _year_of(units, stored, months_of(stored.year), "block", config)
    reasons = []
    for row in frame.itertuples(index=False):
        why = _no_result(row) + _veto_reasons(row.vetoed_in, row.unit_id, stored)
        if len(row.c_periods) > config.max_c_months:
            why.append(Message("annual.reason.c_months", count=len(row.c_periods), months="、".join(row.c_periods),
                               limit=config.max_c_months))
        reasons.append(why)
    return frame.assign(reasons=reasons)


def branch_year(registry: Registry, config: Config, stored: YearInput) -> pd.DataFrame:
    """One row per active branch, as department_year by quarter; grouped by 板塊 when branches rank by block.
    Reasons: a veto, a 誡勉談話 or a 崗位淘汰 in the year (recomputed from the stored low/last flags and heads
    of each quarter and the two before it, as the run computed them)."""
    units = registry.of_kind(BRANCH)
    units = units.assign(group=units["block"] if config.rank_branches_by_block else "")
    frame = _year_of(units, stored, quarters_of(stored.year), "group", config)
    talks = talks_in_year(stored)
    reasons = []
    for row in frame.itertuples(index=False):
        why = _no_result(row) + _veto_reasons(row.vetoed_in, row.unit_id, stored)
        why += [Message(f"annual.reason.{kind}", period=quarter) for quarter, kind in talks.get(row.unit_id, [])]
        reasons.append(why)
    return frame.assign(reasons=reasons)


def talks_in_year(stored: YearInput) -> dict[str, list[tuple[str, str]]]:
    """unit_id -> [(quarter, 'removal' or 'admonish')] for each quarter of the year that flagged it (a removal
    named alone when both, as the brief names it)."""
    results = stored.results
    found: dict[str, list[tuple[str, str]]] = {}
    for q in quarters_of(stored.year):
        current = results[results["period"] == q]
        if current.empty:
            continue
        quarter = Quarter(stored.year, int(q[-1]))
        before = [str(quarter.previous()), str(quarter.previous().previous())]
        flags = streaks(current[["unit_id", "head", "low", "last", "rank"]], results[results["period"].isin(before)],
                        quarter)
        for unit_id, admonish, removal in zip(flags["unit_id"], flags["admonish"], flags["removal"]):
            if removal or admonish:
                found.setdefault(unit_id, []).append((q, "removal" if removal else "admonish"))
    return found


def _year_of(units: pd.DataFrame, stored: YearInput, periods: list[str], group: str, config: Config) -> pd.DataFrame:
    results = stored.results[stored.results["period"].isin(periods)]
    by_unit = {unit_id: rows for unit_id, rows in results.groupby("unit_id")}
    rows = []
    for unit in units.itertuples(index=False):
        mine = by_unit.get(unit.unit_id, results.iloc[0:0])
        totals = {p: float(t) for p, t in zip(mine["period"], mine["total"]) if pd.notna(t)}
        rows.append({
            "unit_id": unit.unit_id, "unit_name": unit.unit_name, "block": unit.block, "head": unit.head,
            "order": unit.order, "group": getattr(unit, group),
            "totals": {p: totals.get(p) for p in periods},
            "missing": [p for p in periods if p not in totals],
            "total": annual_mean([totals[p] for p in periods if p in totals]),
            "vetoed_in": sorted(mine.loc[mine["vetoed"], "period"]),
            "c_periods": sorted(mine.loc[mine["band"] == "C", "period"]),
        })
    frame = pd.DataFrame(rows, columns=["unit_id", "unit_name", "block", "head", "order", "group", "totals",
                                        "missing", "total", "vetoed_in", "c_periods"])
    frame["vetoed"] = frame["vetoed_in"].map(bool)
    return rank_year(frame, config)


def rank_year(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Competition rank within `group` over (vetoed, score) and the band, among the units with a score; a unit
    with no stored result in the year has neither (None)."""
    scored = frame[frame["total"].notna()]
    ranks: dict[int, int] = {}
    bands: dict[int, str] = {}
    if not scored.empty:
        ranked = assign_bands(scored.assign(rank=competition_rank(scored, "group", [])), "group", config)
        ranks, bands = dict(zip(ranked.index, ranked["rank"])), dict(zip(ranked.index, ranked["band"]))
    return frame.assign(rank=pd.Series([int(ranks[i]) if i in ranks else None for i in frame.index],
                                       index=frame.index, dtype=object),
                        band=[bands.get(i) for i in frame.index])


def _no_result(row) -> list[Message]:
    return [Message("annual.reason.no_result")] if row.total is None or pd.isna(row.total) else []


def _veto_reasons(periods: list[str], unit_id: str, stored: YearInput) -> list[Message]:
    return [veto_reason(p, unit_id, stored) for p in periods]


def veto_reason(period: str, unit_id: str, stored: YearInput, unit: str = "") -> Message:
    """'2026-05 一票否決（安全目標）', or without a category where none is stored (a seeded veto); `unit` names
    the unit for a person's reason."""
    categories = list(dict.fromkeys(v["category"] for v in stored.vetoes.get(period, []) if v["unit_id"] == unit_id))
    shown = [Label(VETO_CATEGORIES[fold(c)]) if fold(c) in VETO_CATEGORIES else c for c in categories]
    prefix = "annual.reason.unit_veto" if unit else "annual.reason.veto"
    if not shown:
        return Message(f"{prefix}_plain", period=period, unit=unit)
    return Message(prefix, period=period, unit=unit, categories=_Joined(tuple(shown)))


class _Joined(Labels):
    """Categories, each a catalogue label or the text as stored, joined by 、."""

    def render(self, locale: str) -> str:
        return self.sep.join(k.render(locale) if isinstance(k, Label) else k for k in self.keys)
