"""Who owes which form this run, and which of those submissions are missing (未報送)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbbatch.core.config import Config
from pbbatch.core.periods import Month
from pbbatch.core.registry import BRANCH, DEPARTMENT, Registry, code_key
from pbbatch.core.catalogue import label, message
from pbbatch.core.errors import Message
from pbbatch.core.records import ACCEPTED, ERROR, REJECTED, Outcome, Problem

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["form", "rating_type", "submitter_id", "subject_id", "period"]


def expected_submissions(registry: Registry, month: Month, config: Config | None = None) -> pd.DataFrame:
    """Monthly: targets, the three ratings and each 個人考評表. At quarter end (with `config`): self-evaluations, the item
    owners' department evaluations, and 民主測評 rows covering each branch (`subject_id`, any submitter)."""
    departments = list(registry.ids_of_kind(DEPARTMENT))
    branches = list(registry.ids_of_kind(BRANCH))
    rows = [("targets", "", d, "", month) for d in departments]
    rows += [("ratings", "leader", r, "", month) for r in registry.rater_ids()]
    rows += [("ratings", "service", b, "", month) for b in branches]
    rows += [("ratings", "mutual", d, "", month) for d in departments]
    rows += [("staff_eval", "", u, "", month) for u in registry.units_with_staff()]  # §9: none without 人員
    if config is not None and month.ends_quarter:
        quarter = month.quarter
        owners = {code_key(i.owner) for i in config.branch_items}
        rows += [("self_eval", "", b, "", quarter) for b in branches]
        rows += [("dept_eval", "", d, "", quarter) for d in departments if code_key(d) in owners]
        rows += [("democratic", "", "", b, quarter) for b in branches]
    import pandas as pd

    return pd.DataFrame(rows, columns=COLUMNS)


def missing_submissions(expected: pd.DataFrame, outcomes: list[Outcome],
                        registry: Registry | None = None) -> pd.DataFrame:
    """Expected submissions with no accepted file. `reason` says what did arrive from that submitter, if anything
    (a rejected file, a file of another period, a file that is no workbook); `file` names it and `detail` gives
    the rejected file's first problem or the other period (see missing_detail). 'not_received' only when nothing
    at all came."""
    received = {(o.form, o.rating_type or "", o.submitter_id, o.period) for o in outcomes if o.status == ACCEPTED}
    covered = {
        (branch, o.period)
        for o in outcomes
        if o.status == ACCEPTED and o.form == "democratic" and o.columns is not None
        for branch in o.columns["branch_id"]
    }
    periods = set(expected["period"])
    arrivals = _arrivals(outcomes, periods, registry)
    rows = []
    for form, rating_type, submitter, subject, period in expected.itertuples(index=False):
        if subject:
            if (subject, period) in covered:
                continue
            found = arrivals.get((form, "", ""))
        elif (form, rating_type, submitter, period) in received:
            continue
        else:
            found = (arrivals.get((form, rating_type, submitter)) or arrivals.get((form, "", submitter))
                     or arrivals.get((None, "", submitter)))
        reason, file, detail = found or ("not_received", "", "")
        rows.append((form, rating_type, submitter, subject, period, reason, file, detail))
    import pandas as pd

    return pd.DataFrame(rows, columns=[*COLUMNS, "reason", "file", "detail"])


def missing_reason(reason: str, detail: str, locale: str) -> str:
    """What arrived instead of an expected submission, in words; a file of another period names its period."""
    if reason == "other_period":
        return message("missing.other_period", locale, period=detail)
    return label(f"missing.{reason}", locale)


def missing_detail(detail: Problem | Message | str, locale: str) -> str:
    """The `detail` of a missing submission in words: a rejected file's first problem at its cell, why a file
    could not be read or was skipped, or the other period."""
    if isinstance(detail, Problem):
        return f"{detail.where(locale)} {detail.render(locale)}".strip()
    if isinstance(detail, Message):
        return detail.render(locale)
    return detail


_PRECEDENCE = {"rejected": 0, "other_period": 1, "unreadable": 2, "not_workbook": 3}


def _arrivals(outcomes: list[Outcome], periods: set, registry: Registry | None) -> dict[tuple, tuple]:
    """What arrived that meets no expectation, by (form, rating type, submitter); the form is None for a file
    that was no workbook, tied to a submitter by its name. The most telling arrival is kept per key."""
    found: dict[tuple, tuple] = {}

    def keep(keys: list[tuple], arrival: tuple) -> None:
        for key in keys:
            if (key not in found or _PRECEDENCE[arrival[0]] < _PRECEDENCE[found[key][0]]
                    or (arrival[0] == found[key][0] == "other_period" and arrival[2] > found[key][2])):
                found[key] = arrival  # the most telling arrival; of other periods', the latest period

    for o in outcomes:
        if o.status == REJECTED and o.form and (o.period is None or o.period in periods):
            detail = next((p for p in o.problems if p.level == ERROR), "")
            keys = [(o.form, o.rating_type or "", o.submitter_id), (o.form, "", o.submitter_id)]
            keep(keys + ([(o.form, "", "")] if o.form == "democratic" else []), ("rejected", o.file, detail))
        elif o.reason == "skip.other_period" and o.form:
            keep([(o.form, o.rating_type or "", o.submitter_id), (o.form, "", o.submitter_id)],
                 ("other_period", o.file, str(o.period)))
        elif registry is not None and o.reason == "skip.not_workbook":
            keep([(None, "", code) for code in registry.codes_named_in(o.file)], ("not_workbook", o.file, o.note))
        elif registry is not None and o.status == REJECTED and not o.form:
            first = Message(o.problems[0].code, **o.problems[0].fields) if o.problems else ""  # without its place
            keep([(None, "", code) for code in registry.codes_named_in(o.file)], ("unreadable", o.file, first))
    return found


def item_owner_problems(registry: Registry, config: Config) -> list[Message]:
    """A key work item whose owner is no active department could be scored by nobody: a bad config value."""
    departments = {code_key(d) for d in registry.ids_of_kind(DEPARTMENT)}
    return [
        Message("config.item_owner", key=f"branches.items[{n}].owner", item=item.code, owner=item.owner)
        for n, item in enumerate(config.branch_items)
        if code_key(item.owner) not in departments
    ]
