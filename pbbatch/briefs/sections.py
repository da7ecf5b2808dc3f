"""What a brief says, section by section, as plain blocks in the output locale: every text is decided here, so
the HTML (render.py) and the Word document (word.py), which only lay the blocks out, say the same words with
the same punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ClassVar, NamedTuple

from pbbatch.core.catalogue import fold, label, matcher, message
from pbbatch.core.config import Config
from pbbatch.core.numeric import display_number
from pbbatch.core.periods import Quarter, Year, parse_period
from pbbatch.core.rules_text import describe_items, describe_rules, percent
from pbbatch.core.scores import BRANCH_SCORES, DEPARTMENT_SCORES

# How a column's cells sit: centred; a name, left and on one line; running text, left and wrapped; a number, right.
CENTER, NAME, TEXT, NUMBER = "center", "name", "text", "number"
VETO_CATEGORIES = matcher(["veto_cat.three_violations", "veto_cat.civility", "veto_cat.safety"])


@dataclass(frozen=True, slots=True)
class Title:
    kind: ClassVar[str] = "title"
    text: str
    issuer: str


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft's box (its first line says so, the next whose figures are unsettled), and the mark for every
    page's header."""
    kind: ClassVar[str] = "draft"
    mark: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    level: int  # 1: a numbered section; 2: a part of one


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text, its first line indented."""
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True, slots=True)
class Lines:
    """One unindented line per text."""
    kind: ClassVar[str] = "lines"
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signs and the date, at the right below the text, kept together, as a letter ends (space left for
    the seal)."""
    kind: ClassVar[str] = "signature"
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    """A line and the points under it, kept together on a page."""
    kind: ClassVar[str] = "bullets"
    lead: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    align: str = CENTER
    width: float = 1.0  # relative to the table's other columns


class Row(NamedTuple):
    cells: tuple[str, ...]
    shade: str | None = None  # the band (A, B, C) of a ranking's row; None elsewhere


@dataclass(frozen=True, slots=True)
class Table:
    kind: ClassVar[str] = "table"
    columns: tuple[Column, ...]
    rows: list[Row]
    fixed: bool = False  # the widths hold in HTML too: a series of tables whose columns line up
    whole: bool = False  # kept on one page: a short table that reads as one piece


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None
    text: str
    shade: str | None = None  # as a Row's, where the chart is a table


@dataclass(frozen=True, slots=True)
class Chart:
    """Horizontal bars in groups: an SVG in HTML; in Word a table of `columns` (group, label, value)."""
    kind: ClassVar[str] = "chart"
    title: str
    columns: tuple[Column, Column, Column]
    groups: tuple[tuple[str, tuple[Bar, ...]], ...]


Block = Title | Draft | Heading | Paragraph | Lines | Signature | Bullets | Table | Chart


def brief_blocks(data: dict, locale: str) -> list:
    """The brief of `data` (data["kind"]: "departments" or "branches") as blocks, in order."""
    return {"departments": _departments, "branches": _branches}[data["kind"]](_Texts(locale), data)


# ---------------------------------------------------------------------- texts shared by the two kinds


class _Texts:
    """Labels, messages and cell texts in one locale."""

    def __init__(self, locale: str):
        self.locale, self.move = locale, movement_text(locale)
        self.none = label("brief.none", locale)
        self.sep = message("brief.list_sep", locale)

    def t(self, key: str) -> str:
        return label(key, self.locale)

    def m(self, code: str, /, **fields) -> str:
        return message(code, self.locale, **fields)

    def settled(self, text: str, row: dict) -> str:
        return settled(text, row, self.locale)

    def lines(self, texts: list[str]) -> Lines:
        """The lines, or 無 when there is none."""
        return Lines(tuple(texts) or (self.none,))

    def table(self, columns: list[Column], cells: list[Callable[[dict], str]], records: list[dict],
              shade: Callable[[dict], str | None] | None = None, fixed: bool = False) -> Table | Lines:
        """A table of a row per record, a cell per column; 無 when there are no records."""
        if not records:
            return self.lines([])
        rows = [Row(tuple(cell(r) for cell in cells), shade(r) if shade else None) for r in records]
        return Table(tuple(columns), rows, fixed)

    def unit_name(self, row: dict) -> str:
        if row["vetoed"]:
            return self.m("brief.vetoed_name", name=row["unit_name"], vetoed=self.t("out.vetoed"))
        return row["unit_name"]

    def ranking(self, scores: list[str], rows: list[dict], extra: list[tuple[Column, Callable]] = ()) -> Table | Lines:
        """A ranking: rank, movement, unit, head, the scores, band (and `extra`), rows shaded by band. A band
        marked provisional (待定) gets the room to print on one line."""
        provisional = any(r.get("provisional") for r in rows)
        columns = [(Column(self.t("out.rank"), width=0.8), lambda r: _text(r["rank"])),
                   (Column(self.t("brief.movement"), width=0.8), lambda r: self.move(r["movement"])),
                   (Column(self.t("out.unit_name"), NAME, 2.0 if provisional else 2.6), self.unit_name),
                   (Column(self.t("out.head"), width=1.2), lambda r: _text(r["head"])),
                   *[(Column(self.t(f"out.{s}"), NUMBER, 1.1), self.score(s)) for s in scores],
                   (Column(self.t("out.band"), width=2.0 if provisional else 0.7),
                    lambda r: self.settled(_text(r["band"]), r)),
                   *extra]
        return self.table([c for c, _ in columns], [cell for _, cell in columns], rows, shade=lambda r: r["band"])

    def score(self, key: str) -> Callable[[dict], str]:
        return lambda r: score_cell(r, key, self.locale)

    def vetoes(self, vetoes: list[dict]) -> Table | Lines:
        return self.table([Column(self.t("out.unit_name"), NAME, 1.6), Column(self.t("detail.category"), width=1.1),
                           Column(self.t("detail.reason"), TEXT, 3.6), Column(self.t("detail.date"), width=1.2),
                           Column(self.t("detail.decided_by"), width=1.3)],
                          [lambda v: v["unit_name"], self.veto_category, lambda v: v["reason"],
                           lambda v: _text(v["date"]), lambda v: _text(v["decided_by"])], vetoes)

    def finding(self, row: dict) -> str:
        """A finding as written, or a quarter's overdue deduction naming the finding's 整改編號."""
        if not row.get("overdue_id"):
            return row["finding"]
        return self.m("rect.overdue_line", finding_id=row["overdue_id"], deadline=_text(row["fix_by"]),
                      finding=row["finding"])

    def veto_category(self, veto: dict) -> str:
        """The category's label in the locale when it is one of the catalogue's, else as written."""
        key = VETO_CATEGORIES.get(fold(veto["category"]))
        return self.t(key) if key else veto["category"]

    def opening(self, data: dict, title_code: str, overview_code: str) -> list:
        """Title, issuer, the draft's box if a draft, and the overview."""
        title = self.m(title_code, organization=data["organization"], period=period_text(data["period"], self.locale))
        blocks = [Title(self.m("brief.draft_title", mark=self.t("draft.mark"), title=title) if data.get("draft") else title,
                        self.m("brief.issued", committee=data["committee"]))]
        if data.get("draft"):
            blocks.append(Draft(self.t("draft.mark"), tuple(draft_lines(data, self.locale))))
        return [*blocks, Heading(self.t("brief.overview"), 1),
                Paragraph(self.m(overview_code, **data["overview"], **data["weights"], **self.banding(data)))]

    def banding(self, data: dict) -> dict[str, str]:
        """The split and pay coefficients the run used, as `2:7:1` and `120%、100%、80%`. A brief stored before the
        rules were (no "rules") was made under the contract's defaults, which its text then stated."""
        rules = data.get("rules") or {}
        shares = rules.get("banding.shares", DEFAULT_SHARES)
        tenths = [round(s * 10, 6) for s in shares]
        split = ":".join(map(display_number, tenths)) if all(float(t).is_integer() for t in tenths) else \
            ":".join(map(percent, shares))
        coefficients = rules.get("banding.coefficients", DEFAULT_COEFFICIENTS)
        return {"split": split, "coefficients": self.m("brief.list_sep").join(map(percent, coefficients))}


DEFAULT_SHARES, DEFAULT_COEFFICIENTS = Config.band_shares, Config.band_coefficients


# ---------------------------------------------------------------------- the two kinds


def _departments(x: _Texts, data: dict) -> list:
    blocks = x.opening(data, "brief.dept_title", "brief.dept_overview")
    blocks.append(Heading(x.t("brief.ranking"), 1))
    coefficient = (Column(x.t("out.coefficient"), NUMBER, 1.1), lambda r: _percent(r["coefficient"], 0))
    for block in data["blocks"]:
        blocks += [Heading(block["block"], 2), x.ranking(DEPARTMENT_SCORES, block["rows"], [coefficient])]
    chart_columns = (Column(x.t("out.block"), width=1.2), Column(x.t("out.unit_name"), NAME, 2.6),
                     Column(x.t("out.total"), NUMBER, 1.0))
    blocks.append(Chart(x.t("brief.chart"), chart_columns, tuple(
        (b["block"], tuple(Bar(r["unit_name"], r["total"], score_text(r["total"]), r["band"]) for r in b["rows"]))
        for b in data["blocks"])))

    blocks += [Heading(x.t("brief.commended"), 1), x.lines([
        x.m("brief.commend_line", block=block["block"], names=x.sep.join(names)) for block in data["blocks"]
        if (names := [x.settled(r["unit_name"], r) for r in block["rows"] if r["band"] == "A"])])]

    blocks += [Heading(x.t("brief.reflection"), 1), x.lines([
        x.m("brief.reflection_line", name=x.settled(r["unit_name"], r), block=r["block"], rank=r["rank"],
            total=score_text(r["total"])) for r in data["reflection"]])]

    blocks += [Heading(x.t("brief.vetoes"), 1), x.vetoes(data["vetoes"])]

    blocks += [Heading(x.t("brief.adjustments"), 1), x.table(
        [Column(x.t("out.unit_name"), NAME, 1.6), Column(x.t("detail.category"), width=1.1),
         Column(x.t("detail.points"), NUMBER, 0.8), Column(x.t("detail.reason"), TEXT, 4.0)],
        [lambda a: a["unit_name"], lambda a: x.t(f"adj_cat.{a['category']}"), lambda a: f"{a['points']:+g}",
         lambda a: a["reason"]], data["adjustments"])]

    blocks += [Heading(x.t("brief.submissions"), 1), x.lines(outstanding_lines(data, x.locale))]

    if data["payout"]:
        months = data["payout"]["months"]
        blocks += [Heading(x.t("brief.payout"), 1), x.table(
            [Column(x.t("out.block"), width=1.1), Column(x.t("out.unit_name"), NAME, 1.6),
             *[Column(month, NUMBER) for month in months], Column(x.t("payout.mean"), NUMBER, 2.0)],
            [lambda p: p["block"], lambda p: p["unit_name"], *[_month_coefficient(i) for i in range(len(months))],
             lambda p: _mean(x, p)], data["payout"]["rows"])]
    return blocks + _appendix(x, data)


def _branches(x: _Texts, data: dict) -> list:
    blocks = x.opening(data, "brief.branch_title", "brief.branch_overview")
    blocks += [Heading(x.t("brief.b_ranking"), 1), x.ranking(BRANCH_SCORES, data["rows"])]

    blocks += [Heading(x.t("brief.b_rewards"), 1), x.lines([
        x.m("brief.reward_line", rank=r["rank"], name=x.settled(r["unit_name"], r), head=r["head"],
            amount=f"{r['reward']:,.0f}") for r in data["rewarded"]])]

    blocks.append(Heading(x.t("brief.b_talks"), 1))
    talks = [("brief.removal_line", r) for r in data["removed"]] + \
            [("brief.admonish_line", r) for r in data["admonished"] if not r["removal"]]
    blocks += [Bullets(x.m(code, name=x.settled(r["unit_name"], r), head=r["head"]),
                       tuple(x.m("consequence.basis_row", quarter=q, rank=rank, head=head)
                             for q, rank, head in r["basis"])) for code, r in talks] or [x.lines([])]

    blocks += [Heading(x.t("brief.b_vetoes"), 1), x.vetoes(data["vetoes"])]

    blocks.append(Heading(x.t("brief.b_findings"), 1))
    columns = [Column(x.t("detail.date"), width=1.4), Column(x.t("item.code"), width=1.0),
               Column(x.t("finding.finding"), TEXT, 5.2), Column(x.t("finding.deduction"), NUMBER, 0.8),
               Column(x.t("finding.fix_by"), width=1.6)]
    cells = [lambda f: _text(f["date"]), lambda f: _text(f["item_id"]), x.finding,
             lambda f: f"{f['deduction']:g}", lambda f: _text(f["fix_by"])]
    for group in data["findings"]:
        blocks += [Heading(group["unit_name"], 2), x.table(columns, cells, group["findings"], fixed=True)]
    if not data["findings"]:
        blocks.append(x.lines([]))

    if data.get("rectification") is not None:
        blocks += rectification_blocks(x, data["rectification"])

    blocks += [Heading(x.t("brief.b_weakest"), 1), x.table(
        [Column(x.t("item.code"), width=1.0), Column(x.t("item.name"), NAME, 2.4),
         Column(x.t("item.points"), NUMBER, 0.8), Column(x.t("brief.share"), NUMBER, 1.4),
         Column(x.t("item.owner"), width=1.6)],
        [lambda i: i["code"], lambda i: i["name"], lambda i: f"{i['points']:g}",
         lambda i: "" if i["share"] is None else f"{i['share']:.1%}",
         lambda i: f"{i['owner']} {i.get('owner_name', '')}".strip()], data["weakest_items"])]

    blocks += [Heading(x.t("brief.b_submissions"), 1), x.lines(outstanding_lines(data, x.locale))]
    return blocks + _appendix(x, data)


def _appendix(x: _Texts, data: dict) -> list:
    """The rules in force as the run stored them with the brief (a brief stored before they were has none): the
    brief's own kind's rules, and the branches' key work items."""
    if "rules" not in data:
        return []
    columns = (Column(x.t("rules.rule"), TEXT, 1.5), Column(x.t("rules.setting"), TEXT, 5.0))
    blocks = [Heading(x.t("rules.appendix"), 1),
              Table(columns, [Row(r) for r in describe_rules(data["rules"], x.locale, data["kind"])], True, True)]
    if data["kind"] == "branches":
        items = [Row(r) for r in describe_items(data["rules"], x.locale, data.get("owner_names"))]
        blocks += [Heading(x.t("rules.items"), 2), Table(
            (Column(x.t("item.code"), width=1.0), Column(x.t("item.name"), NAME, 2.4),
             Column(x.t("item.points"), NUMBER, 0.8), Column(x.t("item.owner"), NAME, 2.3)), items, True, True)]
    return blocks


def rectification_blocks(x: _Texts, rect: dict) -> list:
    """The quarter's rectification: the totals, then per branch opened, closed, still open and overdue."""
    summary = x.m("rect.brief_summary", **rect["totals"], deduction=f"{rect['deduction']:g}")
    table = x.table(
        [Column(x.t("out.unit_name"), NAME, 2.2), Column(x.t("rect.opened"), NUMBER, 0.9),
         Column(x.t("rect.closed"), NUMBER, 0.9), Column(x.t("rect.still_open"), NUMBER, 1.0),
         Column(x.t("rect.overdue"), NUMBER, 0.9), Column(x.t("rect.overdue_ids"), TEXT, 2.6)],
        [lambda r: r["unit_name"], lambda r: str(r["opened"]), lambda r: str(r["closed"]), lambda r: str(r["open"]),
         lambda r: str(r["overdue"]), lambda r: x.sep.join(r["overdue_ids"])], rect["rows"])
    return [Heading(x.t("brief.b_rectification"), 1), Paragraph(summary), table]


# ---------------------------------------------------------------------- texts


_QUARTER_NAMES = "一二三四"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def period_text(period: str, locale: str) -> str:
    """'2026-03' as 2026年3月 / March 2026, '2026-Q1' as 2026年第一季度 / Q1 2026, '2026' as 2026年 / 2026."""
    value = parse_period(period)
    if isinstance(value, Year):
        return str(value.year) if locale == "en" else f"{value.year}年"
    if isinstance(value, Quarter):
        return f"Q{value.number} {value.year}" if locale == "en" else f"{value.year}年第{_QUARTER_NAMES[value.number - 1]}季度"
    return f"{_MONTH_NAMES[value.month - 1]} {value.year}" if locale == "en" else f"{value.year}年{value.month}月"


def score_text(value) -> str:
    return "" if value is None else f"{value:.2f}"


def score_cell(row: dict, key: str, locale: str) -> str:
    """A component as printed on the brief: 缺 where the unit has no data for it, never a 0.00 that looks real."""
    return label("brief.no_data", locale) if key in row.get("missing", ()) else score_text(row[key])


def settled(text: str, row: dict, locale: str) -> str:
    """A reward or consequence as printed: marked 待定 where the unit's figures are not settled."""
    return message("brief.provisional_mark", locale, text=text) if row.get("provisional") else text


def draft_lines(data: dict, locale: str) -> list[str]:
    """The box a draft opens with: that it is a draft, and whose figures are not settled."""
    draft = data.get("draft")
    if not draft:
        return []
    items = [
        message("brief.draft_affects_item", locale, component=label(f"out.{a['component']}", locale),
                units=label("brief.all_units", locale) if a["units"] is None
                else message("brief.list_sep", locale).join(a["units"]))
        for a in draft["affects"]
    ]
    detail = (message("brief.draft_affects", locale, items=message("brief.list_sep", locale).join(items)) if items
              else message("brief.draft_elsewhere", locale))
    return [message("brief.draft_box", locale), detail]


def outstanding_lines(data: dict, locale: str) -> list[str]:
    """Who still owes which form, and what came instead: no file names, no validation messages."""
    from pbbatch.intake.expected import missing_reason

    return [
        message("brief.outstanding_line", locale, who=f"{x['unit_id']} {x['unit_name']}".strip(),
                form=label(f"form.{x['form']}", locale),
                rating=message("brief.rating_suffix", locale, rating=label(f"rating.{x['rating_type']}", locale))
                if x["rating_type"] else "",
                status=missing_reason(x["reason"], x["period"], locale))
        for x in data["outstanding"]
    ]


def movement_text(locale: str):
    def text(value) -> str:
        if value is None:
            return label("brief.new", locale)
        return "—" if value == 0 else (f"↑{value}" if value > 0 else f"↓{-value}")
    return text


def _text(value) -> str:
    return "" if value is None else str(value)


def _percent(value: float, places: int) -> str:
    return f"{value * 100:.{places}f}%"


def _month_coefficient(i: int) -> Callable[[dict], str]:
    return lambda p: _percent(p["coefficients"][i], 0)


def _mean(x: _Texts, p: dict) -> str:
    if not p["defaulted"]:
        return _percent(p["mean"], 2)
    return f"{_percent(p['mean'], 2)} {x.m('brief.defaulted', months=x.sep.join(p['defaulted']))}"
