"""Blank forms (pbbatch.blank_forms) and the sample registry (pbbatch.demo): written, read back, filled, validated."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pbbatch.blank_forms import HEADER_ROW, safe_filename, unique_name, write_blank_forms
from pbbatch.catalogue import fold, label, matcher, variants
from pbbatch.config import default_config
from pbbatch.demo import ACTIVE_BRANCHES, ACTIVE_DEPARTMENTS, RATERS, UNITS, write_sample_registry
from pbbatch.forms import FORMS, INFO_LABELS, TARGET_CATEGORIES
from pbbatch.periods import Month
from pbbatch.registry import Registry, load_registry
from pbbatch.validate import ERROR, Context, Outcome, validate_workbook
from pbbatch.workbook import find_header, read_workbook

MARCH = Month(2026, 3)


# ---------------------------------------------------------------- helpers


def sample_registry(tmp_path: Path) -> Registry:
    return load_registry(write_sample_registry(tmp_path / "名冊.xlsx"), "zh-Hant")


def registry_of(units: list[tuple], raters: list[tuple]) -> Registry:
    """A registry built directly: units as (unit_id, unit_name, kind, block), raters as (rater_id, name)."""
    unit_rows = [(*u, "", n) for n, u in enumerate(units)]
    frame = pd.DataFrame(unit_rows, columns=["unit_id", "unit_name", "kind", "block", "head", "order"])
    rater_rows = pd.DataFrame([(*r, "", 1.0) for r in raters], columns=["rater_id", "name", "title", "weight"])
    return Registry(units=frame, raters=rater_rows, inactive_keys=frozenset())


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
    return [f"{p.cell}: {p.message}" for p in outcome.problems if p.level == ERROR]


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


def test_one_blank_form_per_expected_submitter(tmp_path):
    registry = sample_registry(tmp_path)
    paths = write_blank_forms(registry, default_config(tmp_path), MARCH, tmp_path / "forms")
    infos = [form_info(p) for p in paths]
    kinds = Counter((i["form"], i.get("rating_type")) for i in infos)
    assert kinds == {
        ("目標考核表", None): 12,
        ("評分表", "領導評價"): len(RATERS),
        ("評分表", "服務基層評價"): len(ACTIVE_BRANCHES),
        ("評分表", "部門互評"): len(ACTIVE_DEPARTMENTS),
        ("加減分表", None): 1,
        ("一票否決表", None): 1,
    }
    assert len(paths) == len(set(paths)) == 45
    leaders = {i["submitter_id"] for i in infos if i.get("rating_type") == "領導評價"}
    assert leaders == {r.rater_id for r in RATERS}
    assert all(i["period"] == "2026-03" and i["version"] == 1 for i in infos)


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
        assert [rows[HEADER_ROW][c] for c in range(len(spec.columns))] == [label(c.label) for c in spec.columns]
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
        assert not outcome.problems, [p.message for p in outcome.problems]
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
