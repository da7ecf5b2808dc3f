"""People's year (contract sections 9 and 10): the mean of their monthly scores and their rank within their
unit, from the months §9 stored under "staff". A person who moved is ranked in the unit of their latest month;
the move is recorded. A month without a score (no row, or flagged missing) is flagged and left out. People whose
latest unit has since closed are left out, as their unit is."""

from __future__ import annotations

import pandas as pd

from pbbatch.assess.ranking import competition_rank
from pbbatch.core.config import Config
from pbbatch.core.errors import Message
from pbbatch.core.periods import parse_period
from pbbatch.core.registry import Registry
from pbbatch.annual.stored import YearInput, months_of
from pbbatch.annual.units import annual_mean, veto_reason

COLUMNS = ["staff_id", "name", "unit_id", "unit_name", "scores", "missing", "total", "rank", "units", "c_months",
           "reasons", "moved"]


def has_score(row: dict) -> bool:
    missing = row.get("missing")
    return row.get("score") is not None and not missing


def staff_year(registry: Registry, config: Config, stored: YearInput) -> pd.DataFrame:
    """One row per person with a stored month in the year, in the order of their unit and rank."""
    months = months_of(stored.year)
    people: dict[str, dict[str, dict]] = {}
    for month in months:
        for row in stored.staff.get(month, []):
            people.setdefault(str(row["staff_id"]), {})[month] = row
    vetoed = {(r.period, r.unit_id) for r in stored.results.itertuples(index=False) if r.vetoed}
    active_units = set(registry.units["unit_id"])
    rows = []
    for staff_id, by_month in people.items():
        latest = by_month[max(by_month)]
        unit_id = str(latest["unit_id"])
        if unit_id not in active_units:  # their unit closed during the year, and is left out of it like them
            continue
        scores = {m: float(r["score"]) for m, r in by_month.items() if has_score(r)}
        units = list(dict.fromkeys(str(by_month[m]["unit_id"]) for m in sorted(by_month)))
        c_months = sorted(m for m, r in by_month.items() if r.get("band") == "C")
        reasons = [] if scores else [Message("annual.reason.no_result")]
        reasons += _unit_vetoes(by_month, vetoed, registry, stored)
        if len(c_months) > config.max_c_months:
            reasons.append(Message("annual.reason.c_months", count=len(c_months), months="、".join(c_months),
                                   limit=config.max_c_months))
        moved = (Message("annual.moved", units="、".join(_unit_text(u, registry) for u in units),
                         unit=_unit_text(unit_id, registry)) if len(units) > 1 else None)
        rows.append({"staff_id": staff_id, "name": str(latest.get("name", "")), "unit_id": unit_id,
                     "unit_name": registry.name_of(unit_id), "scores": {m: scores.get(m) for m in months},
                     "missing": [m for m in months if m not in scores], "total": annual_mean(list(scores.values())),
                     "units": units, "c_months": c_months, "reasons": reasons, "moved": moved})
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"])
    return _ranked(frame, registry)


def _unit_vetoes(by_month: dict[str, dict], vetoed: set, registry: Registry, stored: YearInput) -> list[Message]:
    """A veto of the unit the person was in, in a month they were in it (a branch's veto is of the quarter)."""
    found = []
    for month, row in sorted(by_month.items()):
        unit_id = str(row["unit_id"])
        for period in (month, str(parse_period(month).quarter)):
            if (period, unit_id) in vetoed and (period, unit_id) not in found:
                found.append((period, unit_id))
    return [veto_reason(period, unit_id, stored, unit=_unit_text(unit_id, registry)) for period, unit_id in found]


def _unit_text(unit_id: str, registry: Registry) -> str:
    return f"{unit_id} {registry.name_of(unit_id)}".strip()


def _ranked(frame: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Competition rank within the unit over the mean score; a person with no score in the year has none."""
    order = {u: i for i, u in enumerate(registry.units["unit_id"])}
    scored = frame[frame["total"].notna()]
    ranks = {}
    if not scored.empty:
        ranked = competition_rank(scored.assign(vetoed=False), "unit_id", [])
        ranks = dict(zip(ranked.index, ranked))
    frame = frame.assign(rank=pd.Series([int(ranks[i]) if i in ranks else None for i in frame.index],
                                        index=frame.index, dtype=object),
                         _order=frame["unit_id"].map(lambda u: order.get(u, len(order))),
                         _rank=[ranks.get(i, 10**9) for i in frame.index])
    frame = frame.sort_values(["_order", "unit_id", "_rank", "staff_id"], kind="stable")
    return frame.drop(columns=["_order", "_rank"]).reset_index(drop=True)[COLUMNS]
