"""考核月份 of a responsibility letter (contract section 7): every way people write it, in the three scripts
and English, and an unreadable one as an error at its cell that says how to write it."""

import pytest

from pbbatch.core.month_lists import ALL_MONTHS, describe_months, parse_month_list
from pbbatch.core.records import ERROR
from conftest import take, write_form

LETTER_HEADER = ["單位編號", "目標類別", "目標內容", "分值", "考核月份", "考核標準", "責任人"]


@pytest.mark.parametrize("text, months", [
    ("全年", ALL_MONTHS),
    ("全年度", ALL_MONTHS),
    ("all", ALL_MONTHS),
    ("All", ALL_MONTHS),
    ("1-6", (1, 2, 3, 4, 5, 6)),
    ("3,6,9,12", (3, 6, 9, 12)),
    ("３，６，９，１２", (3, 6, 9, 12)),  # full-width digits and comma, as a Chinese IME types them
    ("3、6、9、12", (3, 6, 9, 12)),
    ("1-3,12", (1, 2, 3, 12)),
    ("1～3、12", (1, 2, 3, 12)),
    ("1月-3月", (1, 2, 3)),
    ("7月", (7,)),
    (" 4 - 6 ", (4, 5, 6)),
    (6.0, (6,)),  # a single month typed into a number cell
])
def test_month_lists_read(text, months):
    assert parse_month_list(text) == months


@pytest.mark.parametrize("text", ["", "13", "0", "6-1", "1--3", "1,,2", "上半年", "Q1", 2.5, 13.0, True])
def test_month_lists_that_cannot_be_read(text):
    assert parse_month_list(text) is None


def test_months_written_back():
    assert describe_months(ALL_MONTHS, "全年") == "全年"
    assert describe_months((1, 2, 3, 12), "全年") == "1-3,12"
    assert describe_months((3, 6, 9, 12), "全年") == "3,6,9,12"


def letter(inbox, rows, name="letter.xlsx", submitter="D01", period="2026"):
    return write_form(inbox / name, {"表單類型": "目標責任書", "期間": period, "填報單位編號": submitter},
                      LETTER_HEADER, rows)


@pytest.mark.parametrize("written", ["全年", "1-12", "1-6,7-12", "all"])
def test_a_letter_with_readable_months_is_accepted(inbox, ctx, written):
    status, problems, out = take(letter(inbox, [["D01", "重點目標", "黨員發展", 100, written, "", ""]]), ctx)
    assert (status, problems) == ("accepted", [])
    assert list(out.columns["months"][0]) == list(ALL_MONTHS)


def test_unreadable_months_are_an_error_at_their_cell_saying_how_to_write_them(inbox, ctx):
    rows = [["D01", "重點目標", "黨員發展", 50, "上半年", "", ""], ["D01", "共性目標", "學習", 50, "全年", "", ""]]
    status, problems, out = take(letter(inbox, rows), ctx)
    assert (status, problems) == ("rejected", [("letter.xlsx", "數據", "E2", ERROR, "data.bad_months")])
    for locale, words in (("zh-Hant", "全年"), ("zh-Hans", "全年"), ("en", "1-3,12")):
        text = out.problems[0].render(locale)
        assert "上半年" in text and words in text and "1-6" in text


@pytest.fixture
def inbox(tmp_path):
    return tmp_path / "inbox"
