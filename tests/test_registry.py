import pytest

from conftest import RATER_HEADER, RATERS, UNIT_HEADER, UNITS, write_book, write_registry
from pbbatch.core.errors import PbbatchError
from pbbatch.intake.registry_file import load_registry


def test_codes_stay_text_and_inactive_units_are_left_out(tmp_path):
    units = [*UNITS, ["007", "通風科黨支部", "基層黨支部", "", "劉洋", "在冊"]]
    registry = load_registry(write_registry(tmp_path / "r.xlsx", units=units), "zh-Hant")
    assert list(registry.units["unit_id"]) == ["D01", "D02", "D03", "B01", "B02", "007"]
    assert list(registry.of_kind("department")["unit_id"]) == ["D01", "D02", "D03"]
    assert registry.find_unit("B09").state == "inactive"
    assert registry.find_unit("007").code == "007"
    assert registry.find_unit(" ００７ ").code == "007"  # full-width digits and stray spaces
    assert registry.find_unit(7.0).code == "007" and registry.find_unit(7.0).state == "from_number"
    assert registry.find_unit("d01").code == "D01"
    assert registry.find_unit("X99").state == "unknown"
    assert registry.blocks() == ["黨務", "群團"]
    assert registry.raters.set_index("rater_id")["weight"].to_dict() == {"L01": 2.0, "L02": 1.0}


def test_simplified_and_english_headers_and_values(tmp_path):
    path = write_book(tmp_path / "r.xlsx", {
        "单位": [["单位编号", "单位名称", "类别", "板块", "负责人", "状态"], ["D01", "组织部", "党群部门", "党务", "王明", "在册"],
                 ["B01", "一支部", "branch", "", "赵刚", "active"]],
        "raters": [["rater_id", "name", "title", "weight"], ["L01", "周书记", "党委书记", None]],
    })
    registry = load_registry(path, "zh-Hans")
    assert registry.units[["unit_id", "kind"]].values.tolist() == [["D01", "department"], ["B01", "branch"]]
    assert registry.raters["weight"].tolist() == [1.0]  # blank weight defaults to 1


def test_every_registry_problem_is_reported_with_its_cell(tmp_path):
    units = [
        ["D01", "組織部", "黨群部門", "", "王明", ""],  # department without a block
        ["D02", "宣傳部", "部門", "黨務", "李華", ""],  # unknown kind
        ["D03", "工會", "黨群部門", "群團", "張強", "停用"],  # unknown status
        ["B01", "", "基層黨支部", "", "趙剛", ""],  # blank name
        ["B02", "一支部", "基層黨支部", "", "", ""],
        ["b02", "二支部", "基層黨支部", "", "", ""],  # duplicate code (codes compare case-insensitively)
    ]
    raters = [["L01", "周書記", "", 0], ["L02", "吳經理", "", "heavy"]]
    path = write_book(tmp_path / "r.xlsx", {"單位": [UNIT_HEADER, *units], "評價人": [RATER_HEADER, *raters]})
    with pytest.raises(PbbatchError) as info:
        load_registry(path, "en")
    assert [m.split(": ")[0] for m in info.value.render("en")] == [
        "r.xlsx '單位' D2",
        "r.xlsx '單位' C3",
        "r.xlsx '單位' F4",
        "r.xlsx '單位' B5",
        "r.xlsx '單位' A7",
        "r.xlsx '評價人' D2",
        "r.xlsx '評價人' D3",
    ]


def test_missing_sheet_and_missing_file(tmp_path):
    path = write_book(tmp_path / "r.xlsx", {"單位": [UNIT_HEADER, *UNITS]})
    with pytest.raises(PbbatchError) as info:
        load_registry(path, "zh-Hant")
    assert "評價人" in info.value.render("zh-Hant")[0]
    with pytest.raises(PbbatchError):
        load_registry(tmp_path / "none.xlsx", "zh-Hant")


def test_a_registry_of_only_inactive_units_is_an_error(tmp_path):
    path = write_registry(tmp_path / "r.xlsx", units=[["D01", "組織部", "黨群部門", "黨務", "", "撤銷"]], raters=RATERS)
    with pytest.raises(PbbatchError):
        load_registry(path, "zh-Hant")


def test_a_true_cell_and_the_number_one_are_different_codes(tmp_path):
    from pbbatch.core.registry import code_key

    units = [*UNITS, ["1", "一號支部", "基層黨支部", "", "劉洋", "在冊"]]
    registry = load_registry(write_registry(tmp_path / "r.xlsx", units=units), "zh-Hant")
    assert code_key(True) == "TRUE" and code_key(1.0) == "1"  # True == 1.0: each must be remembered apart
    assert registry.find_unit(True).state == "unknown" and registry.find_unit(1.0).code == "1"
