"""Blank forms (pbbatch.setup.blank_forms) and the sample registry (pbbatch.setup.demo): written, read back, filled, validated."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from pbbatch.setup.blank_forms import safe_filename, unique_name, write_blank_forms
from pbbatch.setup.blank_layout import HEADER_ROW
from pbbatch.core.catalogue import fold, label, matcher, variants
from pbbatch.core.config import default_config
from pbbatch.setup.demo import ACTIVE_BRANCHES, ACTIVE_DEPARTMENTS, RATERS, UNITS, write_sample_registry
from pbbatch.core.forms import FORMS, INFO_LABELS, TARGET_CATEGORIES
from pbbatch.core.periods import Month
from pbbatch.core.registry import Registry
from pbbatch.intake.registry_file import load_registry
from pbbatch.core.records import ERROR, Context, Outcome
from pbbatch.intake.validate import validate_workbook
from pbbatch.intake.workbook import find_header, read_workbook

MARCH = Month(2026, 3)
FEBRUARY = Month(2026, 2)


# ---------------------------------------------------------------- helpers


def sample_registry(tmp_path: Path) -> Registry:
    return load_registry(write_sample_registry(tmp_path / "名冊.xlsx"), "zh-Hant")


def registry_of(units: list[tuple], raters: list[tuple]) -> Registry:
    """A registry built directly: units as (unit_id, unit_name, kind, block), raters as (rater_id, name)."""
    unit_rows = tuple((*u, "", n) for n, u in enumerate(units))
    rater_rows = tuple((*r, "", 1.0) for r in raters)
    return Registry(unit_rows=unit_rows, rater_rows=rater_rows, inactive_keys=frozenset())


def config_for(tmp_path: Path, locale: str = "zh-Hant"):
    return dataclasses.replace(default_config(tmp_path), locale=locale)


def form_info(path: Path) -> dict[str, object]:
    """The 填報信息 values by label key (form, period, submitter_id ...)."""
    name, rows = read_workbook(path).sheet("sheet.form_info")
    keys = matcher(list(INFO_LABELS))
    return {keys[fold(r[0])]: r[1] for r in rows if r and fold(r[0]) in keys}


def find(paths: list[Path], form: str, rating_type: str | None = None, submitter: str = "") -> Path:
    """The blank form of that kind (and rating type, and submitter when given), whatever the locale."""
    for path in paths:
        info = form_info(path)
        if (
            info["form"] in variants(f"form.{form}")
            and (not rating_type or info.get("rating_type") in variants(f"rating.{rating_type}"))
            and (not submitter or info["submitter_id"] == submitter)
        ):
            return path
    raise AssertionError(f"no {form} {rating_type} {submitter}")


def validate(path: Path, registry: Registry, config) -> Outcome:
    return validate_workbook(read_workbook(path), Outcome(file=path.name), Context(registry, config, MARCH))


def errors(outcome: Outcome) -> list[str]:
    return [f"{p.cell}: {p.render('zh-Hant')}" for p in outcome.problems if p.level == ERROR]


def fill_ratings(path: Path, out: Path, skip_last: bool = False) -> Path:
    book = openpyxl.load_workbook(path)
    data = book.worksheets[1]
    rows = [r for r in range(HEADER_ROW + 2, data.max_row + 1) if data.cell(r, 1).value]
    for n, r in enumerate(rows):
        if not (skip_last and r == rows[-1]):
            data.cell(r, 3).value = 70 + n * 2.5
    book.save(out)
    return out


def fill_targets(path: Path, out: Path) -> Path:
    book = openpyxl.load_workbook(path)
    data = book.worksheets[1]
    categories = [c.value for c in book.worksheets[2]["A"]]  # the drop-down's own values
    first = HEADER_ROW + 2
    for i, (category, points, score) in enumerate(zip(categories, (50, 30, 20), (48, 30, 17.5))):
        for c, value in enumerate((category, f"目標 {i + 1}", points, "已完成", score), start=1):
            data.cell(first + i, c).value = value
    info = book.worksheets[0]
    info.cell(_info_row(info, "filled_on"), 2).value = dt.date(2026, 4, 2)
    book.save(out)
    return out


def _info_row(sheet, key: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value in variants(key))


# ---------------------------------------------------------------- safe_filename


def test_safe_filename_removes_forbidden_and_control_characters():
    assert safe_filename('a/b\\c:d*e?f"g<h>i|j') == "abcdefghij"
    assert safe_filename("綜採\t一隊\n黨支部\x00") == "綜採一隊黨支部"
    assert safe_filename("evil\u202eslx.exe") == "evilslx.exe"  # no right-to-left override


def test_safe_filename_trims_dots_spaces_and_lock_prefix():
    assert safe_filename("  .名冊.  ") == "名冊"
    assert safe_filename("...") == "_"
    assert safe_filename(" . . ") == "_"
    assert safe_filename("") == "_"
    assert safe_filename("~$報表") == "$報表"


def test_safe_filename_avoids_windows_reserved_names():
    for name in ("CON", "con", "Nul", "AUX", "PRN", "COM1", "lpt9", "CON.xlsx", "con .txt"):
        assert safe_filename(name).startswith("_"), name
    for name in ("CONSOLE", "COM10", "LPT0", "組織部"):
        assert safe_filename(name) == name


def test_safe_filename_caps_long_names_in_characters_and_bytes():
    assert len(safe_filename("a" * 500)) == 120
    cjk = safe_filename("長平公司綜採一隊黨支部" * 40)
    assert len(cjk.encode("utf-8")) <= 200 and cjk.startswith("長平公司")
    assert not safe_filename("a" * 119 + " .b").endswith((" ", "."))


def test_unique_name_appends_counter_case_insensitively():
    taken: set[str] = set()
    assert unique_name("a/b", ".xlsx", taken) == "ab.xlsx"
    assert unique_name("ab", ".xlsx", taken) == "ab-2.xlsx"
    assert unique_name("AB", ".xlsx", taken) == "AB-3.xlsx"
    long = unique_name("x" * 300, ".xlsx", taken), unique_name("x" * 300, ".xlsx", taken)
    assert long[0] != long[1] and all(len(n) <= 120 + len(".xlsx") for n in long)


def test_units_whose_names_sanitise_alike_get_distinct_files(tmp_path):
    units = [("D:1", "組織部?", "department", "黨務板塊"), ("D1", "組織部", "department", "黨務板塊"),
             ("CON", "...", "department", "黨務板塊")]
    registry = registry_of(units, [("L01", "馬振華")])
    paths = write_blank_forms(registry, default_config(tmp_path), MARCH, tmp_path / "forms")
    names = [p.name for p in paths]
    assert len(set(n.casefold() for n in names)) == len(names)
    assert all(p.is_file() for p in paths)
    targets = sorted(n for n in names if n.startswith(label("form.targets")))
    assert targets == ["目標考核表_2026-03_CON_.xlsx", "目標考核表_2026-03_D1_組織部-2.xlsx",
                       "目標考核表_2026-03_D1_組織部.xlsx"]
    assert form_info(tmp_path / "forms" / "目標考核表_2026-03_D1_組織部.xlsx")["submitter_id"] == "D:1"


# ---------------------------------------------------------------- sample registry


def test_sample_registry_loads_with_expected_units(tmp_path):
    registry = sample_registry(tmp_path)
    assert list(registry.of_kind("department")["unit_id"]) == [f"D{i:02d}" for i in range(1, 13)]
    assert len(registry.of_kind("branch")) == len(ACTIVE_BRANCHES) == 14
    assert "B12" not in set(registry.units["unit_id"])  # 撤銷
    assert registry.blocks() == ["黨務板塊", "群團板塊", "綜合板塊"]
    assert list(registry.raters["weight"]) == [2, 1.5, 1, 1, 1]
    owners = {item.owner for item in default_config(tmp_path).branch_items}
    assert owners <= set(registry.units["unit_id"])
    assert any(u.kind == "branch" and not u.block for u in UNITS)


# ---------------------------------------------------------------- the blank forms


MONTHLY_KINDS = {
    ("目標考核表", None): 12,
    ("評分表", "領導評價"): len(RATERS),
    ("評分表", "服務基層評價"): len(ACTIVE_BRANCHES),
    ("評分表", "部門互評"): len(ACTIVE_DEPARTMENTS),
    ("加減分表", None): 1,
    ("一票否決表", None): 1,
    ("整改驗收表", None): 1,  # no stored findings: no 整改回執表
}
ITEM_OWNERS = sorted({item.owner for item in default_config(Path(".")).branch_items})  # D01-D06


@pytest.mark.parametrize("month", [FEBRUARY, MARCH], ids=str)
def test_one_blank_form_per_expected_submitter(tmp_path, month):
    registry = sample_registry(tmp_path)
    paths = write_blank_forms(registry, default_config(tmp_path), month, tmp_path / "forms")
    infos = [form_info(p) for p in paths]
    kinds = Counter((i["form"], i.get("rating_type")) for i in infos)
    quarterly = {
        ("支部自評表", None): len(ACTIVE_BRANCHES),
        ("部門考評表", None): len(ITEM_OWNERS),
        ("民主測評表", None): 1,
        ("專項督查表", None): 1,
    }
    assert kinds == (MONTHLY_KINDS | quarterly if month == MARCH else MONTHLY_KINDS)
    assert len(paths) == len(set(paths)) == (46 + 14 + 6 + 2 if month == MARCH else 46)
    leaders = {i["submitter_id"] for i in infos if i.get("rating_type") == "領導評價"}
    assert leaders == {r.rater_id for r in RATERS}
    monthly = [i for i in infos if (i["form"], i.get("rating_type")) in MONTHLY_KINDS]
    assert len(monthly) == 46 and all(i["period"] == str(month) and i["version"] == 1 for i in monthly)
    assert all(i["period"] == "2026-Q1" and i["version"] == 1 for i in infos if i not in monthly)
    if month == MARCH:
        assert {i["submitter_id"] for i in infos if i["form"] == "支部自評表"} == {u.unit_id for u in ACTIVE_BRANCHES}
        assert sorted(i["submitter_id"] for i in infos if i["form"] == "部門考評表") == ITEM_OWNERS
        assert all(not i.get("submitter_id") for i in infos if i["form"] in ("民主測評表", "專項督查表"))


def test_ratings_rows_list_every_department_but_not_oneself(tmp_path):
    registry = sample_registry(tmp_path)
    paths = write_blank_forms(registry, default_config(tmp_path), MARCH, tmp_path / "forms")
    departments = [u.unit_id for u in ACTIVE_DEPARTMENTS]
    for rating_type, submitter, expected in (
        ("leader", "L01", departments),
        ("service", "B01", departments),
        ("mutual", "D03", [d for d in departments if d != "D03"]),
    ):
        _, rows = read_workbook(find(paths, "ratings", rating_type, submitter)).sheet("sheet.data")
        assert [r[0] for r in rows[HEADER_ROW + 1:] if r[0]] == expected
        assert rows[HEADER_ROW + 1][1] == registry.name_of(expected[0])


def test_header_on_row_4_and_codes_kept_as_text(tmp_path):
    units = [("007", "組織部", "department", "黨務板塊"), ("010", "宣傳部", "department", "黨務板塊"),
             ("0042", "綜採一隊黨支部", "branch", "")]
    registry = registry_of(units, [("001", "馬振華")])
    paths = write_blank_forms(registry, default_config(tmp_path), MARCH, tmp_path / "forms")
    for path in paths:
        book = read_workbook(path)
        form = next(n for n in FORMS if label(f"form.{n}") == form_info(path)["form"])
        spec = FORMS[form]
        _, rows = book.sheet("sheet.data")
        columns = matcher([c.label for c in spec.columns])
        header, _ = find_header(rows, columns, [c.label for c in spec.required])
        assert header == HEADER_ROW, path.name
        shown = [c for c in spec.columns if not c.from_letter]  # 考核標準 only when pre-filled from a letter
        assert [rows[HEADER_ROW][c] for c in range(len(shown))] == [label(c.label) for c in shown]
    assert form_info(find(paths, "ratings", "leader"))["submitter_id"] == "001"
    assert form_info(find(paths, "targets", submitter="007"))["submitter_id"] == "007"
    _, rows = read_workbook(find(paths, "ratings", "service", "0042")).sheet("sheet.data")
    assert [r[0] for r in rows[HEADER_ROW + 1:]] == ["007", "010"]


def test_drop_downs_protection_and_page_setup(tmp_path):
    registry = sample_registry(tmp_path)
    paths = write_blank_forms(registry, default_config(tmp_path), MARCH, tmp_path / "forms")

    targets = openpyxl.load_workbook(find(paths, "targets", submitter="D01"))
    info, data, lists = targets.worksheets
    assert (info.title, data.title, lists.title, lists.sheet_state) == ("填報信息", "數據", "選項", "hidden")
    assert info.protection.sheet and data.protection.sheet
    assert data["A4"].protection.locked and not data["A5"].protection.locked and not data["E19"].protection.locked
    assert info["B1"].protection.locked and info["B3"].protection.locked
    assert not info.cell(_info_row(info, "filled_by"), 2).protection.locked
    assert not info.cell(_info_row(info, "version"), 2).protection.locked
    rules = {str(v.sqref): v for v in data.data_validations.dataValidation}
    assert rules["A5:A19"].type == "list" and "$A$1:$A$3" in rules["A5:A19"].formula1
    assert [c.value for c in lists["A"]] == [label(k) for k in TARGET_CATEGORIES]
    assert rules["E5:E19"].type == "decimal" and rules["E5:E19"].formula2 == "$C5"
    assert data.freeze_panes == "A5"
    assert data.page_setup.orientation == "landscape" and data.page_setup.paperSize == 9
    assert data.sheet_properties.pageSetUpPr.fitToPage

    ratings = openpyxl.load_workbook(find(paths, "ratings", "leader", "L01"))
    data = ratings.worksheets[1]
    assert data["A5"].protection.locked and data["B5"].protection.locked and not data["C5"].protection.locked
    (rule,) = data.data_validations.dataValidation
    assert (rule.type, rule.formula1, rule.formula2, str(rule.sqref)) == ("decimal", "0", "100", "C5:C16")

    vetoes = openpyxl.load_workbook(find(paths, "vetoes"))
    info, data, lists = vetoes.worksheets
    submitter = info.cell(_info_row(info, "submitter_id"), 2)
    assert submitter.value is None and not submitter.protection.locked and submitter.number_format == "@"
    info_rules = {str(v.sqref): v for v in info.data_validations.dataValidation}
    assert info_rules[submitter.coordinate].type == "list"
    assert [c.value for c in lists["A"]] == list(registry.units["unit_id"])
    assert [c.value for c in lists["B"] if c.value] == ["三違幫教", "精神文明", "安全目標"]
    kinds = sorted(v.type for v in data.data_validations.dataValidation)
    assert kinds == ["date", "list", "list"]


def test_blank_forms_are_byte_identical_across_runs(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    first = write_blank_forms(registry, config, MARCH, tmp_path / "one")
    second = write_blank_forms(registry, config, MARCH, tmp_path / "two")
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second))


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    registry = registry_of([("D01", '=HYPERLINK("x")', "department", "+板塊")], [("L01", "-馬振華")])
    paths = write_blank_forms(registry, default_config(tmp_path), MARCH, tmp_path / "forms")
    book = openpyxl.load_workbook(find(paths, "ratings", "leader"))
    assert book.worksheets[1]["B5"].value == "=HYPERLINK(\"x\")" and book.worksheets[1]["B5"].data_type == "s"
    assert book.worksheets[0]["B4"].value == "-馬振華" and book.worksheets[0]["B4"].data_type == "s"


# ---------------------------------------------------------------- filled forms pass validation


@pytest.mark.parametrize("locale", ["zh-Hant", "zh-Hans", "en"])
def test_filled_ratings_and_targets_are_accepted(tmp_path, locale):
    registry = sample_registry(tmp_path)
    config = config_for(tmp_path, locale)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    cases = [
        fill_ratings(find(paths, "ratings", "leader", "L02"), tmp_path / "leader.xlsx"),
        fill_ratings(find(paths, "ratings", "service", "B05"), tmp_path / "service.xlsx"),
        fill_ratings(find(paths, "ratings", "mutual", "D04"), tmp_path / "mutual.xlsx"),
        fill_targets(find(paths, "targets", submitter="D06"), tmp_path / "targets.xlsx"),
    ]
    for path in cases:
        outcome = validate(path, registry, config)
        assert outcome.status == "accepted" and not errors(outcome), (path.name, errors(outcome))
        assert not outcome.problems, [p.render("zh-Hant") for p in outcome.problems]
    outcome = validate(cases[3], registry, config)
    assert (outcome.form, outcome.submitter_id, outcome.filled_on) == ("targets", "D06", dt.date(2026, 4, 2))
    assert list(outcome.rows["category"]) == ["key", "common", "safety"]
    mutual = validate(cases[2], registry, config)
    assert (mutual.rating_type, len(mutual.rows)) == ("mutual", 11)


def test_filled_adjustments_and_vetoes_are_accepted(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    for form, row in (("adjustments", ["B03", "安全生產", -5, "違章作業", dt.date(2026, 3, 9)]),
                      ("vetoes", ["B07", "安全目標", "輕傷事故", dt.date(2026, 3, 20), "安全監察部"])):
        book = openpyxl.load_workbook(find(paths, form))
        info, data = book.worksheets[0], book.worksheets[1]
        info.cell(_info_row(info, "submitter_id"), 2).value = "D06"
        for c, value in enumerate(row, start=1):
            data.cell(HEADER_ROW + 2, c).value = value
        out = tmp_path / f"{form}.xlsx"
        book.save(out)
        outcome = validate(out, registry, config)
        assert outcome.status == "accepted" and not outcome.problems, errors(outcome)
        assert len(outcome.rows) == 1 and outcome.submitter_id == "D06"


def test_unfilled_blank_form_is_rejected(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    assert validate(find(paths, "targets", submitter="D01"), registry, config).status == "rejected"
    assert validate(find(paths, "ratings", "leader", "L01"), registry, config).status == "rejected"


def test_ratings_with_one_ratee_left_unscored_only_warns(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    path = fill_ratings(find(paths, "ratings", "leader", "L01"), tmp_path / "partial.xlsx", skip_last=True)
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted", errors(outcome)


# ---------------------------------------------------------------- quarterly forms


def data_rows(sheet) -> list[int]:
    """The 1-based rows below the header whose first cell is pre-filled."""
    return [r for r in range(HEADER_ROW + 2, sheet.max_row + 1) if sheet.cell(r, 1).value]


def set_info(book, key: str, value) -> None:
    info = book.worksheets[0]
    info.cell(_info_row(info, key), 2).value = value


def fill_self_eval(path: Path, out: Path, skip: tuple[str, ...] = ()) -> Path:
    """Each item scored its points less 1.5, except the items in `skip`."""
    book = openpyxl.load_workbook(path)
    data = book.worksheets[1]
    for r in data_rows(data):
        if data.cell(r, 1).value not in skip:
            data.cell(r, 4).value = data.cell(r, 3).value - 1.5
            data.cell(r, 5).value = "按計劃完成"
    book.save(out)
    return out


def fill_dept_eval(path: Path, out: Path, skip: tuple[str, ...] = ()) -> Path:
    """Every item column scored for each branch but those in `skip`: 9, 8.5, 8 ... across the columns."""
    book = openpyxl.load_workbook(path)
    data = book.worksheets[1]
    header = [c.value for c in data[HEADER_ROW + 1]]
    items = [c for c, text in enumerate(header, start=1) if text and str(text)[:1] == "K"]
    for r in data_rows(data):
        if data.cell(r, 1).value not in skip:
            for n, c in enumerate(items):
                data.cell(r, c).value = 9 - n * 0.5
    book.save(out)
    return out


DEMOCRATIC_ROW = (30, 28, 12, 10, 4, 1, 1)  # eligible, present, excellent, good, fair, poor, abstain


def fill_democratic(path: Path, out: Path, submitter: str, skip: tuple[str, ...] = ()) -> Path:
    book = openpyxl.load_workbook(path)
    set_info(book, "submitter_id", submitter)
    data = book.worksheets[1]
    for r in data_rows(data):
        if data.cell(r, 1).value not in skip:
            for c, value in enumerate(DEMOCRATIC_ROW, start=3):
                data.cell(r, c).value = value
    book.save(out)
    return out


SPOT_CHECK_ROWS = [
    [dt.date(2026, 1, 14), "B03", "K10", "井下作業票填寫不規範", 2, dt.date(2026, 4, 15)],
    [dt.date(2026, 3, 2), "B07", None, "三會一課記錄缺失", 1.5, None],
]


def fill_spot_checks(path: Path, out: Path, submitter: str) -> Path:
    book = openpyxl.load_workbook(path)
    set_info(book, "submitter_id", submitter)
    data = book.worksheets[1]
    for r, row in enumerate(SPOT_CHECK_ROWS, start=HEADER_ROW + 2):
        for c, value in enumerate(row, start=1):
            data.cell(r, c).value = value
    book.save(out)
    return out


def owned(config, department: str) -> list:
    return [i for i in config.branch_items if i.owner == department]


def test_quarterly_forms_pre_fill_their_rows_and_lock_them(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    branches = [u.unit_id for u in ACTIVE_BRANCHES]

    self_eval = openpyxl.load_workbook(find(paths, "self_eval", submitter="B04"))
    assert [w.title for w in self_eval.worksheets] == ["填報信息", "數據"]  # nothing to pick from a list
    info, data = self_eval.worksheets
    assert info.cell(_info_row(info, "period"), 2).value == "2026-Q1"
    assert [c.value for c in data[HEADER_ROW + 1]] == ["項目編號", "項目名稱", "分值", "自評得分", "說明"]
    rows = [[c.value for c in data[r]][:3] for r in data_rows(data)]
    assert rows == [[i.code, i.name, i.points] for i in config.branch_items]
    assert all(data.cell(5, c).protection.locked for c in (1, 2, 3))
    assert not data["D5"].protection.locked and not data["E14"].protection.locked
    (rule,) = data.data_validations.dataValidation
    assert (str(rule.sqref), rule.type, rule.formula1, rule.formula2) == ("D5:D14", "decimal", "0", "$C5")

    dept_eval = openpyxl.load_workbook(find(paths, "dept_eval", submitter="D01"))
    data = dept_eval.worksheets[1]
    items = owned(config, "D01")
    assert [c.value for c in data[HEADER_ROW + 1]] == ["支部編號", "支部名稱",
                                                       *(f"{i.code} {i.name}" for i in items), "備註"]
    assert [data.cell(r, 1).value for r in data_rows(data)] == branches
    assert data["A5"].protection.locked and data["B5"].protection.locked
    assert not any(data.cell(5, c).protection.locked for c in range(3, 4 + len(items)))
    rules = {str(v.sqref): (v.type, v.formula1, v.formula2) for v in data.data_validations.dataValidation}
    assert rules == {f"{col}5:{col}18": ("decimal", "0", "10") for col in "CDE"}
    assert data.protection.sheet and data.protection.insertRows  # the branch list is complete: no rows to insert

    democratic = openpyxl.load_workbook(find(paths, "democratic"))
    info, data, lists = democratic.worksheets
    submitter = info.cell(_info_row(info, "submitter_id"), 2)
    assert submitter.value is None and not submitter.protection.locked
    assert [c.value for c in lists["A"]] == list(registry.units["unit_id"])
    assert [data.cell(r, 1).value for r in data_rows(data)] == branches
    assert [c.value for c in data[HEADER_ROW + 1]][2:] == ["應參評人數", "實參評人數", "優秀", "良好", "一般", "較差", "棄權"]
    rules = data.data_validations.dataValidation
    assert len(rules) == 7 and all((v.type, v.operator, v.formula1) == ("whole", "greaterThanOrEqual", "0") for v in rules)
    assert all(not data.cell(18, c).protection.locked for c in range(3, 10))

    spot_checks = openpyxl.load_workbook(find(paths, "spot_checks"))
    info, data, lists = spot_checks.worksheets
    assert info.cell(_info_row(info, "period"), 2).value == "2026-Q1"
    assert [c.value for c in lists["B"] if c.value] == branches
    assert [c.value for c in lists["C"] if c.value] == [i.code for i in config.branch_items]
    rules = {str(v.sqref): v for v in data.data_validations.dataValidation}
    assert sorted(rules) == ["A5:A24", "B5:B24", "C5:C24", "E5:E24", "F5:F24"]
    assert (rules["A5:A24"].type, rules["A5:A24"].formula1, rules["A5:A24"].formula2) == ("date", "46023", "46112")
    assert "$B$1:$B$14" in rules["B5:B24"].formula1 and "$C$1:$C$10" in rules["C5:C24"].formula1
    assert (rules["E5:E24"].operator, rules["E5:E24"].formula1) == ("greaterThan", "0")
    assert not data["A5"].protection.locked and not data["F24"].protection.locked
    assert data.protection.sheet and not data.protection.insertRows  # free rows: more may be inserted


@pytest.mark.parametrize("locale", ["zh-Hant", "zh-Hans", "en"])
def test_filled_quarterly_forms_are_accepted(tmp_path, locale):
    registry = sample_registry(tmp_path)
    config = config_for(tmp_path, locale)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    branches = [u.unit_id for u in ACTIVE_BRANCHES]

    outcome = validate(fill_self_eval(find(paths, "self_eval", submitter="B02"), tmp_path / "s.xlsx"), registry, config)
    assert outcome.status == "accepted" and not outcome.problems, [p.render("zh-Hant") for p in outcome.problems]
    assert (outcome.form, outcome.submitter_id, str(outcome.period)) == ("self_eval", "B02", "2026-Q1")
    assert outcome.rows[["item_id", "score"]].values.tolist() == [[i.code, i.points - 1.5] for i in config.branch_items]

    for department in ITEM_OWNERS:
        path = fill_dept_eval(find(paths, "dept_eval", submitter=department), tmp_path / f"d_{department}.xlsx")
        outcome = validate(path, registry, config)
        assert outcome.status == "accepted" and not outcome.problems, [p.render("zh-Hant") for p in outcome.problems]
        items = owned(config, department)
        expected = [[b, i.code, 9 - n * 0.5] for b in branches for n, i in enumerate(items)]
        assert outcome.rows[["branch_id", "item_id", "score"]].values.tolist() == expected, department

    path = fill_democratic(find(paths, "democratic"), tmp_path / "m.xlsx", "D01")
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted" and not outcome.problems, [p.render("zh-Hant") for p in outcome.problems]
    assert (outcome.form, outcome.submitter_id) == ("democratic", "D01")
    assert list(outcome.rows["branch_id"]) == branches
    assert outcome.rows[["eligible", "present", "excellent", "good", "fair", "poor", "abstain"]].values.tolist() == [
        list(DEMOCRATIC_ROW)] * len(branches)

    path = fill_spot_checks(find(paths, "spot_checks"), tmp_path / "c.xlsx", "D06")
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted" and not outcome.problems, [p.render("zh-Hant") for p in outcome.problems]
    assert (outcome.form, str(outcome.period)) == ("spot_checks", "2026-Q1")
    found = outcome.rows[["branch_id", "item_id", "deduction"]].fillna("").values.tolist()
    assert found == [["B03", "K10", 2], ["B07", "", 1.5]]


def test_dept_eval_with_branches_left_blank_warns(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    path = fill_dept_eval(find(paths, "dept_eval", submitter="D02"), tmp_path / "d.xlsx", skip=("B05", "B14"))
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted", errors(outcome)
    # one warning per branch left blank, each at its own blank cell
    assert [(p.level, p.code) for p in outcome.problems] == [("warning", "warn.ratees_left_out")] * 2
    assert "B05" in outcome.problems[0].render("zh-Hant") and "B14" in outcome.problems[1].render("zh-Hant")
    assert "B05" not in set(outcome.rows["branch_id"]) and len(outcome.rows) == 2 * (len(ACTIVE_BRANCHES) - 2)


def test_self_eval_with_an_item_left_blank_warns(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    path = fill_self_eval(find(paths, "self_eval", submitter="B09"), tmp_path / "s.xlsx", skip=("K07",))
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted", errors(outcome)
    assert [(p.level, p.code) for p in outcome.problems] == [("warning", "warn.items_left_out")]
    assert "K07" in outcome.problems[0].render("zh-Hant") and "K07" not in set(outcome.rows["item_id"])


def test_democratic_form_with_some_branches_left_blank_is_accepted(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    path = fill_democratic(find(paths, "democratic"), tmp_path / "m.xlsx", "D01", skip=("B01", "B02"))
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted" and not outcome.problems, [p.render("zh-Hant") for p in outcome.problems]
    assert list(outcome.rows["branch_id"]) == [u.unit_id for u in ACTIVE_BRANCHES][2:]


def test_unfilled_quarterly_forms_are_rejected(tmp_path):
    registry = sample_registry(tmp_path)
    config = default_config(tmp_path)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    for path in (find(paths, "self_eval", submitter="B01"), find(paths, "dept_eval", submitter="D01"),
                 find(paths, "democratic")):
        assert validate(path, registry, config).status == "rejected", path.name


def test_dept_eval_item_named_in_latin_letters_is_accepted(tmp_path):
    # `K01 Political work`: the space after the code must count, or the name would read as part of the code.
    registry = sample_registry(tmp_path)
    base = default_config(tmp_path)
    items = tuple(dataclasses.replace(i, name="Political work") if i.code == "K01" else i for i in base.branch_items)
    config = dataclasses.replace(base, branch_items=items)
    paths = write_blank_forms(registry, config, MARCH, tmp_path / "forms")
    path = fill_dept_eval(find(paths, "dept_eval", submitter="D01"), tmp_path / "d.xlsx")
    outcome = validate(path, registry, config)
    assert outcome.status == "accepted", errors(outcome)
