"""Who owes which form this month, and which of those submissions are missing (未報送)."""

from __future__ import annotations

import pandas as pd

from .periods import Month
from .registry import BRANCH, DEPARTMENT, Registry
from .validate import ACCEPTED, REJECTED, Outcome

COLUMNS = ["form", "rating_type", "submitter_id", "period"]


def expected_submissions(registry: Registry, month: Month) -> pd.DataFrame:
    departments = list(registry.of_kind(DEPARTMENT)["unit_id"])
    branches = list(registry.of_kind(BRANCH)["unit_id"])
    rows = [("targets", "", d) for d in departments]
    rows += [("ratings", "leader", r) for r in registry.raters["rater_id"]]
    rows += [("ratings", "service", b) for b in branches]
    rows += [("ratings", "mutual", d) for d in departments]
    return pd.DataFrame([(*row, month) for row in rows], columns=COLUMNS)


def missing_submissions(expected: pd.DataFrame, outcomes: list[Outcome]) -> pd.DataFrame:
    """Expected submissions with no accepted file; `reason` says whether what came was rejected."""
    received = {(o.form, o.rating_type or "", o.submitter_id, o.period) for o in outcomes if o.status == ACCEPTED}
    rejected = {
        (o.form, o.rating_type or "", o.submitter_id)
        for o in outcomes
        if o.status == REJECTED and o.form and o.submitter_id and o.period in (None, *expected["period"].unique())
    }
    rows = []
    for form, rating_type, submitter, period in expected.itertuples(index=False):
        if (form, rating_type, submitter, period) in received:
            continue
        reason = "rejected" if (form, rating_type, submitter) in rejected else "not_received"
        rows.append((form, rating_type, submitter, period, reason))
    return pd.DataFrame(rows, columns=[*COLUMNS, "reason"])
