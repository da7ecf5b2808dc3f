"""Responsibility letters (contract section 7): the letter's own errors at their cells, the checks across the
counted letters, and each accepted 目標考核表 held to exactly the letter's targets of its month."""

import dataclasses

import pytest

from pbbatch.core.periods import Month
from pbbatch.core.records import ERROR, WARNING
from pbbatch.intake.read import read_inbox
from conftest import take, targets, with_items, write_form

LETTER_HEADER = ["單位編號", "目標類別", "目標內容", "分值", "考核月份", "考核標準", "責任人"]
# D01: 60 + 40 every month; D02: 100 in the first half, 70 + 30 in the second; D03: 100 at quarter ends and
# 100 in the other months.
GOOD_LETTER = [
    ["D01", "重點目標", "黨員發展", 60, "全年", "發展黨員 5 名", "王明"],
    ["D01", "共性目標", "學習", 40, "全年", "每月集中學習", "王明"],
    ["D02", "重點目標", "宣傳報道", 100, "1-6", "每月 10 篇", "李華"],
    ["D02", "重點目標", "輿情處置", 70, "7-12", "", ""],
    ["D02", "共性目標", "學習", 30, "7-12", "", ""],
    ["D03", "安全績效目標", "安全", 100, "3,6,9,12", "零事故", "張強"],
    ["D03", "共性目標", "職工之家", 100, "1-2、4-5、7-8、10-11", "", ""],
]


def letter(inbox, rows, name="letter.xlsx", submitter="D01", period="2026", version=1):
    info = {"表單類型": "目標責任書", "期間": period, "填報單位編號": submitter, "版本": version}
    return write_form(inbox / name, info, LETTER_HEADER, rows)


def intake(config, month=Month(2026, 3)):
    return read_inbox(with_items(config), month)


def by_file(result, name):
    return next(o for o in result.outcomes if o.file == name)


def rows_of(outcome):
    return [(p.sheet, p.cell, p.level, p.code) for p in outcome.problems]


# ---------------------------------------------------------------- the letter's own errors


def test_a_good_letter_is_accepted_and_counts(workspace):
    letter(workspace.inbox, GOOD_LETTER)
    result = intake(workspace)
    assert by_file(result, "letter.xlsx").status == "accepted"
    assert [t.target for t in result.letters.of("D03", 3)] == ["安全"]
    assert [t.target for t in result.letters.of("D02", 7)] == ["輿情處置", "學習"]
    assert result.letters.files == ("letter.xlsx",)


def test_a_letter_is_a_year_form(inbox, ctx):
    status, problems, _ = take(letter(inbox, GOOD_LETTER, period="2026-03"), ctx)
    assert (status, problems) == ("rejected", [("letter.xlsx", "填報信息", "B2", ERROR, "info.wrong_period_kind")])


@pytest.mark.parametrize("period", ["2026年", "2026年度", 2026])
def test_a_letter_of_the_year_written_any_way_is_validated_for_a_month_of_it(inbox, ctx, period):
    status, problems, out = take(letter(inbox, GOOD_LETTER, period=period), ctx)
    assert (status, problems, str(out.period)) == ("accepted", [], "2026")


def test_a_letter_of_another_year_is_skipped(inbox, ctx):
    status, _, out = take(letter(inbox, GOOD_LETTER, period="2025"), ctx)
    assert (status, out.reason) == ("skipped", "skip.other_period")


def test_a_branch_or_unknown_unit_in_a_letter_is_an_error_at_its_cell(inbox, ctx):
    rows = [*GOOD_LETTER, ["B01", "重點目標", "支部建設", 10, "全年", "", ""], ["X9", "重點目標", "x", 10, "全年", "", ""]]
    status, problems, _ = take(letter(inbox, rows), ctx)
    assert (status, problems) == ("rejected", [
        ("letter.xlsx", "數據", "A9", ERROR, "data.wrong_unit_kind"),
        ("letter.xlsx", "數據", "A10", ERROR, "data.unknown_unit"),
    ])


def test_the_same_target_twice_in_one_letter_is_an_error_at_the_second(inbox, ctx):
    rows = [*GOOD_LETTER, ["D01", "共性目標", "學習", 10, "1", "", ""]]
    status, problems, out = take(letter(inbox, rows), ctx)
    assert (status, problems) == ("rejected", [("letter.xlsx", "數據", "C9", ERROR, "letter.duplicate_target")])
    assert "C3" in out.problems[0].render("zh-Hant")


def test_the_same_target_in_two_counted_letters_rejects_the_later_file(workspace):
    letter(workspace.inbox, GOOD_LETTER[:2], name="a_office.xlsx", submitter="D01")
    letter(workspace.inbox, [GOOD_LETTER[1], *GOOD_LETTER[2:]], name="b_other.xlsx", submitter="D02")
    result = intake(workspace)
    assert by_file(result, "a_office.xlsx").status == "accepted"
    later = by_file(result, "b_other.xlsx")
    assert (later.status, rows_of(later)) == ("rejected", [("數據", "C2", ERROR, "letter.duplicate_target")])
    assert "a_office.xlsx" in later.problems[0].render("en")


def test_a_month_not_adding_up_to_100_names_the_unit_the_months_and_the_sum(workspace):
    rows = [r for r in GOOD_LETTER if r[2] != "職工之家"] + [["D03", "共性目標", "職工之家", 90, "1-2,4-5,7-8,10-11", "", ""]]
    letter(workspace.inbox, rows)
    out = by_file(intake(workspace), "letter.xlsx")
    assert (out.status, rows_of(out)) == ("rejected", [("數據", "A7", ERROR, "letter.month_points")])
    for locale in ("zh-Hant", "zh-Hans", "en"):
        text = out.problems[0].render(locale)
        assert "D03" in text and "1-2,4-5,7-8,10-11" in text and "90" in text and "100" in text


def test_a_rejected_newer_letter_lets_the_older_version_count(workspace):
    letter(workspace.inbox, GOOD_LETTER, name="v1.xlsx", version=1)
    letter(workspace.inbox, [*GOOD_LETTER[:1], ["D01", "共性目標", "學習", 30, "全年", "", ""], *GOOD_LETTER[2:]],
           name="v2.xlsx", version=2)
    result = intake(workspace)
    assert by_file(result, "v2.xlsx").status == "rejected"
    assert by_file(result, "v1.xlsx").status == "accepted"
    assert result.letters.files == ("v1.xlsx",)


# ---------------------------------------------------------------- 目標考核表 against the letter


def march_targets(inbox, unit, rows, name=None):
    return targets(inbox, unit, rows, name=name)


def test_target_forms_that_follow_the_letter_are_accepted(workspace):
    letter(workspace.inbox, GOOD_LETTER)
    march_targets(workspace.inbox, "D01", [["重點目標", "黨員發展", 60, "完成", 50], ["共性目標", "學 習", 40, "", 40]])
    march_targets(workspace.inbox, "D03", [["安全績效目標", "安全", 100, "", 100]])
    result = intake(workspace)
    assert by_file(result, "targets_D01.xlsx").status == "accepted"  # spaces do not make another target
    assert rows_of(by_file(result, "targets_D03.xlsx")) == []


def test_a_target_form_that_differs_from_the_letter_names_each_cell_and_the_letters_value(workspace):
    letter(workspace.inbox, GOOD_LETTER)
    march_targets(workspace.inbox, "D01", [["重點目標", "黨員發展", 70, "", 50], ["共性目標", "讀書", 30, "", 30]])
    out = by_file(intake(workspace), "targets_D01.xlsx")
    assert (out.status, rows_of(out)) == ("rejected", [
        ("數據", "C2", ERROR, "targets.letter_points"),
        ("數據", "B3", ERROR, "targets.not_in_letter"),
        ("數據", "B4", ERROR, "targets.letter_missing_target"),
    ])
    points, extra, missing = (p.render("zh-Hant") for p in out.problems)
    assert "70" in points and "60" in points
    assert "讀書" in extra and "黨員發展" in extra and "學習" in extra
    assert "學習" in missing and "40" in missing and "共性目標" in missing
    for p in out.problems:
        assert "2026" in p.render("en") and p.render("zh-Hans") != p.render("zh-Hant")


def test_a_month_outside_a_targets_months_does_not_want_it(workspace):
    letter(workspace.inbox, GOOD_LETTER)
    march_targets(workspace.inbox, "D03", [["安全績效目標", "安全", 100, "", 100], ["共性目標", "職工之家", 100, "", 90]])
    out = by_file(intake(workspace), "targets_D03.xlsx")
    assert (out.status, rows_of(out)) == ("rejected", [
        ("數據", "C2", WARNING, "warn.points_not_100"), ("數據", "B3", ERROR, "targets.not_in_letter"),
    ])


def test_without_a_letter_a_target_form_is_accepted_with_a_warning(workspace):
    march_targets(workspace.inbox, "D02", [["重點目標", "宣傳報道", 100, "", 80]])
    out = by_file(intake(workspace), "targets_D02.xlsx")
    assert (out.status, rows_of(out)) == ("accepted", [("數據", "", WARNING, "targets.no_letter")])
    assert "2026" in out.problems[0].render("zh-Hant") and "D02" in out.problems[0].render("en")


def test_a_letter_that_leaves_a_department_out_warns_for_that_department_only(workspace):
    letter(workspace.inbox, [r for r in GOOD_LETTER if r[0] != "D02"])
    march_targets(workspace.inbox, "D02", [["重點目標", "宣傳報道", 100, "", 80]])
    march_targets(workspace.inbox, "D03", [["安全績效目標", "安全", 100, "", 100]])
    result = intake(workspace)
    assert rows_of(by_file(result, "targets_D02.xlsx")) == [("數據", "", WARNING, "targets.no_letter")]
    assert rows_of(by_file(result, "targets_D03.xlsx")) == []


def test_with_require_letter_a_target_form_without_a_letter_is_an_error(workspace):
    config = dataclasses.replace(workspace, require_letter=True)
    march_targets(workspace.inbox, "D02", [["重點目標", "宣傳報道", 100, "", 80]])
    result = intake(config)
    out = by_file(result, "targets_D02.xlsx")
    assert (out.status, rows_of(out)) == ("rejected", [("數據", "", ERROR, "targets.no_letter_required")])
    assert "targets.require_letter" in out.problems[0].render("zh-Hant")
    assert ("targets", "D02") in {(m.form, m.submitter_id) for m in result.missing.itertuples()}


@pytest.fixture
def inbox(workspace):
    return workspace.inbox
