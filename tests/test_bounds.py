"""Each number column's bound is declared once (forms.Column.bound): the blank form's data validation states it
and the validator enforces it, at both ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import ITEMS, SELF_HEADER, adjustments, democratic, dept_eval, ratings, spot_checks, targets, \
    with_items, write_form

from pbbatch.core.catalogue import fold, label, variants
from pbbatch.core.config import default_config
from pbbatch.core.forms import FORMS, ITEM_POINTS, Bound, Column
from pbbatch.core.numeric import NUMBER_BOUND, display_number
from pbbatch.core.periods import Month, Year
from pbbatch.intake.registry_file import load_registry
from pbbatch.core.records import ERROR, Context, Outcome
from pbbatch.intake.validate import validate_workbook
from pbbatch.intake.workbook import read_workbook
from pbbatch.setup.blank_forms import write_blank_forms
from pbbatch.setup.blank_layout import HEADER_ROW
from pbbatch.setup.demo import write_sample_registry

MARCH = Month(2026, 3)


def number_columns() -> list[tuple[str, Column]]:
    """Every number column of every form, the 部門考評表's item score column included."""
    found = [(spec.name, c) for spec in FORMS.values() for c in spec.columns if c.kind == "number"]
    return found + [(spec.name, spec.item_scores) for spec in FORMS.values() if spec.item_scores]


def column_id(form_column: tuple[str, Column]) -> str:
    return f"{form_column[0]}.{form_column[1].key}"


# ---------------------------------------------------------------- the blank form states the bound


@pytest.fixture(scope="module")
def blank_forms(tmp_path_factory) -> tuple[dict[str, Path], object]:
    folder = tmp_path_factory.mktemp("bounds")
    registry = load_registry(write_sample_registry(folder / "名冊.xlsx", staff=True), "zh-Hant")  # every form
    config = default_config(folder)
    by_form: dict[str, Path] = {}
    year = write_blank_forms(registry, config, Year(2026), folder / "forms")  # the 目標責任書
    for path in write_blank_forms(registry, config, MARCH, folder / "forms") + year:
        form_name = openpyxl.load_workbook(path).worksheets[0]["B1"].value
        name = next(n for n in FORMS if form_name in variants(f"form.{n}"))
        by_form.setdefault(name, path)
    return by_form, config


def expected_rule(bound: Bound, high_text: str | None) -> tuple:
    """(type, operator, formula1, formula2) as openpyxl reads the data validation a bound should give."""
    kind = "whole" if bound.whole else "decimal"
    if high_text is None:
        return kind, "greaterThan" if bound.low_open else "greaterThanOrEqual", display_number(bound.low), None
    return kind, None, display_number(bound.low), high_text


@pytest.mark.parametrize("form_column", number_columns(), ids=column_id)
def test_the_blank_form_states_the_declared_bound(blank_forms, form_column):
    by_form, config = blank_forms
    form, column = form_column
    data = openpyxl.load_workbook(by_form[form]).worksheets[1]
    headers = [c.value for c in data[HEADER_ROW + 1]]
    letters = {h: data.cell(HEADER_ROW + 1, n + 1).column_letter for n, h in enumerate(headers)}
    first = HEADER_ROW + 2
    if column is FORMS[form].item_scores:
        owned = [i for i in config.branch_items if fold(i.owner) == fold(openpyxl.load_workbook(by_form[form])
                                                                        .worksheets[0]["B3"].value)]
        targets_of = [(f"{i.code} {i.name}", i) for i in owned]
    else:
        targets_of = [(label(column.label, "zh-Hant"), None)]
    assert targets_of
    bound = column.bound
    for header, item in targets_of:
        cell = f"{letters[header]}{first}"
        rules = [v for v in data.data_validations.dataValidation if cell in v.sqref]
        if column.prefilled:  # locked, filled in by the writer: no rule, and every value within the bound
            values = [data.cell(r, headers.index(header) + 1).value for r in range(first, data.max_row + 1)]
            assert not rules and values and all(bound.admits(v, None) for v in values)
            continue
        high = bound.high
        if isinstance(high, tuple):
            ref = high[0]
            high_text = (display_number(item.points) if ref == ITEM_POINTS
                         else f"${letters[label(FORMS[form].column(ref).label, 'zh-Hant')]}{first}")
        else:
            high_text = None if high is None else display_number(high)
        (rule,) = rules
        assert (rule.type, rule.operator, rule.formula1, rule.formula2) == expected_rule(bound, high_text)


def test_a_self_evaluation_bounds_the_score_by_the_points_column_which_holds_the_items_points(blank_forms):
    """Its score's bound names 分值 and the item's points; the form states the first, which is the second."""
    by_form, config = blank_forms
    assert FORMS["self_eval"].column("score").bound.high == ("points", ITEM_POINTS)
    data = openpyxl.load_workbook(by_form["self_eval"]).worksheets[1]
    rows = [[c.value for c in row][:3] for row in data.iter_rows(min_row=HEADER_ROW + 2)]
    assert rows == [[i.code, i.name, i.points] for i in config.branch_items]


# ---------------------------------------------------------------- the validator enforces it


def _targets_points(inbox, v):
    return targets(inbox, "D01", [["重點目標", "x", v, "", 0]]), "C2"


def _targets_score(inbox, v):
    return targets(inbox, "D01", [["重點目標", "x", 10, "", v]]), "E2"


def _self_eval_row(inbox, points, score):
    return write_form(inbox / "self.xlsx", {"表單類型": "支部自評表", "期間": "2026-Q1", "填報單位編號": "B01"},
                      SELF_HEADER, [["K01", "", points, score, ""]])


def _democratic(n):
    def build(inbox, v):
        row = ["B01", "", 30, 28, 20, 6, 2, 0, 0]
        row[2 + n] = v
        return democratic(inbox, "D01", [row]), f"{'CDEFGHI'[n]}2"
    return build


BOUND_CODES = {"data.out_of_range", "data.not_positive", "data.bad_count", "data.too_large"}  # not the sums'
K01_POINTS = ITEMS[0][2]
# (build(inbox, value) -> (path, cell), the upper end in that file where the bound refers to other cells)
PROBES = {
    "targets.points": [(_targets_points, None)],
    "targets.score": [(_targets_score, 10)],
    "ratings.score": [(lambda inbox, v: (ratings(inbox, "L01", "領導評價", {"D01": v, "D02": 80, "D03": 70}), "C2"),
                       None)],
    "adjustments.points": [(lambda inbox, v: (adjustments(inbox, "D01", [["D01", "安全生產", v, "事由", None]]), "C2"),
                            None)],
    "self_eval.points": [(lambda inbox, v: (_self_eval_row(inbox, v, 0), "C2"), None)],
    "self_eval.score": [(lambda inbox, v: (_self_eval_row(inbox, 20, v), "D2"), 20),  # 分值 below the item's
                        (lambda inbox, v: (_self_eval_row(inbox, None, v), "D2"), K01_POINTS)],  # 分值 blank
    "dept_eval.score": [(lambda inbox, v: (dept_eval(inbox, "D01", ["K01", "K03"], {"B01": [v, 1], "B02": [1, 1]}),
                                           "C2"), K01_POINTS)],
    **{f"democratic.{key}": [(_democratic(n), None)]
       for n, key in enumerate(("eligible", "present", "excellent", "good", "fair", "poor", "abstain"))},
    "staff_eval.score": [(lambda inbox, v: (write_form(inbox / "staff.xlsx", {"表單類型": "個人考評表", "期間": "2026-03",
                                                                          "填報單位編號": "D01"},
                                                       ["工號", "姓名", "得分", "評語"], [["007", "", v, ""]]), "C2"),
                          None)],
    "target_letter.points": [(lambda inbox, v: (write_form(
        inbox / "letter.xlsx", {"表單類型": "目標責任書", "期間": "2026", "填報單位編號": "D01"},
        ["單位編號", "目標類別", "目標內容", "分值", "考核月份"], [["D01", "重點目標", "x", v, "全年"]]), "D2"), None)],
    "spot_checks.deduction": [(lambda inbox, v: (spot_checks(inbox, "D01", [[dt.date(2026, 2, 3), "B01", "K01", "x", v,
                                                                            None]]), "E2"), None)],
}


def probes(bound: Bound, high: float | None) -> list[tuple[float, bool]]:
    """(value, accepted): each end of the bound itself, and the value just outside it."""
    step = 1 if bound.whole else 0.01
    low = [(bound.low, False), (bound.low + step, True)] if bound.low_open else [(bound.low, True),
                                                                                  (bound.low - step, False)]
    top = high if high is not None else NUMBER_BOUND  # every number lies within the generic bound too
    whole = [(bound.low + 0.5, False)] if bound.whole else []
    return low + [(top, True), (top + step, False)] + whole


@pytest.mark.parametrize("form_column", number_columns(), ids=column_id)
def test_the_validator_rejects_just_outside_the_bound_and_accepts_the_bound_itself(workspace, registry, tmp_path,
                                                                                   form_column):
    form, column = form_column
    bound = column.bound
    ctx = Context(registry, with_items(workspace), MARCH)
    scenarios = PROBES[column_id(form_column)]  # a new number column needs its probe here
    for n, (build, refers_to) in enumerate(scenarios):
        assert (refers_to is not None) == isinstance(bound.high, tuple)
        high = refers_to if refers_to is not None else bound.high
        for m, (value, accepted) in enumerate(probes(bound, high)):
            path, cell = build(tmp_path / f"inbox{n}_{m}", value)
            out = validate_workbook(read_workbook(path), Outcome(file=path.name), ctx)
            at_cell = [p.code for p in out.problems if p.level == ERROR and p.cell == cell and p.code in BOUND_CODES]
            assert (not at_cell) == accepted, (value, at_cell, [(p.cell, p.code) for p in out.problems])
