"""Hostile and damaged files: each is rejected alone, with a message that says what to do, and never a crash."""

import io
import zipfile

import openpyxl
import pytest
import xlsxwriter

from conftest import RATING_HEADER, complete_march, with_items, write_form
from pbbatch.intake import InboxFile, take_in
from pbbatch.periods import Month
from pbbatch.validate import Context

INFO = {"表單類型": "評分表", "期間": "2026-03", "填報單位編號": "L01", "評價類型": "領導評價"}


@pytest.fixture
def ctx(registry, workspace):
    return Context(registry, with_items(workspace), Month(2026, 3))


def take(path, ctx):
    out = take_in(InboxFile(path, path.name, None), ctx)
    return out.status, [p.row() for p in out.problems], out


def test_an_error_value_in_a_score_cell_says_so(ctx, tmp_path):
    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    info = book.add_worksheet("填報信息")
    for r, (k, v) in enumerate(INFO.items()):
        info.write_string(r, 0, k)
        info.write_string(r, 1, v)
    data = book.add_worksheet("數據")
    for c, h in enumerate(RATING_HEADER):
        data.write_string(0, c, h)
    for r, (ratee, score) in enumerate((("D01", 90), ("D02", None), ("D03", 70)), start=1):
        data.write_string(r, 0, ratee)
        if score is None:
            data.write_formula(r, 2, "=1/0", None, "#DIV/0!")
        else:
            data.write_number(r, 2, score)
    book.close()
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("rejected", [("r.xlsx", "數據", "C3", "error", "data.error_value")])
    assert "#DIV/0!" in out.problems[0].message


def test_formulas_saved_without_their_values_say_so(ctx, tmp_path):
    book = openpyxl.Workbook()
    info = book.active
    info.title = "填報信息"
    for k, v in INFO.items():
        info.append([k, v])
    data = book.create_sheet("數據")
    data.append(RATING_HEADER)
    data.append(["D01", "", 90, ""])
    data.append(["D02", "", "=AVERAGE(80,90)", ""])  # openpyxl saves a formula with no computed value
    data.append(["D03", "", 70, ""])
    book.save(tmp_path / "f.xlsx")
    status, problems, out = take(tmp_path / "f.xlsx", ctx)
    assert (status, problems) == ("rejected", [("f.xlsx", "數據", "C3", "error", "data.formula_no_value")])


def test_a_sheet_of_only_uncached_formulas_is_not_mistaken_for_blank_rows(ctx, tmp_path):
    book = openpyxl.Workbook()
    info = book.active
    info.title = "填報信息"
    for k, v in INFO.items():
        info.append([k, v])
    data = book.create_sheet("數據")
    data.append(RATING_HEADER)
    for ratee in ("D01", "D02", "D03"):
        data.append([ratee, "", "=85+1", ""])
    book.save(tmp_path / "g.xlsx")
    status, problems, _ = take(tmp_path / "g.xlsx", ctx)
    assert status == "rejected"
    assert [p[2] for p in problems] == ["C2", "C3", "C4"] and {p[4] for p in problems} == {"data.formula_no_value"}


def _book_bytes(sheet_xml: bytes | None = None, padding_mb: int = 0) -> bytes:
    """A small valid form; optionally its data sheet's XML replaced, or a huge compressible member added."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    info = book.add_worksheet("填報信息")
    for r, (k, v) in enumerate(INFO.items()):
        info.write_string(r, 0, k)
        info.write_string(r, 1, v)
    data = book.add_worksheet("數據")
    for c, h in enumerate(RATING_HEADER):
        data.write_string(0, c, h)
    book.close()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if sheet_xml is not None and item.filename == "xl/worksheets/sheet2.xml":
                content = sheet_xml
            target.writestr(item, content)
        if padding_mb:
            target.writestr("xl/media/padding.bin", b"\0" * (padding_mb << 20))
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_parsing(ctx, tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_book_bytes(padding_mb=300))  # 300 MB of zeros packs into about 300 KB
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("rejected", [("bomb.xlsx", "", "", "error", "file.too_large")])


def test_an_entity_bomb_is_refused(ctx, tmp_path):
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">' \
             b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' \
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' \
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_book_bytes(sheet_xml=laughs))
    status, problems, out = take(path, ctx)
    assert status == "rejected" and problems[0][4] == "file.unreadable"


def test_file_and_sheet_size_limits_come_from_config(registry, workspace, tmp_path):
    import dataclasses

    path = tmp_path / "big.xlsx"
    path.write_bytes(_book_bytes(padding_mb=3))
    small = dataclasses.replace(with_items(workspace), max_unpacked_mb=2)
    status, problems, _ = take(path, Context(registry, small, Month(2026, 3)))
    assert problems == [("big.xlsx", "", "", "error", "file.too_large")]
    tiny = dataclasses.replace(with_items(workspace), max_file_mb=0.001)
    status, problems, _ = take(path, Context(registry, tiny, Month(2026, 3)))
    assert problems == [("big.xlsx", "", "", "error", "file.too_large")]
