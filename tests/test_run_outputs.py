"""What a run writes and how it exits (contract sections 2 and 4): quarterly 未報送, forms of earlier months
counting toward the quarter, exit 0 despite warnings, SHA-256 in the report, the branch workbook, a
non-quarter-end month, and aliases / inactive units / leading zeros."""

import hashlib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import (
    without_no_letter_warnings,
    UNITS,
    adjustments,
    complete_march,
    democratic,
    full_month,
    ratings,
    read_book,
    spot_checks,
    targets,
    vetoes,
    write_book,
    write_company,
)
from pbbatch.cli import cli

BRANCH_HEADER = ["排名", "單位編號", "單位名稱", "負責人", "自評", "部門考評", "民主測評", "專項督查", "加減分", "綜合得分",
                 "一票否決", "檔次", "獎勵金額", "排名靠後", "誡勉談話", "崗位淘汰", "資料缺失"]
REPORT, DEPARTMENTS, BRANCHES = "處理報告_2026-03.xlsx", "部門月度考核_2026-03.xlsx", "支部季度考核_2026-Q1.xlsx"


def company(folder: Path, units=UNITS) -> Path:
    return write_company(folder, units) / "inbox"


def batch(inbox: Path, period="2026-03") -> tuple[int, dict[str, dict[str, pd.DataFrame]]]:
    """`pbbatch run`: its exit code and every workbook it wrote, sheet by sheet, cells as text."""
    result = CliRunner().invoke(cli, ["run", "--period", period, "--config", str(inbox.parent / "config.toml")],
                                catch_exceptions=False)
    out = inbox.parent / "output" / period
    return result.exit_code, {p.name: read_book(p, sheet_name=None, engine="calamine", dtype=str,
                                                    keep_default_na=False) for p in out.glob("*.xlsx")}


@pytest.fixture
def march(tmp_path):
    """Everything the small company owes in 2026-03 (which ends 2026-Q1); each test spoils or adds to it."""
    inbox = company(tmp_path)
    complete_march(inbox)
    return inbox


def test_quarterly_submissions_not_received_are_missing_and_exit_1(march):
    # §2 expected: a 支部自評表 from each branch, a 部門考評表 from each item owner, 民主測評表 rows covering each
    # branch; §4: 未報送 lists each one not received, and the run exits 1.
    (march / "self_B02.xlsx").unlink()
    (march / "dept_eval_D02.xlsx").unlink()  # D02 owns K02
    democratic(march, "D01", [["B01", "", 30, 28, 20, 6, 2, 0, 0]])  # B02 left out
    code, out = batch(march)
    missing = out[REPORT]["未報送"][["表單類型", "填報單位編號", "涉及單位", "期間", "原因"]].values.tolist()
    assert missing == [["支部自評表", "B02", "", "2026-Q1", "未收到"], ["部門考評表", "D02", "", "2026-Q1", "未收到"],
                       ["民主測評表", "", "B02 機電科黨支部", "2026-Q1", "未收到"]]
    assert code == 1


def test_a_veto_and_an_adjustment_of_january_count_toward_the_quarter(march):
    # §2: a monthly-period 加減分表 / 一票否決表 counts toward its month and toward its quarter;
    # §3: branch A is "over the quarter"; a veto row in the period makes the unit vetoed, band C, no reward.
    vetoes(march, "D01", [["B02", "精神文明", "違紀", "2026-01-15", "紀委"]], period="2026-01", name="v_jan.xlsx")
    adjustments(march, "D01", [["B01", "安全生產", 3, "安全標兵", "2026-01-20"]], period="2026-01", name="a_jan.xlsx")
    code, out = batch(march)
    rows = out[BRANCHES]["排名"].set_index("單位編號")
    assert rows.loc["B02", ["一票否決", "檔次", "獎勵金額"]].tolist() == ["是", "C", ""]
    # from the printed components (§3): 0.1·93 + 0.4·89 + 0.25·92.86 + 0.25·100 + 3 = 96.115 -> 96.12
    assert rows.loc["B01", ["自評", "部門考評", "民主測評", "專項督查"]].tolist() == ["93", "89", "92.86", "100"]
    assert rows.loc["B01", ["加減分", "綜合得分"]].tolist() == ["3", "96.12"]
    assert code == 0


def test_warnings_and_skipped_files_still_exit_0(march):
    # §4 exit status: 0 all accepted. §2: warnings do not reject; skipped files are only listed.
    targets(march, "D02", [["重點目標", "宣傳報道", 90, "完成", 80]])  # replaces D02's: points add up to 90
    (march / "notes.txt").write_text("送審說明", encoding="utf-8")
    code, out = batch(march)
    problems = without_no_letter_warnings(out[REPORT]["問題"])
    assert problems[["文件", "級別"]].values.tolist() == [["targets_D02.xlsx", "警告"]]
    assert out[REPORT]["文件"].set_index("文件").loc["notes.txt", "狀態"] == "略過"
    assert code == 0


def test_the_file_sheet_holds_each_files_sha256_skipped_ones_included(march):
    # §4 處理報告 文件: every file seen, its SHA-256.
    (march / "notes.txt").write_text("送審說明", encoding="utf-8")
    (march / "~$targets_D01.xlsx").write_bytes(b"owner lock")
    _, out = batch(march)
    files = out[REPORT]["文件"]
    assert dict(zip(files["文件"], files["SHA-256"])) == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in march.iterdir()}


def test_the_branch_workbook_has_the_contract_ranking_and_detail_sheets(march):
    # §4 支部季度考核_<YYYY-Qn>.xlsx: 排名 with these columns in order; per-item scores, democratic tallies,
    # findings, vetoes.
    spot_checks(march, "D01", [["2026-02-10", "B01", "K01", "台賬不全", 2, ""]])
    vetoes(march, "D01", [["B02", "安全目標", "違章", "2026-02-01", ""]], period="2026-Q1")
    _, out = batch(march)
    sheets = out[BRANCHES]
    assert list(sheets["排名"].columns) == BRANCH_HEADER
    # 專項督查: the finding, and (its deadline, 30 days on, passed by the quarter's end) its overdue line (§8)
    assert {name: len(sheets[name]) for name in ("項目得分", "民主測評", "專項督查", "一票否決明細")} == {
        "項目得分": 6, "民主測評": 2, "專項督查": 2, "一票否決明細": 1}


def test_the_branch_ranking_starts_with_a_block_column_when_ranking_by_block(tmp_path):
    # §4: "When branches.rank_by_block = true the branch 排名 starts with a 板塊 column."
    units = [*UNITS[:3], [*UNITS[3][:3], "井下", *UNITS[3][4:]], [*UNITS[4][:3], "地面", *UNITS[4][4:]]]
    inbox = write_company(tmp_path, units, settings="[branches]\nrank_by_block = true\n\n") / "inbox"
    complete_march(inbox)
    _, out = batch(inbox)
    ranking = out[BRANCHES]["排名"]
    assert list(ranking.columns) == ["板塊", *BRANCH_HEADER]
    assert ranking[["板塊", "單位編號", "排名"]].values.tolist() == [["井下", "B01", "1"], ["地面", "B02", "1"]]


def test_a_month_not_ending_a_quarter_writes_only_the_department_outputs(tmp_path):
    # §1 periods: branches are assessed only when the month ends a quarter; §4 the branch files and 季度兌現 are
    # quarter-end only; §2 quarterly forms are owed only at quarter end.
    inbox = company(tmp_path)
    full_month(inbox, "2026-02")
    code, out = batch(inbox, "2026-02")
    assert sorted(p.name for p in (tmp_path / "output" / "2026-02").iterdir()) == [
        "整改台賬_2026-02.xlsx", "處理報告_2026-02.xlsx", "部門月度考核_2026-02.xlsx", "部門講評會材料_2026-02.docx",
        "部門講評會材料_2026-02.html"]
    assert "季度兌現" not in out["部門月度考核_2026-02.xlsx"]
    assert out["處理報告_2026-02.xlsx"]["未報送"].empty
    assert code == 0


def test_quarterly_forms_in_simplified_chinese_and_english_are_accepted_and_count(march):
    # Contract preamble: every header, sheet name, form name and value is also accepted Simplified and in English.
    for name in ("self_B01.xlsx", "democratic_D01.xlsx", "dept_eval_D02.xlsx"):
        (march / name).unlink()
    write_book(march / "hans_self.xlsx", {
        "填报信息": [["表单类型", "支部自评表"], ["期间", "2026年第一季度"], ["填报单位编号", "B01"]],
        "数据": [["项目编号", "项目名称", "分值", "自评得分", "说明"], ["K01", "", 40, 38, ""], ["K02", "", 30, 27, ""],
                 ["K03", "", 30, 28, ""]]})
    write_book(march / "en_democratic.xlsx", {
        "form_info": [["form", "democratic"], ["period", "2026-Q1"], ["submitter_id", "D01"]],
        "data": [["branch_id", "branch_name", "eligible", "present", "excellent", "good", "fair", "poor", "abstain"],
                 ["B01", "", 30, 28, 20, 6, 2, 0, 0], ["B02", "", 25, 24, 10, 10, 3, 1, 0]]})
    write_book(march / "en_dept_eval.xlsx", {
        "form_info": [["form", "dept_eval"], ["period", "2026-Q1"], ["submitter_id", "D02"]],
        "data": [["branch_id", "branch_name", "K02", "note"], ["B01", "", 26, ""], ["B02", "", 28, ""]]})
    code, out = batch(march)
    status = out[REPORT]["文件"].set_index("文件")["狀態"]
    assert status[["hans_self.xlsx", "en_democratic.xlsx", "en_dept_eval.xlsx"]].tolist() == ["接收"] * 3
    rows = out[BRANCHES]["排名"].set_index("單位編號")
    assert rows.loc["B01", ["自評", "部門考評", "民主測評"]].tolist() == ["93", "89", "92.86"]  # as in Traditional
    assert code == 0


def test_inactive_units_in_simplified_or_english_are_ignored(tmp_path):
    # §1 registry: 狀態 撤銷 (撤销 / inactive) units are ignored: not ranked, owe nothing.
    units = [*UNITS, ["B07", "停建支部", "基层党支部", "", "甲", "撤销"], ["B08", "Old branch", "branch", "", "乙", "inactive"]]
    inbox = company(tmp_path, units)
    complete_march(inbox)
    code, out = batch(inbox)
    assert out[BRANCHES]["排名"]["單位編號"].tolist() == ["B01", "B02"]
    assert out[REPORT]["未報送"].empty
    assert code == 0


def test_a_department_coded_007_keeps_its_leading_zeros(tmp_path):
    # §1 registry: 單位編號 is a text code, kept as text (`007` stays `007`); §4 output cells hold text as text.
    inbox = company(tmp_path, [*UNITS, ["007", "紀委", "黨群部門", "群團", "錢七", ""]])
    complete_march(inbox)
    targets(inbox, "007", [["重點目標", "紀檢", 100, "完成", 90]])
    ratings(inbox, "007", "部門互評", {"D01": 80, "D02": 80, "D03": 80})
    code, out = batch(inbox)
    assert out[DEPARTMENTS]["排名"].set_index("單位編號").loc["007", "目標績效"] == "90"
    sheet = openpyxl.load_workbook(tmp_path / "output" / "2026-03" / DEPARTMENTS)["排名"]
    header = next(r for r in (1, 2) if "單位編號" in [c.value for c in sheet[r]])  # 2 below a draft's banner
    column = [c.value for c in sheet[header]].index("單位編號")
    cell = next(row[column] for row in sheet.iter_rows(min_row=header + 1) if row[column].value in ("007", 7, "7"))
    assert (cell.value, cell.data_type) == ("007", "s")
