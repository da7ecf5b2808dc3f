"""Which accepted files count: the latest resubmission per key, every distinct file of accumulating forms; and
which rejected files a later accepted one has corrected."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pbbatch.core.errors import Message
from pbbatch.core.forms import FORMS
from pbbatch.core.records import ACCEPTED, CORRECTED, REJECTED, SKIPPED, SUPERSEDED, WARNING, Outcome, Problem


def submission_key(outcome: Outcome) -> tuple:
    return (outcome.form, str(outcome.period), outcome.submitter_id, outcome.rating_type)


def _recency(outcome: Outcome) -> tuple:
    """Highest 版本, then latest 填報日期 (none is oldest), then latest modification time, then name."""
    return (outcome.version, outcome.filled_on or dt.date.min, outcome.mtime, outcome.file)


def choose_submissions(outcomes: list[Outcome]) -> list[Outcome]:
    """The same outcomes, with displaced resubmissions marked superseded, repeated content skipped, and rejected
    files that a later accepted file of their submission met marked corrected."""
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
                outcome = dataclasses.replace(outcome, status=SKIPPED, note=Message("skip.duplicate", other=first.file))
        elif outcome.status == ACCEPTED:
            winner = latest[submission_key(outcome)]
            if winner is not outcome:
                outcome = dataclasses.replace(
                    outcome, status=SUPERSEDED, note=Message("superseded.by", other=winner.file),
                    problems=outcome.problems + _tie_warning(outcome, winner),
                )
        result.append(outcome)
    return mark_corrected(result)


def _tie_warning(loser: Outcome, winner: Outcome) -> list[Problem]:
    """Two different files that tie on 版本 and 填報日期: the modification time decided, which nobody chose."""
    if _recency(loser)[:2] != _recency(winner)[:2] or loser.sha256 == winner.sha256:
        return []
    fields = {"file": loser.file, "other": winner.file, "version": winner.version}
    return [Problem(loser.file, "", "", WARNING, "select.version_tie", fields)]


def _correction_key(outcome: Outcome) -> tuple:
    return (outcome.form, str(outcome.period), outcome.submitter_id, outcome.rating_type or None)


def mark_corrected(outcomes: list[Outcome]) -> list[Outcome]:
    """A rejected file whose submission a later accepted file met is corrected: nothing is left to fix."""
    accepted: dict[tuple, list[Outcome]] = {}
    for o in outcomes:
        if o.status in (ACCEPTED, SUPERSEDED) or o.reason == "skip.duplicate":
            accepted.setdefault(_correction_key(o), []).append(o)
    result = []
    for o in outcomes:
        if o.status == REJECTED and o.form and o.period is not None and o.submitter_id:
            later = [a for a in accepted.get(_correction_key(o), []) if _recency(a) > _recency(o)]
            if later:
                by = max(later, key=_recency)
                o = dataclasses.replace(o, status=CORRECTED, note=Message("corrected.by", other=by.file))
        result.append(o)
    return result
