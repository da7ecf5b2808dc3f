"""Validation of one inbox file: every error and warning of contract section 2, each pointing at its cell.

Each test writes a small workbook, takes it in as the batch would for the run 2026-03, and compares the
problems as (file, sheet, cell, level, code) tuples to a literal list, plus the file's status.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
import xlsxwriter

from conftest import (
    RATING_HEADER,
    TARGET_HEADER,
    UNITS,
    VETO_HEADER,
    adjustments,
    ratings,
    targets,
    vetoes,
    write_book,
    write_form,
    write_registry,
)
from pbbatch.intake.inbox import InboxFile, discover, take_in
from pbbatch.core.periods import Month, Quarter
from pbbatch.intake.registry_file import load_registry
from pbbatch.core.records import Context

MONTH = Month(2026, 3)
E, W = "error", "warning"
INFO, DATA = "填報信息", "數據"
GOOD_TARGETS = [["重點目標", "黨員發展", 60, "完成", 54], ["共性目標", "學習", 40, "完成", 36]]
ALL_DEPTS = {"D01": 90, "D02": 80, "D03": 70}


@pytest.fixture
def ctx(registry, workspace):
    return Context(registry, workspace, MONTH)


@pytest.fixture
def inbox(workspace):
    return workspace.inbox


def take(path: Path, ctx: Context):
    return take_in(InboxFile(path, path.name, None), ctx)


def problems(outcome):
    return [p.row() for p in outcome.problems]


def info(form="目標考核表", period="2026-03", submitter="D01", **more):
    return {"表單類型": form, "期間": period, "填報單位編號": submitter, **more}


def target_form(inbox, info_rows, rows=GOOD_TARGETS, name="t.xlsx"):
    return write_form(inbox / name, info_rows, TARGET_HEADER, rows)


# ---------------------------------------------------------------- valid files


def test_valid_targets_accepted_with_rows(inbox, ctx):
    out = take(targets(inbox, "D01", GOOD_TARGETS), ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert (out.form, out.period, out.submitter_id, out.rating_type, out.version) == (
        "targets", MONTH, "D01", None, 1)
    assert out.rows[["category", "points", "score", "row"]].values.tolist() == [
        ["key", 60.0, 54.0, 2], ["common", 40.0, 36.0, 3]]


@pytest.mark.parametrize("period", ["2026-03", "2026年3月", "2026年03月", " 2026-3 "])
def test_month_spellings_accepted(inbox, ctx, period):
    out = take(targets(inbox, "D01", GOOD_TARGETS, period=period), ctx)
    assert (out.status, problems(out), out.period) == ("accepted", [], MONTH)


# ---------------------------------------------------------------- form info sheet


def test_no_form_info_sheet(inbox, ctx):
    path = write_book(inbox / "x.xlsx", {"Sheet1": [["表單類型", "目標考核表"]], DATA: [TARGET_HEADER]})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("x.xlsx", INFO, "", E, "info.no_sheet")])


@pytest.mark.parametrize("dropped", ["表單類型", "期間", "填報單位編號"])
def test_missing_required_label(inbox, ctx, dropped):
    fields = {k: v for k, v in info().items() if k != dropped}
    out = take(target_form(inbox, fields), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "A3", E, "info.no_label")])
    assert dropped in out.problems[0].render("zh-Hant")


def test_rating_type_label_required_on_ratings(inbox, ctx):
    path = write_form(inbox / "r.xlsx", info("評分表", submitter="L01"), RATING_HEADER, [["D01", "", 90, ""]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("r.xlsx", INFO, "A4", E, "info.no_label")])
    assert "評價類型" in out.problems[0].render("zh-Hant")


@pytest.mark.parametrize("key, cell", [("表單類型", "B1"), ("期間", "B2"), ("填報單位編號", "B3")])
@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_required_value(inbox, ctx, key, cell, blank):
    out = take(target_form(inbox, {**info(), key: blank}), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, cell, E, "info.blank")])


def test_unknown_form(inbox, ctx):
    out = take(target_form(inbox, info(form="考勤表")), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "B1", E, "info.unknown_form")])
    assert "考勤表" in out.problems[0].render("zh-Hant") and "目標考核表" in out.problems[0].render("zh-Hant")


def test_unknown_rating_type(inbox, ctx):
    path = ratings(inbox, "L01", "自我評價", ALL_DEPTS)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B4", E, "info.unknown_rating_type")])


@pytest.mark.parametrize("period", ["2026-13", "下個月", "03/2026", "2026-Q5"])
def test_period_unparseable(inbox, ctx, period):
    out = take(target_form(inbox, info(period=period)), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "B2", E, "info.bad_period")])


@pytest.mark.parametrize("period", ["2026-Q1", "2026年第一季度", "2026年第1季度"])
def test_quarter_on_monthly_form(inbox, ctx, period):
    out = take(target_form(inbox, info(period=period)), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "B2", E, "info.wrong_period_kind")])


def test_quarter_on_monthly_ratings_form(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", ALL_DEPTS, period="2026-Q1")
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B2", E, "info.wrong_period_kind")])


def test_submitter_not_in_registry(inbox, ctx):
    out = take(target_form(inbox, info(submitter="D99")), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "B3", E, "info.unknown_submitter")])


def test_submitter_inactive(inbox, ctx):
    path = adjustments(inbox, "B09", [["D01", "其他", 1, "表揚", None]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B3", E, "info.inactive_submitter")])


def test_earlier_file_of_a_unit_closed_since_is_skipped(inbox, ctx):
    """A unit closed after it sent last month's form: that file is of another period, skipped like any other, not
    rejected month after month for a registry that changed later."""
    path = ratings(inbox, "B09", "服務基層評價", ALL_DEPTS, period="2026-02")
    out = take(path, ctx)
    assert (out.status, problems(out), out.note.code) == ("skipped", [], "skip.other_period")


def test_inactive_branch_submitting_service_rating(inbox, ctx):
    path = ratings(inbox, "B09", "服務基層評價", ALL_DEPTS)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B3", E, "info.inactive_submitter")])


def test_branch_submitting_targets(inbox, ctx):
    out = take(target_form(inbox, info(submitter="B01")), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "B3", E, "info.wrong_submitter_kind")])


def test_department_submitting_leader_rating(inbox, ctx):
    path = ratings(inbox, "D01", "領導評價", ALL_DEPTS)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B3", E, "info.wrong_submitter_kind")])


def test_leader_submitting_mutual_rating(inbox, ctx):
    # L01 is in the registry (as a rater): the wrong kind of submitter, not an unknown one.
    path = ratings(inbox, "L01", "部門互評", ALL_DEPTS)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B3", E, "info.wrong_submitter_kind")])


def test_leader_submitting_targets(inbox, ctx):
    out = take(target_form(inbox, info(submitter="L02")), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", INFO, "B3", E, "info.wrong_submitter_kind")])


def test_leader_submitting_adjustments(inbox, ctx):
    path = adjustments(inbox, "L01", [["D01", "其他", 1, "表揚", None]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B3", E, "info.wrong_submitter_kind")])


def test_branch_submitting_mutual_rating(inbox, ctx):
    path = ratings(inbox, "B01", "部門互評", ALL_DEPTS)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, INFO, "B3", E, "info.wrong_submitter_kind")])


@pytest.mark.parametrize("version", ["二", 0, 1.5, "v2", -1])
def test_bad_version(inbox, ctx, version):
    out = take(targets(inbox, "D01", GOOD_TARGETS, 版本=version), ctx)
    assert (out.status, problems(out)) == ("rejected", [("targets_D01.xlsx", INFO, "B4", E, "info.bad_version")])


@pytest.mark.parametrize("version, expected", [(2, 2), ("3", 3), ("４", 4), (1.0, 1)])
def test_good_version(inbox, ctx, version, expected):
    out = take(targets(inbox, "D01", GOOD_TARGETS, 版本=version), ctx)
    assert (out.status, problems(out), out.version) == ("accepted", [], expected)


@pytest.mark.parametrize("day", ["三月底", "2026-02-30", "20260320"])
def test_bad_filled_on(inbox, ctx, day):
    out = take(targets(inbox, "D01", GOOD_TARGETS, 填報日期=day), ctx)
    assert (out.status, problems(out)) == ("rejected", [("targets_D01.xlsx", INFO, "B4", E, "info.bad_date")])


def test_good_filled_on(inbox, ctx):
    out = take(targets(inbox, "D01", GOOD_TARGETS, 填報日期="2026年3月28日", 填報人="王明"), ctx)
    assert (out.status, problems(out), out.filled_on) == ("accepted", [], dt.date(2026, 3, 28))


def test_several_info_errors_reported_together(inbox, ctx):
    out = take(target_form(inbox, info(period="明年", submitter="D99", 版本="x")), ctx)
    assert (out.status, problems(out)) == ("rejected", [
        ("t.xlsx", INFO, "B2", E, "info.bad_period"),
        ("t.xlsx", INFO, "B3", E, "info.unknown_submitter"),
        ("t.xlsx", INFO, "B4", E, "info.bad_version"),
    ])


def test_monthly_form_for_another_month_is_skipped(inbox, ctx):
    out = take(targets(inbox, "D01", GOOD_TARGETS, period="2026-02"), ctx)
    assert (out.status, problems(out)) == ("skipped", [])
    assert "2026-02" in out.note_text("zh-Hant") and "2026-03" in out.note_text("zh-Hant")


def test_quarter_forms_count_only_in_the_quarter_end_month(inbox, registry, workspace):
    path = adjustments(inbox, "D01", [["B01", "其他", 1, "表揚", None]], period="2026-Q1")
    february = take(path, Context(registry, workspace, Month(2026, 2)))
    assert (february.status, problems(february)) == ("skipped", [])
    assert "2026-Q1" in february.note_text("zh-Hant")
    march = take(path, Context(registry, workspace, Month(2026, 3)))
    assert (march.status, problems(march)) == ("accepted", [])


def test_earlier_months_accumulating_forms_count_toward_the_quarter(inbox, registry, workspace):
    path = adjustments(inbox, "D01", [["B01", "其他", 1, "表揚", "2026-01-20"]], period="2026-01")
    assert take(path, Context(registry, workspace, Month(2026, 3))).status == "accepted"
    assert take(path, Context(registry, workspace, Month(2026, 2))).status == "skipped"
    targets_path = targets(inbox, "D01", GOOD_TARGETS, period="2026-01")
    assert take(targets_path, Context(registry, workspace, Month(2026, 3))).status == "skipped"


def test_a_quarter_veto_form_counts_in_every_month_of_its_quarter(inbox, registry, workspace):
    path = vetoes(inbox, "D01", [["D02", "安全目標", "事故", "2026-02-10", ""]], period="2026-Q1")
    assert take(path, Context(registry, workspace, Month(2026, 2))).status == "accepted"
    assert take(path, Context(registry, workspace, Month(2026, 4))).status == "skipped"


# ---------------------------------------------------------------- data sheet: structure


def test_no_data_sheet(inbox, ctx):
    path = write_book(inbox / "x.xlsx", {INFO: [[k, v] for k, v in info().items()], "Sheet1": [TARGET_HEADER]})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("x.xlsx", DATA, "", E, "data.no_sheet")])


def test_required_header_missing(inbox, ctx):
    header = ["目標類別", "目標內容", "分數", "完成情況", "得分"]  # 分數 is not 分值
    path = write_form(inbox / "t.xlsx", info(), header, GOOD_TARGETS)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", DATA, "A1", E, "data.no_header")])
    assert "分值" in out.problems[0].render("zh-Hant")


def test_header_below_title_rows(inbox, ctx):
    above = [["長平公司 目標考核表 2026-03"], ["填表說明：每行一項目標"], []]
    path = write_form(inbox / "t.xlsx", info(), TARGET_HEADER,
                      [["重點目標", "黨員發展", 60, "", 101], ["共性目標", "學習", 40, "", 36]], above=above)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", DATA, "E5", E, "data.out_of_range")])


def test_header_on_row_4_rows_numbered_from_5(inbox, ctx):
    above = [["長平公司 目標考核表"], ["說明"], [None]]
    path = write_form(inbox / "t.xlsx", info(), TARGET_HEADER, GOOD_TARGETS, above=above)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert list(out.rows["row"]) == [5, 6]


def test_header_on_row_10_found(inbox, ctx):
    above = [[f"說明 {i}"] for i in range(9)]
    out = take(write_form(inbox / "t.xlsx", info(), TARGET_HEADER, GOOD_TARGETS, above=above), ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert list(out.rows["row"]) == [11, 12]


def test_header_below_row_10_not_found(inbox, ctx):
    above = [[f"說明 {i}"] for i in range(10)]
    out = take(write_form(inbox / "t.xlsx", info(), TARGET_HEADER, GOOD_TARGETS, above=above), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", DATA, "A1", E, "data.no_header")])


def test_rows_with_blank_key_cells_skipped(inbox, ctx):
    rows = [
        ["重點目標", "黨員發展", 60, "完成", 54],
        [None, None, None, "只有完成情況"],  # key cells all blank
        [],
        ["   ", "", None, None, " "],
        ["共性目標", "學習", 40, "完成", 36],
    ]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert list(out.rows["row"]) == [2, 6]


def test_extra_columns_ignored(inbox, ctx):
    path = write_form(inbox / "r.xlsx", info("評分表", submitter="L01", 評價類型="領導評價"),
                      ["序號", "被評單位編號", "被評單位名稱", "得分", "簽名"],
                      [[1, "D01", "組織部", 90, "x"], [2, "D02", "", 80, "y"], [3, "D03", "", 70, "z"]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert out.rows[["ratee_id", "score"]].values.tolist() == [["D01", 90.0], ["D02", 80.0], ["D03", 70.0]]


def test_ratings_without_rows(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", {})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "A2", E, "data.no_rows")])


# ---------------------------------------------------------------- data sheet: cells


def test_required_cell_blank(inbox, ctx):
    rows = [["重點目標", "", 60, "", 54], ["共性目標", "學習", 40, "", None]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("rejected", [
        ("t.xlsx", DATA, "B2", E, "data.blank_required"),
        ("t.xlsx", DATA, "E3", E, "data.blank_required"),
    ])


def test_a_prefilled_ratee_row_left_unscored_is_not_rated(inbox, ctx):
    # The blank form pre-fills the ratee; only the score is the rater's own key cell (docs/decisions.md).
    path = ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": None, "D03": 70})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [(path.name, DATA, "C3", W, "warn.ratees_left_out")])
    assert "D02" in out.problems[0].render("zh-Hant")
    assert list(out.rows["ratee_id"]) == ["D01", "D03"]


def test_a_score_without_its_ratee_is_an_error(inbox, ctx):
    path = write_form(inbox / "r.xlsx", {"表單類型": "評分表", "期間": "2026-03", "填報單位編號": "L01",
                                         "評價類型": "領導評價"}, RATING_HEADER,
                      [["D01", "", 90, ""], ["", "宣傳部", 80, ""], ["D03", "", 70, ""]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("r.xlsx", DATA, "A3", E, "data.blank_required")])


@pytest.mark.parametrize("text", ["八十五", "N/A", "85分", "#DIV/0!"])
def test_text_where_number_belongs(inbox, ctx, text):
    path = ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": text, "D03": 70})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "C3", E, "data.not_number")])
    assert text in out.problems[0].render("zh-Hant")


def test_numbers_stored_as_text_accepted(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", {"D01": "85", "D02": "８５", "D03": " 85 "})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert list(out.rows["score"]) == [85.0, 85.0, 85.0]


def test_target_numbers_as_text_accepted(inbox, ctx):
    rows = [["重點目標", "黨員發展", "６０", "", "54.5"], ["共性目標", "學習", " 40 ", "", "40"]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert out.rows[["points", "score"]].values.tolist() == [[60.0, 54.5], [40.0, 40.0]]


@pytest.mark.parametrize("score", [101, -1, 100.5, "101"])
def test_rating_score_out_of_range(inbox, ctx, score):
    path = ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": score})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "C4", E, "data.out_of_range")])


def test_rating_score_bounds_accepted(inbox, ctx):
    out = take(ratings(inbox, "L01", "領導評價", {"D01": 0, "D02": 100, "D03": 99.5}), ctx)
    assert (out.status, problems(out)) == ("accepted", [])


def test_target_score_above_points(inbox, ctx):
    rows = [["重點目標", "黨員發展", 60, "", 61], ["共性目標", "學習", 40, "", -1]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("rejected", [
        ("t.xlsx", DATA, "E2", E, "data.out_of_range"),
        ("t.xlsx", DATA, "E3", E, "data.out_of_range"),
    ])
    assert "60" in out.problems[0].render("zh-Hant")


def test_target_score_equal_to_points_accepted(inbox, ctx):
    rows = [["重點目標", "黨員發展", 60, "", 60], ["共性目標", "學習", 40, "", 0]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("accepted", [])


@pytest.mark.parametrize("points", [0, -10])
def test_target_points_not_positive(inbox, ctx, points):
    rows = [["重點目標", "黨員發展", points, "", 0], ["共性目標", "學習", 100 - points, "", 90]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", DATA, "C2", E, "data.not_positive")])


def test_unknown_ratee(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", {"D01": 90, "D99": 80, "D02": 80, "D03": 70})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "A3", E, "data.unknown_unit")])


def test_ratee_is_a_branch(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", {**ALL_DEPTS, "B01": 75})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "A5", E, "data.wrong_unit_kind")])


def test_ratee_listed_twice(inbox, ctx):
    path = write_form(inbox / "r.xlsx", info("評分表", submitter="L01", 評價類型="領導評價"), RATING_HEADER,
                      [["D01", "", 90, ""], ["D02", "", 80, ""], ["D03", "", 70, ""], ["d01 ", "", 85, ""]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("r.xlsx", DATA, "A5", E, "data.duplicate")])
    assert "A2" in out.problems[0].render("zh-Hant")


def test_adjustment_unknown_unit(inbox, ctx):
    path = adjustments(inbox, "D01", [["B01", "其他", 1, "表揚", None], ["X01", "其他", 1, "表揚", None]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "A3", E, "data.unknown_unit")])


def test_unknown_target_category(inbox, ctx):
    rows = [["年度目標", "黨員發展", 60, "", 54], ["共性目標", "學習", 40, "", 36]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("rejected", [("t.xlsx", DATA, "A2", E, "data.unknown_category")])
    assert "年度目標" in out.problems[0].render("zh-Hant") and "重點目標" in out.problems[0].render("zh-Hant")


def test_unknown_adjustment_category(inbox, ctx):
    path = adjustments(inbox, "D01", [["B01", "獎勵", 2, "表揚", None]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "B2", E, "data.unknown_category")])


def test_unknown_veto_category(inbox, ctx):
    path = vetoes(inbox, "D01", [["B01", "違紀", "事由", "2026-03-10", "紀委"]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "B2", E, "data.unknown_category")])
    assert "三違幫教" in out.problems[0].render("zh-Hant")


def test_veto_date_outside_month(inbox, ctx):
    path = vetoes(inbox, "D01", [["B01", "三違幫教", "事由", "2026-03-10", ""],
                                 ["B02", "精神文明", "事由", "2026-02-28", ""]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "D3", E, "data.date_outside_period")])


def test_veto_date_outside_quarter(inbox, ctx):
    path = vetoes(inbox, "D01", [["B01", "三違幫教", "事由", "2026-01-10", ""],
                                 ["B02", "精神文明", "事由", "2026-04-01", ""]], period="2026-Q1")
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "D3", E, "data.date_outside_period")])


def test_quarter_veto_accepted_in_its_quarter(inbox, ctx):
    out = take(vetoes(inbox, "D01", [["B01", "三違幫教", "事由", "2026年1月10日", ""]], period="2026-Q1"), ctx)
    assert (out.status, problems(out), out.period) == ("accepted", [], Quarter(2026, 1))


def test_adjustment_date_outside_period(inbox, ctx):
    path = adjustments(inbox, "D01", [["B01", "其他", 1, "表揚", "2026-03-31"], ["B02", "其他", 1, "表揚", "2026-04-01"]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "E3", E, "data.date_outside_period")])


def test_bad_data_date(inbox, ctx):
    path = vetoes(inbox, "D01", [["B01", "三違幫教", "事由", "上週", ""]])
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [(path.name, DATA, "D2", E, "data.not_date")])


def test_real_date_cells_accepted(inbox, ctx):
    """Dates typed in Excel are date cells, not text."""
    path = inbox / "v.xlsx"
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    form_info, data = book.add_worksheet(INFO), book.add_worksheet(DATA)
    for r, (k, v) in enumerate({**info("一票否決表"), "填報日期": None}.items()):
        form_info.write_string(r, 0, k)
        if v is not None:
            form_info.write_string(r, 1, v)
    form_info.write_datetime(3, 1, dt.datetime(2026, 3, 31), day)
    for c, h in enumerate(VETO_HEADER):
        data.write_string(0, c, h)
    for c, v in enumerate(["B01", "安全目標", "事故"]):
        data.write_string(1, c, v)
    data.write_datetime(1, 3, dt.datetime(2026, 3, 9), day)
    book.close()
    out = take(path, ctx)
    assert (out.status, problems(out), out.filled_on) == ("accepted", [], dt.date(2026, 3, 31))
    assert list(out.rows["date"]) == [dt.date(2026, 3, 9)]


def test_adjustments_and_vetoes_resolve_units(inbox, ctx):
    out = take(adjustments(inbox, "B01", [["d02", "安全生產", -3, "違章", "2026-03-02"],
                                         ["D03", "綜合業務", 2, "表揚", None]]), ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert out.rows[["unit_id", "category", "points"]].values.tolist() == [
        ["D02", "safety", -3.0], ["D03", "business", 2.0]]


# ---------------------------------------------------------------- warnings


def test_self_rating_is_a_warning_and_ignored(inbox, ctx):
    path = ratings(inbox, "D01", "部門互評", {"D01": 99, "D02": 85, "D03": 80})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [(path.name, DATA, "A2", W, "warn.self_rating")])
    assert list(out.rows["ratee_id"]) == ["D02", "D03"]


def test_ratee_left_out_is_a_warning(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [(path.name, DATA, "A2", W, "warn.ratees_left_out")])
    assert "D03" in out.problems[0].render("zh-Hant")


def test_mutual_rating_need_not_rate_itself(inbox, ctx):
    out = take(ratings(inbox, "D02", "部門互評", {"D01": 90, "D03": 75}), ctx)
    assert (out.status, problems(out)) == ("accepted", [])


def test_target_points_not_100_is_a_warning(inbox, ctx):
    rows = [["重點目標", "黨員發展", 60, "", 54], ["共性目標", "學習", 30, "", 30]]
    out = take(target_form(inbox, info(), rows), ctx)
    assert (out.status, problems(out)) == ("accepted", [("t.xlsx", DATA, "C2", W, "warn.points_not_100")])
    assert "90" in out.problems[0].render("zh-Hant")
    assert len(out.rows) == 2


def test_inactive_ratee_is_a_warning_and_ignored(inbox, ctx):
    path = ratings(inbox, "L01", "領導評價", {**ALL_DEPTS, "B09": 60})
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [(path.name, DATA, "A5", W, "data.inactive_unit")])
    assert list(out.rows["ratee_id"]) == ["D01", "D02", "D03"]


def test_warnings_do_not_hide_errors(inbox, ctx):
    path = ratings(inbox, "D01", "部門互評", {"D01": 99, "D02": 185, "D03": 80})
    out = take(path, ctx)
    assert out.status == "rejected"
    assert (path.name, DATA, "C3", E, "data.out_of_range") in problems(out)


@pytest.fixture
def ctx007(tmp_path, workspace):
    units = [*UNITS, ["007", "安監部", "黨群部門", "安全", "錢七", ""]]
    path = write_registry(tmp_path / "名冊007.xlsx", units=units)
    return Context(load_registry(path, "zh-Hant"), workspace, MONTH)


def test_code_stored_as_number_matches_registry_text_code(inbox, ctx007):
    path = ratings(inbox, "L01", "領導評價", {**ALL_DEPTS, 7.0: 88})
    out = take(path, ctx007)
    assert (out.status, problems(out)) == ("accepted", [(path.name, DATA, "A5", W, "data.code_from_number")])
    assert list(out.rows["ratee_id"]) == ["D01", "D02", "D03", "007"]
    assert "007" in out.problems[0].render("zh-Hant")


def test_submitter_code_stored_as_number(inbox, ctx007):
    out = take(targets(inbox, 7, GOOD_TARGETS), ctx007)
    assert (out.status, problems(out)) == ("accepted", [("targets_7.xlsx", INFO, "B3", W, "data.code_from_number")])
    assert out.submitter_id == "007"


def test_code_as_text_without_zeros_is_unknown(inbox, ctx007):
    out = take(targets(inbox, "7", GOOD_TARGETS), ctx007)
    assert (out.status, problems(out)) == ("rejected", [("targets_7.xlsx", INFO, "B3", E, "info.unknown_submitter")])


# ---------------------------------------------------------------- scripts, aliases, stray spaces


def test_simplified_labels_headers_and_values(inbox, ctx):
    path = write_book(inbox / "s.xlsx", {
        "填报信息": [["表单类型", "评分表"], ["期间", "2026年3月"], ["填报单位编号", "L01"], ["评价类型", "领导评价"],
                 ["填报日期", "2026-03-30"], ["版本", 2]],
        "数据": [["被评单位编号", "被评单位名称", "得分", "备注"], ["D01", "", 90, ""], ["D02", "", 80, ""],
               ["D03", "", 70, ""]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert (out.form, out.rating_type, out.submitter_id, out.version) == ("ratings", "leader", "L01", 2)
    assert list(out.rows["score"]) == [90.0, 80.0, 70.0]


def test_simplified_targets_and_categories(inbox, ctx):
    path = write_book(inbox / "s.xlsx", {
        "填报信息": [["表单类型", "目标考核表"], ["期间", "2026-03"], ["填报单位编号", "D01"]],
        "数据": [["目标类别", "目标内容", "分值", "完成情况", "得分"],
               ["重点目标", "党员发展", 60, "", 54], ["安全绩效目标", "安全", 40, "", 40]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert list(out.rows["category"]) == ["key", "safety"]


def test_simplified_veto_form(inbox, ctx):
    path = write_book(inbox / "s.xlsx", {
        "填报信息": [["表单类型", "一票否决表"], ["期间", "2026-03"], ["填报单位编号", "D01"]],
        "数据": [["单位编号", "否决类别", "事由", "发生日期"], ["B01", "三违帮教", "事由", "2026-03-03"]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert list(out.rows["category"]) == ["三違幫教"]


def test_english_aliases(inbox, ctx):
    path = write_book(inbox / "e.xlsx", {
        "form_info": [["form", "ratings"], ["period", "2026-03"], ["submitter_id", "L02"], ["rating_type", "leader"],
                      ["version", "2"]],
        "data": [["ratee_id", "ratee_name", "score", "note"], ["D01", "", 90, ""], ["D02", "", 80, ""],
                 ["D03", "", 70, ""]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert (out.form, out.rating_type, out.submitter_id, out.version) == ("ratings", "leader", "L02", 2)
    assert list(out.rows["ratee_id"]) == ["D01", "D02", "D03"]


def test_english_adjustments(inbox, ctx):
    path = write_book(inbox / "e.xlsx", {
        "form_info": [["form", "adjustments"], ["period", "2026-03"], ["submitter_id", "D01"]],
        "data": [["unit_id", "category", "points", "reason", "date"], ["D02", "business", 2, "award", "2026-03-02"]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert out.rows[["unit_id", "category", "points"]].values.tolist() == [["D02", "business", 2.0]]


def test_stray_spaces_and_full_width(inbox, ctx):
    path = write_book(inbox / "w.xlsx", {
        " 填報信息 ": [[" 表單類型", "評分表 "], ["期　間", "２０２６－０３"], ["*填報單位編號", " l01 "],
                    ["評價類型 ", " 領導 評價"]],
        "數 據": [["被評單位編號 ", "被評單位名稱", "得　分", "備註"], ["Ｄ０１", "", "９０", ""], [" d02", "", 80, ""],
                ["D03", "", 70, ""]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])
    assert (out.form, out.rating_type, out.submitter_id, out.period) == ("ratings", "leader", "L01", MONTH)
    assert list(out.rows["ratee_id"]) == ["D01", "D02", "D03"]


def test_full_width_english_alias_headers(inbox, ctx):
    path = write_book(inbox / "w.xlsx", {
        "ＦＯＲＭ＿ＩＮＦＯ": [["Form", "Ratings"], ["Period", "2026-03"], ["Submitter_ID", "L01"], ["Rating_Type", "LEADER"]],
        "Data": [["ｒａｔｅｅ＿ｉｄ", "Score"], ["D01", 90], ["D02", 80], ["D03", 70]],
    })
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("accepted", [])


# ---------------------------------------------------------------- unreadable files


def _valid_bytes(inbox) -> bytes:
    return targets(inbox / "src", "D01", GOOD_TARGETS).read_bytes()


@pytest.mark.parametrize("kind, code", [
    ("random", "file.unreadable"),
    ("empty", "file.unreadable"),
    ("truncated", "file.truncated"),
    ("legacy", "file.encrypted_or_legacy"),
])
def test_unreadable_files(inbox, ctx, kind, code):
    data = {
        "random": bytes(range(256)) * 8,
        "empty": b"",
        "truncated": None,
        "legacy": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024,
    }[kind]
    if data is None:
        whole = _valid_bytes(inbox)
        data = whole[: len(whole) // 2]
    path = inbox / "bad.xlsx"
    path.write_bytes(data)
    out = take(path, ctx)
    assert (out.status, problems(out)) == ("rejected", [("bad.xlsx", "", "", E, code)])
    assert out.problems[0].render("zh-Hant")
    assert out.sha256 and len(out.sha256) == 64


def test_input_file_not_modified(inbox, ctx):
    path = targets(inbox, "D01", GOOD_TARGETS)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    take(path, ctx)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# ---------------------------------------------------------------- skipped files


def test_discover_skips_lock_hidden_and_other_files(inbox, ctx):
    valid = targets(inbox, "D01", GOOD_TARGETS)
    for name in ["~$x.xlsx", ".~lock.x.xlsx#", ".hidden.xlsx", "notes.txt", "old.xls"]:
        shutil.copyfile(valid, inbox / name)
    shutil.copyfile(valid, inbox / "UPPER.XLSX")
    shutil.copyfile(valid, inbox / "macro.xlsm")
    found = {f.name: f.skip for f in discover(inbox)}
    assert found == {
        "~$x.xlsx": "skip.lock_file",
        ".~lock.x.xlsx#": "skip.lock_file",
        ".hidden.xlsx": "skip.hidden",
        "notes.txt": "skip.not_workbook",
        "old.xls": "skip.not_workbook",
        "UPPER.XLSX": None,
        "macro.xlsm": None,
        "targets_D01.xlsx": None,
    }
    statuses = {f.name: take_in(f, ctx).status for f in discover(inbox)}
    assert statuses == {
        "~$x.xlsx": "skipped", ".~lock.x.xlsx#": "skipped", ".hidden.xlsx": "skipped", "notes.txt": "skipped",
        "old.xls": "skipped", "UPPER.XLSX": "accepted", "macro.xlsm": "accepted", "targets_D01.xlsx": "accepted",
    }


def test_skipped_file_has_a_note_and_no_problems(inbox, ctx):
    (inbox / "notes.txt").write_text("hello")
    [file] = discover(inbox)
    out = take_in(file, ctx)
    assert (out.status, problems(out)) == ("skipped", [])
    assert out.note_text("zh-Hant") and len(out.sha256) == 64


def test_discover_names_subfolder_files_relative_to_inbox(inbox):
    targets(inbox / "組織部", "D01", GOOD_TARGETS)
    assert [(f.name, f.skip) for f in discover(inbox)] == [("組織部/targets_D01.xlsx", None)]


# ---------------------------------------------------------------- output locale


def test_message_in_english(inbox, registry, workspace):
    ctx = Context(registry, dataclasses.replace(workspace, locale="en"), MONTH)
    out = take(target_form(inbox, info(submitter="D99")), ctx)
    assert problems(out) == [("t.xlsx", INFO, "B3", E, "info.unknown_submitter")]
    assert out.problems[0].render(ctx.locale) == "Submitter code 'D99' is not in the registry. Check the code."


def test_message_in_simplified(inbox, registry, workspace):
    ctx = Context(registry, dataclasses.replace(workspace, locale="zh-Hans"), MONTH)
    out = take(ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": 101}), ctx)
    assert problems(out) == [("ratings_領導評價_L01.xlsx", DATA, "C4", E, "data.out_of_range")]
    assert out.problems[0].render(ctx.locale) == "「得分」为 101，应在 0 至 100 之间。"


def test_message_in_traditional_by_default(inbox, ctx):
    out = take(target_form(inbox, info(submitter="D99")), ctx)
    assert out.problems[0].render("zh-Hant") == "填報單位編號「D99」不在名冊中。請核對編號。"


def test_files_in_hidden_folders_are_listed_as_skipped(inbox):
    (inbox / ".sync").mkdir()
    targets(inbox / ".sync", "D01", GOOD_TARGETS, name="t.xlsx")
    assert [(f.name, f.skip) for f in discover(inbox)] == [(".sync/t.xlsx", "skip.hidden")]
