"""The workbook writer: text stays text, blanks stay blank, and a table longer than a sheet continues."""

import datetime as dt

import openpyxl
import pandas as pd

import pbbatch.outputs.xlsx as xlsx


def test_a_table_longer_than_a_sheet_continues_on_numbered_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)  # a header and three rows a sheet
    frame = pd.DataFrame({"編號": [f"D{i:02d}" for i in range(8)], "得分": [float(i) for i in range(8)]})
    xlsx.write_workbook(tmp_path / "t.xlsx", [xlsx.Sheet("評分明細", frame)], dt.datetime(2026, 3, 1))
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["評分明細", "評分明細 (2)", "評分明細 (3)"]
    rows = [r for ws in book for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows == [(f"D{i:02d}", float(i)) for i in range(8)]
    assert all([c.value for c in ws[1]] == ["編號", "得分"] for ws in book)


def test_values_keep_their_types(tmp_path):
    frame = pd.DataFrame({"a": ["=1+1", "", None, "007"], "b": [1.5, float("nan"), 3, 4],
                          "c": [dt.date(2026, 3, 1), None, None, None]})
    xlsx.write_workbook(tmp_path / "t.xlsx", [xlsx.Sheet("s", frame)], dt.datetime(2026, 3, 1))
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["s"]
    assert [(c.value, c.data_type) for c in ws["A"][1:]] == [("=1+1", "s"), (None, "n"), (None, "n"), ("007", "s")]
    assert [c.value for c in ws["B"][1:]] == [1.5, None, 3, 4]
    assert ws["C2"].value == dt.datetime(2026, 3, 1) and ws["C2"].number_format == "yyyy-mm-dd"


def test_a_failure_in_the_background_writer_is_not_swallowed(tmp_path):
    import pytest

    from pbbatch.outputs.write import in_background

    def broken():
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):  # the writer's own error, not a bare exit code
        with in_background(broken):
            pass

    def ok():
        (tmp_path / "done").write_text("yes")

    with in_background(ok):
        pass
    assert (tmp_path / "done").read_text() == "yes"  # finished before the block returned


def test_column_width_counts_cjk_and_full_width_characters_twice():
    assert [xlsx.text_width(t) for t in ("D001", "組織部", "Ｄ００１", "é", "B01 機電科", "")] == [4, 6, 8, 1, 10, 0]


def test_text_wider_than_a_column_may_be_wraps_and_short_text_does_not(tmp_path):
    long = "不能評優：" + "；".join(f"2026-{m:02d} 評為 C 檔" for m in range(1, 13))
    frame = pd.DataFrame({"單位": ["甲", "乙"], "說明": [long, "短"]})
    path = tmp_path / "t.xlsx"
    xlsx.write_workbook(path, [xlsx.Sheet("表", frame, "標題")], dt.datetime(2026, 3, 1))
    sheet = openpyxl.load_workbook(path)["表"]
    assert sheet["B2"].value == long and sheet["B2"].alignment.wrap_text
    assert sheet["B3"].alignment.wrap_text  # the whole column wraps, its short cells too
    assert not sheet["A2"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width <= xlsx.MAX_WIDTH + 1
    assert sheet.row_dimensions[2].height == xlsx.ROW_HEIGHT * 4 and sheet.row_dimensions[3].height is None  # 236 wide, 60 a line


RICH_LOOKING = ["<r>x</r>", "<r><t>ok</t></r>", "<r><rPr><b/></rPr><t>bold</t></r>", "<r>", "a<r>b</r>"]


def test_text_that_looks_like_excels_rich_text_markup_comes_back_literally(tmp_path):
    """xlsxwriter writes a string that starts with <r> and ends with </r> into the sheet as raw XML (its rich
    text): a submitter's text like that must stay the text it is, and the workbook valid."""
    import python_calamine

    frame = pd.DataFrame({"說明": RICH_LOOKING, "單位": ["<r>甲</r>"] * len(RICH_LOOKING)})
    path = tmp_path / "t.xlsx"
    xlsx.write_workbook(path, [xlsx.Sheet("表", frame)], dt.datetime(2026, 3, 1))
    sheet = openpyxl.load_workbook(path)["表"]
    assert [c.value for c in sheet["A"][1:]] == RICH_LOOKING
    assert [c.value for c in sheet["B"][1:]] == ["<r>甲</r>"] * len(RICH_LOOKING)
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("表").to_python()
    assert [r[0] for r in rows[1:]] == RICH_LOOKING
