"""Validation of the quarterly forms: 支部自評表, 部門考評表 (wide), 民主測評表, 專項督查表."""

import pytest

from conftest import (
    DEMOCRATIC_HEADER,
    democratic,
    dept_eval,
    self_eval,
    spot_checks,
    take,
    with_items,
    write_form,
)
from pbbatch.core.periods import Month
from pbbatch.core.records import Context

E, W, DATA = "error", "warning", "數據"


def test_self_evaluation_accepted_with_items_as_codes(ctx):
    status, problems, out = take(self_eval(ctx.config.inbox, "B01", {"k01": 38, "K02": 27, "K03": 28}), ctx)
    assert (status, problems) == ("accepted", [])
    assert out.rows[["item_id", "score"]].values.tolist() == [["K01", 38], ["K02", 27], ["K03", 28]]


def test_self_evaluation_errors_point_at_their_cells(ctx):
    path = self_eval(ctx.config.inbox, "B01", {"K01": 41, "K09": 5, "K02": 20, "k02": 10})
    status, problems, _ = take(path, ctx)
    assert (status, problems) == ("rejected", [
        ("self_B01.xlsx", DATA, "D2", E, "data.out_of_range"),  # K01 is worth 40
        ("self_B01.xlsx", DATA, "A3", E, "data.unknown_item"),
        ("self_B01.xlsx", DATA, "A5", E, "data.duplicate"),
    ])


def test_self_evaluation_only_by_a_branch_for_a_quarter(ctx):
    status, problems, _ = take(self_eval(ctx.config.inbox, "D01", {"K01": 30}), ctx)
    assert problems == [("self_D01.xlsx", "填報信息", "B3", E, "info.wrong_submitter_kind"),
                        ("self_D01.xlsx", DATA, "A2", W, "warn.items_left_out")]
    status, problems, _ = take(self_eval(ctx.config.inbox, "B01", {"K01": 30}, period="2026-03"), ctx)
    assert problems == [("self_B01.xlsx", "填報信息", "B2", E, "info.wrong_period_kind")]


def test_self_evaluation_items_left_unscored_warn(ctx):
    status, problems, out = take(self_eval(ctx.config.inbox, "B01", {"K01": 38, "K02": None, "K03": 20}), ctx)
    assert (status, problems) == ("accepted", [("self_B01.xlsx", DATA, "D3", W, "warn.items_left_out")])
    assert "K02" in out.problems[0].render("zh-Hant")


def test_department_evaluation_is_made_long_with_owned_items_only(ctx):
    path = dept_eval(ctx.config.inbox, "D01", ["K01 政治建設", "K03作風建設"], {"B01": [36, 27], "B02": [38, None]})
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("accepted", [])
    assert out.rows[["branch_id", "item_id", "score"]].values.tolist() == [
        ["B01", "K01", 36], ["B01", "K03", 27], ["B02", "K01", 38]]


def test_a_department_scoring_an_item_it_does_not_own_is_an_error(ctx):
    path = dept_eval(ctx.config.inbox, "D01", ["K01", "K02", "K03"], {"B01": [36, 20, 27], "B02": [38, 25, 24]})
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("rejected", [("dept_eval_D01.xlsx", DATA, "D2", E, "data.not_owner")])
    assert "D02" in out.problems[0].render("zh-Hant")  # who does own it


def test_an_empty_column_for_another_departments_item_is_ignored(ctx):
    path = dept_eval(ctx.config.inbox, "D01", ["K01", "K02", "K03"], {"B01": [36, None, 27]})
    status, problems, out = take(path, ctx)
    assert status == "accepted" and set(out.rows["item_id"]) == {"K01", "K03"}


def test_a_column_headed_like_an_item_that_is_not_one_is_an_error(ctx):
    """Contract 2: 'an unknown ... item' is an error; its scores must not vanish as an extra column's would."""
    path = dept_eval(ctx.config.inbox, "D01", ["K01", "K03", "K11 新項目", "備註"], {"B01": [36, 27, 9, "好"]})
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("rejected", [("dept_eval_D01.xlsx", DATA, "E1", E, "data.unknown_item"),
                                               ("dept_eval_D01.xlsx", DATA, "A2", W, "warn.ratees_left_out")])
    assert "K11" in out.problems[0].render("zh-Hant")


def test_department_evaluation_missing_an_owned_item_column(ctx):
    status, problems, _ = take(dept_eval(ctx.config.inbox, "D01", ["K01"], {"B01": [36]}), ctx)
    assert (status, problems) == ("rejected", [("dept_eval_D01.xlsx", DATA, "A1", E, "data.missing_item_columns"),
                                               ("dept_eval_D01.xlsx", DATA, "A2", W, "warn.ratees_left_out")])


def test_department_evaluation_range_branch_kind_duplicates(ctx):
    path = dept_eval(ctx.config.inbox, "D02", ["K02"], {"B01": [31], "D01": [20], "B02": [10], "b02": [12]})
    status, problems, _ = take(path, ctx)
    assert (status, problems) == ("rejected", [
        ("dept_eval_D02.xlsx", DATA, "C2", E, "data.out_of_range"),
        ("dept_eval_D02.xlsx", DATA, "A3", E, "data.wrong_unit_kind"),
        ("dept_eval_D02.xlsx", DATA, "A5", E, "data.duplicate"),
    ])


def test_democratic_counts_and_turnout(ctx):
    rows = [["B01", "", 30, 28, 20, 6, 2, 0, None], ["B02", "", 40, 20, 10, 10, 0, 0, 0]]
    status, problems, out = take(democratic(ctx.config.inbox, "D01", rows), ctx)
    assert (status, problems) == ("accepted", [("democratic_D01.xlsx", DATA, "D3", W, "warn.low_turnout")])
    assert out.rows["abstain"].tolist() == [0, 0]


@pytest.mark.parametrize(
    "row, cell, code",
    [
        (["B01", "", 30, 28, 20, 6, 2, 1, 0], "D2", "data.ballots_over_present"),  # 29 ballots, 28 present
        (["B01", "", 30, 31, 20, 6, 2, 0, 0], "D2", "data.present_over_eligible"),
        (["B01", "", 30, 28, -1, 6, 2, 0, 0], "E2", "data.bad_count"),
        (["B01", "", 30, 28, 20.5, 6, 1, 0, 0], "E2", "data.bad_count"),
        (["B01", "", 30, 28, 20, 6, 2, 0, -2], "I2", "data.bad_count"),
        (["B01", "", 30, None, 20, 6, 2, 0, 0], "D2", "data.blank_required"),
        (["B09x", "", 30, 28, 20, 6, 2, 0, 0], "A2", "data.unknown_unit"),
    ],
)
def test_democratic_count_errors(ctx, row, cell, code):
    status, problems, _ = take(democratic(ctx.config.inbox, "D01", [row]), ctx)
    assert (status, problems) == ("rejected", [("democratic_D01.xlsx", DATA, cell, E, code)])


def test_democratic_branch_listed_twice(ctx):
    rows = [["B01", "", 30, 28, 20, 6, 2, 0, 0], ["B01", "", 30, 28, 20, 6, 2, 0, 0]]
    status, problems, _ = take(democratic(ctx.config.inbox, "D01", rows), ctx)
    assert problems == [("democratic_D01.xlsx", DATA, "A3", E, "data.duplicate")]


def test_democratic_prefilled_rows_left_blank_are_skipped(ctx):
    path = write_form(ctx.config.inbox / "d.xlsx", {"表單類型": "民主測評表", "期間": "2026-Q1", "填報單位編號": "D01"},
                      DEMOCRATIC_HEADER, [["B01", "綜採一隊黨支部", 30, 28, 20, 6, 2, 0, 0], ["B02", "機電科黨支部"]])
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("accepted", []) and out.rows["branch_id"].tolist() == ["B01"]


def test_spot_checks_monthly_and_quarterly(ctx):
    rows = [["2026-02-11", "B01", "K01", "三會一課記錄不全", 2, "2026-03-01"]]
    status, problems, _ = take(spot_checks(ctx.config.inbox, "D01", rows, period="2026-02"), ctx)
    assert (status, problems) == ("accepted", [])
    status, problems, _ = take(spot_checks(ctx.config.inbox, "D01", rows, period="2026-Q1", name="q.xlsx"), ctx)
    assert (status, problems) == ("accepted", [])


def test_spot_check_errors(ctx):
    rows = [
        ["2026-04-02", "B01", "", "記錄不全", 2, ""],  # outside the quarter
        ["2026-02-11", "B01", "K99", "記錄不全", 2, ""],
        ["2026-02-11", "B02", "", "記錄不全", 0, ""],  # 扣分 must be > 0
        ["2026-02-11", "D01", "", "記錄不全", 1, ""],  # a department is not a branch
    ]
    status, problems, _ = take(spot_checks(ctx.config.inbox, "D03", rows), ctx)
    assert (status, problems) == ("rejected", [
        ("spot_D03.xlsx", DATA, "A2", E, "data.date_outside_period"),
        ("spot_D03.xlsx", DATA, "C3", E, "data.unknown_item"),
        ("spot_D03.xlsx", DATA, "E4", E, "data.not_positive"),
        ("spot_D03.xlsx", DATA, "B5", E, "data.wrong_unit_kind"),
    ])


def test_quarterly_forms_are_skipped_in_a_month_that_does_not_end_the_quarter(registry, workspace):
    ctx = Context(registry, with_items(workspace), Month(2026, 2))
    status, problems, out = take(self_eval(workspace.inbox, "B01", {"K01": 38}), ctx)
    assert (status, problems) == ("skipped", [])


def test_item_columns_headed_by_code_then_a_latin_name(registry, workspace):
    items = (("K01", "Political work", 40, "D01"), ("K02", "Organisation", 30, "D02"), ("K03", "Conduct", 30, "D01"))
    ctx = Context(registry, with_items(workspace, items), Month(2026, 3))
    path = dept_eval(workspace.inbox, "D01", ["K01 Political work", "k03 Conduct"], {"B01": [36, 27], "B02": [30, 20]})
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("accepted", [])
    assert out.rows["item_id"].tolist() == ["K01", "K03", "K01", "K03"]


def test_an_item_code_that_merely_starts_another_is_not_matched(registry, workspace):
    items = (("K1", "甲", 50, "D01"), ("K10", "乙", 50, "D02"))
    ctx = Context(registry, with_items(workspace, items), Month(2026, 3))
    path = dept_eval(workspace.inbox, "D02", ["K10 乙"], {"B01": [36], "B02": [30]})
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("accepted", []) and out.rows["item_id"].tolist() == ["K10", "K10"]


def test_a_prefilled_branch_row_left_unscored_warns_at_its_first_owned_item_cell(ctx):
    path = dept_eval(ctx.config.inbox, "D01", ["K02", "K01", "K03"], {"B01": [None, 36, 27], "B02": [None, None, None]})
    status, problems, out = take(path, ctx)
    assert (status, problems) == ("accepted", [("dept_eval_D01.xlsx", DATA, "D3", W, "warn.ratees_left_out")])
    assert "B02" in out.problems[0].render("zh-Hant")
