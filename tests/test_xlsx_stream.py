"""The streaming writer of plain tables (outputs/xlsx_stream.py) against xlsxwriter (outputs/xlsx.py) as the
oracle: for the same Sheets, the same cells in the same XML, and the same workbook as openpyxl and calamine read
it: values, types, formats, widths, heights, frozen header, filter, print set-up, header and footer."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
import python_calamine

import pbbatch.outputs.xlsx as xlsx
import pbbatch.outputs.xlsx_stream as stream
from pbbatch.outputs.xlsx import Sheet

CREATED = dt.datetime(2026, 3, 1)
LONG = "不能評優：" + "；".join(f"2026-{m:02d} 評為 C 檔" for m in range(1, 13))
TEXTS = ["D001", "007", "組織部", " 前後有空格 ", "a&b<c>\"'", "=SUM(A1)", "+1", "@x", "\x01控制\r字元\x1f", "_x0041_",
         "tab\there", "line\nbreak", "", None, "\ufffe", LONG]
RICH = ["<r>x</r>", "<r><t>ok</t></r>"]  # xlsxwriter writes these as runs of plain text (xlsx.write_text)


def sheets() -> list[Sheet]:
    n = len(TEXTS)
    numbers = [1.5, 1 / 3, float("nan"), 0.0, -2.25, 12345678901234567890.0, 1e-7, 100.0] * 2
    table = pd.DataFrame({
        "編號": TEXTS,
        "得分": numbers[:n],
        "名次": pd.array([1, 2, None, 4] * (n // 4), dtype="Int64"),
        "係數": [1.2, 1.0, 0.8, 1.25] * (n // 4),
        "是否": [True, False, None, True] * (n // 4),
        "日期": [dt.date(2026, 3, 1), dt.datetime(2026, 3, 31, 12, 30), None, dt.date(1900, 1, 5)] * (n // 4),
        "整數": [7, 0, -3, 2 ** 40] * (n // 4),
        "名稱": ["組織部", "宣傳部", "", "工會"] * (n // 4),  # plain texts: the whole column at once
        "備註": ["甲", "乙", "", "丙"] * (n // 4 - 1) + ["甲", "乙", "", "丙 "],  # one needs care: cell by cell
        "整分": [80.0, None, 92.5, 1e20] * (n // 4),  # finite numbers and blanks: the whole column at once
    })
    fills = ([None, "A", "C", None] * (n // 4))
    return [Sheet("個人排名", table, "長平公司 & <測試> 個人績效", row_fill=fills, decimals={"得分": 2, "係數": 4, "名次": 0},
                  banner="【試算稿】仍有未報送"),
            Sheet("空表", pd.DataFrame({"單位": [], "說明": []}), ""),
            Sheet("個人季度兌現 名稱超過三十一個字元的工作表名稱用來測試截斷", pd.DataFrame({"a": ["短", "x" * 40_000], "b": [1, 2], "c": ["y" * 40_000, "z"]}))]  # cut C2, then A3


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    oracle, ours = folder / "oracle.xlsx", folder / "stream.xlsx"
    assert xlsx.write_workbook(oracle, sheets(), CREATED) == stream.write_tables(ours, sheets(), CREATED)
    return oracle, ours


def sheet_data(path, n: int) -> str:
    xml = zipfile.ZipFile(path).read(f"xl/worksheets/sheet{n}.xml").decode()
    return re.search(r"<sheetData>.*</sheetData>|<sheetData/>", xml, re.S).group(0)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_cells_are_the_xml_xlsxwriter_writes(pair, n):
    oracle, ours = pair
    assert sheet_data(ours, n) == sheet_data(oracle, n)


def described(path) -> list:
    """Everything of a workbook a clerk sees or prints, as openpyxl reads it."""
    book = openpyxl.load_workbook(path)
    out = [book.sheetnames]
    for ws in book:
        out.append((ws.title, ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows, ws.page_setup.paperSize,
                    ws.page_setup.orientation, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage,
                    ws.oddHeader.center.text, ws.oddFooter.center.text, ws.sheet_view.tabSelected, ws.dimensions))
        out.append({k: round(d.width, 4) for k, d in ws.column_dimensions.items() if d.width})
        out.append({k: d.height for k, d in ws.row_dimensions.items() if d.height})
        for row in ws.iter_rows():
            for c in row:
                font, fill, border, align = c.font, c.fill, c.border, c.alignment
                color = font.color.rgb if font.color is not None and font.color.type == "rgb" else "FF000000"
                out.append((c.coordinate, c.value, c.data_type, c.number_format, font.b, font.sz, font.strike, color,
                            fill.fill_type, fill.fgColor.rgb if fill.fill_type else None,
                            [getattr(border, s).style for s in ("left", "right", "top", "bottom")],
                            align.wrap_text, align.vertical))
    return out


def test_openpyxl_reads_the_same_workbook(pair):
    oracle, ours = pair
    assert described(ours) == described(oracle)


def test_calamine_reads_the_same_values(pair):
    oracle, ours = pair
    read = lambda p: {name: book.get_sheet_by_name(name).to_python()  # noqa: E731
                      for book in [python_calamine.CalamineWorkbook.from_path(str(p))] for name in book.sheet_names}
    assert read(ours) == read(oracle)


def test_text_like_rich_text_markup_is_written_literally(tmp_path):
    path = tmp_path / "rich.xlsx"
    stream.write_tables(path, [Sheet("表", pd.DataFrame({"說明": RICH}))], CREATED)
    assert [c.value for c in openpyxl.load_workbook(path)["表"]["A"][1:]] == RICH


def test_a_table_longer_than_a_sheet_continues_as_xlsxwriter_continues_it(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)
    monkeypatch.setattr(stream, "MAX_ROWS", 4)
    table = [Sheet("評分明細", pd.DataFrame({"編號": [f"D{i:02d}" for i in range(8)], "得分": [float(i) for i in range(8)]}))]
    xlsx.write_workbook(tmp_path / "o.xlsx", table, CREATED)
    stream.write_tables(tmp_path / "s.xlsx", table, CREATED)
    assert described(tmp_path / "s.xlsx") == described(tmp_path / "o.xlsx")
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").sheetnames == ["評分明細", "評分明細 (2)", "評分明細 (3)"]


def test_a_format_the_stream_writer_does_not_know_fails_instead_of_being_dropped():
    with pytest.raises(ValueError, match="italic"):
        stream._Styles().index({"italic": True, "border": 1})


def test_an_infinite_number_is_refused_as_xlsxwriter_refuses_it(tmp_path):
    table = [Sheet("表", pd.DataFrame({"得分": [float("inf")]}))]
    with pytest.raises(Exception):
        xlsx.write_workbook(tmp_path / "o.xlsx", table, CREATED)
    with pytest.raises(ValueError, match="A2"):
        stream.write_tables(tmp_path / "s.xlsx", table, CREATED)
