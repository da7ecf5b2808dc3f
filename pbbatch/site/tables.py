"""Tables as the site's templates draw them: columns, rows of cells (text, an optional link, a class), a row's
band for its shade and the text the optional filter script matches. Every text here is in the locale, and goes
to the template as data (autoescaped)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pbbatch.briefs.sections import VETO_CATEGORIES, period_text, score_cell, settled
from pbbatch.core.catalogue import fold, label, message
from pbbatch.core.scores import BRANCH_SCORES, DEPARTMENT_SCORES
from pbbatch.site.links import period_href, unit_href


FILTER_FROM = 20  # a ranking longer than this gets the filter box (when scripts run)


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""
    cls: str = ""
    items: tuple[str, ...] = ()  # lines listed under the text (the board's problems)


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    band: str = ""
    filter: str = ""


@dataclass(frozen=True)
class Table:
    columns: list[Cell]
    rows: list[Row]
    id: str = ""
    filterable: bool = False


@dataclass(frozen=True)
class Section:
    """A titled part of a page (h2, or h3 at level 3): a draft's box, lines, links to files, a table."""

    title: str
    table: Table | None = None
    lines: list[str] = field(default_factory=list)
    level: int = 2
    draft: list[str] = field(default_factory=list)
    links: list[Cell] = field(default_factory=list)
    id: str = ""


@dataclass(frozen=True)
class Page:
    """One page of the site: `path` within the site folder, `root` the way back to the site folder from it."""

    path: str
    title: str
    sections: list[Section]
    lines: list[str] = field(default_factory=list)
    chart: str | None = None  # the SVG (charts.chart), markup
    chart_title: str = ""

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")

    @property
    def filter(self) -> bool:
        return any(s.table is not None and s.table.filterable for s in self.sections)


class Texts:
    """Labels and messages in one locale, and the cell texts the pages share."""

    def __init__(self, locale: str):
        self.locale = locale
        self._periods: dict[str, str] = {}

    def t(self, key: str) -> str:
        return label(key, self.locale)

    def m(self, code: str, /, **fields) -> str:
        return message(code, self.locale, **fields)

    def period(self, period: str) -> str:
        if period not in self._periods:
            self._periods[period] = period_text(period, self.locale)
        return self._periods[period]

    def column(self, key: str, cls: str = "") -> Cell:
        return Cell(self.t(key), cls=cls)

    def veto_category(self, category: str) -> str:
        key = VETO_CATEGORIES.get(fold(category))
        return self.t(key) if key else category

    def consequences(self, row: dict) -> str:
        """A unit's consequences of a period, from its brief row (or, for an imported period, its stored flags),
        each marked 待定 where the unit's figures are not settled."""
        words = [self.t("out.vetoed")] if row.get("vetoed") else []
        if row.get("reflection"):
            words.append(self.t("out.reflection"))
        if row.get("reward"):
            words.append(self.m("site.reward", amount=f"{row['reward']:,.0f}"))
        words += [self.t(f"out.{flag}") for flag in ("low", "last", "admonish", "removal") if row.get(flag)]
        return self.m("brief.list_sep").join(settled(w, row, self.locale) for w in words)


def _number(value, places: int = 2) -> str:
    return "" if value is None or value != value else f"{value:.{places}f}"


def _rank(value) -> str:
    return "" if value is None or value != value else str(int(value))


def coefficient_text(value) -> str:
    return "" if value is None or value != value else f"{value * 100:.0f}%"


def ranking_table(x: Texts, kind: str, rows: list[dict], root: str, id: str = "") -> Table:
    """A brief's ranking (its rows as stored): rank, unit (linked to its page), head, the components (缺 where a
    unit has no data), total, band (待定 where unsettled), and the coefficient or reward, and consequences."""
    scores = DEPARTMENT_SCORES if kind == "departments" else BRANCH_SCORES
    columns = [x.column("out.rank", "num"), x.column("out.unit_name"), x.column("out.head"),
               *[x.column(f"out.{s}", "num") for s in scores], x.column("out.band")]
    columns += [x.column("out.coefficient", "num")] if kind == "departments" else []
    columns.append(Cell(x.t("site.consequences")))
    table_rows = []
    for r in rows:
        cells = [Cell(_rank(r["rank"]), cls="num"), Cell(r["unit_name"], unit_href(r["unit_id"], root), "name"),
                 Cell(r.get("head") or ""),
                 *[Cell(score_cell(r, s, x.locale), cls="num") for s in scores],
                 Cell(settled(r.get("band") or "", r, x.locale))]
        if kind == "departments":
            cells.append(Cell(coefficient_text(r.get("coefficient")), cls="num"))
        cells.append(Cell(x.consequences(r), cls="text"))
        table_rows.append(Row(cells, r.get("band") or "", f"{r['unit_id']} {r['unit_name']}"))
    return Table(columns, table_rows, id=id, filterable=len(table_rows) > FILTER_FROM)


def stored_ranking_table(x: Texts, rows: list[dict], names: dict[str, str], root: str, id: str = "") -> Table:
    """A period's ranking from the stored results alone (a period seeded by `history import` has no brief)."""
    columns = [x.column("out.rank", "num"), x.column("out.unit_id"), x.column("out.unit_name"),
               x.column("out.total", "num"), x.column("out.band"), Cell(x.t("site.consequences"))]
    table_rows = [
        Row([Cell(_rank(r["rank"]), cls="num"), Cell(r["unit_id"]),
             Cell(names.get(r["unit_id"], r["unit_id"]), unit_href(r["unit_id"], root), "name"),
             Cell(_number(r["total"]), cls="num"), Cell(r["band"] or ""), Cell(x.consequences(r), cls="text")],
            r["band"] or "", f"{r['unit_id']} {names.get(r['unit_id'], '')}")
        for r in rows
    ]
    return Table(columns, table_rows, id=id, filterable=len(table_rows) > FILTER_FROM)


def vetoes_table(x: Texts, vetoes: list[dict], root: str, with_unit: bool) -> Table | None:
    """Vetoes of a period (with the unit) or of a unit (with the period)."""
    if not vetoes:
        return None
    first = x.column("out.unit_name") if with_unit else x.column("out.period")
    columns = [first, x.column("detail.category"), x.column("detail.reason"), x.column("detail.date"),
               x.column("detail.decided_by")]
    rows = [
        Row([Cell(v.get("unit_name") or v["unit_id"], unit_href(v["unit_id"], root), "name") if with_unit
             else Cell(x.period(v["period"]), period_href(v["period"], root)),
             Cell(x.veto_category(v.get("category") or "")), Cell(v.get("reason") or "", cls="text"),
             Cell(str(v.get("date") or "")), Cell(v.get("decided_by") or "")])
        for v in vetoes
    ]
    return Table(columns, rows)
