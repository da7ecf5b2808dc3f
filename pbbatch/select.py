"""Which accepted files count: the latest resubmission per key, every distinct file of accumulating forms."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .catalogue import message
from .forms import FORMS
from .validate import ACCEPTED, SKIPPED, SUPERSEDED, Outcome


def submission_key(outcome: Outcome) -> tuple:
    return (outcome.form, str(outcome.period), outcome.submitter_id, outcome.rating_type)


def _recency(outcome: Outcome) -> tuple:
    """Highest 版本, then latest 填報日期 (none is oldest), then latest modification time, then name."""
    return (outcome.version, outcome.filled_on or dt.date.min, outcome.mtime, outcome.file)


def choose_submissions(outcomes: list[Outcome], locale: str) -> list[Outcome]:
    """The same outcomes, with displaced resubmissions marked superseded and repeated content skipped."""
    latest: dict[tuple, Outcome] = {}
    first_by_content: dict[str, Outcome] = {}
    for outcome in outcomes:
        if outcome.status != ACCEPTED:
            continue
        if FORMS[outcome.form].accumulates:
            first_by_content.setdefault(outcome.sha256, outcome)
            continue
        key = submission_key(outcome)
        if key not in latest or _recency(outcome) > _recency(latest[key]):
            latest[key] = outcome
    result = []
    for outcome in outcomes:
        if outcome.status == ACCEPTED and FORMS[outcome.form].accumulates:
            first = first_by_content[outcome.sha256]
            if first is not outcome:
                outcome = dataclasses.replace(
                    outcome, status=SKIPPED, reason="skip.duplicate",
                    note=message("skip.duplicate", locale, other=first.file)
                )
        elif outcome.status == ACCEPTED:
            winner = latest[submission_key(outcome)]
            if winner is not outcome:
                outcome = dataclasses.replace(
                    outcome, status=SUPERSEDED, reason="superseded.by",
                    note=message("superseded.by", locale, other=winner.file)
                )
        result.append(outcome)
    return result
