"""The batch, top to bottom: read the inbox (intake), assess the month (assess), write every output (outputs,
briefs) and publish them with the history (outputs.publish, history), atomically. Also the commands' other
library entry points: briefs again, and the history's list, removal and seeding.

Nothing imported at the top of this module brings pandas: the reading processes start first (see
_import_later_stages).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pbbatch.core.config import Config
from pbbatch.core.errors import Message, PbbatchError
from pbbatch.core.faults import write_fault
from pbbatch.core.periods import Month
from pbbatch.core.processes import collector_frozen
from pbbatch.core.records import Context, Outcome, Problem
from pbbatch.core.stopwatch import Stopwatch
from pbbatch.intake.read import EXIT_NOTHING_WRITTEN, EXIT_OK, EXIT_PROBLEMS, Intake, Progress, read_inbox
from pbbatch.intake.registry_file import load_registry
from pbbatch.intake.workbook import SHEET_ROW_ALLOWANCE, Limits, UnreadableWorkbook, read_workbook
from pbbatch.outputs.publish import WorkspaceLocked, workspace_lock
from pbbatch.site.links import SITE_FOLDER

if TYPE_CHECKING:
    import pandas as pd

    from pbbatch.assess.month import Assessment

__all__ = ["EXIT_NOTHING_WRITTEN", "EXIT_OK", "EXIT_PROBLEMS", "PbbatchError", "RunResult", "run"]
# Earlier results are one row per unit and period: years of a large company exceed a form's row limit.
HISTORY_LIMITS = Limits(rows=1_048_576 - SHEET_ROW_ALLOWANCE, columns=200, cells=20_000_000)


@contextlib.contextmanager
def locked(config: Config) -> Iterator[None]:
    """The workspace lock; held by another run, it is a PbbatchError (exit 2) saying so."""
    try:
        with workspace_lock(config.output):
            yield
    except WorkspaceLocked as exc:
        raise PbbatchError([Message("run.locked", path=exc.path)]) from None


@contextlib.contextmanager
def faults_as_messages(config: Config) -> Iterator[None]:
    """A full disk or a read-only folder: a PbbatchError saying what and where. (A damaged or busy history is
    one already: a HistoryError.)"""
    try:
        yield
    except OSError as exc:
        error = write_fault(exc, config.output)
        if error is None:
            raise
        raise error from None


@dataclass(frozen=True)
class RunResult:
    intake: Intake
    assessment: Assessment
    folder: Path
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)  # the run's own: a rule changed since the period was stored

    departments = property(lambda self: self.assessment.departments)
    branches = property(lambda self: self.assessment.branches)  # quarter-end months only
    payout = property(lambda self: self.assessment.payout)  # quarter-end months only
    draft = property(lambda self: self.assessment.draft)

    @property
    def exit_code(self) -> int:
        return self.intake.exit_code


def run(config: Config, month: Month, progress: Progress | None = None) -> RunResult:
    """The monthly batch, top to bottom: read, assess, write, publish (contract section 4)."""
    clock = Stopwatch()
    ledger = StoredLedger(config, month)
    with faults_as_messages(config), locked(config):
        with clock("intake"):
            intake = read_inbox(config, month, progress, meanwhile=_import_later_stages, review=ledger.review)
        refuse_an_empty_month(intake, config)
        with collector_frozen():  # the inbox's rows and the registry live to the end of the run
            return _assess_and_publish(intake, config, clock, ledger)


def check_inbox(config: Config, month: Month) -> Intake:
    """What `pbbatch check` shows: the inbox read and validated as a run would, receipts against the stored
    ledger included; nothing is written."""
    with faults_as_messages(config):
        return read_inbox(config, month, review=StoredLedger(config, month).review)


class StoredLedger:
    """The stored rectification records a run of `month` builds on (contract section 8), read from the history
    once, when the receipts are checked, and kept for the assessment."""

    def __init__(self, config: Config, month: Month):
        self.config, self.month, self._records = config, month, None

    @property
    def records(self) -> dict[str, list[dict]]:
        if self._records is None:
            from pbbatch.history import store as history
            from pbbatch.rectify.ledger import NAMES, stored_before

            stored = {name: history.load_data(self.config.history, name) for name in NAMES}
            self._records = stored_before(stored, self.month)
        return self._records

    def review(self, outcomes: list[Outcome], context: Context) -> list[Outcome]:
        from pbbatch.rectify.review import review_fix_forms

        return review_fix_forms(outcomes, context, self.records)


def _import_later_stages() -> None:
    """The one speed trick of the run's shape: the stages after intake bring pandas (a quarter of a second of
    imports), so they are imported while the reading processes work, not before they start."""
    import pbbatch.assess.month  # noqa: F401
    import pbbatch.briefs.data  # noqa: F401
    import pbbatch.history.store  # noqa: F401
    import pbbatch.outputs.write  # noqa: F401
    import pbbatch.site.build  # noqa: F401


def _assess_and_publish(intake: Intake, config: Config, clock: Stopwatch, ledger: StoredLedger) -> RunResult:
    from pbbatch.annual.stored import run_data
    from pbbatch.annual.summary import kept_year_data
    from pbbatch.assess.month import Earlier, assess_month, earlier_periods, staff_periods
    from pbbatch.core.rules import RULES, rule_change_notes, rules_in_force
    from pbbatch.briefs.data import briefs_of
    from pbbatch.briefs.notices import letters_of
    from pbbatch.history import store as history
    from pbbatch.letters.history import targets_data
    from pbbatch.outputs.publish import publish
    from pbbatch.outputs.staff import staff_file_names
    from pbbatch.outputs.write import people_files_alongside, write_outputs
    from pbbatch.site.build import write_run_site

    month = intake.month
    earlier = Earlier(month, history.load(config.history, earlier_periods(month)),
                      history.load_data(config.history, "staff", staff_periods(intake)), ledger.records)
    assessment = assess_month(intake, config, earlier, clock)
    periods = [str(month), *([str(month.quarter)] if assessment.branches is not None else [])]
    rules = rules_in_force(config)
    notes = rule_change_notes(history.load_data(config.history, RULES, periods), rules)  # before they are replaced
    with clock("briefs data"):
        briefs = briefs_of(intake, assessment, earlier.month_before, earlier.quarter_before, config)
        letters = letters_of(assessment.rectification, assessment.branches, intake.registry, config)
    folder, names = config.output / str(month), []
    rows = assessment.history_rows()  # what the commit stores, and the site shows
    data = (run_data(assessment) | {(period, RULES): rules for period in periods} | assessment.history_data()
            | reminders_data(month, letters))
    data |= targets_data(intake.letters)  # the year's counted responsibility letters (§7)
    data = kept_year_data(config.history, data)  # a year's data (§7, §10) stored by others stays

    people_go: list[Callable[[], None]] = []

    def write(staging: Path) -> None:
        with written_or_failed():
            names.extend(write_outputs(staging, folder, intake, assessment, briefs, config, clock, notes, letters))
        if assessment.staff is not None:
            names.extend(staff_file_names(assessment.staff, config))  # written by people(), alongside the site
        for go in people_go:
            go()

    @contextlib.contextmanager
    def people(staging: Path) -> Iterator[None]:  # the individual results (§9): made before write(), begun after
        with written_or_failed(), people_files_alongside(staging, folder, assessment.staff, config, clock) as go:
            people_go.append(go)
            yield

    def write_site(staging: Path) -> None:  # from the history as the commit will leave it
        with written_or_failed(), clock("site"):
            write_run_site(staging, config, intake, rows, briefs, data, {str(month): names})

    def commit() -> None:
        with clock("history"):
            history.replace_periods(config.history, rows, history.RUN_SOURCE, briefs, data=data)

    publish(folder, write, commit=commit, also=[(config.output / SITE_FOLDER, write_site)],
            alongside=people if assessment.staff is not None else None)
    files = [folder / n for n in names]
    if month.month == 12:  # the December run writes the year too (contract section 10)
        with clock("year"):
            files += december_year(config, month, intake.registry)
    return RunResult(intake, assessment, folder, files, clock.laps, notes)


def write_year(config: Config, year: int) -> list[Path]:
    """`pbbatch annual`: the year's results and awards from the stored history, under the lock."""
    registry = load_registry(config.registry)
    with faults_as_messages(config), locked(config):
        return publish_year(config, year, registry)


def december_year(config: Config, month: Month, registry) -> list[Path]:
    """The year after December's own outputs are published: a failure here says that the month stands."""
    try:
        return publish_year(config, month.year, registry)
    except PbbatchError as exc:
        raise PbbatchError([Message("annual.year_failed", period=str(month), year=month.year), *exc.messages]) from None


def publish_year(config: Config, year: int, registry) -> list[Path]:
    """Computes the year from the stored history and publishes its files atomically to <output>/<year>/, with
    its unit-level summary in the history and the site's year page."""
    import pandas as pd

    from pbbatch.annual.stored import load_year
    from pbbatch.annual.summary import year_data
    from pbbatch.history import store as history
    from pbbatch.annual.year import assess_year
    from pbbatch.outputs.annual import write_year_files
    from pbbatch.outputs.publish import publish
    from pbbatch.site.build import write_year_site

    result = assess_year(registry, config, load_year(config.history, year))
    if result.empty:
        raise PbbatchError([Message("annual.nothing_stored", year=year, path=config.history)])
    folder, names = config.output / str(year), []

    def write(staging: Path) -> None:
        with written_or_failed():
            names.extend(write_year_files(staging, result, registry, config))

    data = year_data(config.history, result)

    def write_site(staging: Path) -> None:
        with written_or_failed():
            write_year_site(staging, config, data, {str(year): names})

    def commit() -> None:
        history.replace_periods(config.history, pd.DataFrame(columns=history.COLUMNS), history.RUN_SOURCE, data=data)

    publish(folder, write, commit=commit, also=[(config.output / SITE_FOLDER, write_site)])
    return [folder / n for n in names]


@contextlib.contextmanager
def written_or_failed() -> Iterator[None]:
    """A fault of pbbatch itself while writing (in this process or the forked writer) as a message; a full disk
    or a read-only folder go on as OSErrors, which faults_as_messages words."""
    try:
        yield
    except OSError:
        raise
    except Exception as exc:
        raise PbbatchError([Message("run.write_failed", error=f"{type(exc).__name__}: {exc}")]) from exc


def rebuild_site(config: Config) -> Path:
    """The information site again, from the history store alone (`pbbatch site`), swapped in whole."""
    from pbbatch.site.build import build_site
    from pbbatch.site.contents import load_contents
    from pbbatch.outputs.publish import publish

    site = config.output / SITE_FOLDER
    with faults_as_messages(config), locked(config):
        contents = load_contents(config.history)
        publish(site, lambda staging: build_site(staging, contents, config))
    return site


def write_check_board(config: Config, intake: Intake) -> Path | None:
    """The collection board of a check, in the published site; None when a run holds the workspace (the run
    writes its own board)."""
    from pbbatch.site.build import write_board

    try:
        with faults_as_messages(config), workspace_lock(config.output):
            return write_board(config.output / SITE_FOLDER, intake, config)
    except WorkspaceLocked:
        return None


def reminders_data(month: Month, letters: dict) -> dict[tuple[str, str], object]:
    """At quarter end the 提示函's data, stored with the quarter: `pbbatch notices` writes them again from it."""
    return {(str(month.quarter), "reminders"): letters["reminders"]} if month.ends_quarter else {}


def refuse_an_empty_month(intake: Intake, config: Config) -> None:
    """A month in which no file of its own (or of its quarter) was accepted is a mistyped or forgotten --period,
    not a month of zeros: nothing is written or stored (contract section 4)."""
    if intake.accepted_any:
        return
    seen = sorted({str(o.period) for o in intake.outcomes if o.reason == "skip.other_period"})
    raise PbbatchError([Message("run.nothing_accepted", period=str(intake.month), inbox=config.inbox,
                                seen="、".join(seen) or "—")])


def rewrite_briefs(config: Config, month: Month) -> list[Path]:
    """Writes the stored briefs of the month (and its quarter) again, in the configured locale, without reading
    the inbox: for a locale change, or a brief lost or spoiled."""
    from pbbatch.history import store as history
    from pbbatch.briefs.write import write_briefs

    kinds = [(str(month), "departments")] + ([(str(month.quarter), "branches")] if month.ends_quarter else [])
    with faults_as_messages(config):
        briefs = [history.load_brief(config.history, period, kind) for period, kind in kinds]
    if any(b is None for b in briefs):
        raise PbbatchError([Message("brief.not_stored", period=str(month))])
    folder = config.output / str(month)
    with faults_as_messages(config), locked(config):
        folder.mkdir(parents=True, exist_ok=True)
        return [folder / name for name in write_briefs(folder, briefs, config.locale)]


def rewrite_notices(config: Config, month: Month) -> list[Path]:
    """Writes the month's 整改通知書 (and at quarter end the 提示函) again from the stored ledger, without reading
    the inbox; the registry gives the branches' names."""
    from pbbatch.briefs.notices import notice_records, write_notices
    from pbbatch.history import store as history
    from pbbatch.rectify.ledger import NAMES
    from pbbatch.rectify.month import stored_rectification

    registry = load_registry(config.registry)
    with faults_as_messages(config):
        stored = {name: history.load_data(config.history, name) for name in NAMES}
        reminders = history.load_data(config.history, "reminders", [str(month.quarter)]) if month.ends_quarter else {}
    rectification = stored_rectification(stored, config, month)
    if rectification is None:
        raise PbbatchError([Message("rect.no_ledger", period=str(month))])
    notices = notice_records(rectification.statuses, registry, month)
    folder = config.output / str(month)
    with faults_as_messages(config), locked(config):
        folder.mkdir(parents=True, exist_ok=True)
        names = write_notices(folder, notices, reminders.get(str(month.quarter), []), config)
    return [folder / name for name in names]


def stored_period(config: Config, text: str) -> tuple[str, int, str]:
    """The stored month or quarter that `text` names: (period, units, source); a PbbatchError if it is none."""
    from pbbatch.core.periods import parse_period

    period = parse_period(text)
    if period is None or period.kind not in ("month", "quarter"):
        raise PbbatchError([Message("history.bad_period", value=text)])
    stored = stored_history(config)
    row = stored[stored["period"] == str(period)]
    if row.empty:
        raise PbbatchError([Message("history.not_stored", period=str(period))])
    return str(period), int(row["units"].iloc[0]), str(row["source"].iloc[0])


def remove_history(config: Config, period: str) -> int:
    """Removes a stored period (after the caller has confirmed it); its output folder is left alone."""
    from pbbatch.history import store as history

    with locked(config), faults_as_messages(config):
        history.back_up(config.history)  # removing is undone by restoring this copy
        return history.remove_period(config.history, period)


def import_history(config: Config, path: Path) -> tuple[pd.DataFrame, list]:
    """Seed the history store from a workbook of earlier results; nothing is stored if any row is bad."""
    from pbbatch.history.seed import parse_history

    registry = load_registry(config.registry)
    try:
        book = read_workbook(path, limits=HISTORY_LIMITS)
    except UnreadableWorkbook as exc:
        raise PbbatchError([Message("file.named", name=path.name, text=exc.message)]) from None
    frame, problems = parse_history(book, registry, config.band_coefficients)
    if problems or frame.empty:
        return frame, problems
    with faults_as_messages(config), locked(config):
        from pbbatch.history import store as history

        history.replace_periods(config.history, frame, path.name)
    return frame, []


def stored_history(config: Config) -> pd.DataFrame:
    """The stored periods, where each came from and how many units each holds."""
    from pbbatch.history import store as history

    with faults_as_messages(config):
        return history.stored_periods(config.history)


def write_year_letters(config: Config, year: str, out_dir: Path | None = None) -> tuple[Path, int]:
    """The printable responsibility letters of the year's counted letters in the inbox, one per department
    (contract section 7): (the folder, how many departments). A year with none is a PbbatchError saying so."""
    from pbbatch.core.periods import Year, parse_period
    from pbbatch.intake.read import read_letters
    from pbbatch.letters.write import letters_folder, write_letters

    chosen = parse_period(year)
    if not isinstance(chosen, Year):
        raise PbbatchError([Message("letter.bad_year", value=year)])
    registry = load_registry(config.registry)
    counted = read_letters(config, Month(chosen.year, 12), registry)
    if not counted.targets:
        raise PbbatchError([Message("letter.none", year=chosen.year, inbox=config.inbox)])
    folder = out_dir or letters_folder(config, chosen.year)
    with faults_as_messages(config):
        write_letters(counted, registry, config, folder)
    return folder, len(counted.units())
