"""Writing workbooks with xlsxwriter: the output end. User text is always written as text, never a formula."""

from __future__ import annotations

import datetime as dt
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
import xlsxwriter.exceptions

from pbbatch.core.catalogue import DEFAULT_LOCALE, label, message
from pbbatch.intake.workbook import column_letter

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
ROW_FILLS = {"A": "#E2EFDA", "C": "#FCE4D6"}
MAX_WIDTH = 60
ROW_HEIGHT = 15  # points: Excel's default row, one line of text


@dataclass
class Sheet:
    name: str
    frame: pd.DataFrame
    title: str = ""  # printed in the page header
    row_fill: list[str | None] = field(default_factory=list)  # a key of ROW_FILLS per row, or None
    decimals: dict[str, int] = field(default_factory=dict)  # column -> decimal places shown
    banner: str = ""  # a row above the header (the draft mark), on the sheet and on every printed page


def text_width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    if text.isascii():  # codes, numbers, most file names: no need to look at each character
        return len(text)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def header_text(text: str) -> str:
    return text.replace("&", "&&")


WIDTH_SAMPLE = 500  # column widths are measured on the header and this many rows
MAX_ROWS = 1_048_576  # Excel's rows a sheet: a longer table continues on "name (2)", "name (3)" ...
CHUNK = 50_000  # rows converted to plain values at a time, so a long table never sits in memory twice


def column_values(column: pd.Series) -> list:
    """Plain Python values (no numpy scalars), read once: per-cell pandas access costs more than the writing."""
    return column.astype(object).where(column.notna(), None).tolist()


def display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.2f}")
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    return max((text_width(line) for line in str(value).splitlines()), default=0)


@dataclass
class GridSheet:
    """A sheet of leading columns and then a grid of numbers (see tables.Grid): a rater per column, say."""

    name: str
    grid: object  # tables.Grid: lead (DataFrame), headers, values (float, NaN = empty), struck (bool)
    title: str = ""
    decimals: dict[str, int] = field(default_factory=dict)  # lead column -> decimal places shown


MAX_COLUMNS = 16_384  # Excel's columns a sheet: a wider grid continues on "name (2)" with the lead repeated
GRID_WIDTH = 12


EXCEL_TEXT_LIMIT = 32_767  # characters in a cell: Excel cuts the rest without a word


HEADER_SPEC = {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "vcenter"}
BANNER_SPEC = {"bold": True, "font_color": "#C00000", "font_size": 14, "valign": "vcenter"}
DATE_FORMAT = "yyyy-mm-dd"


def cell_spec(fill: str | None = None, num_format: str | None = None, struck: bool = False,
              wrap: bool = False) -> dict[str, object]:
    """A body cell's format, as xlsxwriter's add_format takes it: bordered, centred vertically."""
    spec: dict[str, object] = {"border": 1, "valign": "vcenter"}
    if wrap:
        spec["text_wrap"] = True
    if fill:
        spec["bg_color"] = ROW_FILLS[fill]
    if num_format:
        spec["num_format"] = num_format
    if struck:
        spec |= {"font_strikeout": True, "font_color": "#808080"}
    return spec


class _Formats:
    """The workbook's cell formats, made once each, and the texts cut to fit a cell (see _fit)."""

    def __init__(self, book, locale: str = DEFAULT_LOCALE):
        self.book = book
        self.cut_mark = label("out.cut_mark", locale)
        self.cuts: list[tuple[str, str]] = []  # (sheet, cell)
        self.header = book.add_format(HEADER_SPEC)
        self.banner = book.add_format(BANNER_SPEC)
        self._made: dict[tuple, object] = {}

    def cell(self, fill: str | None = None, num_format: str | None = None, struck: bool = False, wrap: bool = False):
        key = (fill, num_format, struck, wrap)
        if key not in self._made:
            self._made[key] = self.book.add_format(cell_spec(fill, num_format, struck, wrap))
        return self._made[key]


def write_workbook(path: Path, sheets: list[Sheet | GridSheet], created: dt.datetime,
                   locale: str = DEFAULT_LOCALE) -> list[tuple[str, str]]:
    """Each sheet: a header row, then its rows, printable on A4 landscape, text always as text.

    Written in constant-memory mode (row by row to disk), so a large detail sheet costs no memory. Text longer
    than a cell holds is cut with a visible mark, and each cut is warned of on standard error; returns the
    (sheet, cell) of each."""
    book = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "constant_memory": True})
    book.set_properties({"created": created, "author": "pbbatch"})
    formats = _Formats(book, locale)
    for sheet in sheets:
        if isinstance(sheet, GridSheet):
            _write_grid(book, sheet, formats)
        else:
            _write_table(book, sheet, formats)
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:  # the OSError inside, naming the file
        cause = exc.args[0]
        raise OSError(cause.errno, cause.strerror, str(path)) from None
    report_cuts(path, formats.cuts, locale)
    return formats.cuts


def report_cuts(path: Path, cuts: list[tuple[str, str]], locale: str) -> None:
    for sheet_name, cell in cuts:
        print(message("output.text_cut", locale, file=Path(path).name, sheet=sheet_name, cell=cell,
                      limit=EXCEL_TEXT_LIMIT, mark=label("out.cut_mark", locale)), file=sys.stderr)


def cut_text(text: str, mark: str) -> str | None:
    """As much of the text as a cell holds followed by the cut mark, or None when the whole text fits."""
    return None if len(text) <= EXCEL_TEXT_LIMIT else text[:EXCEL_TEXT_LIMIT - len(mark)] + mark


def _fit(ws, row: int, col: int, text: str, formats: _Formats) -> str:
    """The text, or as much of it as a cell holds followed by the cut mark."""
    cut = cut_text(text, formats.cut_mark)
    if cut is None:
        return text
    formats.cuts.append((ws.name, f"{column_letter(col)}{row + 1}"))
    return cut


def part_name(name: str, part: int) -> str:
    return (name if part == 1 else f"{name[:25]} ({part})")[:31]


def column_widths(frame: pd.DataFrame) -> list[int]:
    sample = frame.head(WIDTH_SAMPLE)
    return [max([text_width(str(c)), *map(display_width, column_values(sample[c]))]) + 2 for c in frame.columns]


def _start_sheet(book, name: str, headers: list[str], widths: list[int], formats: _Formats, banner: str = ""):
    ws = book.add_worksheet(name)
    for c, width in enumerate(widths):
        ws.set_column(c, c, min(width, MAX_WIDTH))
    top = 1 if banner else 0
    if banner:
        ws.set_row(0, 24)
        ws.write_string(0, 0, banner, formats.banner)
    for c, text in enumerate(headers):
        write_text(ws, top, c, _fit(ws, top, c, str(text), formats), formats.header)
    return ws


def _finish_sheet(ws, title: str, rows: int, columns: int, fit_width: bool = True, top: int = 0) -> None:
    if rows:
        ws.autofilter(top, 0, top + rows, max(columns - 1, 0))
    ws.set_paper(9)
    ws.set_landscape()
    if fit_width:
        ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, top)
    ws.set_header("&C" + header_text(title))
    ws.set_footer("&C&P / &N")


def _write_table(book, sheet: Sheet, formats: _Formats) -> None:
    frame, fills = sheet.frame, sheet.row_fill or [None] * len(sheet.frame)
    columns = list(frame.columns)
    number_formats = [number_format(sheet.decimals.get(c)) for c in columns]
    row_formats: dict[str | None, tuple[list, object]] = {}
    widths = column_widths(frame)
    wrapped = [width > MAX_WIDTH for width in widths]  # text wider than a column may be wraps, not runs on
    top = 1 if sheet.banner else 0  # the header's row
    per_sheet = MAX_ROWS - 1 - top
    for part, start in enumerate(range(0, max(len(frame), 1), per_sheet), start=1):
        ws = _start_sheet(book, part_name(sheet.name, part), columns, widths, formats, sheet.banner)
        ws.freeze_panes(top + 1, 0)
        stop = min(start + per_sheet, len(frame))
        for first in range(start, stop, CHUNK):
            last = min(first + CHUNK, stop)
            values = [column_values(frame[c].iloc[first:last]) for c in columns]
            writers = [_direct_writer(ws, column) for column in values]
            for offset, fill in enumerate(fills[first:last]):
                if fill not in row_formats:
                    row_formats[fill] = ([formats.cell(fill, n, wrap=w) for n, w in zip(number_formats, wrapped)],
                                         formats.cell(fill, DATE_FORMAT))
                plain, dated = row_formats[fill]
                row = first - start + offset + 1 + top
                for c, column in enumerate(values):
                    direct = writers[c]
                    if direct is None:
                        _write(ws, row, c, column[offset], plain[c], dated, formats)
                    else:
                        direct(row, c, column[offset], plain[c])
                lines = row_lines(values, wrapped, offset)
                if lines > 1:  # readers do not grow a row for wrapped text on opening; its height is set
                    ws.set_row(row, ROW_HEIGHT * lines)
        _finish_sheet(ws, sheet.title or sheet.name, stop - start, len(columns), top=top)


def row_lines(values: list[list], wrapped: list[bool], offset: int) -> int:
    """The lines row `offset` of the columns' `values` takes: its widest text in a wrapped column over MAX_WIDTH."""
    return max((-(-display_width(column[offset]) // MAX_WIDTH) for column, w in zip(values, wrapped) if w), default=1)


def _write_grid(book, sheet: GridSheet, formats: _Formats) -> None:
    lead, headers, values, struck = sheet.grid.lead, sheet.grid.headers, sheet.grid.values, sheet.grid.struck
    lead_columns = list(lead.columns)
    lead_values = [column_values(lead[c]) for c in lead_columns]
    lead_formats = [formats.cell(None, number_format(sheet.decimals.get(c))) for c in lead_columns]
    plain, crossed, dated = formats.cell(), formats.cell(struck=True), formats.cell(None, DATE_FORMAT)
    lead_widths = column_widths(lead)
    per_sheet = MAX_COLUMNS - len(lead_columns)
    for part, start in enumerate(range(0, max(len(headers), 1), per_sheet), start=1):
        stop = min(start + per_sheet, len(headers))
        ws = _start_sheet(book, part_name(sheet.name, part), lead_columns + headers[start:stop],
                          lead_widths + [GRID_WIDTH] * (stop - start), formats)
        ws.freeze_panes(1, len(lead_columns))
        ws.repeat_columns(0, max(len(lead_columns) - 1, 0))
        base = len(lead_columns) - start
        for r in range(len(lead)):
            for c, column in enumerate(lead_values):
                _write(ws, r + 1, c, column[r], lead_formats[c], dated, formats)
            scores = values[r, start:stop].tolist()
            crossed_at = set((np.flatnonzero(struck[r, start:stop]) + start).tolist())
            for c, score in enumerate(scores, start=start):
                if score == score:  # NaN: nobody's score, an empty cell
                    ws.write_number(r + 1, base + c, score, crossed if c in crossed_at else plain)
        _finish_sheet(ws, sheet.title or sheet.name, len(lead), len(lead_columns) + stop - start, fit_width=False)


def number_format(decimals: int | None) -> str | None:
    if decimals is None:
        return None
    return "0." + "0" * decimals if decimals else "0"


def _direct_writer(ws, values: list):
    """The worksheet's own write_string or write_number when every value of the column is a text _write would
    write as it is (not blank, not cut) or a number, else None (then _write decides cell by cell). A large
    table's cells cost a third less this way."""
    if all(type(v) is str and v and len(v) <= EXCEL_TEXT_LIMIT and not _looks_rich(v) for v in values):
        return ws.write_string
    if all((type(v) is int or type(v) is float) and v == v for v in values):  # not bool, not NaN
        return ws.write_number
    return None


def _write(ws, row: int, col: int, value: object, fmt, date_fmt, formats: _Formats) -> None:
    """Writes one cell by its Python type: strings always as strings, blanks as blank cells."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date)):
        day = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        ws.write_datetime(row, col, day, date_fmt)
    else:
        write_text(ws, row, col, _fit(ws, row, col, str(value), formats), fmt)


def _looks_rich(text: str) -> bool:
    return text.startswith("<r>") and text.endswith("</r>")


def write_text(ws, row: int, col: int, text: str, fmt) -> None:
    """A text as it is. xlsxwriter takes a string that starts with <r> and ends with </r> for its own rich-text
    XML and writes it unescaped (a corrupt cell, or other text shown); such a text is written as runs of plain
    text instead (three: it takes no fewer), which it escapes."""
    if _looks_rich(text):
        runs = (text[:1], text[1:2], text[2:], *((fmt,) if fmt is not None else ()))
        if ws.write_rich_string(row, col, *runs) != 0:
            raise ValueError(f"xlsxwriter refused the text of cell {column_letter(col)}{row + 1}")
    else:
        ws.write_string(row, col, text, fmt)
