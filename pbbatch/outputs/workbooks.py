"""The run's workbooks: which tables go in which workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pbbatch.outputs import branch_tables

from pbbatch.outputs import tables
from pbbatch.outputs.ledger_tables import ledger_table
from pbbatch.rectify.month import Rectification
from pbbatch.assess.branches import BranchQuarter
from pbbatch.core.catalogue import label, message
from pbbatch.core.config import Config
from pbbatch.assess.departments import DepartmentMonth
from pbbatch.core.forms import RATING_TYPES
from pbbatch.core.periods import Month
from pbbatch.core.records import Problem
from pbbatch.core.registry import Registry
from pbbatch.outputs.xlsx import GridSheet, Sheet, write_workbook

if TYPE_CHECKING:
    from pbbatch.intake.read import Intake


def _created(month: Month) -> dt.datetime:
    return dt.datetime(month.year, month.month, 1)  # fixed, so the same inputs give the same bytes


def department_workbook_name(month: Month, config: Config) -> str:
    return f"{label('file.dept_monthly', config.locale)}_{month}.xlsx"


def department_workbook(folder: Path, intake: Intake, departments: DepartmentMonth, payout: pd.DataFrame | None,
                        config: Config, draft: bool = False) -> str:
    locale, registry, month = config.locale, intake.registry, intake.month
    fills = [band if band != "B" else None for band in departments.ranking["band"]]
    sheets = [
        Sheet(label("sheet.ranking", locale), tables.department_ranking(departments, locale),
              _title(config, "file.dept_monthly", month, draft), row_fill=fills, decimals=tables.score_decimals(locale),
              banner=_banner(config, draft)),
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
    write_workbook(folder / name, _marked(sheets, config, draft), _created(month), config.locale)
    return name


def report_workbook_name(month: Month, config: Config) -> str:
    return f"{label('file.report', config.locale)}_{month}.xlsx"


def branch_workbook(folder: Path, intake: Intake, branches: BranchQuarter, config: Config, draft: bool = False) -> str:
    name = f"{label('file.branch_quarterly', config.locale)}_{branches.quarter}.xlsx"
    sheets = _marked(_branch_sheets(branches, intake.registry, config, draft), config, draft)
    write_workbook(folder / name, sheets, _created(intake.month), config.locale)
    return name


def report_workbook(folder: Path, intake: Intake, config: Config, notes: list[Problem] = ()) -> str:
    """The processing report; `notes` are the run's own problems (not of a file), listed after the files'."""
    locale, registry = config.locale, intake.registry
    sheets = [
        Sheet(label("report.sheet.files", locale), tables.files_table(intake.outcomes, registry, locale)),
        Sheet(label("report.sheet.problems", locale), tables.problems_table(intake.outcomes, locale, notes)),
        Sheet(label("report.sheet.missing", locale), tables.missing_table(intake.missing, registry, locale)),
    ]
    name = report_workbook_name(intake.month, config)
    write_workbook(folder / name, sheets, _created(intake.month), config.locale)
    return name


def ledger_workbook(folder: Path, rectification: Rectification, registry: Registry, config: Config) -> str:
    """整改台賬_<month>.xlsx: every finding ever opened with its status at the month's end, overdue first (their
    rows shaded)."""
    locale, month, statuses = config.locale, rectification.month, rectification.statuses
    title = message("rect.ledger_title", locale, organization=config.organization_name, date=month.last_day.isoformat())
    fills = ["C" if s == "overdue" else None for s in statuses["status"]]
    sheet = Sheet(label("sheet.ledger", locale), ledger_table(statuses, registry, locale), title, row_fill=fills,
                  decimals={label("finding.deduction", locale): 1})
    name = f"{label('file.ledger', locale)}_{month}.xlsx"
    write_workbook(folder / name, [sheet], _created(month), locale)
    return name


def _branch_sheets(result: BranchQuarter, registry: Registry, config: Config, draft: bool) -> list[Sheet]:
    locale = config.locale
    fills = [band if band != "B" else None for band in result.ranking["band"]]
    ranking = branch_tables.branch_ranking(result, locale, config.rank_branches_by_block)
    return [
        Sheet(label("sheet.ranking", locale), ranking,
              _title(config, "file.branch_quarterly", result.quarter, draft), row_fill=fills,
              decimals=branch_tables.score_decimals(locale), banner=_banner(config, draft)),
        Sheet(label("sheet.consequences", locale), branch_tables.consequences_table(result, locale)),
        Sheet(label("sheet.items", locale), branch_tables.item_scores(result, registry, config, locale)),
        Sheet(label("sheet.democratic", locale), branch_tables.democratic_table(result, registry, locale)),
        Sheet(label("sheet.spot_checks", locale), branch_tables.findings_table(result, registry, locale)),
        Sheet(label("sheet.adjustment_detail", locale), tables.adjustment_rows(result, registry, locale)),
        Sheet(label("sheet.adjustment_caps", locale), tables.adjustment_caps(result, registry, locale)),
        Sheet(label("sheet.veto_detail", locale), tables.veto_rows(result, registry, locale)),
    ]


def _title(config: Config, key: str, month: Month, draft: bool = False) -> str:
    mark = f"{label('draft.mark', config.locale)} " if draft else ""
    return f"{mark}{config.organization_name} {label(key, config.locale)} {month}"


def _marked(sheets: list, config: Config, draft: bool) -> list:
    """A draft's sheets each printed under the mark: a page of details (the 季度兌現's coefficients, say) printed
    alone must not look final. (The ranking carries its own title, mark and banner.)"""
    if not draft:
        return sheets
    mark = label("draft.mark", config.locale)
    return [sheet if sheet.title else replace(sheet, title=f"{mark} {sheet.name}") for sheet in sheets]


def _banner(config: Config, draft: bool) -> str:
    """The row above a draft's ranking: a sheet that looks final must be final."""
    return message("draft.banner", config.locale) if draft else ""
