"""The run after intake: assess the departments (and at quarter end the branches), write every output, and
publish them with the history, atomically."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pbbatch.history import store as history
from pbbatch.briefs.data import branch_brief, department_brief
from pbbatch.core.records import REJECTED
from pbbatch.assess.branches import BranchQuarter, assess_branches
from pbbatch.assess.branches import history_rows as history_rows_of_quarter
from pbbatch.core.config import Config
from pbbatch.assess.consequences import quarterly_payout
from pbbatch.assess.departments import DEPARTMENT_FORMS, DepartmentMonth, assess_departments
from pbbatch.assess.departments import history_rows as history_rows_of_month
from pbbatch.core.faults import child_faults, named_as_published
from pbbatch.outputs.workbooks import (
    branch_and_brief_files,
    department_files,
    department_workbook_name,
    in_background,
    report_workbook_name,
)
from pbbatch.core.periods import Month
from pbbatch.run import Intake, Stopwatch
from pbbatch.outputs.publish import publish


@dataclass(frozen=True)
class RunResult:
    intake: Intake
    departments: DepartmentMonth
    branches: BranchQuarter | None  # quarter-end months only
    payout: pd.DataFrame | None  # quarter-end months only
    folder: Path
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    draft: bool = False  # 試算稿: something expected is outstanding, or a unit lacks data

    @property
    def exit_code(self) -> int:
        return self.intake.exit_code


def assess_and_publish(intake: Intake, config: Config, clock: Stopwatch) -> RunResult:
    """Assess everything first; then a forked process writes the departments' workbook and the processing report
    while this one writes the rest: two cores for the two halves of the writing."""
    month = intake.month
    with clock("departments"):
        departments = assess_departments(intake.registry, config, month, intake.outcomes)
        payout = _payout(departments, config, month) if month.ends_quarter else None
    branches: BranchQuarter | None = None
    if month.ends_quarter:
        with clock("branches"):
            branches = _assess_branches(intake, config, month)
    draft = is_draft(intake, departments, branches)
    with clock("briefs data"):
        briefs = _briefs(intake, departments, branches, payout, config, draft)
    intake.release_rows(DEPARTMENT_FORMS)  # the bulk of the rows, not copied into the writer process
    folder = config.output / str(month)
    names: list[str] = []

    def write(staging: Path) -> None:
        nonlocal names
        with named_as_published(staging, folder), child_faults() as faults:
            job = faults.wrap(functools.partial(department_files, staging, intake, departments, payout, config, draft))
            with in_background(job) as wait_for_writer:
                with clock("write outputs"):
                    written = branch_and_brief_files(staging, intake, branches, briefs, config, draft)
                    wait_for_writer()
        names = [department_workbook_name(month, config), report_workbook_name(month, config), *written]

    def commit() -> None:
        stored = [history_rows_of_month(departments)]
        if branches is not None:
            stored.append(history_rows_of_quarter(branches))
        with clock("history"):
            history.replace_periods(config.history, pd.concat(stored, ignore_index=True), history.RUN_SOURCE, briefs)

    publish(folder, write, commit=commit)
    return RunResult(intake=intake, departments=departments, branches=branches, payout=payout, folder=folder,
                     files=[folder / n for n in names], timings=clock.laps, draft=draft)


def _payout(departments: DepartmentMonth, config: Config, month: Month) -> pd.DataFrame:
    months = history.load(config.history, [str(m) for m in month.quarter.months if m != month])
    return quarterly_payout(departments.ranking, months, month)


def _assess_branches(intake: Intake, config: Config, month: Month) -> BranchQuarter:
    quarter = month.quarter
    earlier = history.load(config.history, [str(quarter.previous()), str(quarter.previous().previous())])
    return assess_branches(intake.registry, config, month, intake.outcomes, earlier)


def _briefs(intake: Intake, departments: DepartmentMonth, branches: BranchQuarter | None,
            payout: pd.DataFrame | None, config: Config, draft: bool) -> list[dict]:
    """The briefs' data, with each unit's movement since the stored period before."""
    month = intake.month
    before = history.load(config.history, [str(month.previous())])
    briefs = [department_brief(departments, before, intake.outcomes, intake.missing, payout, intake.registry, config,
                               draft)]
    if branches is not None:
        before = history.load(config.history, [str(month.quarter.previous())])
        briefs.append(branch_brief(branches, before, intake.outcomes, intake.missing, intake.registry, config, draft))
    return briefs


def is_draft(intake: Intake, departments: DepartmentMonth, branches: BranchQuarter | None) -> bool:
    """A run is a draft (試算稿) while an expected submission is missing or rejected, any submitter's file is
    rejected and not corrected (an as-needed form, or a newer version while an older one counts), or any unit
    lacks a component's data (contract section 4)."""
    rankings = [departments.ranking] + ([branches.ranking] if branches is not None else [])
    return (len(intake.missing) > 0
            or any(o.status == REJECTED and o.form and o.submitter_id for o in intake.outcomes)
            or any(len(m) for r in rankings for m in r["missing"]))
