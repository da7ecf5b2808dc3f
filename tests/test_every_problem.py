"""Every problem of a file in one run (contract §2, 'What is an error'): one file per form with several kinds of
mistake, and the exact list of (sheet, cell, code) it gets. A submitter fixes the file once, not once per kind."""

from __future__ import annotations

import pytest

from conftest import (
    ADJUST_HEADER,
    DEMOCRATIC_HEADER,
    RATING_HEADER,
    SELF_HEADER,
    SPOT_HEADER,
    TARGET_HEADER,
    VETO_HEADER,
    with_items,
    write_form,
)
from pbbatch.intake.inbox import InboxFile, take_in
from pbbatch.core.periods import Month
from pbbatch.core.records import Context

INFO, DATA = "填報信息", "數據"


@pytest.fixture
def ctx(registry, workspace):
    return Context(registry, with_items(workspace), Month(2026, 3))  # D01 owns K01 (40) and K03 (30), D02 K02


def found(ctx, form: str, submitter: str, header: list[str], rows: list[list[object]], period="2026-03",
          above=(), **info):
    path = write_form(ctx.config.inbox / "f.xlsx",
                      {"表單類型": form, "期間": period, "填報單位編號": submitter, **info}, header, rows, above)
    out = take_in(InboxFile(path, path.name, None), ctx)
    return out.status, [(p.sheet, p.cell, p.code) for p in out.problems]


def test_targets_every_problem(ctx):
    rows = [
        ["亂類", "黨員發展", 40, "", 30],
        ["重點目標", "學習", "四十", "", 30],
        ["共性目標", "宣傳", 20, "", 25],
        ["共性目標", "", 40, "", 10],
    ]
    assert found(ctx, "目標考核表", "D01", TARGET_HEADER, rows, 版本="二") == ("rejected", [
        (INFO, "B4", "info.bad_version"),
        (DATA, "A2", "data.unknown_category"),
        (DATA, "C3", "data.not_number"),
        (DATA, "E4", "data.out_of_range"),
        (DATA, "B5", "data.blank_required"),
    ])


def test_the_leaders_ratings_of_the_issue_every_problem_at_its_own_cell(ctx):
    # "九五" in C5, 120 in C6, a blank C7 (a ratee left out: a warning at that cell), −3 in C8 (and D01 twice).
    above = [["評分表"], ["說明"], [""]]
    rows = [["D01", "", "九五", ""], ["D02", "", 120, ""], ["D03", "", None, ""], ["D01", "", -3, ""]]
    assert found(ctx, "評分表", "L01", RATING_HEADER, rows, above=above, 評價類型="領導評價") == ("rejected", [
        (DATA, "C5", "data.not_number"),
        (DATA, "C6", "data.out_of_range"),
        (DATA, "C7", "warn.ratees_left_out"),
        (DATA, "A8", "data.duplicate"),
        (DATA, "C8", "data.out_of_range"),
    ])


def test_mutual_ratings_every_problem(ctx):
    rows = [["D01", "", 99, ""], ["D02", "", "八十", ""], ["D99", "", 101, ""], ["B01", "", 70, ""]]
    assert found(ctx, "評分表", "D01", RATING_HEADER, rows, 評價類型="部門互評") == ("rejected", [
        (DATA, "A2", "warn.self_rating"),  # D03 has no row, but D99 may be meant for it: no list of the absent
        (DATA, "C3", "data.not_number"),
        (DATA, "A4", "data.unknown_unit"),
        (DATA, "C4", "data.out_of_range"),
        (DATA, "A5", "data.wrong_unit_kind"),
    ])


def test_adjustments_every_problem(ctx):
    rows = [
        ["D99", "安全生產", 2, "表揚", None],
        ["D01", "亂類", 3, "表揚", None],
        ["D02", "其他", "五", "表揚", None],
        ["D03", "其他", 1, "", "2026-05-01"],
    ]
    assert found(ctx, "加減分表", "D01", ADJUST_HEADER, rows) == ("rejected", [
        (DATA, "A2", "data.unknown_unit"),
        (DATA, "B3", "data.unknown_category"),
        (DATA, "C4", "data.not_number"),
        (DATA, "D5", "data.blank_required"),
        (DATA, "E5", "data.date_outside_period"),
    ])


def test_vetoes_every_problem(ctx):
    rows = [
        ["B01", "亂類", "事由", "2026-03-05", ""],
        ["X1", "三違幫教", "事由", "2026-04-02", ""],
        ["D01", "精神文明", "", "上週", ""],
    ]
    assert found(ctx, "一票否決表", "D01", VETO_HEADER, rows) == ("rejected", [
        (DATA, "B2", "data.unknown_category"),
        (DATA, "A3", "data.unknown_unit"),
        (DATA, "D3", "data.date_outside_period"),
        (DATA, "C4", "data.blank_required"),
        (DATA, "D4", "data.not_date"),
    ])


def test_self_evaluation_every_problem(ctx):
    rows = [["K01", "", None, "好", ""], ["K09", "", None, 5, ""], ["K02", "", None, 35, ""],
            ["K03", "", None, None, ""], ["k02", "", None, 10, ""]]
    assert found(ctx, "支部自評表", "B01", SELF_HEADER, rows, period="2026-Q1") == ("rejected", [
        (DATA, "D2", "data.not_number"),
        (DATA, "A3", "data.unknown_item"),
        (DATA, "D4", "data.out_of_range"),
        (DATA, "D5", "warn.items_left_out"),  # K03 pre-filled, left without a score
        (DATA, "A6", "data.duplicate"),
    ])


def test_department_evaluation_every_problem(ctx):
    # D01 owns K01 and K03: the K03 column is missing, K11 is no item, K02 is D02's.
    header = ["支部編號", "支部名稱", "K01", "K02", "K11 新項目", "備註"]
    rows = [["B01", "", 45, None, None, ""], ["D02", "", 10, 5, None, ""], ["b01", "", 1, None, None, ""],
            ["B02", "", "x", None, None, ""]]
    assert found(ctx, "部門考評表", "D01", header, rows, period="2026-Q1") == ("rejected", [
        (DATA, "A1", "data.missing_item_columns"),
        (DATA, "E1", "data.unknown_item"),
        (DATA, "C2", "data.out_of_range"),
        (DATA, "A3", "data.wrong_unit_kind"),
        (DATA, "D3", "data.not_owner"),
        (DATA, "A4", "data.duplicate"),
        (DATA, "C5", "data.not_number"),
    ])


def test_democratic_every_problem(ctx):
    rows = [
        ["B01", "", 30, 28, 20, 6, 2, "x", 0],
        ["B02", "", 25, 24, 10, 10, 3, 1.5, 0],
        ["B99", "", 10, 12, 1, 1, 1, 1, 0],
        ["b01", "", 10, 5, 3, 3, 0, 0, 0],
    ]
    assert found(ctx, "民主測評表", "D01", DEMOCRATIC_HEADER, rows, period="2026-Q1") == ("rejected", [
        (DATA, "H2", "data.not_number"),
        (DATA, "H3", "data.bad_count"),
        (DATA, "A4", "data.unknown_unit"),
        (DATA, "D4", "data.present_over_eligible"),
        (DATA, "A5", "data.duplicate"),
        (DATA, "D5", "data.ballots_over_present"),
    ])


def test_spot_checks_every_problem(ctx):
    rows = [
        ["2026-04-02", "B01", "K01", "記錄不全", 2, None],
        ["2026-02-01", "B99", "K77", "記錄不全", 0, None],
        ["2026-02-01", "B02", "K02", "", "兩分", None],
    ]
    assert found(ctx, "專項督查表", "D01", SPOT_HEADER, rows, period="2026-Q1") == ("rejected", [
        (DATA, "A2", "data.date_outside_period"),
        (DATA, "B3", "data.unknown_unit"),
        (DATA, "C3", "data.unknown_item"),
        (DATA, "E3", "data.not_positive"),
        (DATA, "D4", "data.blank_required"),
        (DATA, "E4", "data.not_number"),
    ])


def test_an_unknown_submitter_does_not_hide_the_data_sheet(ctx):
    rows = [["D01", "", 90, ""], ["D02", "", 190, ""], ["D03", "", 70, ""]]
    assert found(ctx, "評分表", "L99", RATING_HEADER, rows, 評價類型="領導評價") == ("rejected", [
        (INFO, "B3", "info.unknown_submitter"),
        (DATA, "C3", "data.out_of_range"),
    ])


def test_an_unknown_rating_type_does_not_hide_the_data_sheet_nor_an_unknown_submitter(ctx):
    rows = [["D01", "", 90, ""], ["D02", "", "好", ""]]
    assert found(ctx, "評分表", "L99", RATING_HEADER, rows, 評價類型="上級評價") == ("rejected", [
        (INFO, "B3", "info.unknown_submitter"),
        (INFO, "B4", "info.unknown_rating_type"),
        (DATA, "C3", "data.not_number"),
    ])


def test_an_unknown_form_still_checks_the_submitter_but_not_the_data(ctx):
    assert found(ctx, "目標表", "Z9", TARGET_HEADER, [["亂類", "x", 1, "", 2]]) == ("rejected", [
        (INFO, "B1", "info.unknown_form"),
        (INFO, "B3", "info.unknown_submitter"),
    ])


def test_data_rows_under_a_missing_header_are_the_one_exception(ctx):
    header = ["目標類別", "目標內容", "分值", "完成情況"]  # no 得分
    assert found(ctx, "目標考核表", "D01", header, [["亂類", "x", "y", ""]], 版本=0) == ("rejected", [
        (INFO, "B4", "info.bad_version"),
        (DATA, "A1", "data.no_header"),
    ])


def test_a_file_of_another_period_is_still_skipped_and_not_validated(ctx):
    status, problems = found(ctx, "目標考核表", "D01", TARGET_HEADER, [["亂類", "x", 1, "", 2]], period="2026-02")
    assert (status, problems) == ("skipped", [])
