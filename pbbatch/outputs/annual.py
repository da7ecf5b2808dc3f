"""The year's files (contract section 10): 年度考核_<YYYY>.xlsx and 年度講評會材料_<YYYY>.html/.docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pbbatch.annual.awards import eligibility_text
from pbbatch.annual.year import AWARDS, Year
from pbbatch.briefs.annual import annual_blocks, period_columns
from pbbatch.briefs.render import render_blocks
from pbbatch.briefs.word import docx_bytes
from pbbatch.core.catalogue import label
from pbbatch.core.config import Config
from pbbatch.core.forms import target_category_text
from pbbatch.core.registry import Registry
from pbbatch.outputs.xlsx import Sheet, write_workbook


def year_file_names(year: int, config: Config) -> list[str]:
    brief = f"{label('file.annual_brief', config.locale)}_{year}"
    return [f"{label('file.annual', config.locale)}_{year}.xlsx", f"{brief}.html", f"{brief}.docx"]


def write_year_files(folder: Path, year: Year, registry: Registry, config: Config) -> list[str]:
    workbook, html, document = year_file_names(year.year, config)
    write_workbook(folder / workbook, year_sheets(year, registry, config), dt.datetime(year.year, 12, 1),
                   config.locale)
    blocks = annual_blocks(year, config)
    (folder / html).write_text(render_blocks(blocks, config.locale), encoding="utf-8")
    (folder / document).write_bytes(docx_bytes(blocks, config.locale, f"{year.year}-12"))
    return [workbook, html, document]


def year_sheets(year: Year, registry: Registry, config: Config) -> list[Sheet]:
    locale = config.locale
    t = lambda key: label(key, locale)  # noqa: E731
    title = f"{config.organization_name} {t('file.annual')} {year.year}"
    score = {t("annual.score"): 2}
    sheets = [
        Sheet(t("sheet.annual_departments"), unit_ranking(year.departments, locale, True, "month"), title,
              row_fill=_fills(year.departments), decimals=score | dict.fromkeys(period_columns(year.year, "month", locale), 2)),
        Sheet(t("sheet.annual_branches"), unit_ranking(year.branches, locale, config.rank_branches_by_block, "quarter"),
              title,
              row_fill=_fills(year.branches), decimals=score | dict.fromkeys(period_columns(year.year, "quarter", locale), 2)),
    ]
    if len(year.staff):
        sheets.append(Sheet(t("sheet.annual_staff"), staff_ranking(year.staff, locale), title, decimals=score))
    sheets += [Sheet(t("sheet.awards"), awards_table(year, locale), title, decimals=score),
               Sheet(t("sheet.eligibility"), eligibility_table(year, locale), title, decimals=score)]
    if year.letters is not None:
        sheets.append(Sheet(t("sheet.letters"), letters_table(year.letters, registry, locale), title))
    return sheets


def _fills(frame: pd.DataFrame) -> list[str | None]:
    return [band if band in ("A", "C") else None for band in frame["band"]]


def _yes(flag: bool, locale: str) -> str:
    return label("yes", locale) if flag else ""


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Group by group in registry order, then rank (unranked last), then registry order."""
    first = frame.groupby("group", sort=False)["order"].transform("min")
    ranks = frame["rank"].map(lambda r: 10**9 if r is None else r)
    return frame.assign(_g=first, _r=ranks).sort_values(["_g", "_r", "order"], kind="stable")


def unit_ranking(frame: pd.DataFrame, locale: str, with_block: bool, kind: str) -> pd.DataFrame:
    """`kind`: "month" (departments) or "quarter" (branches), the periods of the trend's columns."""
    t = lambda key: label(key, locale)  # noqa: E731
    frame = _sorted(frame)
    columns = {}
    if with_block:
        columns[t("out.block")] = frame["block"]
    columns |= {
        t("out.rank"): frame["rank"], t("out.unit_id"): frame["unit_id"], t("out.unit_name"): frame["unit_name"],
        t("out.head"): frame["head"], t("annual.score"): frame["total"],
        t("out.vetoed"): [_yes(v, locale) for v in frame["vetoed"]], t("out.band"): frame["band"],
        t("annual.counted"): [sum(v is not None for v in totals.values()) for totals in frame["totals"]],
        t("annual.missing"): ["、".join(m) for m in frame["missing"]],
        t("annual.c_times"): [len(c) for c in frame["c_periods"]],
    }
    if len(frame):
        periods = list(frame["totals"].iloc[0])
        for period, column in zip(periods, period_columns(int(periods[0][:4]), kind, locale)):
            columns[column] = [totals[period] for totals in frame["totals"]]
    return pd.DataFrame(columns)


def staff_ranking(staff: pd.DataFrame, locale: str) -> pd.DataFrame:
    t = lambda key: label(key, locale)  # noqa: E731
    return pd.DataFrame({
        t("out.unit_id"): staff["unit_id"], t("out.unit_name"): staff["unit_name"],
        t("annual.staff_id"): staff["staff_id"], t("name"): staff["name"], t("annual.score"): staff["total"],
        t("annual.unit_rank"): staff["rank"],
        t("annual.counted"): [sum(v is not None for v in s.values()) for s in staff["scores"]],
        t("annual.missing"): ["、".join(m) for m in staff["missing"]],
        t("annual.c_times"): [len(c) for c in staff["c_months"]],
        t("annual.note"): [m.render(locale) if m is not None else "" for m in staff["moved"]],
    })


def _people_rows(year: Year) -> list[tuple[str, dict]]:
    rows = [("departments", r) for r in _sorted(year.departments).to_dict("records")]
    rows += [("branches", r) for r in _sorted(year.branches).to_dict("records")]
    return rows + [("staff", r) for r in year.staff.to_dict("records")]


def awards_table(year: Year, locale: str) -> pd.DataFrame:
    t = lambda key: label(key, locale)  # noqa: E731
    rows = []
    for kind in AWARDS:
        for what, r in _people_rows(year):
            if what == kind and r["award"]:
                group = r["unit_name"] if kind == "staff" else r["block"] if kind == "departments" else r["group"]
                rows.append((t(f"award.{AWARDS[kind]}"), group, r["rank"], r["unit_id"], r["unit_name"],
                             r.get("staff_id", ""), r.get("name", "") if kind == "staff" else "", r["total"]))
    return pd.DataFrame(rows, columns=[t("annual.award"), t("out.block") + "/" + t("out.unit_name"), t("out.rank"),
                                       t("out.unit_id"), t("out.unit_name"), t("annual.staff_id"), t("name"),
                                       t("annual.score")])


def eligibility_table(year: Year, locale: str) -> pd.DataFrame:
    t = lambda key: label(key, locale)  # noqa: E731
    kinds = {"departments": t("kind.department"), "branches": t("kind.branch"), "staff": t("annual.kind_staff")}
    rows = [(kinds[what], r["unit_id"], r["unit_name"], r.get("staff_id", "") if what == "staff" else "",
             r.get("name", "") if what == "staff" else "", r["rank"], r["total"],
             eligibility_text(r["reasons"], locale), t(f"award.{AWARDS[what]}") if r["award"] else "")
            for what, r in _people_rows(year)]
    return pd.DataFrame(rows, columns=[t("kind"), t("out.unit_id"), t("out.unit_name"), t("annual.staff_id"),
                                       t("name"), t("out.rank"), t("annual.score"), t("annual.eligibility"),
                                       t("annual.award")])


def letters_table(letters: pd.DataFrame, registry: Registry, locale: str) -> pd.DataFrame:
    t = lambda key: label(key, locale)  # noqa: E731
    months = lambda ms: "、".join(str(m) for m in ms)  # noqa: E731
    return pd.DataFrame({
        t("out.unit_id"): letters["unit_id"], t("out.unit_name"): letters["unit_id"].map(registry.name_of),
        t("targets.category"): letters["category"].map(lambda c: target_category_text(c, locale)), t("targets.target"): letters["target"],
        t("targets.points"): letters["points"], t("letter.months"): letters["months"].map(months),
        t("letter.scored"): letters["scored"].map(months), t("letter.score"): letters["score"],
        t("letter.possible"): letters["possible"],
        t("letter.outcome"): letters["outcome"].map(lambda o: t(f"outcome.{o}")),
        t("letter.unscored"): letters["unscored"].map(months),
    })
