"""The intake stage's end: every file read and validated, the submissions that count chosen, and what is missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pbbatch.core.config import Config
from pbbatch.core.errors import Message, PbbatchError
from pbbatch.core.periods import Month
from pbbatch.core.records import ACCEPTED, REJECTED, SUPERSEDED, Context, Outcome
from pbbatch.core.registry import Registry
from pbbatch.intake.expected import expected_submissions, item_owner_problems, missing_submissions
from pbbatch.intake.letters import Letters, settle_letters
from pbbatch.intake.parallel import LaterContext, take_in_all
from pbbatch.intake.registry_file import load_registry
from pbbatch.intake.select import choose_submissions

if TYPE_CHECKING:
    import pandas as pd

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING_WRITTEN = 0, 1, 2
Progress = Callable[[int, int], None]  # (files done, files in all): called as the inbox is read
# A check over every file once all are read (rectify.review: receipts against the ledger): its outcomes back.
Review = Callable[[list[Outcome], Context], list[Outcome]]


@dataclass(frozen=True)
class Intake:
    month: Month
    registry: Registry
    outcomes: list[Outcome]
    missing: pd.DataFrame
    letters: Letters  # the counted responsibility letters of the month's year (contract section 7)

    @property
    def exit_code(self) -> int:
        rejected = any(o.status == REJECTED for o in self.outcomes)
        return EXIT_PROBLEMS if rejected or len(self.missing) else EXIT_OK

    @property
    def accepted_any(self) -> bool:
        return bool(self.count(ACCEPTED) + self.count(SUPERSEDED))

    def count(self, status: str, reason: str | None = None) -> int:
        return sum(o.status == status and (reason is None or o.reason == reason) for o in self.outcomes)


def uncorrected_rejections(outcomes: list[Outcome]) -> list[Outcome]:
    """Rejected files of a known form and submitter that no later file corrected: what someone still owes."""
    return [o for o in outcomes if o.status == REJECTED and o.form and o.submitter_id]


def read_inbox(config: Config, month: Month, progress: Progress | None = None,
               meanwhile: Callable[[], object] | None = None, review: Review | None = None) -> Intake:
    """Read and validate every file, choose what counts, and list what is missing. Writes nothing.
    `meanwhile` is called while the files are being read (see take_in_all); `review` once all are read, before
    the counted submissions are chosen."""
    if not config.inbox.is_dir():
        raise PbbatchError([Message("run.no_inbox", path=config.inbox)])
    made: list[Context] = []

    def context() -> Context:  # called while the workers begin reading (LaterContext)
        registry = load_registry(config.registry)
        if month.ends_quarter:  # the quarter's key work items are scored by their owners: each must exist
            owner_problems = item_owner_problems(registry, config)
            if owner_problems:
                raise PbbatchError(owner_problems)
        made.append(Context(registry=registry, config=config, month=month))
        return made[0]

    outcomes = take_in_all(config.inbox, LaterContext(config, context), progress, meanwhile)
    context, registry = made[0], made[0].registry
    outcomes, letters = settle_letters(outcomes, context)
    if review is not None:
        outcomes = review(outcomes, context)
    outcomes = choose_submissions(outcomes)
    missing = missing_submissions(expected_submissions(registry, month, config), outcomes, registry)
    return Intake(month=month, registry=registry, outcomes=outcomes, missing=missing, letters=letters)


def read_letters(config: Config, month: Month, registry: Registry | None = None) -> Letters:
    """The counted responsibility letters of the month's year, as a run of that month counts them (none when
    there is no inbox): for the blank forms and the printable letters, which the inbox alone decides."""
    if not config.inbox.is_dir():
        return Letters(month.year)
    registry = registry or load_registry(config.registry)
    context = Context(registry=registry, config=config, month=month)
    return settle_letters(take_in_all(config.inbox, context), context)[1]
