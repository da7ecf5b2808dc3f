"""The year's review-meeting brief (年度講評會材料, contract section 10) as blocks (see sections.py): the annual
rankings, each unit's totals period by period, the awards and the units not eligible. People's scores never
appear: of the people, only the names of those awarded."""

from __future__ import annotations

from pbbatch.annual.awards import eligibility_text
from pbbatch.annual.stored import months_of, quarters_of
from pbbatch.annual.year import AWARDS, Year
from pbbatch.briefs.sections import NAME, NUMBER, Column, Heading, Lines, Paragraph, Row, Table, Title, score_text
from pbbatch.core.catalogue import label, message
from pbbatch.core.config import Config


def period_columns(year: int, kind: str, locale: str) -> list[str]:
    """The trend's column titles: 1月 … 12月 (Jan … Dec), or 第1季度 … 第4季度 (Q1 … Q4)."""
    if kind == "month":
        return [label(f"annual.month.{m}", locale) for m in range(1, 13)]
    return [message("annual.quarter_column", locale, number=q) for q in range(1, 5)]


def annual_blocks(year: Year, config: Config) -> list:
    locale = config.locale
    t = lambda key: label(key, locale)  # noqa: E731
    m = lambda code, **fields: message(code, locale, **fields)  # noqa: E731
    blocks: list = [Title(m("brief.annual_title", organization=config.organization_name, year=year.year),
                          m("brief.issued", committee=config.committee)),
                    Heading(t("brief.overview"), 1), Paragraph(_overview(year, config))]
    gaps = _empty_periods(year)
    if gaps:
        blocks.append(Paragraph(m("brief.annual_missing", periods=m("brief.list_sep").join(gaps),
                                  no_data=t("brief.no_data"))))

    blocks.append(Heading(t("brief.a_departments"), 1))
    for group, rows in _groups(year.departments):
        blocks += [Heading(group, 2), _ranking(rows, locale)]
    blocks.append(Heading(t("brief.a_branches"), 1))
    for group, rows in _groups(year.branches):
        blocks += ([Heading(group, 2)] if group else []) + [_ranking(rows, locale)]

    blocks.append(Heading(t("brief.a_trend"), 1))
    for group, rows in _groups(year.departments):
        blocks += [Heading(f"{t('brief.a_dept_trend')}（{group}）" if locale != "en"
                           else f"{t('brief.a_dept_trend')} ({group})", 2),
                   _trend(rows, months_of(year.year), period_columns(year.year, "month", locale), locale)]
    blocks.append(Heading(t("brief.a_branch_trend"), 2))
    every_branch = [r for _, rows in _groups(year.branches) for r in rows]
    blocks.append(_trend(every_branch, quarters_of(year.year), period_columns(year.year, "quarter", locale), locale))

    blocks += [Heading(t("brief.a_awards"), 1), Lines(tuple(_award_lines(year, locale)))]
    ineligible = [m("brief.ineligible_line", name=r["unit_name"], reasons=eligibility_text(r["reasons"], locale))
                  for frame in (year.departments, year.branches) for _, rows in _groups(frame) for r in rows
                  if r["reasons"]]
    blocks += [Heading(t("brief.a_ineligible"), 1), Lines(tuple(ineligible) or (t("brief.none"),))]
    return blocks


def _overview(year: Year, config: Config) -> str:
    locale = config.locale
    months = sum(1 for p in months_of(year.year) if any(t[p] is not None for t in year.departments["totals"]))
    quarters = sum(1 for p in quarters_of(year.year) if any(t[p] is not None for t in year.branches["totals"]))
    group = "brief.annual_branch_block" if config.rank_branches_by_block else "brief.annual_branch_company"
    return message("brief.annual_overview", locale, year=year.year, departments=len(year.departments),
                   branches=len(year.branches), months=months, quarters=quarters,
                   branch_group=message(group, locale))


def _empty_periods(year: Year) -> list[str]:
    """Months (quarters) of the year with no stored result of any department (branch)."""
    gaps = []
    for frame, periods in ((year.departments, months_of(year.year)), (year.branches, quarters_of(year.year))):
        gaps += [p for p in periods if len(frame) and all(t[p] is None for t in frame["totals"])]
    return gaps


def _groups(frame) -> list[tuple[str, list[dict]]]:
    """The rows by ranking group in registry order, each by rank (unranked last), then registry order."""
    records = sorted(frame.to_dict("records"), key=lambda r: (10**9 if r["rank"] is None else r["rank"], r["order"]))
    groups: dict[str, list[dict]] = {}
    for group in sorted(dict.fromkeys(frame["group"]), key=lambda g: frame.loc[frame["group"] == g, "order"].min()):
        groups[group] = [r for r in records if r["group"] == group]
    return list(groups.items())


def _name(r: dict, locale: str) -> str:
    if r["vetoed"]:
        return message("brief.vetoed_name", locale, name=r["unit_name"], vetoed=label("out.vetoed", locale))
    return r["unit_name"]


def _ranking(rows: list[dict], locale: str) -> Table:
    t = lambda key: label(key, locale)  # noqa: E731
    columns = (Column(t("out.rank"), width=0.8), Column(t("out.unit_name"), NAME, 2.6), Column(t("out.head"), width=1.2),
               Column(t("annual.score"), NUMBER, 1.1), Column(t("out.band"), width=0.7),
               Column(t("annual.counted"), width=1.0))
    return Table(columns, [Row((_text(r["rank"]), _name(r, locale), _text(r["head"]), score_text(r["total"]),
                                _text(r["band"]), str(sum(v is not None for v in r["totals"].values()))), r["band"])
                           for r in rows])


def _trend(rows: list[dict], periods: list[str], titles: list[str], locale: str) -> Table:
    missing = label("brief.no_data", locale)
    columns = (Column(label("out.unit_name", locale), NAME, 3.0), *[Column(title, NUMBER, 1.0) for title in titles])
    return Table(columns, [Row((r["unit_name"], *[missing if r["totals"][p] is None else score_text(r["totals"][p])
                                                  for p in periods])) for r in rows], fixed=True)


def _award_lines(year: Year, locale: str) -> list[str]:
    sep = message("brief.list_sep", locale)
    lines = []
    for kind, frame in (("departments", year.departments), ("branches", year.branches), ("staff", year.staff)):
        if kind == "staff" and not len(frame):
            continue
        award = label(f"award.{AWARDS[kind]}", locale)
        if kind == "staff":
            by_unit: dict[str, list[str]] = {}
            for r in frame.to_dict("records"):
                if r["award"]:
                    by_unit.setdefault(r["unit_name"], []).append(r["name"])
            parts = [message("brief.award_group", locale, group=unit, names=sep.join(names))
                     for unit, names in by_unit.items()]
        else:
            parts = []
            for group, rows in _groups(frame):
                names = sep.join(r["unit_name"] for r in rows if r["award"])
                if names:
                    parts.append(message("brief.award_group", locale, group=group, names=names) if group else names)
        lines.append(message("brief.award_line", locale, award=award,
                             names=message("annual.reason_sep", locale).join(parts) or label("brief.none", locale)))
    return lines


def _text(value) -> str:
    return "" if value is None else str(value)
