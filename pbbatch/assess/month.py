"""The assessment of a run's month, pure: the departments, at quarter end the payout and the branches, and
whether the run is a draft. The stored history it needs comes in as frames; nothing here reads or writes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from pbbatch.assess.branches import BranchQuarter, assess_branches
from pbbatch.assess.branches import history_rows as branches_history
from pbbatch.assess.consequences import quarterly_payout
from pbbatch.assess.departments import DepartmentMonth, assess_departments
from pbbatch.assess.departments import history_rows as departments_history
from pbbatch.assess.staff import StaffMonth, assess_staff
from pbbatch.core.config import Config
from pbbatch.core.forms import FIX_FORMS
from pbbatch.core.periods import Month
from pbbatch.core.stopwatch import Stopwatch
from pbbatch.intake.read import Intake, uncorrected_rejections
from pbbatch.rectify.ledger import NAMES as LEDGER_NAMES
from pbbatch.rectify.month import Rectification, rectify_month


@dataclass(frozen=True)
class Earlier:
    """What the rules and the briefs need of the stored history: the results of earlier_periods(month), in one
    frame (history.store.load; empty where nothing is stored)."""

    month: Month
    stored: pd.DataFrame
    staff: dict[str, list[dict]] = field(default_factory=dict)  # the quarter's other months' "staff" data
    ledger: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in LEDGER_NAMES})  # §8, stored

    def of(self, periods: list[str]) -> pd.DataFrame:
        return self.stored[self.stored["period"].isin(periods)].reset_index(drop=True)

    @property
    def quarter_months(self) -> pd.DataFrame:
        """The quarter's other months: the payout's coefficients."""
        return self.of([str(m) for m in self.month.quarter.months if m != self.month])

    @property
    def quarters(self) -> pd.DataFrame:
        """The two quarters before: the streaks of 誡勉談話 and 崗位淘汰."""
        before = self.month.quarter.previous()
        return self.of([str(before), str(before.previous())])

    @property
    def month_before(self) -> pd.DataFrame:
        """The ranking the departments' movement (升降) is counted from."""
        return self.of([str(self.month.previous())])

    @property
    def quarter_before(self) -> pd.DataFrame:
        """The ranking the branches' movement is counted from."""
        return self.of([str(self.month.quarter.previous())])


def earlier_periods(month: Month) -> list[str]:
    """Every stored period Earlier reads: the month before; at quarter end also the quarter's other months and
    the two quarters before (the quarter before is the briefs' too)."""
    periods = [str(month.previous())]
    if month.ends_quarter:
        quarter = month.quarter
        periods += [str(m) for m in quarter.months if m != month]
        periods += [str(quarter.previous()), str(quarter.previous().previous())]
    return list(dict.fromkeys(periods))


def staff_periods(intake: Intake) -> list[str]:
    """The stored months whose people a run needs (§9): at quarter end, the quarter's other months."""
    month = intake.month
    if not (intake.registry.has_staff and month.ends_quarter):
        return []
    return [str(m) for m in month.quarter.months if m != month]


@dataclass(frozen=True)
class Assessment:
    departments: DepartmentMonth
    payout: pd.DataFrame | None  # quarter-end months only
    branches: BranchQuarter | None  # quarter-end months only
    draft: bool  # 試算稿: something expected is outstanding, or a unit lacks data
    rectification: Rectification  # §8: the findings' ledger at the month's end
    staff: StaffMonth | None = None  # §9, only when the registry has a 人員 sheet

    def history_rows(self) -> pd.DataFrame:
        """What the history store keeps of the run: the month's departments and, at quarter end, the branches."""
        stored = [departments_history(self.departments)]
        if self.branches is not None:
            stored.append(branches_history(self.branches))
        return pd.concat(stored, ignore_index=True)

    def history_data(self) -> dict[tuple[str, str], object]:
        """Named data the history keeps of the run, by (period, name): the rectification records (§8) and the
        people's month (§9)."""
        return dict(self.rectification.stored) | (self.staff.history_data() if self.staff is not None else {})


def assess_month(intake: Intake, config: Config, earlier: Earlier, clock: Stopwatch | None = None) -> Assessment:
    month, clock = intake.month, clock or Stopwatch()
    payout = branches = None
    with clock("rectification"):
        rectification = rectify_month(intake.outcomes, config, month, earlier.ledger)
    with clock("departments"):
        departments = assess_departments(intake.registry, config, month, intake.outcomes)
        if month.ends_quarter:
            payout = quarterly_payout(departments.ranking, earlier.quarter_months, month)
    if month.ends_quarter:
        with clock("branches"):
            branches = assess_branches(intake.registry, config, month, intake.outcomes, earlier.quarters,
                                       rectification.overdue)
    staff = None
    if intake.registry.has_staff:  # §9 is on: a stage of its own in the timings
        with clock("staff"):
            staff = assess_staff(intake.registry, config, month, intake.outcomes, departments.ranking,
                                 None if branches is None else branches.ranking, earlier.staff)
    draft = is_draft(intake, departments, branches)
    if staff is not None and draft:  # the people's pay rests on the units' coefficients
        staff = replace(staff, units_draft=True)
    return Assessment(departments, payout, branches, draft, rectification, staff)


def is_draft(intake: Intake, departments: DepartmentMonth, branches: BranchQuarter | None) -> bool:
    """A run is a draft (試算稿) while an expected submission is missing or rejected, any submitter's file is
    rejected and not corrected (an as-needed form, or a newer version while an older one counts), or any unit
    lacks a component's data (contract section 4). The 個人考評表 (§9) feed no unit's figure: they make the
    individual results a draft, not the units' (see StaffMonth.draft). A rejected 整改回執表 or 整改驗收表 (§8)
    counts only at quarter end, where it may change a branch's overdue deduction; in another month it changes no
    figure."""
    rankings = [departments.ranking] + ([branches.ranking] if branches is not None else [])
    owed = [o for o in uncorrected_rejections(intake.outcomes)
            if o.form != "staff_eval" and (o.form not in FIX_FORMS or branches is not None)]
    return (bool((intake.missing["form"] != "staff_eval").any())
            or bool(owed)
            or any(len(m) for r in rankings for m in r["missing"]))
