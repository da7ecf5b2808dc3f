"""Files within every size limit that would still cost the batch its memory, its time or its life: each is
refused alone, at once, with a message that says what to fix, and the rest of the inbox still counts."""

import dataclasses
import io
import subprocess
import sys
import zipfile

import pytest
import xlsxwriter

from conftest import (ADJUST_HEADER, DEMOCRATIC_HEADER, RATING_HEADER, TARGET_HEADER, UNIT_HEADER, UNITS,
                      take, write_book, write_company, write_form)
from pbbatch.core.config import Config
from pbbatch.core.errors import PbbatchError
from pbbatch.intake.registry_file import load_registry
from pbbatch.core.records import Context
from pbbatch.intake.workbook import Limits, check_container

MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
END = b"</sheetData></worksheet>"
INFO = {"表單類型": "評分表", "期間": "2026-03", "填報單位編號": "L01", "評價類型": "領導評價"}
HEADER_ROW = b'<row r="1">' + b"".join(
    b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (col, text.encode())
    for col, text in zip((b"A", b"B", b"C", b"D"), RATING_HEADER)) + b"</row>"
GOOD_ROWS = b'<row r="2"><c r="A2" t="inlineStr"><is><t>D01</t></is></c><c r="C2"><v>90</v></c></row>'


def form_with_sheet(rows_xml: bytes, extra_sheets: int = 0, extra_xml: bytes = b"") -> bytes:
    """A rating form whose data sheet (and `extra_sheets` more sheets) hold exactly the XML given."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    info = book.add_worksheet("填報信息")
    for r, (k, v) in enumerate(INFO.items()):
        info.write_string(r, 0, k)
        info.write_string(r, 1, v)
    book.add_worksheet("數據").write_string(0, 0, "x")
    for n in range(extra_sheets):
        book.add_worksheet(f"extra{n}").write_string(0, 0, "x")
    book.close()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = MAIN + rows_xml + END
            elif item.filename.startswith("xl/worksheets/sheet") and item.filename != "xl/worksheets/sheet1.xml":
                content = MAIN + extra_xml + END
            target.writestr(item, content)
    return out.getvalue()


def far_cell(ref: bytes) -> bytes:
    row = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return HEADER_ROW + GOOD_ROWS + b'<row r="%s"><c r="%s"><v>1</v></c></row>' % (row, ref)


# ---------------------------------------------------------------- point 1: the sheets' used range


def test_a_cell_at_excels_last_cell_is_refused_not_a_crash(tmp_path):
    """python-calamine would try to allocate 550 GB for this 2 KB file and abort the process (exit 134)."""
    folder = write_company(tmp_path)
    (folder / "inbox" / "last_cell.xlsx").write_bytes(form_with_sheet(far_cell(b"XFD1048576")))
    result = subprocess.run([sys.executable, "-m", "pbbatch", "check", "--period", "2026-03", "--config",
                             str(folder / "config.toml")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "last_cell.xlsx 數據!XFD1048576" in result.stdout and "10100 行、200 欄" in result.stdout


def test_a_stray_cell_far_down_or_far_right_rejects_the_file_at_that_cell(ctx, tmp_path):
    for ref, cell in ((b"Z20000", "Z20000"), (b"HA5", "HA5")):
        path = tmp_path / f"{cell}.xlsx"
        path.write_bytes(form_with_sheet(far_cell(ref)))
        status, problems, out = take(path, ctx)
        assert (status, problems) == ("rejected", [(path.name, "數據", cell, "error", "file.sheet_too_large")])
    ctx = dataclasses.replace(ctx, config=dataclasses.replace(ctx.config, locale="en"))
    assert take(path, ctx)[2].problems[0].render(ctx.locale).startswith(
        "Sheet '數據' uses cell HA5, beyond the limit (10100 rows, 200 columns)")


def test_rows_and_cells_without_references_are_counted(ctx, tmp_path):
    """A row without r="" follows the row before it; a cell without r="" the cell before it."""
    many_rows = HEADER_ROW + b'<row><c><v>1</v></c></row>' * 10_200
    wide_row = HEADER_ROW + b'<row r="2">' + b"<c><v>1</v></c>" * 201 + b"</row>"
    for name, xml in (("rows.xlsx", many_rows), ("wide.xlsx", wide_row)):
        path = tmp_path / name
        path.write_bytes(form_with_sheet(xml))
        status, problems, _ = take(path, ctx)
        assert status == "rejected" and [p[4] for p in problems] == ["file.sheet_too_large"], name


def test_formatted_empty_cells_far_away_do_not_count(ctx, tmp_path):
    """Borders or colours on empty cells are not part of the range python-calamine reads."""
    path = tmp_path / "styled.xlsx"
    path.write_bytes(form_with_sheet(HEADER_ROW + GOOD_ROWS + b'<row r="60000"><c r="XFD60000" s="0"/></row>'))
    assert take(path, ctx)[0] == "accepted"


def test_many_sheets_together_are_bounded_by_cells(ctx, tmp_path):
    """Each sheet small enough alone; twelve of them are 3 million cells."""
    path = tmp_path / "sheets.xlsx"
    path.write_bytes(form_with_sheet(HEADER_ROW + GOOD_ROWS, extra_sheets=12,
                                     extra_xml=b'<row r="9999"><c r="Z9999"><v>1</v></c></row>'))
    status, problems, _ = take(path, ctx)
    assert (status, problems) == ("rejected", [("sheets.xlsx", "", "", "error", "file.too_many_cells")])
    assert check_container(path.read_bytes(), Limits(cells=4_000_000)) is False  # the limit is the config's


def test_the_registry_is_checked_the_same_way(tmp_path):
    registry = tmp_path / "名冊.xlsx"
    book = xlsxwriter.Workbook(str(registry))
    units = book.add_worksheet("單位")
    for r, row in enumerate([UNIT_HEADER, *UNITS]):
        for c, value in enumerate(row):
            units.write_string(r, c, value)
    units.write_number(30_000, 3, 1)  # D30001: far below the table
    book.add_worksheet("評價人").write_string(0, 0, "評價人編號")
    book.close()
    with pytest.raises(PbbatchError) as info:
        load_registry(registry, "zh-Hant")
    message = info.value.render("zh-Hant")[0]
    assert "D30001" in message and "名冊.xlsx" in message


# ---------------------------------------------------------------- point 2: rows and problems per file


def test_more_data_rows_than_the_limit_reject_the_file_at_once(ctx, tmp_path):
    config = dataclasses.replace(ctx.config, max_rows=50)
    rows = [["D01", "安全生產", 1, "事由", None] for _ in range(51)]
    path = write_form(tmp_path / "adj.xlsx", {"表單類型": "加減分表", "期間": "2026-03", "填報單位編號": "D01"},
                      ADJUST_HEADER, rows)
    status, problems, _ = take(path, Context(ctx.registry, config, ctx.month))
    assert (status, problems) == ("rejected", [("adj.xlsx", "數據", "A52", "error", "data.too_many_rows")])
    assert take(path, ctx)[0] == "accepted"  # 51 rows are far below the default limit


def test_the_default_row_limit_keeps_the_benchmarks_largest_form():
    """At 100x every 部門考評表 lists 3,000 branches and every 評分表 1,500 departments."""
    assert Config(base_dir=".").max_rows >= 3_000 * 3


def test_problems_kept_per_file_are_bounded(ctx, tmp_path):
    path = write_form(tmp_path / "bad.xlsx", INFO, RATING_HEADER, [["D01", "", "bad", ""] for _ in range(250)])
    status, problems, out = take(path, ctx)
    assert status == "rejected" and len(problems) == 201
    assert problems[-1] == ("bad.xlsx", "", "", "error", "data.more_problems")
    # 250 scores that are not numbers, 249 repeats of D01, D02 and D03 left out: 500 problems, 200 listed
    last = out.problems[-1].render("zh-Hant")
    assert "另有 300 個問題" in last and "最多列出 200 個" in last


def test_an_error_past_the_problem_limit_still_rejects(ctx, tmp_path):
    config = dataclasses.replace(ctx.config, max_problems=1)
    rows = [["B09", "", 90, ""], ["B09", "", 80, ""], ["X99", "", 70, ""]]  # two warnings, then an error
    path = write_form(tmp_path / "w.xlsx", {**INFO, "評價類型": "服務基層評價", "填報單位編號": "B01"}, RATING_HEADER, rows)
    status, problems, _ = take(path, Context(ctx.registry, config, ctx.month))
    assert status == "rejected" and [p[3:] for p in problems] == [("warning", "data.inactive_unit"),
                                                                 ("error", "data.more_problems")]


# ---------------------------------------------------------------- point 3: a huge file is never read


def test_a_file_over_the_size_limit_is_refused_by_its_size_on_disk(tmp_path):
    """A sparse 2 GB file named .xlsx, read by a process that may not use more than 1 GB of memory."""
    folder = write_company(tmp_path)
    with open(folder / "inbox" / "huge.xlsx", "wb") as handle:
        handle.truncate(2 << 30)
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from pbbatch.cli import main\n"
        "sys.argv = ['pbbatch', 'check', '--period', '2026-03', '--config', sys.argv[1]]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(folder / "config.toml")], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "huge.xlsx" in result.stdout and "2048.0 MB > 20 MB" in result.stdout


# ---------------------------------------------------------------- point 5: numbers that overflow


@pytest.mark.parametrize("form, header, row, cell", [
    ({"表單類型": "加減分表", "期間": "2026-03", "填報單位編號": "D01"}, ADJUST_HEADER,
     ["D01", "安全生產", 1e308, "事由", None], "C2"),
    ({"表單類型": "目標考核表", "期間": "2026-03", "填報單位編號": "D01"}, TARGET_HEADER,
     ["重點目標", "目標", 1e308, "", 1e308], "C2"),
    ({"表單類型": "民主測評表", "期間": "2026-Q1", "填報單位編號": "D01"}, DEMOCRATIC_HEADER,
     ["B01", "", 1e308, 1e308, 1e308, 0, 0, 0, 0], "C2"),
    ({"表單類型": "加減分表", "期間": "2026-03", "填報單位編號": "D01"}, ADJUST_HEADER,
     ["D01", "安全生產", "-1e300", "事由", None], "C2"),
])
def test_a_number_beyond_the_bound_is_an_error_at_its_cell(ctx, tmp_path, form, header, row, cell):
    path = write_form(tmp_path / "n.xlsx", form, header, [row])
    status, problems, out = take(path, ctx)
    assert status == "rejected" and problems[0] == ("n.xlsx", "數據", cell, "error", "data.too_large")
    assert "1000000" in out.problems[0].render("zh-Hant")


def test_a_version_beyond_the_bound_is_an_error(ctx, tmp_path):
    path = write_form(tmp_path / "v.xlsx", {**INFO, "版本": 1e308}, RATING_HEADER, [["D01", "", 90, ""]])
    assert take(path, ctx)[1][0] == ("v.xlsx", "填報信息", "B5", "error", "info.bad_version")


def test_a_rater_weight_beyond_the_bound_is_a_registry_error(tmp_path):
    path = write_book(tmp_path / "名冊.xlsx", {"單位": [UNIT_HEADER, *UNITS],
                                              "評價人": [["評價人編號", "姓名", "職務", "權重"],
                                                      ["L01", "周", "書記", 1e308], ["L02", "吳", "經理", 1e308]]})
    with pytest.raises(PbbatchError) as info:
        load_registry(path, "en")
    messages = info.value.render("en")
    assert [m.split(": ", 1)[0] for m in messages] == ["名冊.xlsx '評價人' D2", "名冊.xlsx '評價人' D3"]
    assert "-1000000 to 1000000" in messages[0]


def test_a_run_with_overflowing_numbers_writes_every_output(tmp_path):
    from click.testing import CliRunner

    from conftest import adjustments, complete_march
    from pbbatch.cli import cli

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    adjustments(folder / "inbox", "D01", [["D02", "安全生產", 1e308, "事由", None]], name="a1.xlsx")
    adjustments(folder / "inbox", "D03", [["D02", "安全生產", 1e308, "事由", None]], name="a2.xlsx")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (folder / "output" / "2026-03" / "部門月度考核_2026-03.xlsx").exists()
    assert result.output.count("「分值」為 1e+308，超出可接受的範圍（-1000000 至 1000000）") == 2
