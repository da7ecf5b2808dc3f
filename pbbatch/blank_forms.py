"""Blank monthly forms (`pbbatch templates`): one workbook per expected submitter, ready to fill in.

Each workbook has the contract's two sheets, 填報信息 and 數據 (header on row 4), plus a hidden sheet holding
the drop-down lists. Pre-filled cells are locked, input cells are not, and every sheet is protected without a
password, so the layout stays what the validator expects while people can still widen columns.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

from .catalogue import label, message
from .config import Config
from .expected import expected_submissions
from .forms import FORMS, Column
from .periods import Month
from .registry import DEPARTMENT, Registry
from .xlsx import WORKBOOK_OPTIONS, text_width

HEADER_ROW = 3  # 0-based: a title row and two instruction rows come first, so the header is Excel row 4
FIRST_ROW = HEADER_ROW + 1
FREE_ROWS = {"targets": 15, "adjustments": 20, "vetoes": 20}
MIN_WIDTH = {"code": 10, "text": 16, "number": 10, "date": 13, "choice": 12}
WIDE_TEXT = {"target", "reason", "progress"}  # free-text columns people write sentences in
MAX_WIDTH = 60
LINE_HEIGHT = 18  # points per wrapped line of the title and instructions

MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 200  # most file systems allow 255 bytes; CJK takes 3 bytes a character in UTF-8
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}

PROTECTION = {"format_columns": True, "format_rows": True, "sort": True}


@dataclass(frozen=True)
class BlankForm:
    form: str  # a FORMS key
    rating_type: str | None = None
    submitter_id: str = ""  # blank: whoever needs the form fills it in
    submitter_name: str = ""
    rater: bool = False  # the submitter is a leader (評價人), not a unit
    ratees: tuple[tuple[str, str], ...] = ()  # (code, name) rows pre-filled in a 評分表


# ---------------------------------------------------------------- file names


def safe_filename(text: str, max_chars: int = MAX_NAME_CHARS, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name stem that is legal and harmless on Windows, macOS and Linux, whatever `text` holds."""
    text = unicodedata.normalize("NFC", str(text))
    # Control and invisible format characters (a right-to-left override can disguise an extension).
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs"))
    text = _FORBIDDEN.sub("", text)
    # Leading dots hide a file; a leading "~" makes "~$" names that the batch skips as Office lock files.
    text = text.strip(" .").lstrip("~").strip(" .")
    while len(text) > max_chars or len(text.encode("utf-8")) > max_bytes:
        text = text[:-1].rstrip(" .")
    if not text:
        return "_"
    # Windows refuses a reserved device name even with an extension after it ("CON.xlsx").
    if text.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = "_" + text
    return text


def unique_name(text: str, extension: str, taken: set[str]) -> str:
    """`safe_filename(text) + extension`, with -2, -3 ... appended if the name is taken (case-insensitively,
    as on Windows and macOS); the chosen name is added to `taken`."""
    n = 1
    while True:
        suffix = "" if n == 1 else f"-{n}"
        stem = safe_filename(text, MAX_NAME_CHARS - len(suffix), MAX_NAME_BYTES - len(suffix))
        name = f"{stem}{suffix}{extension}"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
        n += 1


def form_file_stem(form: BlankForm, month: Month, locale: str) -> str:
    parts = [label(f"form.{form.form}", locale)]
    if form.rating_type:
        parts.append(label(f"rating.{form.rating_type}", locale))
    parts.append(str(month))
    parts += [p for p in (form.submitter_id, form.submitter_name) if p]
    return "_".join(parts)


# ---------------------------------------------------------------- which forms


def blank_forms_for(registry: Registry, month: Month) -> list[BlankForm]:
    """The monthly forms expected from each submitter, then one 加減分表 and one 一票否決表 for anyone."""
    departments = registry.of_kind(DEPARTMENT)
    every_department = tuple(zip(departments["unit_id"], departments["unit_name"]))
    raters = registry.raters.set_index("rater_id")
    forms = []
    for form, rating_type, submitter, _, _ in expected_submissions(registry, month).itertuples(index=False):
        rater = rating_type == "leader"
        name = raters.loc[submitter, "name"] if rater else registry.name_of(submitter)
        ratees: tuple[tuple[str, str], ...] = ()
        if form == "ratings":
            ratees = tuple(r for r in every_department if not (rating_type == "mutual" and r[0] == submitter))
        forms.append(BlankForm(form, rating_type, submitter, name, rater, ratees))
    return forms + [BlankForm("adjustments"), BlankForm("vetoes")]


def write_blank_forms(registry: Registry, config: Config, month: Month, out_dir: Path) -> list[Path]:
    """Writes every blank form for `month` into `out_dir` (created if needed); returns the paths in order.

    Files of the same name from an earlier run are replaced; names are unique within this run.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths = []
    for form in blank_forms_for(registry, month):
        path = out_dir / unique_name(form_file_stem(form, month, config.locale), ".xlsx", taken)
        _FormWriter(path, form, registry, config, month).write()
        paths.append(path)
    return paths


# ---------------------------------------------------------------- one workbook


class _FormWriter:
    def __init__(self, path: Path, form: BlankForm, registry: Registry, config: Config, month: Month):
        self.path, self.form, self.registry, self.config, self.month = path, form, registry, config, month
        self.locale = config.locale
        self.spec = FORMS[form.form]

    def label(self, key: str) -> str:
        return label(key, self.locale)

    def write(self) -> None:
        book = xlsxwriter.Workbook(str(self.path), WORKBOOK_OPTIONS)
        # Fixed properties (creation time from the period): the same inputs give byte-identical files.
        book.set_properties({
            "title": self.title(),
            "company": self.config.organization_name,
            "author": "pbbatch",
            "created": dt.datetime(self.month.year, self.month.month, 1),
        })
        self.fmt = _formats(book)
        info = book.add_worksheet(self.label("sheet.form_info"))
        data = book.add_worksheet(self.label("sheet.data"))
        self.lists = _Lists(book.add_worksheet(self.label("sheet.lists"))) if self.form.form != "ratings" else None
        self.write_info(info)
        self.write_data(data)
        data.activate()
        book.close()

    def form_title(self) -> str:
        name = self.label(self.spec.label)
        if self.form.rating_type:
            name = message("template.form_with_type", self.locale, form=name,
                           type=self.label(f"rating.{self.form.rating_type}"))
        return name

    def title(self) -> str:
        who = " ".join(p for p in (self.form.submitter_id, self.form.submitter_name) if p)
        return message("template.title", self.locale, org=self.config.organization_name, form=self.form_title(),
                       period=self.month, who=who).strip("　 ")

    # ------------------------------------------------------------ 填報信息

    def write_info(self, ws) -> None:
        fmt, form = self.fmt, self.form
        rows: list[tuple[str, object, str]] = [  # (label key, value, format name)
            ("form", self.label(self.spec.label), "fixed"),
            ("period", str(self.month), "fixed"),
            ("submitter_id", form.submitter_id, "fixed" if form.submitter_id else "input_code"),
        ]
        if form.submitter_id:
            name_key = "info.submitter_rater" if form.rater else "info.submitter_unit"
            rows.append((name_key, form.submitter_name, "fixed"))
        if form.rating_type:
            rows.append(("rating_type", self.label(f"rating.{form.rating_type}"), "fixed"))
        rows += [("filled_by", "", "input"), ("filled_on", "", "input_date"), ("version", 1, "input")]
        rules = {
            "submitter_id": None if form.submitter_id else self.unit_list(),
            "filled_on": {"validate": "date", "criteria": ">=", "value": dt.date(2000, 1, 1)},
            "version": {"validate": "integer", "criteria": ">=", "value": 1},
        }
        for r, (key, value, style) in enumerate(rows):
            ws.write_string(r, 0, self.label(key), fmt["info_label"])
            if isinstance(value, int):
                ws.write_number(r, 1, value, fmt[style])
            elif value:
                ws.write_string(r, 1, value, fmt[style])
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
        columns = self.spec.columns
        widths = [self.column_width(c) for c in columns]
        for c, column in enumerate(columns):
            ws.write_string(HEADER_ROW, c, self.label(column.label), self.fmt["header"])
            ws.set_column(c, c, widths[c])
        if self.form.form == "ratings":
            self.write_ratees(ws)
        else:
            self.write_free_rows(ws)
        self.write_instructions(ws, sum(widths))
        ws.freeze_panes(FIRST_ROW, 0)
        _page_setup(ws)
        ws.repeat_rows(HEADER_ROW)
        options = dict(PROTECTION, insert_rows=self.form.form != "ratings")
        ws.protect("", options)

    def write_instructions(self, ws, total_width: int) -> None:
        last = len(self.spec.columns) - 1
        fill = message(f"template.fill.{self.form.form}", self.locale, first=self.month.first_day.isoformat(),
                       last=self.month.last_day.isoformat())
        keep = message("template.keep_header", self.locale, row=HEADER_ROW + 1)
        for r, (text, style) in enumerate(((self.title(), "title"), (fill, "note"), (keep, "note"))):
            ws.merge_range(r, 0, r, last, "", self.fmt[style])
            ws.write_string(r, 0, text, self.fmt[style])
            lines = max(1, math.ceil(text_width(text) * (1.3 if style == "title" else 1) / max(total_width, 1)))
            ws.set_row(r, LINE_HEIGHT * lines + (6 if style == "title" else 0))

    def write_ratees(self, ws) -> None:
        fmt = self.fmt
        end = FIRST_ROW + len(self.form.ratees) - 1
        for r, (code, name) in enumerate(self.form.ratees, start=FIRST_ROW):
            ws.write_string(r, 0, code, fmt["fixed"])
            ws.write_string(r, 1, name, fmt["fixed"])
            ws.write_blank(r, 2, None, fmt["input_number"])
            ws.write_blank(r, 3, None, fmt["input"])
        if self.form.ratees:
            ws.data_validation(FIRST_ROW, 2, end, 2, {"validate": "decimal", "criteria": "between",
                                                       "minimum": 0, "maximum": 100})

    def write_free_rows(self, ws) -> None:
        end = FIRST_ROW + FREE_ROWS[self.form.form] - 1
        for c, column in enumerate(self.spec.columns):
            style = {"code": "input_code", "number": "input_number", "date": "input_date"}.get(column.kind, "input")
            for r in range(FIRST_ROW, end + 1):
                ws.write_blank(r, c, None, self.fmt[style])
            rule = self.validation(column)
            if rule:
                ws.data_validation(FIRST_ROW, c, end, c, rule)

    def validation(self, column: Column) -> dict | None:
        """The data validation of an input column of 目標考核表, 加減分表 or 一票否決表."""
        if column.kind == "code":
            return self.unit_list()
        if column.kind == "choice":
            return {"validate": "list", "source": self.lists.source(column.key, self.choices(column))}
        if column.kind == "date":
            return {"validate": "date", "criteria": "between", "minimum": self.month.first_day,
                    "maximum": self.month.last_day}
        if column.kind != "number":
            return None
        if self.form.form == "targets" and column.key == "points":
            return {"validate": "decimal", "criteria": "between", "minimum": 0.01, "maximum": 100}
        if self.form.form == "targets" and column.key == "score":
            points = [c.key for c in self.spec.columns].index("points")
            # Relative to the first input row, so each row's score is checked against its own points.
            return {"validate": "decimal", "criteria": "between", "minimum": 0,
                    "maximum": "=" + xl_rowcol_to_cell(FIRST_ROW, points, col_abs=True)}
        return {"validate": "decimal", "criteria": "between", "minimum": -1000, "maximum": 1000}

    def choices(self, column: Column) -> list[str]:
        if column.choices:
            return [self.label(k) for k in column.choices]
        return list(self.config.veto_categories)

    def unit_list(self) -> dict:
        return {"validate": "list", "source": self.lists.source("units", list(self.registry.units["unit_id"]))}

    def column_width(self, column: Column) -> int:
        texts = [self.label(column.label)]
        if column.key in ("ratee_id", "ratee_name"):
            texts += [r[0] if column.key == "ratee_id" else r[1] for r in self.form.ratees]
        elif column.kind == "choice":
            texts += self.choices(column)
        elif column.kind == "code":
            texts += list(self.registry.units["unit_id"])
        least = 36 if column.key in WIDE_TEXT else MIN_WIDTH[column.kind]
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
                self.ws.write_string(r, c, value)
            first = xl_rowcol_to_cell(0, c, row_abs=True, col_abs=True)
            last = xl_rowcol_to_cell(max(len(values) - 1, 0), c, row_abs=True, col_abs=True)
            self.sources[name] = f"={quote_sheetname(self.ws.name)}!{first}:{last}"
        return self.sources[name]


def _formats(book) -> dict:
    border = {"border": 1, "valign": "vcenter"}
    specs = {
        "title": {"bold": True, "font_size": 14, "text_wrap": True, "valign": "vcenter"},
        "note": {"text_wrap": True, "valign": "top", "font_color": "#595959"},
        "header": {**border, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"},
        "info_label": {**border, "bold": True, "bg_color": "#D9E1F2"},
        "fixed": {**border, "bg_color": "#EDEDED", "num_format": "@"},
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
