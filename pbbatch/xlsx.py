"""Writing workbooks with xlsxwriter: the output end. User text is always written as text, never a formula."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
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


def write_workbook(path: Path, sheets: list[Sheet], created: dt.datetime) -> None:
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.set_properties({"created": created, "author": "pbbatch"})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                              "valign": "vcenter"})
    formats: dict[tuple, object] = {}

    def cell_format(fill: str | None, decimals: int | None, is_date: bool):
        key = (fill, decimals, is_date)
        if key not in formats:
            spec: dict[str, object] = {"border": 1, "valign": "vcenter"}
            if fill:
                spec["bg_color"] = ROW_FILLS[fill]
            if decimals is not None:
                spec["num_format"] = "0." + "0" * decimals if decimals else "0"
            if is_date:
                spec["num_format"] = "yyyy-mm-dd"
            formats[key] = book.add_format(spec)
        return formats[key]

    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        columns = list(sheet.frame.columns)
        widths = [text_width(str(c)) + 2 for c in columns]
        for c, name in enumerate(columns):
            ws.write_string(0, c, str(name), header)
        for r, values in enumerate(sheet.frame.itertuples(index=False), start=1):
            fill = sheet.row_fill[r - 1] if sheet.row_fill else None
            for c, value in enumerate(values):
                decimals = sheet.decimals.get(columns[c])
                is_date = isinstance(value, (dt.date, dt.datetime))
                fmt = cell_format(fill, decimals, is_date)
                widths[c] = max(widths[c], _write(ws, r, c, value, fmt) + 2)
        for c, width in enumerate(widths):
            ws.set_column(c, c, min(width, MAX_WIDTH))
        ws.freeze_panes(1, 0)
        if len(sheet.frame):
            ws.autofilter(0, 0, len(sheet.frame), max(len(columns) - 1, 0))
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_header("&C" + _header_text(sheet.title or sheet.name))
        ws.set_footer("&C&P / &N")
    book.close()


def _write(ws, row: int, col: int, value: object, fmt) -> int:
    """Writes one cell by its Python type; returns its display width."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        ws.write_blank(row, col, None, fmt)
        return 0
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
        return 5
    if isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
        return len(f"{value:.2f}")
    if isinstance(value, (dt.datetime, dt.date)):
        ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()) if type(value) is dt.date else value, fmt)
        return 10
    text = str(value)
    ws.write_string(row, col, text, fmt)
    return max((text_width(line) for line in text.splitlines()), default=0)
