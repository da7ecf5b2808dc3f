"""history list / import: seeding earlier quarters, all or nothing, with cell-level messages."""

import pytest
from click.testing import CliRunner

from conftest import complete_march, read_book, write_book, write_company
from pbbatch.history import store as history
from pbbatch.cli import cli

HEADER = ["期間", "單位編號", "排名", "綜合得分", "一票否決", "負責人", "排名靠後", "墊底", "薪酬係數"]


@pytest.fixture
def company(tmp_path):
    return write_company(tmp_path)


def invoke(company, *args):
    return CliRunner().invoke(cli, [*map(str, args), "--config", str(company / "config.toml")])


def test_import_then_list(company):
    rows = [
        ["2025-Q4", "B01", 2, 80.5, "", "趙剛", "是", "是", None],
        ["2025年第三季度", "B01", 2, 79, "否", "趙剛", "yes", "", None],
        ["2026-02", "D01", 1, 91.2, "", "王明", "", "", 1.2],
        ["2026-02", "B09", 3, 70, "", "孫退", "", "", None],  # an inactive unit keeps its history
    ]
    path = write_book(company / "seed.xlsx", {"歷史": [["說明：往期成績"], HEADER, *rows]})
    result = invoke(company, "history", "import", path)
    assert result.exit_code == 0, result.output
    assert "4" in result.output
    stored = history.load(company / "output" / "history.sqlite", ["2025-Q3", "2025-Q4", "2026-02"])
    stored = stored.sort_values(["period", "unit_id"]).fillna({"coefficient": 0})
    assert stored[["period", "unit_id", "low", "last", "coefficient"]].values.tolist() == [
        ["2025-Q3", "B01", True, False, 0], ["2025-Q4", "B01", True, True, 0],
        ["2026-02", "B09", False, False, 0], ["2026-02", "D01", False, False, 1.2]]
    listing = invoke(company, "history", "list")
    assert listing.output.splitlines() == ["期間\t單位數\t來源", "2025-Q3\t1\tseed.xlsx", "2025-Q4\t1\tseed.xlsx",
                                           "2026-02\t2\tseed.xlsx"]


def test_bad_rows_are_reported_by_cell_and_nothing_is_stored(company):
    rows = [
        ["2025-Q4", "B01", 2, 80.5, "", "趙剛", "是", "是", None],  # fine
        ["2025-13", "B01", 2, 80.5, "", "趙剛", "", "", None],  # bad period
        ["2025-Q4", "X99", 2, 80.5, "", "趙剛", "", "", None],  # unknown unit
        ["2025-Q4", "B02", 0, 80.5, "", "錢進", "", "", None],  # rank must be 1 or more
        ["2025-Q4", "B02", 1, "高", "", "錢進", "", "", None],  # total not a number
        ["2025-Q4", "B02", 1, 80, "也許", "錢進", "", "", None],  # bad flag
        ["2025-Q4", "B02", 1, 80, "", "", "", "", None],  # a branch needs its secretary
        ["2026-01", "B02", 1, 80, "", "錢進", "", "", None],  # a month is a department's record
    ]
    path = write_book(company / "seed.xlsx", {"Sheet1": [HEADER, *rows]})
    result = invoke(company, "history", "import", path)
    assert result.exit_code == 1
    cells = [line.split(" ")[1] for line in result.output.splitlines() if line.startswith("seed.xlsx")]
    assert cells == ["Sheet1!A3", "Sheet1!B4", "Sheet1!C5", "Sheet1!D6", "Sheet1!E7", "Sheet1!F8", "Sheet1!B9"]
    assert not (company / "output" / "history.sqlite").exists()
    assert "未匯入" in result.output


def test_a_workbook_without_the_headers(company):
    path = write_book(company / "seed.xlsx", {"Sheet1": [["期間", "單位"], ["2025-Q4", "B01"]]})
    result = invoke(company, "history", "import", path)
    assert result.exit_code == 1 and "排名" in result.output


def test_seeded_quarters_drive_admonishment_and_removal(company):
    """B02 was last in 2025-Q3 and 2025-Q4 under 錢進; if last again in 2026-Q1 the secretary is removed."""
    rows = [
        ["2025-Q3", "B02", 2, 70, "", "錢進", "是", "是", None],
        ["2025-Q4", "B02", 2, 71, "", "錢進", "是", "是", None],
        ["2025-Q4", "B01", 1, 90, "", "趙剛", "", "", None],
    ]
    invoke(company, "history", "import", write_book(company / "seed.xlsx", {"Sheet1": [HEADER, *rows]}))
    complete_march(company / "inbox")
    assert invoke(company, "run", "--period", "2026-03").exit_code == 0
    import pandas as pd

    sheets = read_book(company / "output" / "2026-03" / "支部季度考核_2026-Q1.xlsx", sheet_name=None,
                           engine="calamine", dtype=str, keep_default_na=False)
    rows = sheets["排名"].set_index("單位編號")
    assert rows.loc["B02", ["排名", "排名靠後", "誡勉談話", "崗位淘汰"]].tolist() == ["2", "是", "是", "是"]
    assert rows.loc["B01", ["排名", "獎勵金額", "誡勉談話"]].tolist() == ["1", "3000", ""]
    basis = sheets["獎懲依據"]
    removal = basis[basis["事項"] == "崗位淘汰"]["依據"].item()
    assert removal == "2026-Q1 第 2 名（錢進）；2025-Q4 第 2 名（錢進）；2025-Q3 第 2 名（錢進）"
    # and the run stored 2026-Q1, so re-running replaces it rather than adding a fourth quarter
    assert invoke(company, "run", "--period", "2026-03").exit_code == 0
    listing = invoke(company, "history", "list").output.splitlines()
    assert listing == ["期間\t單位數\t來源", "2025-Q3\t1\tseed.xlsx", "2025-Q4\t2\tseed.xlsx", "2026-03\t3\t批次處理",
                       "2026-Q1\t2\t批次處理"]


def test_a_seeded_veto_counts_as_low_ranked_and_last(company):
    """Contract 3, one-vote veto: a vetoed unit 'counts as both low-ranked and last for the consecutive-period
    rules', so seed rows that say only 一票否決 start a streak as rows that say 排名靠後 and 墊底 do."""
    rows = [
        ["2025-Q3", "B02", 2, 70, "是", "錢進", "", "", None],
        ["2025-Q4", "B02", 2, 71, "是", "錢進", "否", "", None],
        ["2025-Q4", "B01", 1, 90, "", "趙剛", "", "", None],
    ]
    assert invoke(company, "history", "import", write_book(company / "seed.xlsx", {"S": [HEADER, *rows]})).exit_code == 0
    stored = history.load(company / "output" / "history.sqlite", ["2025-Q3", "2025-Q4"])
    stored = stored.sort_values(["period", "unit_id"])
    assert stored[["period", "unit_id", "low", "last"]].values.tolist() == [
        ["2025-Q3", "B02", True, True], ["2025-Q4", "B01", False, False], ["2025-Q4", "B02", True, True]]
    complete_march(company / "inbox")
    assert invoke(company, "run", "--period", "2026-03").exit_code == 0
    import pandas as pd

    ranking = read_book(company / "output" / "2026-03" / "支部季度考核_2026-Q1.xlsx", sheet_name="排名",
                            engine="calamine", dtype=str, keep_default_na=False).set_index("單位編號")
    assert ranking.loc["B02", ["排名", "誡勉談話", "崗位淘汰"]].tolist() == ["2", "是", "是"]


def test_a_seeded_band_without_a_coefficient_pays_the_bands_coefficient(company):
    """Contract 3: 'a month with no result counts 1.0'. A seeded month with a 檔次 has a result: its pay is the
    band's coefficient (banding.coefficients), and a vetoed month is band C."""
    header = ["期間", "單位編號", "排名", "綜合得分", "一票否決", "負責人", "檔次", "薪酬係數"]
    rows = [
        ["2026-01", "D01", 2, 70, "是", "王明", "", None],  # vetoed: band C, 0.8
        ["2026-02", "D01", 1, 95, "", "王明", "A", None],  # 1.2
        ["2026-02", "D02", 2, 90, "", "李華", "b", 1.0],
    ]
    path = write_book(company / "seed.xlsx", {"S": [header, *rows]})
    assert invoke(company, "history", "import", path).exit_code == 0
    stored = history.load(company / "output" / "history.sqlite", ["2026-01", "2026-02"])
    stored = stored.sort_values(["period", "unit_id"])
    assert stored[["period", "unit_id", "band", "coefficient"]].values.tolist() == [
        ["2026-01", "D01", "C", 0.8], ["2026-02", "D01", "A", 1.2], ["2026-02", "D02", "B", 1.0]]


def test_a_seeded_band_must_be_a_b_or_c(company):
    header = ["期間", "單位編號", "排名", "綜合得分", "一票否決", "負責人", "檔次", "薪酬係數"]
    rows = [["2026-02", "D01", 1, 95, "", "王明", "優", None],
            ["2026-02", "D02", 2, 90, "是", "李華", "A", None]]  # a vetoed unit is always in band C
    result = invoke(company, "history", "import", write_book(company / "seed.xlsx", {"S": [header, *rows]}))
    assert result.exit_code == 1
    cells = [line.split(" ")[1] for line in result.output.splitlines() if line.startswith("seed.xlsx")]
    assert cells == ["S!G2", "S!G3"]
