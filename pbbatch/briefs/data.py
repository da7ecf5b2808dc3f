"""What the review-meeting briefs (講評會材料) say, as plain data: codes and numbers, no labels.

The data is JSON-friendly so a stored period's brief can be rendered again, in any locale, without reading
the inbox. Labels are applied only when writing, in sections.py.
"""

from __future__ import annotations

import math

import pandas as pd

from pbbatch.assess.branches import BranchQuarter
from pbbatch.assess.departments import DepartmentMonth
from pbbatch.assess.month import Assessment
from pbbatch.core.config import Config
from pbbatch.core.forms import FORMS
from pbbatch.core.records import REJECTED, Outcome
from pbbatch.core.registry import Registry
from pbbatch.core.rules import rules_in_force
from pbbatch.intake.read import Intake, uncorrected_rejections
from pbbatch.rectify.month import Rectification
from pbbatch.rectify.status import OVERDUE, quarter_counts
from pbbatch.core.scores import BRANCH_SCORES, DEPARTMENT_SCORES

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


def outstanding_row(form: str, rating_type: str, unit_id: str, unit_name: str, reason: str, period: str = "") -> dict:
    """One submission still outstanding, as the brief stores it: who, which form, what came instead."""
    return {"form": form, "rating_type": rating_type or "", "unit_id": unit_id, "unit_name": unit_name,
            "reason": reason, "period": period}


def _outstanding(missing: pd.DataFrame, outcomes: list[Outcome], registry: Registry, forms: set[str]) -> list[dict]:
    """Submissions still outstanding: who, which form, and what came instead (contract section 4); never file
    names or validation messages, which belong in the processing report. Expected ones first, then rejected
    files no later file corrected: an as-needed form, or a newer version while an older one counts."""
    rows = [
        outstanding_row(m.form, m.rating_type, m.submitter_id or m.subject_id,
                        registry.name_of(m.submitter_id or m.subject_id), m.reason,
                        m.detail if m.reason == "other_period" else "")
        for m in missing[missing["form"].isin(forms)].itertuples(index=False)
    ]
    seen = {(x["form"], x["rating_type"], x["unit_id"]) for x in rows}
    for o in uncorrected_rejections(outcomes):
        key = (o.form, o.rating_type or "", o.submitter_id)
        if o.form in forms and key not in seen:
            seen.add(key)
            reason = "rejected" if FORMS[o.form].accumulates else "rejected_newer"
            rows.append(outstanding_row(o.form, o.rating_type, o.submitter_id, registry.name_of(o.submitter_id),
                                        reason))
    return rows


# Which scores an outstanding form leaves unsettled: the component, and whether it is the sender's own (else it
# is every unit's of the brief's kind: a leader's ratings touch every department).
AFFECTS = {
    "targets": ("target", True), ("ratings", "leader"): ("leader", False), ("ratings", "service"): ("service", False),
    ("ratings", "mutual"): ("mutual", False), "adjustments": ("adjustment", False), "vetoes": ("vetoed", False),
    "self_eval": ("self", True), "dept_eval": ("department", False), "democratic": ("democratic", True),
    "spot_checks": ("spot_check", False), "fix_report": ("spot_check", True), "fix_check": ("spot_check", False),
}


def draft_of(rows: list[dict], outstanding: list[dict], draft_run: bool) -> dict | None:
    """While anything is outstanding or missing the brief is a draft (試算稿): which scores it leaves unsettled,
    for whom (None: every unit), and each row marked provisional (待定) where its figures are unsettled."""
    affected: dict[str, set[str] | None] = {}
    for x in outstanding:
        component, own = AFFECTS.get((x["form"], x["rating_type"]), AFFECTS.get(x["form"], ("", False)))
        if own and affected.get(component, set()) is not None:
            affected.setdefault(component, set()).add(x["unit_id"])
        elif component:
            affected[component] = None
    for row in rows:
        for component in row["missing"]:
            if affected.get(component, set()) is not None:
                affected.setdefault(component, set()).add(row["unit_id"])
    for row in rows:
        row["provisional"] = any(units is None or row["unit_id"] in units for units in affected.values())
    if not draft_run and not affected:
        return None
    names = {row["unit_id"]: row["unit_name"] for row in rows}
    return {"affects": [{"component": c, "units": None if units is None else [names.get(u, u) for u in sorted(units)]}
                        for c, units in affected.items()]}


def _vetoes(frame: pd.DataFrame, registry: Registry) -> list[dict]:
    rows = _records(frame, ["unit_id", "category", "reason", "date", "decided_by"])
    return [{**r, "unit_name": registry.name_of(r["unit_id"])} for r in rows]


def _adjustments(frame: pd.DataFrame, registry: Registry) -> list[dict]:
    rows = _records(frame.sort_values(["unit_id", "category"], kind="stable"),
                    ["unit_id", "category", "points", "reason", "date"])
    return [{**r, "unit_name": registry.name_of(r["unit_id"])} for r in rows]


MONTHLY_FORMS = {"targets", "ratings", "adjustments", "vetoes"}
QUARTERLY_FORMS = {"self_eval", "dept_eval", "democratic", "spot_checks", "adjustments", "vetoes", "fix_report",
                   "fix_check"}


def department_brief(result: DepartmentMonth, previous: pd.DataFrame, outcomes: list[Outcome],
                     missing: pd.DataFrame, payout: pd.DataFrame | None, registry: Registry, config: Config,
                     draft_run: bool = False) -> dict:
    """`previous` is the stored ranking of the month before (unit_id, rank), empty if none; `draft_run` whether
    anything of the run (this brief's or the other's) is outstanding or missing."""
    r = result.ranking.assign(movement=_movement(result.ranking, previous))
    columns = ["block", "rank", "unit_id", "unit_name", "head", *DEPARTMENT_SCORES, "vetoed", "band", "coefficient",
               "reflection", "missing", "movement"]
    rows = _records(r, columns)
    outstanding = _outstanding(missing, outcomes, registry, MONTHLY_FORMS)
    draft = draft_of(rows, outstanding, draft_run)
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
        "draft": draft,
        "outstanding": outstanding,
        "payout": None if payout is None else _payout(payout, result.ranking),
        "rules": rules_in_force(config),
    }


def _payout(payout: pd.DataFrame, ranking: pd.DataFrame) -> dict:
    months = [c for c in payout.columns if c not in ("unit_id", "mean", "defaulted")]
    info = {u: (b, n) for u, b, n in zip(ranking["unit_id"], ranking["block"], ranking["unit_name"])}
    rows = [
        {"block": _plain(info[p["unit_id"]][0]), "unit_id": p["unit_id"], "unit_name": _plain(info[p["unit_id"]][1]),
         "coefficients": [_plain(p[m]) for m in months], "mean": _plain(p["mean"]), "defaulted": list(p["defaulted"])}
        for p in payout.to_dict("records")
    ]
    return {"months": months, "rows": rows}


def branch_brief(result: BranchQuarter, previous: pd.DataFrame, outcomes: list[Outcome], missing: pd.DataFrame,
                 registry: Registry, config: Config, draft_run: bool = False,
                 rectification: Rectification | None = None) -> dict:
    """`previous` is the stored ranking of the quarter before (unit_id, rank), empty if none; `draft_run` as for
    department_brief."""
    r = result.ranking.assign(movement=_movement(result.ranking, previous))
    columns = ["rank", "unit_id", "unit_name", "head", *BRANCH_SCORES, "vetoed", "band", "reward", "low", "last",
               "admonish", "removal", "missing", "movement", "basis"]
    rows = _records(r, columns)
    outstanding = _outstanding(missing, outcomes, registry, QUARTERLY_FORMS)
    draft = draft_of(rows, outstanding, draft_run)
    findings = result.spot_checks.sort_values(["branch_id", "date"], kind="stable")
    by_branch: dict[str, list[dict]] = {}
    findings = findings if "overdue_id" in findings else findings.assign(overdue_id="")
    for finding in _records(findings, ["branch_id", "date", "item_id", "finding", "deduction", "fix_by", "overdue_id"]):
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
        "rectification": None if rectification is None else rectification_summary(rectification, registry, config),
        "draft": draft,
        "outstanding": outstanding,
        "rules": rules_in_force(config),
        "owner_names": {i.owner: registry.name_of(i.owner) for i in config.branch_items},
    }


def rectification_summary(rectification: Rectification, registry: Registry, config: Config) -> dict:
    """The quarter's rectification for the brief: per branch, findings opened and closed in the quarter and still
    open and overdue at its end, with the overdue ones' 整改編號 (each cost `deduction` in C)."""
    statuses, quarter = rectification.statuses, rectification.month.quarter
    counts = quarter_counts(statuses, quarter)
    overdue = statuses[statuses["status"] == OVERDUE]
    overdue_ids: dict[str, list[str]] = {}
    for branch, finding in zip(overdue["branch_id"], overdue["finding_id"]):
        overdue_ids.setdefault(branch, []).append(finding)
    rows = [{"unit_id": c.branch_id, "unit_name": registry.name_of(c.branch_id), "opened": int(c.opened),
             "closed": int(c.closed), "open": int(c.open), "overdue": int(c.overdue),
             "overdue_ids": sorted(overdue_ids.get(c.branch_id, []))}
            for c in counts.itertuples(index=False)]
    totals = {k: sum(r[k] for r in rows) for k in ("opened", "closed", "open", "overdue")}
    return {"deduction": config.overdue_deduction, "rows": rows, "totals": totals}


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


def briefs_of(intake: Intake, assessment: Assessment, month_before: pd.DataFrame, quarter_before: pd.DataFrame,
              config: Config) -> list[dict]:
    """The run's briefs' data: the departments' and, at quarter end, the branches'. `month_before` and
    `quarter_before` are the stored rankings of the period before each (for the movement), empty if none."""
    a = assessment
    briefs = [department_brief(a.departments, month_before, intake.outcomes, intake.missing, a.payout,
                               intake.registry, config, a.draft)]
    if a.branches is not None:
        briefs.append(branch_brief(a.branches, quarter_before, intake.outcomes, intake.missing, intake.registry,
                                   config, a.draft, a.rectification))
    return briefs
