"""The year of contract section 10, pure: from the stored history (stored.YearInput) to the annual rankings,
the eligibility of every unit and person, and the awards."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pbbatch.annual.awards import ADVANCED_BRANCH, EXCELLENT_DEPARTMENT, EXCELLENT_STAFF, awarded
from pbbatch.annual.people import staff_year
from pbbatch.annual.stored import YearInput
from pbbatch.annual.targets import letter_results
from pbbatch.annual.units import branch_year, department_year
from pbbatch.core.config import Config
from pbbatch.core.registry import Registry


@dataclass(frozen=True)
class Year:
    year: int
    departments: pd.DataFrame  # units.department_year, with `award`
    branches: pd.DataFrame  # units.branch_year, with `award`
    staff: pd.DataFrame  # people.staff_year, with `award`; empty without §9's data
    letters: pd.DataFrame | None  # targets.letter_results; None when no letter of the year is stored

    @property
    def stored_months(self) -> int:
        return sum(1 for v in _periods(self.departments) if v)

    @property
    def empty(self) -> bool:
        return self.departments["total"].isna().all() and self.branches["total"].isna().all()


def _periods(frame: pd.DataFrame) -> list[bool]:
    if frame.empty:
        return []
    periods = list(frame["totals"].iloc[0])
    return [any(t.get(p) is not None for t in frame["totals"]) for p in periods]


def assess_year(registry: Registry, config: Config, stored: YearInput) -> Year:
    rounding = config.band_rounding
    departments = department_year(registry, config, stored)
    departments["award"] = awarded(departments, "group", config.excellent_departments, rounding)
    branches = branch_year(registry, config, stored)
    branches["award"] = awarded(branches, "group", config.advanced_branches, rounding)
    staff = staff_year(registry, config, stored)
    staff["award"] = awarded(staff, "unit_id", config.excellent_staff, rounding) if len(staff) else []
    letters = letter_results(stored) if stored.letters else None
    return Year(stored.year, departments, branches, staff, letters)


AWARDS = {"departments": EXCELLENT_DEPARTMENT, "branches": ADVANCED_BRANCH, "staff": EXCELLENT_STAFF}
