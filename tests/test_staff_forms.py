"""§9's registry sheet 人員 and the 個人考評表: errors at their cells, the people left out, blank forms."""

import pytest

from conftest import RATER_HEADER, RATERS, UNIT_HEADER, UNITS, take, with_items, write_book, write_form
from pbbatch.core.config import default_config
from pbbatch.core.errors import PbbatchError
from pbbatch.core.periods import Month
from pbbatch.core.records import ACCEPTED, ERROR, REJECTED, WARNING, Context
from pbbatch.intake.expected import expected_submissions
from pbbatch.intake.registry_file import load_registry

STAFF_HEADER = ["工號", "姓名", "單位編號", "崗位", "狀態"]
STAFF = [
    ["007", "王小明", "D01", "幹事", ""],
    ["0012", "李四", "D01", "", "在冊"],
    ["0013", "=HYPERLINK(\"x\")", "D01", "", ""],
    ["1001", "張三", "B01", "", ""],
    ["1002", "趙五", "B01", "", ""],
    ["0099", "錢退", "D01", "", "撤銷"],
]
EVAL_HEADER = ["工號", "姓名", "得分", "評語"]


def write_staff_registry(path, staff=STAFF, units=UNITS):
    return write_book(path, {"單位": [UNIT_HEADER, *units], "評價人": [RATER_HEADER, *RATERS],
                             "人員": [STAFF_HEADER, *staff]})


def staff_eval(inbox, unit, rows, period="2026-03", name=None, **info):
    return write_form(inbox / (name or f"staff_{unit}_{period}.xlsx"),
                      {"表單類型": "個人考評表", "期間": period, "填報單位編號": unit, **info}, EVAL_HEADER, rows)


@pytest.fixture
def staff_ctx(tmp_path):
    registry = load_registry(write_staff_registry(tmp_path / "名冊.xlsx"), "zh-Hant")
    return Context(registry, with_items(default_config(tmp_path)), Month(2026, 3))


def test_the_staff_sheet_keeps_codes_as_text_and_leaves_inactive_people_out(staff_ctx):
    registry = staff_ctx.registry
    assert registry.has_staff
    assert [p[0] for p in registry.staff_of("D01")] == ["007", "0012", "0013"]
    assert registry.person("007") == ("007", "王小明", "D01", "幹事")
    assert registry.find_staff("0099").state == "inactive"
    assert registry.find_staff(7.0).code == "007" and registry.find_staff(7.0).state == "from_number"
    assert registry.units_with_staff() == ["D01", "B01"]


def test_without_a_staff_sheet_no_individual_form_is_expected(registry):
    assert not registry.has_staff
    expected = expected_submissions(registry, Month(2026, 3))
    assert "staff_eval" not in set(expected["form"])


def test_each_unit_with_active_people_owes_a_monthly_form(staff_ctx):
    expected = expected_submissions(staff_ctx.registry, Month(2026, 2))
    owed = expected[expected["form"] == "staff_eval"]
    assert owed[["submitter_id", "period"]].values.tolist() == [["D01", Month(2026, 2)], ["B01", Month(2026, 2)]]


def test_registry_staff_problems_are_reported_at_their_cells(tmp_path):
    staff = [
        ["007", "王小明", "D01", "", ""],
        ["7", "", "D01", "", ""],  # blank name
        ["008", "李四", "X99", "", ""],  # unknown unit
        ["009", "張三", "B09", "", ""],  # an inactive unit
        ["007", "重複", "D02", "", ""],  # the same 工號 again
        ["010", "趙五", "D02", "", "離職"],  # unknown status
    ]
    with pytest.raises(PbbatchError) as info:
        load_registry(write_staff_registry(tmp_path / "r.xlsx", staff), "en")
    rendered = info.value.render("en")
    assert [m.split(": ")[0] for m in rendered] == [
        "r.xlsx '人員' B3", "r.xlsx '人員' C4", "r.xlsx '人員' C5", "r.xlsx '人員' A6", "r.xlsx '人員' E7"]
    assert "not in the units sheet" in rendered[1] and "inactive" in rendered[2] and "twice" in rendered[3]


def test_a_valid_form_is_accepted(tmp_path, staff_ctx):
    path = staff_eval(tmp_path, "D01", [["007", "王小明", 90, "好"], ["0012", "李四", 80, ""], ["0013", "", 85, ""]])
    status, problems, outcome = take(path, staff_ctx)
    assert status == ACCEPTED and problems == []
    assert list(outcome.columns["staff_id"]) == ["007", "0012", "0013"]


def test_every_form_error_is_reported_at_its_cell(tmp_path, staff_ctx):
    rows = [
        ["007", "王小明", 90, ""],
        ["X1", "無名", 80, ""],  # not in the registry
        ["1001", "張三", 70, ""],  # of another unit (B01)
        ["007", "王小明", 60, ""],  # twice
        ["0012", "李四", 101, ""],  # out of range
        ["0099", "錢退", 50, ""],  # inactive: a warning, the row ignored
    ]
    status, problems, _ = take(staff_eval(tmp_path, "D01", rows), staff_ctx)
    assert status == REJECTED
    assert [(cell, level, code) for _, _, cell, level, code in problems] == [
        ("A3", ERROR, "data.unknown_person"),
        ("A4", ERROR, "data.person_other_unit"),
        ("A5", ERROR, "data.duplicate_person"),
        ("C6", ERROR, "data.out_of_range"),
        ("A7", WARNING, "data.inactive_person"),
    ]


def test_a_person_left_out_is_a_warning_at_the_blank_score(tmp_path, staff_ctx):
    rows = [["007", "王小明", 90, ""], ["0012", "李四", None, ""]]  # 0013 has no row at all
    status, problems, outcome = take(staff_eval(tmp_path, "D01", rows), staff_ctx)
    assert status == ACCEPTED
    assert [(cell, level, code) for _, _, cell, level, code in problems] == [
        ("A2", WARNING, "warn.people_left_out"), ("C3", WARNING, "warn.people_left_out")]
    assert [p.fields["people"] for p in outcome.problems] == ["0013", "0012"]


def test_a_form_when_the_registry_has_no_staff_sheet_is_rejected_saying_why(tmp_path, ctx):
    status, problems, _ = take(staff_eval(tmp_path, "D01", [["007", "", 90, ""]]), ctx)
    assert status == REJECTED and [p[-1] for p in problems] == ["data.no_staff_sheet"]


def test_templates_prefill_each_units_people_with_their_codes_as_text(tmp_path):
    from python_calamine import CalamineWorkbook

    from pbbatch.setup.blank_forms import write_blank_forms

    registry = load_registry(write_staff_registry(tmp_path / "名冊.xlsx"), "zh-Hant")
    paths = write_blank_forms(registry, with_items(default_config(tmp_path)), Month(2026, 4), tmp_path / "forms")
    staff_forms = [p for p in paths if p.name.startswith("個人考評表")]
    assert [p.name for p in staff_forms] == ["個人考評表_2026-04_D01_組織部.xlsx", "個人考評表_2026-04_B01_綜採一隊黨支部.xlsx"]
    rows = CalamineWorkbook.from_path(str(staff_forms[0])).get_sheet_by_name("數據").to_python()
    assert [r[:2] for r in rows[4:]] == [["007", "王小明"], ["0012", "李四"], ["0013", "=HYPERLINK(\"x\")"]]
    ctx = Context(registry, with_items(default_config(tmp_path)), Month(2026, 4))
    status, problems, _ = take(staff_forms[0], ctx)  # blank: every person left out, but a readable form
    assert status == REJECTED and {p[-1] for p in problems} == {"data.no_rows"}
