"""The site's pages as data (tables.Page), pure: from the history's contents, in one locale. Nothing here reads
or writes a file; which files a period's output folder holds comes in as `files`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from pbbatch.briefs.sections import draft_lines
from pbbatch.core.periods import Month, Quarter, parse_period
from pbbatch.history.store import RUN_SOURCE
from pbbatch.site.charts import Point, chart
from pbbatch.site.contents import Contents
from pbbatch.site.links import PERIOD_FOLDER, UNIT_FOLDER, file_href, page_name, period_href, unit_href
from pbbatch.site.year import years_section
from pbbatch.site.tables import (
    Cell, Page, Row, Section, Table, Texts, coefficient_text, ranking_table, stored_ranking_table, vetoes_table,
    _number, _rank,
)

Files = Callable[[str], list[str]]  # period -> the names of its files the site links to
KINDS = {"month": "departments", "quarter": "branches"}

# The sections a unit's page ends with (its findings, its targets): (unit_id, texts, root) -> sections, none
# for a unit they say nothing about. The site's builder (build.site_pages) makes them once per site.
ExtraSection = Callable[[str, Texts, str], "list[Section]"]


@functools.lru_cache(maxsize=4096)
def kind_of(period: str) -> str:
    return "branches" if isinstance(parse_period(period), Quarter) else "departments"


def brief_rows(brief: dict) -> list[dict]:
    """A stored brief's ranking rows, in order (the departments' by block)."""
    return brief["rows"] if "rows" in brief else [r for b in brief.get("blocks", []) for r in b["rows"]]


def unit_names(contents: Contents) -> dict[str, str]:
    """Each unit's name, as its latest stored brief says; a unit only ever imported shows its code."""
    names: dict[str, str] = {}
    for _, brief in sorted(contents.briefs.items()):
        names.update((r["unit_id"], r["unit_name"]) for r in brief_rows(brief))
    return names


def result_periods(contents: Contents, kind: str | None = None) -> list[str]:
    """The stored months and quarters; a year is stored only for its data (§7's letters, §10), not as a run."""
    periods = sorted(set(contents.by_period) | set(contents.sources))
    periods = [p for p in periods if isinstance(parse_period(p), (Month, Quarter))]
    return [p for p in periods if kind is None or kind_of(p) == kind]


def _stored_rows(contents: Contents, period: str) -> list[dict]:
    return contents.by_period.get(period, [])


def _file_links(x: Texts, period: str, files: Files, root: str) -> list[Cell]:
    return [Cell(name, file_href(period, name, root)) for name in files(period)]


def _ranking_sections(x: Texts, contents: Contents, period: str, files: Files, root: str, names: dict,
                       heading: str) -> list[Section]:
    """A period's ranking: the stored brief's tables (by block for the departments) under one heading with the
    draft's box and the files; a period without a brief, from the stored results."""
    kind = kind_of(period)
    brief = contents.briefs.get((period, kind))
    links = _file_links(x, period, files, root)
    if brief is None:
        source = contents.sources.get(period, "")
        note = [x.m("site.no_brief", source=source)] if source and source != RUN_SOURCE else []
        return [Section(heading, lines=note, links=links),
                Section(x.t("site.ranking"), stored_ranking_table(x, _stored_rows(contents, period), names, root,
                                                                  f"ranking-{period}"), level=3)]
    title = x.m("brief.draft_title", mark=x.t("draft.mark"), title=heading) if brief.get("draft") else heading
    head = Section(title, draft=draft_lines(brief, x.locale), links=links)
    if kind == "branches":
        return [head, Section(x.t("site.ranking"), ranking_table(x, kind, brief["rows"], root, f"ranking-{period}"),
                              level=3)]
    return [head] + [Section(b["block"], ranking_table(x, kind, b["rows"], root, f"ranking-{period}-{n}"), level=3)
                     for n, b in enumerate(brief["blocks"])]


def home_page(contents: Contents, x: Texts, files: Files, title: str) -> Page:
    """The latest month's departments by block and the latest quarter's branches, then every stored period."""
    names, root = unit_names(contents), ""
    sections = []
    for kind, key in (("departments", "site.month_heading"), ("branches", "site.quarter_heading")):
        periods = result_periods(contents, kind)
        if periods:
            latest = periods[-1]
            sections += _ranking_sections(x, contents, latest, files, root, names,
                                          x.m(key, period=x.period(latest)))
    if not sections:
        sections.append(Section(x.t("site.nothing_stored"), lines=[x.m("site.nothing_stored_hint")]))
    years = years_section(contents, x, root)
    sections += [years] if years else []
    sections.append(_period_list(x, contents, root))
    return Page("index.html", title, sections)


def _period_list(x: Texts, contents: Contents, root: str) -> Section:
    columns = [x.column("out.period"), x.column("site.kind"), x.column("history.units", "num"),
               x.column("history.source")]
    rows = [
        Row([Cell(x.period(p), period_href(p, root)), Cell(x.t(f"site.kind_{kind_of(p)}")),
             Cell(str(len(contents.by_period.get(p, []))), cls="num"), Cell(_source(x, contents.sources.get(p, "")))])
        for p in reversed(result_periods(contents))
    ]
    return Section(x.t("site.periods"), Table(columns, rows))


def _source(x: Texts, source: str) -> str:
    return x.t("history.from_run") if source == RUN_SOURCE else source


def period_page(contents: Contents, period: str, x: Texts, files: Files, names: dict[str, str]) -> Page:
    """A period's rankings, consequences and vetoes, its files, and the month's quarter or the quarter's months."""
    root = "../"
    heading = x.m("site.period_heading", period=x.period(period), kind=x.t(f"site.kind_{kind_of(period)}"))
    sections = _ranking_sections(x, contents, period, files, root, names, heading)
    brief = contents.briefs.get((period, kind_of(period)))
    vetoes = [{**v, "period": period} for v in brief.get("vetoes", [])] if brief else _stored_vetoes(contents, period)
    sections.append(Section(x.t("out.vetoed"), vetoes_table(x, vetoes, root, with_unit=True),
                            lines=[] if vetoes else [x.t("brief.none")]))
    related = _related(contents, period)
    if related:
        sections.append(Section(x.t("site.related"),
                                links=[Cell(x.period(p), period_href(p, root)) for p in related]))
    return Page(f"{PERIOD_FOLDER}/{period}.html", f"{heading}", sections)


def _related(contents: Contents, period: str) -> list[str]:
    value, stored = parse_period(period), set(result_periods(contents))
    wanted = [str(m) for m in value.months] if isinstance(value, Quarter) else \
        ([str(value.quarter)] if value.ends_quarter else [])
    return [p for p in wanted if p in stored]


def _stored_vetoes(contents: Contents, period: str) -> list[dict]:
    """Vetoes kept as named data ("vetoes": per period a list of {unit_id, category, date}), for a period whose
    brief is not stored."""
    names = unit_names(contents)
    return [{**v, "period": period, "unit_name": names.get(v["unit_id"], v["unit_id"])}
            for v in contents.named("vetoes").get(period, []) or []]


def units_page(contents: Contents, x: Texts, names: dict[str, str]) -> Page:
    """Every unit that has results, departments then branches, each linked to its page; filterable."""
    root, sections = "", []
    for kind in ("departments", "branches"):
        ids = sorted({u for u, rows in contents.by_unit.items() if kind_of(rows[0]["period"]) == kind})
        if not ids:
            continue
        columns = [x.column("out.unit_id"), x.column("out.unit_name")]
        rows = [Row([Cell(u), Cell(names.get(u, u), unit_href(u, root), "name")], filter=f"{u} {names.get(u, '')}")
                for u in ids]
        sections.append(Section(x.t(f"site.kind_{kind}"), Table(columns, rows, id=f"units-{kind}", filterable=True)))
    return Page("units.html", x.t("site.units"), sections or [Section(x.t("site.nothing_stored"))])


def unit_page(contents: Contents, unit_id: str, x: Texts, names: dict[str, str],
              extra: Sequence[ExtraSection] = ()) -> Page:
    """A unit's totals, ranks and bands over time (chart and table), consequences and vetoes, then the `extra`
    sections that have something to say about it."""
    root = "../"
    stored = contents.by_unit.get(unit_id, [])
    rows_of = contents.brief_units
    departments = any(kind_of(r["period"]) == "departments" for r in stored)
    columns = [x.column("out.period"), x.column("out.rank", "num"), x.column("out.total", "num"),
               x.column("out.band")]
    columns += [x.column("out.coefficient", "num")] if departments else []
    columns.append(Cell(x.t("site.consequences")))
    table_rows = []
    for r in reversed(stored):
        shown = {**r, **rows_of.get(r["period"], {}).get(unit_id, {})}  # the brief's row adds its consequences
        cells = [Cell(x.period(r["period"]), period_href(r["period"], root)), Cell(_rank(r["rank"]), cls="num"),
                 Cell(_number(r["total"]), cls="num"), Cell(r["band"] or "")]
        cells += [Cell(coefficient_text(r["coefficient"]), cls="num")] if departments else []
        cells.append(Cell(x.consequences(shown), cls="text"))
        table_rows.append(Row(cells, r["band"] or ""))
    vetoes = _unit_vetoes(contents, unit_id)
    sections = [Section(x.t("site.history"), Table(columns, table_rows, id="history")),
                Section(x.t("out.vetoed"), vetoes_table(x, vetoes, root, with_unit=False),
                        lines=[] if vetoes else [x.t("brief.none")])]
    sections += [s for build in extra for s in build(unit_id, x, root)]
    points = [Point(r["period"], r["total"], r["rank"], r["band"], _ranked_with(contents, r)) for r in stored]
    name = names.get(unit_id, "")  # a unit only ever imported has no name in the history
    return Page(f"{UNIT_FOLDER}/{page_name(unit_id)}", f"{unit_id} {name}".strip(), sections,
                lines=[x.t(f"site.kind_{'departments' if departments else 'branches'}")],
                chart=chart(points, x.t("site.chart"), x.t("out.total"), x.t("out.rank")),
                chart_title=x.t("site.chart"))


def _ranked_with(contents: Contents, stored: dict) -> int:
    """How many units a unit was ranked with in a period: its block's, as the period's brief says; for a period
    without a brief (imported), the units of the period in the unit's block as its latest brief gives it."""
    row = contents.brief_units.get(stored["period"], {}).get(stored["unit_id"])
    if row:
        return row["ranked"]
    blocks = contents.latest_blocks
    block = blocks.get(stored["unit_id"])
    others = contents.by_period.get(stored["period"], [])
    return sum(blocks.get(r["unit_id"]) == block for r in others) if block else len(others)


def _unit_vetoes(contents: Contents, unit_id: str) -> list[dict]:
    found = [{**v, "period": p} for (p, _), b in sorted(contents.briefs.items()) for v in b.get("vetoes", [])
             if v["unit_id"] == unit_id]
    seen = {(v["period"], v.get("category"), str(v.get("date"))) for v in found}
    for period, rows in contents.named("vetoes").items():
        for v in rows or []:
            if v.get("unit_id") == unit_id and (period, v.get("category"), str(v.get("date"))) not in seen:
                found.append({**v, "period": period})
    return sorted(found, key=lambda v: (v["period"], str(v.get("date"))), reverse=True)


def unit_ids(contents: Contents) -> list[str]:
    return sorted(contents.by_unit)
