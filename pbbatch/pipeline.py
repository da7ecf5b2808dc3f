"""The batch, top to bottom: intake -> validate -> choose -> score -> rank -> consequences -> write."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import branch_tables, history, tables
from .brief_data import branch_brief, department_brief
from .briefs import write_briefs
from .branches import BranchQuarter, assess_branches, item_owner_problems
from .branches import history_rows as history_rows_of_quarter
from .consequences import quarterly_payout
from .departments import history_rows as history_rows_of_month
from .catalogue import label, message
from .config import Config
from .departments import DepartmentMonth, assess_departments
from .expected import expected_submissions, missing_submissions
from .forms import RATING_TYPES
from .intake import take_in_all
from .periods import Month
from .publish import WorkspaceLocked, publish, workspace_lock
from .registry import Registry, RegistryError, load_registry
from .select import choose_submissions
from .validate import REJECTED, Context, Outcome
from .workbook import UnreadableWorkbook, read_workbook
from .xlsx import GridSheet, Sheet, write_workbook

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

    def release_rows(self) -> None:
        """Lets go of each file's accepted rows once the stages have counted them: at 100x they are 140 MB that
        the writer processes would otherwise inherit."""
        for outcome in self.outcomes:
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
    """The monthly batch: everything of contract section 4, published atomically under <output>/<period>/."""
    clock = Stopwatch()
    with locked(config):
        with clock("intake"):
            intake = read_inbox(config, month, progress)
        with clock("departments"):
            departments = assess_departments(intake.registry, config, month, intake.outcomes)
        branches = payout = None
        stored = [history_rows_of_month(departments)]
        if month.ends_quarter:
            with clock("branches"):
                quarter = month.quarter
                earlier = history.load(config.history, [str(quarter.previous()), str(quarter.previous().previous())])
                branches = assess_branches(intake.registry, config, month, intake.outcomes, earlier)
                months = history.load(config.history, [str(m) for m in quarter.months if m != month])
                payout = quarterly_payout(departments.ranking, months, month)
                stored.append(history_rows_of_quarter(branches))
        with clock("briefs data"):
            briefs = _briefs(intake, departments, branches, payout, config)
        intake.release_rows()
        folder = config.output / str(month)
        names: list[str] = []

        def write(staging: Path) -> None:
            with clock("write outputs"):
                names.extend(write_outputs(staging, intake, departments, branches, payout, briefs, config))

        def commit() -> None:
            with clock("history"):
                history.replace_periods(config.history, pd.concat(stored, ignore_index=True), "run", briefs)

        publish(folder, write, commit=commit)
    return RunResult(intake=intake, departments=departments, branches=branches, payout=payout, folder=folder,
                     files=[folder / n for n in names], timings=clock.laps)


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


def write_outputs(folder: Path, intake: Intake, departments: DepartmentMonth, branches: BranchQuarter | None,
                  payout: pd.DataFrame | None, briefs: list[dict], config: Config) -> list[str]:
    """Every file of the run. The departments' workbook, the largest, is written by a forked process while this
    one writes the rest, so writing uses two cores; the files are the same either way."""
    names = []
    with in_background(functools.partial(department_workbook, folder, intake, departments, payout, config)):
        if branches is not None:
            names.append(branch_workbook(folder, intake, branches, config))
        names.append(report_workbook(folder, intake, config))
        names += write_briefs(folder, briefs, config.locale)
    return [department_workbook_name(intake.month, config), *names]


@contextlib.contextmanager
def in_background(job: Callable[[], object]) -> Iterator[None]:
    """Runs `job` in a forked process during the block and waits for it; without fork, runs it first, here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        job()
        yield
        return
    process = multiprocessing.get_context("fork").Process(target=job)
    process.start()
    try:
        yield
    finally:
        process.join()
    if process.exitcode != 0:
        raise RuntimeError(f"writing in a background process failed (exit code {process.exitcode})")


def _created(month: Month) -> dt.datetime:
    return dt.datetime(month.year, month.month, 1)  # fixed, so the same inputs give the same bytes


def department_workbook_name(month: Month, config: Config) -> str:
    return f"{label('file.dept_monthly', config.locale)}_{month}.xlsx"


def department_workbook(folder: Path, intake: Intake, departments: DepartmentMonth, payout: pd.DataFrame | None,
                        config: Config) -> str:
    locale, registry, month = config.locale, intake.registry, intake.month
    fills = [band if band != "B" else None for band in departments.ranking["band"]]
    sheets = [
        Sheet(label("sheet.ranking", locale), tables.department_ranking(departments, locale),
              _title(config, "file.dept_monthly", month), row_fill=fills, decimals=tables.score_decimals(locale)),
        Sheet(label("sheet.calculation", locale), tables.calculation(departments, config, locale)),
        Sheet(label("sheet.target_detail", locale), tables.target_detail(departments, registry, locale)),
        *(GridSheet(label(f"sheet.{kind}_detail", locale), tables.rating_grid(departments, registry, kind, locale),
                    decimals={label(f"out.{kind}", locale): 2})
          for kind in RATING_TYPES),
        Sheet(label("sheet.rating_sources", locale), tables.rating_sources(departments, registry, locale)),
        Sheet(label("sheet.adjustment_detail", locale), tables.adjustment_rows(departments, registry, locale)),
        Sheet(label("sheet.adjustment_caps", locale), tables.adjustment_caps(departments, registry, locale)),
        Sheet(label("sheet.veto_detail", locale), tables.veto_rows(departments, registry, locale)),
    ]
    if payout is not None:
        sheets.append(Sheet(label("sheet.payout", locale),
                            branch_tables.payout_table(payout, departments.ranking, locale)))
    name = department_workbook_name(month, config)
    write_workbook(folder / name, sheets, _created(month))
    return name


def branch_workbook(folder: Path, intake: Intake, branches: BranchQuarter, config: Config) -> str:
    name = f"{label('file.branch_quarterly', config.locale)}_{branches.quarter}.xlsx"
    write_workbook(folder / name, _branch_sheets(branches, intake.registry, config), _created(intake.month))
    return name


def report_workbook(folder: Path, intake: Intake, config: Config) -> str:
    locale, registry = config.locale, intake.registry
    sheets = [
        Sheet(label("report.sheet.files", locale), tables.files_table(intake.outcomes, registry, locale)),
        Sheet(label("report.sheet.problems", locale), tables.problems_table(intake.outcomes, locale)),
        Sheet(label("report.sheet.missing", locale), tables.missing_table(intake.missing, registry, locale)),
    ]
    name = f"{label('file.report', locale)}_{intake.month}.xlsx"
    write_workbook(folder / name, sheets, _created(intake.month))
    return name


def _branch_sheets(result: BranchQuarter, registry: Registry, config: Config) -> list[Sheet]:
    locale = config.locale
    fills = [band if band != "B" else None for band in result.ranking["band"]]
    return [
        Sheet(label("sheet.ranking", locale), branch_tables.branch_ranking(result, locale),
              _title(config, "file.branch_quarterly", result.quarter), row_fill=fills,
              decimals=branch_tables.score_decimals(locale)),
        Sheet(label("sheet.consequences", locale), branch_tables.consequences_table(result, locale)),
        Sheet(label("sheet.items", locale), branch_tables.item_scores(result, registry, config, locale)),
        Sheet(label("sheet.democratic", locale), branch_tables.democratic_table(result, registry, locale)),
        Sheet(label("sheet.spot_checks", locale), branch_tables.findings_table(result, registry, locale)),
        Sheet(label("sheet.adjustment_detail", locale), tables.adjustment_rows(result, registry, locale)),
        Sheet(label("sheet.adjustment_caps", locale), tables.adjustment_caps(result, registry, locale)),
        Sheet(label("sheet.veto_detail", locale), tables.veto_rows(result, registry, locale)),
    ]


def _title(config: Config, key: str, month: Month) -> str:
    return f"{config.organization_name} {label(key, config.locale)} {month}"
