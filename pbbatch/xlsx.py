"""Writing workbooks with xlsxwriter: the output end. User text is always written as text, never a formula."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import xlsxwriter

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
ROW_FILLS = {"A": "#E2EFDA", "C": "#FCE4D6"}
MAX_WIDTH = 60


@dataclass
class Sheet:
    name: str
    frame: pd.DataFrame
    title: str = ""  # printed in the page header
    row_fill: list[str | None] = field(default_factory=list)  # a key of ROW_FILLS per row, or None
    decimals: dict[str, int] = field(default_factory=dict)  # column -> decimal places shown


def text_width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _header_text(text: str) -> str:
    return text.replace("&", "&&")


WIDTH_SAMPLE = 500  # column widths are measured on the header and this many rows
MAX_ROWS = 1_048_576  # Excel's rows a sheet: a longer table continues on "name (2)", "name (3)" ...
CHUNK = 50_000  # rows converted to plain values at a time, so a long table never sits in memory twice


def _column_values(column: pd.Series) -> list:
    """Plain Python values (no numpy scalars), read once: per-cell pandas access costs more than the writing."""
    return column.astype(object).where(column.notna(), None).tolist()


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.2f}")
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    return max((text_width(line) for line in str(value).splitlines()), default=0)


def write_workbook(path: Path, sheets: list[Sheet], created: dt.datetime) -> None:
    """Each sheet: a header row, then the frame's rows, printable on A4 landscape, text always as text.

    Written in constant-memory mode (row by row to disk), so a large detail sheet costs no memory."""
    book = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "constant_memory": True})
    book.set_properties({"created": created, "author": "pbbatch"})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                              "valign": "vcenter"})
    formats: dict[tuple, object] = {}

    def cell_format(fill: str | None, num_format: str | None):
        if (fill, num_format) not in formats:
            spec: dict[str, object] = {"border": 1, "valign": "vcenter"}
            if fill:
                spec["bg_color"] = ROW_FILLS[fill]
            if num_format:
                spec["num_format"] = num_format
            formats[(fill, num_format)] = book.add_format(spec)
        return formats[(fill, num_format)]

    for sheet in sheets:
        frame, fills = sheet.frame, sheet.row_fill or [None] * len(sheet.frame)
        columns = list(frame.columns)
        number_formats = [_number_format(sheet.decimals.get(c)) for c in columns]
        row_formats: dict[str | None, tuple[list, object]] = {}
        sample = frame.head(WIDTH_SAMPLE)
        widths = [max([text_width(str(c)), *map(_display_width, _column_values(sample[c]))]) + 2 for c in columns]
        per_sheet = MAX_ROWS - 1
        for part, start in enumerate(range(0, max(len(frame), 1), per_sheet), start=1):
            name = sheet.name if part == 1 else f"{sheet.name[:25]} ({part})"
            ws = book.add_worksheet(name[:31])
            for c, width in enumerate(widths):
                ws.set_column(c, c, min(width, MAX_WIDTH))
            ws.freeze_panes(1, 0)
            for c, column_name in enumerate(columns):
                ws.write_string(0, c, str(column_name), header)
            stop = min(start + per_sheet, len(frame))
            for first in range(start, stop, CHUNK):
                last = min(first + CHUNK, stop)
                values = [_column_values(frame[c].iloc[first:last]) for c in columns]
                for offset, fill in enumerate(fills[first:last]):
                    if fill not in row_formats:
                        row_formats[fill] = ([cell_format(fill, n) for n in number_formats],
                                             cell_format(fill, "yyyy-mm-dd"))
                    plain, dated = row_formats[fill]
                    row = first - start + offset + 1
                    for c, column in enumerate(values):
                        _write(ws, row, c, column[offset], plain[c], dated)
            if stop > start:
                ws.autofilter(0, 0, stop - start, max(len(columns) - 1, 0))
            ws.set_paper(9)
            ws.set_landscape()
            ws.fit_to_pages(1, 0)
            ws.repeat_rows(0)
            ws.set_header("&C" + _header_text(sheet.title or sheet.name))
            ws.set_footer("&C&P / &N")
    book.close()


def _number_format(decimals: int | None) -> str | None:
    if decimals is None:
        return None
    return "0." + "0" * decimals if decimals else "0"


def _write(ws, row: int, col: int, value: object, fmt, date_fmt) -> None:
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
        ws.write_string(row, col, str(value), fmt)
