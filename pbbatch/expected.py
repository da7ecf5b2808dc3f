"""Who owes which form this run, and which of those submissions are missing (未報送)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Config
from .periods import Month
from .registry import BRANCH, DEPARTMENT, Registry, code_key
from .catalogue import message
from .records import ACCEPTED, REJECTED, Outcome

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["form", "rating_type", "submitter_id", "subject_id", "period"]


def expected_submissions(registry: Registry, month: Month, config: Config | None = None) -> pd.DataFrame:
    """Monthly: targets and the three ratings. At quarter end (with `config`): self-evaluations, the item
    owners' department evaluations, and 民主測評 rows covering each branch (`subject_id`, any submitter)."""
    departments = list(registry.ids_of_kind(DEPARTMENT))
    branches = list(registry.ids_of_kind(BRANCH))
    rows = [("targets", "", d, "", month) for d in departments]
    rows += [("ratings", "leader", r, "", month) for r in registry.rater_ids()]
    rows += [("ratings", "service", b, "", month) for b in branches]
    rows += [("ratings", "mutual", d, "", month) for d in departments]
    if config is not None and month.ends_quarter:
        quarter = month.quarter
        owners = {code_key(i.owner) for i in config.branch_items}
        rows += [("self_eval", "", b, "", quarter) for b in branches]
        rows += [("dept_eval", "", d, "", quarter) for d in departments if code_key(d) in owners]
        rows += [("democratic", "", "", b, quarter) for b in branches]
    import pandas as pd

    return pd.DataFrame(rows, columns=COLUMNS)


def missing_submissions(expected: pd.DataFrame, outcomes: list[Outcome]) -> pd.DataFrame:
    """Expected submissions with no accepted file; `reason` says whether what came was rejected."""
    received = {(o.form, o.rating_type or "", o.submitter_id, o.period) for o in outcomes if o.status == ACCEPTED}
    covered = {
        (branch, o.period)
        for o in outcomes
        if o.status == ACCEPTED and o.form == "democratic" and o.columns is not None
        for branch in o.columns["branch_id"]
    }
    periods = set(expected["period"])
    rejected = {
        (o.form, o.rating_type or "", o.submitter_id)
        for o in outcomes
        if o.status == REJECTED and o.form and (o.period is None or o.period in periods)
    }
    rows = []
    for form, rating_type, submitter, subject, period in expected.itertuples(index=False):
        if subject:
            if (subject, period) in covered:
                continue
            reason = "rejected" if any(f == form for f, _, _ in rejected) else "not_received"
        elif (form, rating_type, submitter, period) in received:
            continue
        else:
            reason = "rejected" if (form, rating_type, submitter) in rejected else "not_received"
        rows.append((form, rating_type, submitter, subject, period, reason))
    import pandas as pd

    return pd.DataFrame(rows, columns=[*COLUMNS, "reason"])


def item_owner_problems(registry: Registry, config: Config) -> list[str]:
    """A key work item whose owner is no active department could be scored by nobody: a bad config value."""
    departments = {code_key(d) for d in registry.ids_of_kind(DEPARTMENT)}
    return [
        message("config.item_owner", config.locale, key=f"branches.items[{n}].owner", item=item.code,
                owner=item.owner)
        for n, item in enumerate(config.branch_items)
        if code_key(item.owner) not in departments
    ]
