"""One blank form workbook: what it holds (`BlankForm`) and how it is laid out (`write_form`).

Each workbook has the contract's two sheets, 填報信息 and 數據 (header on row 4), plus, when the form has
drop-down lists, a hidden sheet holding them. The data sheet either lists pre-filled rows (the units to rate,
the items to score, the branches to assess: their cells locked, the cells to fill in unlocked) or offers free
rows to fill in. Every sheet is protected without a password, so the layout stays what the validator expects
while people can still widen columns.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

from pbbatch.core.catalogue import label, message
from pbbatch.core.config import BranchItem, Config
from pbbatch.core.forms import FORMS, ITEM_POINTS, Bound, Column
from pbbatch.core.numeric import display_number
from pbbatch.core.periods import Month, Period, Quarter, Year
from pbbatch.core.registry import BRANCH, DEPARTMENT, Registry
from pbbatch.outputs.xlsx import WORKBOOK_OPTIONS, text_width, write_text

HEADER_ROW = 3  # 0-based: a title row and two instruction rows come first, so the header is Excel row 4
FIRST_ROW = HEADER_ROW + 1
FREE_ROWS = {"targets": 15, "adjustments": 20, "vetoes": 20, "spot_checks": 20, "fix_check": 20, "target_letter": 100}
MIN_WIDTH = {"code": 10, "text": 16, "number": 10, "date": 13, "choice": 12, "months": 12}
WIDE_TEXT = {"target", "reason", "progress", "finding", "self_eval.note"}  # column keys or labels of sentences
MAX_WIDTH = 60
LINE_HEIGHT = 18  # points per wrapped line of the title and instructions
# 考核月份 as text: Excel would make a date of 1-6 and a number of 3,6,9,12.
INPUT_STYLE = {"code": "input_code", "number": "input_number", "date": "input_date", "months": "input_code"}

PROTECTION = {"format_columns": True, "format_rows": True, "sort": True}


@dataclass(frozen=True)
class BlankForm:
    form: str  # a FORMS key
    period: Period
    rating_type: str | None = None
    submitter_id: str = ""  # blank: whoever needs the form fills it in
    submitter_name: str = ""
    rater: bool = False  # the submitter is a leader (評價人), not a unit
    rows: tuple[tuple[object, ...], ...] = ()  # per pre-filled row, the values of the form's prefilled columns
    items: tuple[BranchItem, ...] = ()  # 部門考評表: one score column per item, after the prefilled columns
    fixed: tuple[str, ...] = ()  # the column keys `rows` fills in, when not the form's prefilled columns: a
    # 目標考核表 pre-filled from a responsibility letter fixes its category, target, points and standard


class DataColumn(NamedTuple):
    header: str
    column: Column
    item: BranchItem | None = None  # the key work item whose score the column holds (a 部門考評表's)


def period_days(period: Period) -> tuple[dt.date, dt.date]:
    """The first and last day of a month, quarter or year."""
    months: tuple[Month, ...] = period.months if isinstance(period, (Quarter, Year)) else (period,)
    return months[0].first_day, months[-1].last_day


def write_form(path: Path, form: BlankForm, registry: Registry, config: Config) -> None:
    _FormWriter(path, form, registry, config).write()


class _FormWriter:
    def __init__(self, path: Path, form: BlankForm, registry: Registry, config: Config):
        self.path, self.form, self.registry, self.config = path, form, registry, config
        self.locale = config.locale
        self.spec = FORMS[form.form]
        self.first, self.last = period_days(form.period)
        self.columns = self.data_columns()

    def label(self, key: str) -> str:
        return label(key, self.locale)

    def data_columns(self) -> list[DataColumn]:
        """The data sheet's columns: the form's, and for a 部門考評表 one score column per item, headed by its
        code and name (`K02 組織建設`), after the pre-filled columns."""
        columns = [DataColumn(self.label(c.label), c) for c in self.spec.columns
                   if not c.from_letter or self.form.fixed]
        if not self.form.items:
            return columns
        at = max(n for n, (_, c, _) in enumerate(columns) if self.is_fixed(c)) + 1
        scores = [DataColumn(f"{i.code} {i.name}".strip(), self.spec.item_scores, i) for i in self.form.items]
        return columns[:at] + scores + columns[at:]

    def is_fixed(self, column: Column) -> bool:
        """Whether the blank form fills the column in and locks it."""
        return column.key in self.form.fixed if self.form.fixed else column.prefilled

    def write(self) -> None:
        book = xlsxwriter.Workbook(str(self.path), WORKBOOK_OPTIONS)
        # Fixed properties (creation time from the period): the same inputs give byte-identical files.
        book.set_properties({
            "title": self.title(),
            "company": self.config.organization_name,
            "author": "pbbatch",
            "created": dt.datetime.combine(self.first, dt.time()),
        })
        self.fmt = _formats(book)
        info = book.add_worksheet(self.label("sheet.form_info"))
        data = book.add_worksheet(self.label("sheet.data"))
        self.lists = _Lists(book.add_worksheet(self.label("sheet.lists"))) if self.needs_lists() else None
        self.write_info(info)
        self.write_data(data)
        data.activate()
        book.close()

    def needs_lists(self) -> bool:
        """Whether any cell to fill in has a drop-down: the submitter's code, or a code or choice column."""
        inputs = [c for _, c, _ in self.columns if not self.is_fixed(c)]
        return not self.form.submitter_id or any(c.kind in ("code", "choice") for c in inputs)

    def form_title(self) -> str:
        name = self.label(self.spec.label)
        if self.form.rating_type:
            name = message("template.form_with_type", self.locale, form=name,
                           type=self.label(f"rating.{self.form.rating_type}"))
        return name

    def title(self) -> str:
        who = " ".join(p for p in (self.form.submitter_id, self.form.submitter_name) if p)
        return message("template.title", self.locale, org=self.config.organization_name, form=self.form_title(),
                       period=self.form.period, who=who).strip("　 ")

    # ------------------------------------------------------------ 填報信息

    def write_info(self, ws) -> None:
        fmt, form = self.fmt, self.form
        rows: list[tuple[str, object, str]] = [  # (label key, value, format name)
            ("form", self.label(self.spec.label), "fixed"),
            ("period", str(form.period), "fixed"),
            ("submitter_id", form.submitter_id, "fixed" if form.submitter_id else "input_code"),
        ]
        if form.submitter_id:
            name_key = "info.submitter_rater" if form.rater else "info.submitter_unit"
            rows.append((name_key, form.submitter_name, "fixed"))
        if form.rating_type:
            rows.append(("rating_type", self.label(f"rating.{form.rating_type}"), "fixed"))
        rows += [("filled_by", "", "input"), ("filled_on", "", "input_date"), ("version", 1, "input")]
        rules = {
            "submitter_id": None if form.submitter_id else self.code_rule("units"),
            "filled_on": {"validate": "date", "criteria": ">=", "value": dt.date(2000, 1, 1)},
            "version": {"validate": "integer", "criteria": ">=", "value": 1},
        }
        for r, (key, value, style) in enumerate(rows):
            ws.write_string(r, 0, self.label(key), fmt["info_label"])
            if isinstance(value, int):
                ws.write_number(r, 1, value, fmt[style])
            elif value:
                write_text(ws, r, 1, value, fmt[style])
            else:
                ws.write_blank(r, 1, None, fmt[style])
            if rules.get(key):
                ws.data_validation(r, 1, r, 1, rules[key])
        ws.set_column(0, 0, max(text_width(self.label(key)) for key, _, _ in rows) + 3)
        ws.set_column(1, 1, min(MAX_WIDTH, max(24, *(text_width(str(v)) + 3 for _, v, _ in rows))))
        _page_setup(ws)
        ws.protect("", PROTECTION)

    # ------------------------------------------------------------ 數據

    def write_data(self, ws) -> None:
        prefilled = any(self.is_fixed(c) for _, c, _ in self.columns)
        count = len(self.form.rows) if prefilled else FREE_ROWS[self.form.form]
        widths = []
        for c, (header, column, _) in enumerate(self.columns):
            widths.append(self.column_width(header, column, self.column_values(c)))
            ws.write_string(HEADER_ROW, c, header, self.fmt["header"])
            ws.set_column(c, c, widths[c])
        self.write_prefilled(ws)
        for c, data_column in enumerate(self.columns):
            if not self.is_fixed(data_column.column):
                self.write_inputs(ws, c, data_column, count)
        self.write_instructions(ws, sum(widths))
        ws.freeze_panes(FIRST_ROW, 0)
        _page_setup(ws)
        ws.repeat_rows(HEADER_ROW)
        ws.protect("", dict(PROTECTION, insert_rows=not prefilled))  # pre-filled rows are the whole list

    def prefilled_columns(self) -> list[int]:
        return [c for c, (_, column, _) in enumerate(self.columns) if self.is_fixed(column)]

    def column_values(self, c: int) -> list[object]:
        """The pre-filled values of column `c`, top to bottom (empty for a column to fill in)."""
        columns = self.prefilled_columns()
        return [row[columns.index(c)] for row in self.form.rows] if c in columns else []

    def write_prefilled(self, ws) -> None:
        # Row by row: the shared strings keep the reading order, and the files stay byte-identical run to run.
        columns = self.prefilled_columns()
        for r, row in enumerate(self.form.rows, start=FIRST_ROW):
            for c, value in zip(columns, row):
                if isinstance(value, (int, float)):
                    ws.write_number(r, c, value, self.fmt["fixed_number"])
                else:
                    write_text(ws, r, c, str(value), self.fmt["fixed"])

    def write_inputs(self, ws, c: int, data_column: DataColumn, count: int) -> None:
        style = self.fmt[INPUT_STYLE.get(data_column.column.kind, "input")]
        for r in range(FIRST_ROW, FIRST_ROW + count):
            ws.write_blank(r, c, None, style)
        rule = self.validation(data_column)
        if rule and count:
            ws.data_validation(FIRST_ROW, c, FIRST_ROW + count - 1, c, rule)

    def write_instructions(self, ws, total_width: int) -> None:
        last = len(self.columns) - 1
        items = "、".join(message("template.item_points", self.locale, code=i.code, points=display_number(i.points))
                         for i in self.form.items)
        key = f"template.fill.{self.form.form}" + ("_letter" if self.form.fixed else "")
        fill = message(key, self.locale, first=self.first.isoformat(), last=self.last.isoformat(), items=items,
                       year=self.first.year)
        keep = message("template.keep_header", self.locale, row=HEADER_ROW + 1)
        for r, (text, style) in enumerate(((self.title(), "title"), (fill, "note"), (keep, "note"))):
            ws.merge_range(r, 0, r, last, "", self.fmt[style])
            ws.write_string(r, 0, text, self.fmt[style])
            lines = max(1, math.ceil(text_width(text) * (1.3 if style == "title" else 1) / max(total_width, 1)))
            ws.set_row(r, LINE_HEIGHT * lines + (6 if style == "title" else 0))

    # ------------------------------------------------------------ validation of the cells to fill in

    def validation(self, data_column: DataColumn) -> dict | None:
        column = data_column.column
        if column.kind == "code":
            return self.code_rule(self.code_list_name(column))
        if column.kind == "choice":
            return {"validate": "list", "source": self.lists.source(column.key, self.choices(column))}
        if column.kind == "date":
            if column.key == "fix_by":  # a deadline may fall after the period
                return {"validate": "date", "criteria": ">=", "value": self.first}
            return {"validate": "date", "criteria": "between", "minimum": self.first, "maximum": self.last}
        if column.kind == "number":
            return self.number_rule(column.bound, data_column.item)
        return None

    def number_rule(self, bound: Bound, item: BranchItem | None) -> dict:
        """The column's declared bound (forms.Bound), as the validator reads it. Excel takes one condition a
        cell, so a bound open above (扣分 > 0, counts) leaves the generic ±NUMBER_BOUND to the validator."""
        kind = "integer" if bound.whole else "decimal"
        high = bound.high if not isinstance(bound.high, tuple) else self.high_reference(bound.high, item)
        if high is None:
            return {"validate": kind, "criteria": ">" if bound.low_open else ">=", "value": bound.low}
        return {"validate": kind, "criteria": "between", "minimum": bound.low, "maximum": high}

    def high_reference(self, references: tuple[str, ...], item: BranchItem | None) -> float | str:
        """The first of a bound's references the blank form can state: another column of the row, as a formula
        relative to the first input row (so each row is checked against its own cell), or the column's item's
        points. A 支部自評表's 分值 cells hold the items' points, so `分值` states both of its references."""
        keys = [c.key for _, c, _ in self.columns]
        for ref in references:
            if ref in keys:
                return "=" + xl_rowcol_to_cell(FIRST_ROW, keys.index(ref), col_abs=True)
            if ref == ITEM_POINTS and item is not None:
                return item.points
        raise ValueError(f"no column or item to bound {references} by")

    def choices(self, column: Column) -> list[str]:
        if column.choices:
            return [self.label(k) for k in column.choices]
        return list(self.config.veto_categories)

    @staticmethod
    def code_list_name(column: Column) -> str:
        if column.key == "unit_id" and column.label.startswith("target_letter."):
            return "departments"  # a responsibility letter is a department's
        return {"branch_id": "branches", "item_id": "items"}.get(column.key, "units")

    def codes(self, name: str) -> list[str]:
        if name == "items":
            return [i.code for i in self.config.branch_items]
        if name == "branches":
            return list(self.registry.of_kind(BRANCH)["unit_id"])
        if name == "departments":
            return list(self.registry.of_kind(DEPARTMENT)["unit_id"])
        return list(self.registry.units["unit_id"])

    def code_rule(self, name: str) -> dict:
        return {"validate": "list", "source": self.lists.source(name, self.codes(name))}

    def column_width(self, header: str, column: Column, values: list[object]) -> int:
        texts = [header] + [display_number(v) if isinstance(v, (int, float)) else str(v) for v in values]
        if column.kind == "choice":
            texts += self.choices(column)
        elif column.kind == "code" and not self.is_fixed(column):
            texts += self.codes(self.code_list_name(column))
        least = 36 if column.key in WIDE_TEXT or column.label in WIDE_TEXT else MIN_WIDTH[column.kind]
        return min(MAX_WIDTH, max(least, max(text_width(t) for t in texts) + 3))


class _Lists:
    """The hidden sheet holding drop-down values, one column per list: no 255-character limit, no commas."""

    def __init__(self, ws):
        self.ws = ws
        self.sources: dict[str, str] = {}
        ws.hide()
        ws.protect()

    def source(self, name: str, values: list[str]) -> str:
        if name not in self.sources:
            c = len(self.sources)
            for r, value in enumerate(values):
                write_text(self.ws, r, c, value, None)
            first = xl_rowcol_to_cell(0, c, row_abs=True, col_abs=True)
            last = xl_rowcol_to_cell(max(len(values) - 1, 0), c, row_abs=True, col_abs=True)
            self.sources[name] = f"={quote_sheetname(self.ws.name)}!{first}:{last}"
        return self.sources[name]


def _formats(book) -> dict:
    """Every cell format; xlsxwriter stores only the ones a workbook uses."""
    border = {"border": 1, "valign": "vcenter"}
    specs = {
        "title": {"bold": True, "font_size": 14, "text_wrap": True, "valign": "vcenter"},
        "note": {"text_wrap": True, "valign": "top", "font_color": "#595959"},
        "header": {**border, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"},
        "info_label": {**border, "bold": True, "bg_color": "#D9E1F2"},
        "fixed": {**border, "bg_color": "#EDEDED", "num_format": "@"},
        "fixed_number": {**border, "bg_color": "#EDEDED"},
        "input": {**border, "locked": False, "text_wrap": True},
        "input_code": {**border, "locked": False, "num_format": "@"},
        "input_number": {**border, "locked": False},
        "input_date": {**border, "locked": False, "num_format": "yyyy-mm-dd"},
    }
    return {name: book.add_format(spec) for name, spec in specs.items()}


def _page_setup(ws) -> None:
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
