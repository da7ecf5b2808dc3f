"""`templates` and the responsibility letters (contract section 7): a month's 目標考核表 pre-filled from the
counted letter and locked but for 完成情況 and 得分; the blank letter itself for a year."""

import openpyxl
from click.testing import CliRunner

from pbbatch.cli import cli
from pbbatch.core.periods import Month, Year
from pbbatch.intake.read import read_inbox, read_letters
from pbbatch.setup.blank_forms import write_blank_forms
from conftest import with_items, write_company, write_form
from test_letters import GOOD_LETTER, LETTER_HEADER, letter


def data_sheet(path):
    book = openpyxl.load_workbook(path)
    return book["數據"]


def test_a_months_target_forms_are_pre_filled_from_the_letter_and_locked(workspace, registry, tmp_path):
    letter(workspace.inbox, GOOD_LETTER)
    letters = read_letters(workspace, Month(2026, 3))
    paths = write_blank_forms(registry, workspace, Month(2026, 3), tmp_path / "out", letters=letters)
    d03 = next(p for p in paths if "目標考核表" in p.name and "D03" in p.name)
    ws = data_sheet(d03)
    header = [c.value for c in ws[4]]
    assert header == ["目標類別", "目標內容", "分值", "考核標準", "完成情況", "得分"]
    assert [c.value for c in ws[5]] == ["安全績效目標", "安全", 100, "零事故", None, None]
    assert ws["A6"].value is None  # March holds only the quarter-end target
    assert ws.protection.sheet and ws.protection.insertRows  # True: inserting rows is what is protected
    assert all(ws.cell(5, c).protection.locked for c in (1, 2, 3, 4))
    assert not ws["E5"].protection.locked and not ws["F5"].protection.locked
    assert "2026" in ws["A2"].value and "完成情況" in ws["A2"].value
    d01 = data_sheet(next(p for p in paths if "目標考核表" in p.name and "D01" in p.name))
    assert [[c.value for c in row][:3] for row in d01.iter_rows(min_row=5, max_row=6)] == [
        ["重點目標", "黨員發展", 60], ["共性目標", "學習", 40]]


def test_a_pre_filled_form_filled_in_is_accepted_against_the_letter(workspace, registry, tmp_path):
    letter(workspace.inbox, GOOD_LETTER)
    paths = write_blank_forms(registry, workspace, Month(2026, 3), tmp_path / "out",
                              letters=read_letters(workspace, Month(2026, 3)))
    source = next(p for p in paths if "目標考核表" in p.name and "D01" in p.name)
    book = openpyxl.load_workbook(source)
    book["數據"]["E5"], book["數據"]["F5"] = "完成", 55
    book["數據"]["F6"] = 40
    book.save(workspace.inbox / "targets_D01.xlsx")
    result = read_inbox(with_items(workspace), Month(2026, 3))
    out = next(o for o in result.outcomes if o.file == "targets_D01.xlsx")
    assert (out.status, out.problems) == ("accepted", [])


def test_without_a_letter_the_target_form_is_as_before(workspace, registry, tmp_path):
    paths = write_blank_forms(registry, workspace, Month(2026, 3), tmp_path / "out",
                              letters=read_letters(workspace, Month(2026, 3)))
    ws = data_sheet(next(p for p in paths if "目標考核表" in p.name and "D03" in p.name))
    assert [c.value for c in ws[4]] == ["目標類別", "目標內容", "分值", "完成情況", "得分"]
    assert not ws["A5"].protection.locked


def test_the_year_has_its_blank_letter(tmp_path):
    folder = write_company(tmp_path / "co")
    result = CliRunner().invoke(cli, ["templates", "--period", "2026年", "--config", str(folder / "config.toml"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "out").iterdir()
    assert "目標責任書" in path.name and "2026" in path.name
    info = {r[0].value: r[1].value for r in openpyxl.load_workbook(path)["填報信息"].iter_rows()}
    assert info["表單類型"] == "目標責任書" and info["期間"] == "2026"
    ws = data_sheet(path)
    assert [c.value for c in ws[4]] == LETTER_HEADER
    assert not ws["A5"].protection.locked and ws["E5"].number_format == "@"  # 1-6 must not become a date


def test_the_blank_letter_filled_in_is_accepted(tmp_path):
    folder = write_company(tmp_path / "co")
    CliRunner().invoke(cli, ["templates", "--period", "2026", "--config", str(folder / "config.toml"),
                             "--out", str(tmp_path / "out")])
    (path,) = (tmp_path / "out").iterdir()
    book = openpyxl.load_workbook(path)
    book["填報信息"]["B3"] = "D01"
    for r, row in enumerate(GOOD_LETTER, start=5):
        for c, value in enumerate(row, start=1):
            book["數據"].cell(r, c, value)
    book.save(folder / "inbox" / "letter.xlsx")
    from pbbatch.core.config import load_config

    letters = read_letters(load_config(folder / "config.toml"), Month(2026, 5))
    assert letters.files == ("letter.xlsx",) and len(letters.targets) == len(GOOD_LETTER)
