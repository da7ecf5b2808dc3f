"""What the review-meeting briefs (講評會材料) say, as plain data: codes and numbers, no labels.

The data is JSON-friendly so a stored period's brief can be rendered again, in any locale, without reading
the inbox. Labels are applied only when rendering (brief_render.py).
"""

from __future__ import annotations

import math

import pandas as pd

from .branches import BranchQuarter
from .config import Config
from .departments import DepartmentMonth
from .records import REJECTED, Outcome
from .registry import Registry

DEPARTMENT_SCORES = ["target", "leader", "service", "mutual", "adjustment", "total"]
BRANCH_SCORES = ["self", "department", "democratic", "spot_check", "adjustment", "total"]
WEAKEST_ITEMS = 3


def _plain(value):
    """numpy and pandas scalars to plain Python; NaN to None; dates to ISO text."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [{c: _plain(v) for c, v in zip(columns, row)} for row in frame[columns].itertuples(index=False)]


def _movement(ranking: pd.DataFrame, previous: pd.DataFrame) -> list[int | None]:
    """Places gained since the previous period (positive is up); None where the unit has no previous rank."""
    before = dict(zip(previous["unit_id"], previous["rank"]))
    return [None if u not in before else int(before[u]) - int(r) for u, r in zip(ranking["unit_id"], ranking["rank"])]


def _own(outcome: Outcome, forms: set[str]) -> bool:
    """A file of this brief: one of its forms; a file whose form could not be told goes in the monthly brief."""
    if outcome.file == "config.toml" or outcome.reason == "skip.other_period":
        return False
    return outcome.form in forms or (outcome.form is None and "targets" in forms)


def _overview(units: int, outcomes: list[Outcome], missing: pd.DataFrame, forms: set[str]) -> dict:
    files = [o for o in outcomes if _own(o, forms)]
    return {
        "units": units,
        "files": len(files),
        "accepted": sum(o.status == "accepted" for o in files),
        "rejected": sum(o.status == REJECTED for o in files),
        "missing": len(missing),
    }


def _missing(missing: pd.DataFrame, registry: Registry, forms: set[str]) -> list[dict]:
    rows = missing[missing["form"].isin(forms)]
    return [
        {"form": m.form, "rating_type": m.rating_type, "submitter_id": m.submitter_id,
         "submitter_name": registry.name_of(m.submitter_id), "subject_id": m.subject_id,
         "subject_name": registry.name_of(m.subject_id), "period": str(m.period), "reason": m.reason}
        for m in rows.itertuples(index=False)
    ]


def _rejected(outcomes: list[Outcome], registry: Registry, forms: set[str]) -> list[dict]:
    return [
        {"file": o.file, "form": o.form, "submitter_id": o.submitter_id, "submitter_name": registry.name_of(o.submitter_id),
         "problems": [p.message for p in o.problems if p.level == "error"]}
        for o in outcomes
        if o.status == REJECTED and _own(o, forms)
    ]


def _vetoes(frame: pd.DataFrame, registry: Registry) -> list[dict]:
    rows = _records(frame, ["unit_id", "category", "reason", "date", "decided_by"])
    return [{**r, "unit_name": registry.name_of(r["unit_id"])} for r in rows]


def _adjustments(frame: pd.DataFrame, registry: Registry) -> list[dict]:
    rows = _records(frame.sort_values(["unit_id", "category"], kind="stable"),
                    ["unit_id", "category", "points", "reason", "date"])
    return [{**r, "unit_name": registry.name_of(r["unit_id"])} for r in rows]


MONTHLY_FORMS = {"targets", "ratings", "adjustments", "vetoes"}
QUARTERLY_FORMS = {"self_eval", "dept_eval", "democratic", "spot_checks", "adjustments", "vetoes"}


def department_brief(result: DepartmentMonth, previous: pd.DataFrame, outcomes: list[Outcome],
                     missing: pd.DataFrame, payout: pd.DataFrame | None, registry: Registry, config: Config) -> dict:
    """`previous` is the stored ranking of the month before (unit_id, rank), empty if none."""
    r = result.ranking.assign(movement=_movement(result.ranking, previous))
    columns = ["block", "rank", "unit_id", "unit_name", "head", *DEPARTMENT_SCORES, "vetoed", "band", "coefficient",
               "reflection", "missing", "movement"]
    rows = _records(r, columns)
    blocks = [{"block": b, "rows": [row for row in rows if row["block"] == b]} for b in dict.fromkeys(r["block"])]
    return {
        "kind": "departments",
        "period": str(result.month),
        "organization": config.organization_name,
        "committee": config.committee,
        "overview": _overview(len(r), outcomes, missing[missing["form"].isin(MONTHLY_FORMS)], MONTHLY_FORMS),
        "weights": dict(config.department_weights),
        "blocks": blocks,
        "commended": [row for row in rows if row["band"] == "A"],
        "reflection": [row for row in rows if row["reflection"]],
        "vetoes": _vetoes(result.vetoes, registry),
        "adjustments": _adjustments(result.adjustments, registry),
        "missing": _missing(missing, registry, MONTHLY_FORMS - {"adjustments", "vetoes"}),
        "rejected": _rejected(outcomes, registry, MONTHLY_FORMS),
        "payout": None if payout is None else _payout(payout, result.ranking),
    }


def _payout(payout: pd.DataFrame, ranking: pd.DataFrame) -> dict:
    months = [c for c in payout.columns if c not in ("unit_id", "mean", "defaulted")]
    info = ranking.set_index("unit_id")
    rows = [
        {"block": _plain(info.loc[p["unit_id"], "block"]), "unit_id": p["unit_id"],
         "unit_name": _plain(info.loc[p["unit_id"], "unit_name"]), "coefficients": [_plain(p[m]) for m in months],
         "mean": _plain(p["mean"]), "defaulted": list(p["defaulted"])}
        for _, p in payout.iterrows()
    ]
    return {"months": months, "rows": rows}


def branch_brief(result: BranchQuarter, previous: pd.DataFrame, outcomes: list[Outcome], missing: pd.DataFrame,
                 registry: Registry, config: Config) -> dict:
    """`previous` is the stored ranking of the quarter before (unit_id, rank), empty if none."""
    r = result.ranking.assign(movement=_movement(result.ranking, previous))
    columns = ["rank", "unit_id", "unit_name", "head", *BRANCH_SCORES, "vetoed", "band", "reward", "low", "last",
               "admonish", "removal", "missing", "movement", "basis"]
    rows = _records(r, columns)
    findings = result.spot_checks.sort_values(["branch_id", "date"], kind="stable")
    by_branch: dict[str, list[dict]] = {}
    for finding in _records(findings, ["branch_id", "date", "item_id", "finding", "deduction", "fix_by"]):
        by_branch.setdefault(finding.pop("branch_id"), []).append(finding)
    grouped = [{"unit_id": b, "unit_name": registry.name_of(b), "findings": f} for b, f in by_branch.items()]
    return {
        "kind": "branches",
        "period": str(result.quarter),
        "organization": config.organization_name,
        "committee": config.committee,
        "overview": _overview(len(r), outcomes, missing[missing["form"].isin(QUARTERLY_FORMS)], QUARTERLY_FORMS),
        "weights": dict(config.branch_weights),
        "rows": rows,
        "rewarded": [row for row in rows if row["reward"]],
        "admonished": [row for row in rows if row["admonish"]],
        "removed": [row for row in rows if row["removal"]],
        "vetoes": _vetoes(result.vetoes, registry),
        "findings": grouped,
        "weakest_items": weakest_items(result, registry, config),
        "missing": _missing(missing, registry, QUARTERLY_FORMS - {"adjustments", "vetoes", "spot_checks"}),
        "rejected": _rejected(outcomes, registry, QUARTERLY_FORMS),
    }


def weakest_items(result: BranchQuarter, registry: Registry, config: Config, count: int = WEAKEST_ITEMS) -> list[dict]:
    """The key work items with the lowest average department score as a share of their points, over all
    branches (a branch not scored on an item counts 0, as in D)."""
    branches = len(result.ranking)
    scores = result.dept_eval.groupby("item_id")["score"].sum()
    items = [
        {"code": i.code, "name": i.name, "points": i.points, "owner": i.owner, "owner_name": registry.name_of(i.owner),
         "share": (float(scores.get(i.code, 0.0)) / branches / i.points) if branches and i.points else None}
        for i in config.branch_items
    ]
    ranked = sorted((i for i in items if i["share"] is not None), key=lambda i: (i["share"], i["code"]))
    return ranked[:count]
