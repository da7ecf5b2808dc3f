"""Hostile and damaged files: each is rejected alone, with a message that says what to do, and never a crash."""

import io
import zipfile

import openpyxl
import pytest
import xlsxwriter

from conftest import RATING_HEADER, complete_march, read_book, take, with_items
from pbbatch.core.periods import Month
from pbbatch.core.records import Context
from pbbatch.intake.workbook import check_container, parse_workbook

INFO = {"表單類型": "評分表", "期間": "2026-03", "填報單位編號": "L01", "評價類型": "領導評價"}


def _write_info(book) -> None:
    info = book.add_worksheet("填報信息")
    for r, (k, v) in enumerate(INFO.items()):
        info.write_string(r, 0, k)
        info.write_string(r, 1, v)


def test_an_error_value_in_a_score_cell_says_so(ctx, tmp_path):
    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    _write_info(book)
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
    assert "#DIV/0!" in out.problems[0].render("zh-Hant")


def _openpyxl_form(path, rows):
    """openpyxl saves formulas without computing them: the cells carry no value."""
    book = openpyxl.Workbook()
    info = book.active
    info.title = "填報信息"
    for k, v in INFO.items():
        info.append([k, v])
    data = book.create_sheet("數據")
    data.append(RATING_HEADER)
    for row in rows:
        data.append(row)
    book.save(path)
    return path


def test_formulas_saved_without_their_values_say_so(ctx, tmp_path):
    _openpyxl_form(tmp_path / "f.xlsx", [["D01", "", 90, ""], ["D02", "", "=AVERAGE(80,90)", ""], ["D03", "", 70, ""]])
    status, problems, out = take(tmp_path / "f.xlsx", ctx)
    assert (status, problems) == ("rejected", [("f.xlsx", "數據", "C3", "error", "data.formula_no_value")])


def test_a_sheet_of_only_uncached_formulas_is_not_mistaken_for_blank_rows(ctx, tmp_path):
    _openpyxl_form(tmp_path / "g.xlsx", [[ratee, "", "=85+1", ""] for ratee in ("D01", "D02", "D03")])
    status, problems, _ = take(tmp_path / "g.xlsx", ctx)
    assert status == "rejected"
    assert [p[2] for p in problems] == ["C2", "C3", "C4"] and {p[4] for p in problems} == {"data.formula_no_value"}


def _book_bytes(sheet_xml: bytes | None = None, padding_mb: int = 0) -> bytes:
    """A small valid form; optionally its data sheet's XML replaced, or a huge compressible member added."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    _write_info(book)
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


def _form_book(path, extra=None):
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    _write_info(book)
    data = book.add_worksheet("數據")
    data.merge_range(0, 0, 0, 3, "長平公司 2026年3月 領導評價評分表", book.add_format({"bold": True}))  # merged title
    data.merge_range(1, 0, 1, 3, "請填寫 0-100 分。")
    for c, h in enumerate(RATING_HEADER):
        data.write_string(2, c, h)
    for r, (ratee, score) in enumerate((("D01", 90), ("D02", 80), ("D03", 70)), start=3):
        data.write_string(r, 0, ratee)
        data.write_number(r, 2, score)
    if extra:
        extra(book)
    book.close()
    return path


def test_macro_workbook_is_read_and_its_macros_never_run(ctx, tmp_path):
    path = _form_book(tmp_path / "r.xlsm")
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("accepted", []) and out.rows["score"].tolist() == [90, 80, 70]


def test_merged_title_rows_above_the_header_and_hidden_extra_sheets(ctx, tmp_path):
    def hidden(book):
        sheet = book.add_worksheet("舊數據")
        sheet.write_string(0, 0, "被評單位編號")
        sheet.hide()

    status, problems, out = take(_form_book(tmp_path / "r.xlsx", hidden), ctx)
    assert (status, problems) == ("accepted", []) and out.rows["ratee_id"].tolist() == ["D01", "D02", "D03"]


def test_a_legacy_xls_saved_under_any_name_asks_for_xlsx(ctx, tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    status, problems, out = take(path, ctx)
    assert problems == [("old.xlsx", "", "", "error", "file.encrypted_or_legacy")]
    assert ".xlsx" in out.problems[0].render("zh-Hant")


def test_a_run_over_a_corpus_of_hostile_files_rejects_each_alone(company_with_hostile_files):
    from click.testing import CliRunner

    from pbbatch.cli import cli

    folder, hostile = company_with_hostile_files
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    report = read_book(folder / "output" / "2026-03" / "處理報告_2026-03.xlsx", sheet_name=None, engine="calamine",
                           dtype=str, keep_default_na=False)
    status = report["文件"].set_index("文件")["狀態"]
    assert set(status[list(hostile)]) == {"退回"}
    assert set(status.drop(list(hostile))) == {"接收"}  # the good files all still count
    assert report["未報送"].empty


@pytest.fixture
def company_with_hostile_files(tmp_path):
    from conftest import write_company

    inbox = write_company(tmp_path) / "inbox"
    complete_march(inbox)
    good = (inbox / "targets_D01.xlsx").read_bytes()
    hostile = {
        "truncated.xlsx": good[: len(good) // 2],
        "encrypted.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048,
        "not_a_workbook.xlsx": b"%PDF-1.4 this is not a workbook",
        "empty.xlsx": b"",
        "bomb.xlsx": _book_bytes(padding_mb=300),
    }
    for name, data in hostile.items():
        (inbox / name).write_bytes(data)
    return tmp_path, hostile


def _moved_sheet(path, target):
    """The same workbook with its data sheet stored at another part name, as some programs do."""
    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as moved:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(b"worksheets/sheet2.xml", target.encode())
            moved.writestr("xl/" + target if item.filename == "xl/worksheets/sheet2.xml" else item.filename, content)
    path.write_bytes(out.getvalue())
    return path


def test_a_formula_is_found_in_a_sheet_stored_outside_the_usual_folder(ctx, tmp_path):
    path = _openpyxl_form(tmp_path / "m.xlsx", [["D01", "", 90, ""], ["D02", "", "=80+1", ""], ["D03", "", 70, ""]])
    assert b"xl/data/scores.xml" in _moved_sheet(path, "data/scores.xml").read_bytes()
    status, problems, _ = take(path, ctx)
    assert (status, problems) == ("rejected", [("m.xlsx", "數據", "C3", "error", "data.formula_no_value")])


def test_only_a_workbook_with_formula_or_error_cells_gets_a_second_look(tmp_path):
    plain = _openpyxl_form(tmp_path / "plain.xlsx", [["D01", "", 90, ""]]).read_bytes()
    formula = _openpyxl_form(tmp_path / "formula.xlsx", [["D01", "", "=80+1", ""]]).read_bytes()
    prefixed = _book_bytes(sheet_xml=b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     b'<x:sheetData><x:row r="2"><x:c r="C2"><x:f>1+1</x:f></x:c></x:row>'
                                     b'</x:sheetData></x:worksheet>')
    assert (check_container(plain), check_container(formula), check_container(prefixed)) == (False, True, True)
    assert parse_workbook(plain, "plain.xlsx").data == b"" and parse_workbook(formula, "formula.xlsx").data == formula


def test_a_formula_mark_straddling_two_read_chunks_is_found(monkeypatch):
    import pbbatch.intake.workbook as workbook

    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' \
            b'<row r="2"><c r="C2"><f>1+1</f></c></row></sheetData></worksheet>'
    data = _book_bytes(sheet_xml=sheet)
    at = sheet.index(b"<f>") + 1  # the chunk ends between "<" and "f"
    monkeypatch.setattr(workbook, "SCAN_CHUNK", at)
    assert check_container(data)
    monkeypatch.setattr(workbook, "_HIDING_MARKS", (b"<g",))  # and nothing is found where nothing is
    assert not check_container(data)


def test_a_sheet_that_unpacks_past_its_declared_size_is_refused():
    """A small sheet is read whole, not a chunk at a time: one whose packed data holds far more than its declared
    size (a bomb declaring 4 KB) yields no more than that size, and then fails its checksum."""
    import re
    import struct

    from pbbatch.intake.workbook import UnreadableWorkbook

    name = b"xl/worksheets/sheet2.xml"
    big = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>' + b" " * (20 << 20) + b"</sheetData></worksheet>"
    data = bytearray(_book_bytes(sheet_xml=big))
    local = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode()).header_offset
    struct.pack_into("<I", data, local + 22, 4096)  # the local header's unpacked size
    for entry in re.finditer(rb"PK\x01\x02", bytes(data)):  # and the central directory's
        if data[entry.start() + 46:entry.start() + 46 + len(name)] == name:
            struct.pack_into("<I", data, entry.start() + 24, 4096)
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode()).file_size == 4096
    with pytest.raises(UnreadableWorkbook) as refused:
        check_container(bytes(data))
    assert refused.value.code == "file.truncated" and "CRC" in refused.value.detail


# ---------------------------------------------------------------- names that are not UTF-8


def test_file_names_that_are_not_utf8_are_shown_escaped_everywhere(company_month):
    """A name made on a Chinese Windows (GBK) and unpacked here: bytes that are not UTF-8."""
    import os

    import pandas as pd
    from click.testing import CliRunner

    from pbbatch.cli import cli

    folder, inbox = company_month
    good = (inbox / "targets_D01.xlsx").read_bytes()
    os.remove(inbox / "targets_D01.xlsx")
    with open(os.path.join(os.fsencode(inbox), b"\xb1\xed.xlsx"), "wb") as handle:  # 表 in GBK
        handle.write(good)
    with open(os.path.join(os.fsencode(inbox), b"\xb1\xed.txt"), "wb") as handle:
        handle.write(b"notes")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 0, result.output
    report = pd.read_excel(folder / "output" / "2026-03" / "處理報告_2026-03.xlsx", sheet_name="文件",
                           engine="calamine", dtype=str, keep_default_na=False).set_index("文件")["狀態"]
    assert report[r"\xb1\xed.xlsx"] == "接收" and report[r"\xb1\xed.txt"] == "略過"


@pytest.fixture
def company_month(tmp_path):
    from conftest import write_company

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    return folder, folder / "inbox"


# ---------------------------------------------------------------- what else lies in an inbox


def _outcomes(inbox, ctx):
    from pbbatch.intake.parallel import take_in_all

    return {o.file: o for o in take_in_all(inbox, ctx)}


def test_pipes_devices_folders_and_links_are_accounted_for_and_never_opened(ctx, tmp_path):
    import os

    inbox, outside = tmp_path / "drop", tmp_path / "elsewhere"
    inbox.mkdir()
    outside.mkdir()
    good = _form_book(tmp_path / "good.xlsx")
    os.mkfifo(inbox / "pipe.xlsx")  # opening it for reading would wait for a writer forever
    os.mkfifo(inbox / "pipe.txt")
    os.symlink("/dev/zero", inbox / "zero.xlsx")
    (inbox / "a.xlsx").mkdir()
    (inbox / "a.xlsx" / "inner.xlsx").write_bytes(good.read_bytes())
    (outside / "secret.xlsx").write_bytes(good.read_bytes())
    os.symlink(outside / "secret.xlsx", inbox / "secret.xlsx")
    os.symlink(inbox / "a.xlsx" / "inner.xlsx", inbox / "alias.xlsx")
    os.symlink(inbox / "gone.xlsx", inbox / "dangling.xlsx")
    os.symlink(outside, inbox / "folder_link")
    found = _outcomes(inbox, ctx)
    assert {name: (o.status, o.reason) for name, o in found.items()} == {
        "a.xlsx/": ("skipped", "skip.folder"),
        "a.xlsx/inner.xlsx": ("accepted", ""),
        "alias.xlsx": ("accepted", ""),  # a link to a file inside the inbox is read
        "dangling.xlsx": ("skipped", "skip.broken_link"),
        "folder_link": ("skipped", "skip.link_outside"),
        "pipe.txt": ("skipped", "skip.special_file"),
        "pipe.xlsx": ("skipped", "skip.special_file"),
        "secret.xlsx": ("skipped", "skip.link_outside"),
        "zero.xlsx": ("skipped", "skip.link_outside"),
    }
    assert found["pipe.xlsx"].sha256 == "" and found["secret.xlsx"].sha256 == ""
    assert "Excel" not in found["pipe.xlsx"].note_text("zh-Hant")
    assert "Excel" not in found["zero.xlsx"].note_text("zh-Hant")


def _deny(monkeypatch, denied, call="scandir"):
    """Root reads everything: the refusal a user without the permission gets, for one path."""
    import os

    real = getattr(os, call)

    def refusing(path, *args, **kwargs):
        if os.fspath(path) == os.fspath(denied):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, call, refusing)


def test_an_unreadable_folder_and_an_unreadable_file_are_rejected_with_the_true_reason(ctx, tmp_path, monkeypatch):
    import os

    inbox = tmp_path / "drop"
    (inbox / "locked").mkdir(parents=True)
    _form_book(inbox / "locked" / "hidden_from_us.xlsx")
    _form_book(inbox / "private.xlsx")
    _form_book(inbox / "fine.xlsx")
    if os.geteuid() != 0:  # real conditions where the tests do not run as root
        os.chmod(inbox / "locked", 0)
        os.chmod(inbox / "private.xlsx", 0)
    else:
        _deny(monkeypatch, inbox / "locked")
        _deny(monkeypatch, inbox / "private.xlsx", "open")
    try:
        found = _outcomes(inbox, ctx)
    finally:
        os.chmod(inbox / "locked", 0o755)
        os.chmod(inbox / "private.xlsx", 0o644)
    assert {name: (o.status, [p.code for p in o.problems]) for name, o in found.items()} == {
        "fine.xlsx": ("accepted", []),
        "locked/": ("rejected", ["folder.unreadable"]),
        "private.xlsx": ("rejected", ["file.no_permission"]),
    }
    assert "Permission denied" in found["locked/"].problems[0].render("zh-Hant")
    assert "Excel" not in found["private.xlsx"].problems[0].render("zh-Hant")


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="runs as root, who reads every file: the monkeypatched test above stands in")
def test_an_unreadable_file_for_real(ctx, tmp_path):
    import os

    inbox = tmp_path / "drop"
    _form_book(inbox.mkdir() or inbox / "private.xlsx")
    os.chmod(inbox / "private.xlsx", 0)
    try:
        assert [p.code for p in _outcomes(inbox, ctx)["private.xlsx"].problems] == ["file.no_permission"]
    finally:
        os.chmod(inbox / "private.xlsx", 0o644)


# ---------------------------------------------------------------- what reaches the terminal and the briefs


def test_what_reaches_the_terminal_is_inert(company_month):
    """A submitter's cell that would erase the real error line and print a fake all-clear, a file name with an
    escape sequence, and a code with a zero-width space: all shown, none obeyed."""
    import os

    from click.testing import CliRunner

    from conftest import ratings
    from pbbatch.cli import cli

    folder, inbox = company_month
    ratings(inbox, "L01", "領導評價", {"D01": 90, "\x1b[1A\x1b[2K\r全部接收": 80, "D03\u200b": 70}, version=2)
    os.rename(inbox / "ratings_領導評價_L01.xlsx", inbox / "evil\x1b]0;title\x07.xlsx")
    result = CliRunner().invoke(cli, ["check", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 1
    assert not any(ch in result.output for ch in "\x1b\r\x07\u200b")
    assert "evil<U+001B>]0;title<U+0007>.xlsx" in result.output
    assert "「<U+001B>[1A<U+001B>[2K<U+000D>全部接收」" in result.output and "「D03<U+200B>」" in result.output


def test_bidi_text_in_the_briefs_is_isolated(tmp_path):
    from click.testing import CliRunner

    from conftest import UNITS, write_company
    from pbbatch.cli import cli

    units = [[*u[:4], "趙\u202e剛" if u[0] == "B02" else u[4], u[5]] for u in UNITS]
    folder = write_company(tmp_path, units=units)
    complete_march(folder / "inbox")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 0, result.output
    html = (folder / "output" / "2026-03" / "支部講評會材料_2026-Q1.html").read_text(encoding="utf-8")
    assert "td, h3 { unicode-bidi: isolate; }" in html  # a name in a cell cannot reorder what is around it
    assert "<td>趙\u202e剛</td>" in html  # the cell shows the registry's name as it is
    assert "趙&lt;U+202E&gt;剛" in html and html.count("\u202e") == 1  # within a sentence, the override is shown


# ---------------------------------------------------------------- text longer than a cell holds


def test_text_over_excels_cell_limit_is_cut_with_a_mark_and_a_warning(company_month, monkeypatch, capfd):
    """A cell holds at most 32,767 characters; a message quoting a cell that full holds more."""
    import multiprocessing

    import pandas as pd
    from click.testing import CliRunner

    from conftest import adjustments
    from pbbatch.cli import cli

    folder, inbox = company_month
    adjustments(inbox, "D01", [["長" * 32_767, "安全生產", -1, "事由", None]])
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # write here, to see stderr
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 1, result.output
    report = folder / "output" / "2026-03" / "處理報告_2026-03.xlsx"
    problems = pd.read_excel(report, sheet_name="問題", engine="calamine", dtype=str, keep_default_na=False)
    cut = problems["說明"].iloc[0]
    assert len(cut) == 32_767 and cut.startswith("單位編號「長長") and cut.endswith("長…〔超過儲存格上限，已截斷〕")
    warning = [line for line in (result.stderr + capfd.readouterr().err).splitlines() if "32767" in line]
    assert warning == ["警告：處理報告_2026-03.xlsx「問題」E2 的文字超過 Excel 儲存格上限 32767 字，已截斷並以"
                       "「…〔超過儲存格上限，已截斷〕」標示；完整內容請看原始文件。"]


def _grows_after_stat(monkeypatch, path, reported: int) -> None:
    """The file's size as taken when it is opened is `reported`: it grows after that moment."""
    import os

    real_fstat = os.fstat
    inode = path.stat().st_ino

    def fstat(fd):
        info = real_fstat(fd)
        if info.st_ino != inode:
            return info
        fields = list(info)
        fields[6] = reported  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_that_grows_while_it_is_read_is_read_whole(ctx, tmp_path, monkeypatch):
    from pbbatch.intake.workbook import sha256_of

    path = tmp_path / "grew.xlsx"
    path.write_bytes(_book_bytes())
    _grows_after_stat(monkeypatch, path, reported=100)
    status, problems, out = take(path, ctx)
    assert out.sha256 == sha256_of(path.read_bytes())
    assert "file.truncated" not in [p[4] for p in problems] and "file.unreadable" not in [p[4] for p in problems]


def test_a_file_that_grows_past_the_limit_while_it_is_read_is_refused(registry, workspace, tmp_path, monkeypatch):
    import dataclasses

    path = tmp_path / "grew.xlsx"
    path.write_bytes(_book_bytes())
    _grows_after_stat(monkeypatch, path, reported=100)
    limit = dataclasses.replace(with_items(workspace), max_file_mb=1000 / 1024 / 1024)  # 1,000 bytes
    status, problems, _ = take(path, Context(registry, limit, Month(2026, 3)))
    assert problems == [("grew.xlsx", "", "", "error", "file.too_large")]
