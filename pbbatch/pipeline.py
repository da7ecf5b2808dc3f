"""The batch, top to bottom: intake -> validate -> choose -> score -> rank -> consequences -> write."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import history
from .brief_data import branch_brief, department_brief
from .briefs import write_briefs
from .branches import BranchQuarter, assess_branches, item_owner_problems
from .branches import history_rows as history_rows_of_quarter
from .consequences import quarterly_payout
from .departments import history_rows as history_rows_of_month
from .catalogue import message
from .config import Config
from .departments import DEPARTMENT_FORMS, DepartmentMonth, assess_departments
from .expected import expected_submissions, missing_submissions
from .intake import take_in_all
from .periods import Month
from .publish import WorkspaceLocked, publish, workspace_lock
from .registry import Registry, RegistryError, load_registry
from .select import choose_submissions
from .validate import REJECTED, Context, Outcome
from .workbook import UnreadableWorkbook, read_workbook
from .outputs import (
    branch_and_brief_files,
    department_files,
    department_workbook_name,
    in_background,
    report_workbook_name,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING_WRITTEN = 0, 1, 2
Progress = Callable[[int, int], None]  # (files done, files in all): called as the inbox is read


class RunError(Exception):
    """Nothing can be done (exit 2); `messages` say why, in the output locale."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Intake:
    month: Month
    registry: Registry
    outcomes: list[Outcome]
    missing: pd.DataFrame

    @property
    def exit_code(self) -> int:
        rejected = any(o.status == REJECTED for o in self.outcomes)
        return EXIT_PROBLEMS if rejected or len(self.missing) else EXIT_OK

    def release_rows(self, forms: tuple[str, ...]) -> None:
        """Lets go of the accepted rows of these forms once the stages have counted them: at 100x the ratings
        are 140 MB that the writer process would otherwise inherit."""
        for outcome in self.outcomes:
            if outcome.form in forms:
                outcome.columns = None

    def count(self, status: str, reason: str | None = None) -> int:
        return sum(o.status == status and (reason is None or o.reason == reason) for o in self.outcomes)


@dataclass(frozen=True)
class RunResult:
    intake: Intake
    departments: DepartmentMonth
    branches: BranchQuarter | None  # quarter-end months only
    payout: pd.DataFrame | None  # quarter-end months only
    folder: Path
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return self.intake.exit_code


def read_inbox(config: Config, month: Month, progress: Progress | None = None) -> Intake:
    """Read and validate every file, choose what counts, and list what is missing. Writes nothing."""
    if not config.inbox.is_dir():
        raise RunError([message("run.no_inbox", config.locale, path=config.inbox)])
    try:
        registry = load_registry(config.registry, config.locale)
    except RegistryError as exc:
        raise RunError(exc.messages) from None
    context = Context(registry=registry, config=config, month=month)
    outcomes = choose_submissions(take_in_all(config.inbox, context, progress), config.locale)
    if month.ends_quarter:
        owner_problems = item_owner_problems(registry, config)
        if owner_problems:
            outcomes.append(Outcome(file="config.toml", status=REJECTED, problems=owner_problems))
    missing = missing_submissions(expected_submissions(registry, month, config), outcomes)
    return Intake(month=month, registry=registry, outcomes=outcomes, missing=missing)


class Stopwatch:
    """Wall time per named stage, for `run --timings` and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.laps[stage] = self.laps.get(stage, 0.0) + time.perf_counter() - start


@contextlib.contextmanager
def locked(config: Config) -> Iterator[None]:
    """The workspace lock; held by another run, it is a RunError (exit 2) saying so."""
    try:
        with workspace_lock(config.output):
            yield
    except WorkspaceLocked as exc:
        raise RunError([message("run.locked", config.locale, path=exc.path)]) from None


def run(config: Config, month: Month, progress: Progress | None = None) -> RunResult:
    """The monthly batch: everything of contract section 4, published atomically under <output>/<period>/.

    Once the departments are assessed, a forked process writes their workbook and the processing report while
    this one assesses the branches and writes the rest: two cores for the two halves of the work."""
    clock = Stopwatch()
    with locked(config):
        with clock("intake"):
            intake = read_inbox(config, month, progress)
        with clock("departments"):
            departments = assess_departments(intake.registry, config, month, intake.outcomes)
            payout = _payout(departments, config, month) if month.ends_quarter else None
        intake.release_rows(DEPARTMENT_FORMS)  # the bulk of the rows, not copied into the writer process
        folder = config.output / str(month)
        done: dict = {"branches": None, "names": []}

        def write(staging: Path) -> None:
            job = functools.partial(department_files, staging, intake, departments, payout, config)
            with in_background(job) as background:
                if month.ends_quarter:
                    with clock("branches"):
                        done["branches"] = _assess_branches(intake, config, month)
                with clock("briefs data"):
                    done["briefs"] = _briefs(intake, departments, done["branches"], payout, config)
                with clock("write outputs"):
                    names = branch_and_brief_files(staging, intake, done["branches"], done["briefs"], config)
                    background.wait()
            done["names"] = [department_workbook_name(month, config), report_workbook_name(month, config), *names]

        def commit() -> None:
            stored = [history_rows_of_month(departments)]
            if done["branches"] is not None:
                stored.append(history_rows_of_quarter(done["branches"]))
            with clock("history"):
                history.replace_periods(config.history, pd.concat(stored, ignore_index=True), "run", done["briefs"])

        publish(folder, write, commit=commit)
    return RunResult(intake=intake, departments=departments, branches=done["branches"], payout=payout,
                     folder=folder, files=[folder / n for n in done["names"]], timings=clock.laps)


def _payout(departments: DepartmentMonth, config: Config, month: Month) -> pd.DataFrame:
    months = history.load(config.history, [str(m) for m in month.quarter.months if m != month])
    return quarterly_payout(departments.ranking, months, month)


def _assess_branches(intake: Intake, config: Config, month: Month) -> BranchQuarter:
    quarter = month.quarter
    earlier = history.load(config.history, [str(quarter.previous()), str(quarter.previous().previous())])
    return assess_branches(intake.registry, config, month, intake.outcomes, earlier)


def _briefs(intake: Intake, departments: DepartmentMonth, branches: BranchQuarter | None,
            payout: pd.DataFrame | None, config: Config) -> list[dict]:
    """The briefs' data, with each unit's movement since the stored period before."""
    month = intake.month
    before = history.load(config.history, [str(month.previous())])
    briefs = [department_brief(departments, before, intake.outcomes, intake.missing, payout, intake.registry, config)]
    if branches is not None:
        before = history.load(config.history, [str(month.quarter.previous())])
        briefs.append(branch_brief(branches, before, intake.outcomes, intake.missing, intake.registry, config))
    return briefs


def rewrite_briefs(config: Config, month: Month) -> list[Path]:
    """Writes the stored briefs of the month (and its quarter) again, in the configured locale, without reading
    the inbox: for a locale change, or a brief lost or spoiled."""
    kinds = [(str(month), "departments")] + ([(str(month.quarter), "branches")] if month.ends_quarter else [])
    briefs = [history.load_brief(config.history, period, kind) for period, kind in kinds]
    if any(b is None for b in briefs):
        raise RunError([message("brief.not_stored", config.locale, period=month)])
    folder = config.output / str(month)
    with locked(config):
        folder.mkdir(parents=True, exist_ok=True)
        return [folder / name for name in write_briefs(folder, briefs, config.locale)]


def import_history(config: Config, path: Path) -> tuple[pd.DataFrame, list]:
    """Seed the history store from a workbook of earlier results; nothing is stored if any row is bad."""
    from .history_import import parse_history

    try:
        registry = load_registry(config.registry, config.locale)
        book = read_workbook(path)
    except RegistryError as exc:
        raise RunError(exc.messages) from None
    except UnreadableWorkbook as exc:
        raise RunError([f"{path.name}: " + message(exc.code, config.locale, detail=exc.detail)]) from None
    frame, problems = parse_history(book, registry, config.locale)
    if problems or frame.empty:
        return frame, problems
    with locked(config):
        history.replace_periods(config.history, frame, path.name)
    return frame, []
