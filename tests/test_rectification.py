"""Rectification (contract section 8) over whole runs: the 整改編號 stays put, receipts are checked at their cells,
an overdue finding costs its branch at quarter end only, an earlier month re-run gives its own ledger, and the
notices go to the branches with findings to fix."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import full_month, full_quarter, read_book, spot_checks, with_items, write_form
from pbbatch.core.config import default_config
from pbbatch.core.periods import Month
from pbbatch.run import rewrite_notices, run

RECEIPT_HEADER = ["整改編號", "整改措施", "完成日期", "佐證材料"]
CHECK_HEADER = ["整改編號", "驗收結論", "驗收日期", "說明"]
FEB, MAR = Month(2026, 2), Month(2026, 3)


def receipt(inbox, branch, rows, period="2026-03", name=None):
    return write_form(inbox / (name or f"receipt_{branch}_{period}.xlsx"),
                      {"表單類型": "整改回執表", "期間": period, "填報單位編號": branch}, RECEIPT_HEADER, rows)


def fix_check(inbox, submitter, rows, period="2026-03", name=None):
    return write_form(inbox / (name or f"check_{submitter}_{period}.xlsx"),
                      {"表單類型": "整改驗收表", "期間": period, "填報單位編號": submitter}, CHECK_HEADER, rows)


@pytest.fixture
def company(workspace):
    return with_items(workspace)


def ledger(result) -> pd.DataFrame:
    return result.assessment.rectification.statuses.set_index("finding")


def test_a_finding_keeps_its_number_through_reruns_and_unchanged_resubmission_and_a_changed_one_gets_another(company):
    inbox = company.inbox
    full_month(inbox)
    full_quarter(inbox)
    spot_checks(inbox, "D01", [["2026-03-05", "B01", "K01", "學習記錄缺失", 2, "2026-03-20"],
                               ["2026-03-06", "B02", "", "制度未公示", 1, None]], period="2026-03", name="spot_v1.xlsx")
    first = ledger(run(company, MAR))["finding_id"]
    assert first.str.fullmatch(r"ZG-2026-[0-9A-Z]{6}").all() and first.is_unique
    assert ledger(run(company, MAR))["finding_id"].equals(first)  # a re-run
    (inbox / "spot_v1.xlsx").unlink()
    spot_checks(inbox, "D01", [["2026-03-05", "B01", "K01", " 學習記錄缺失 ", 3, "2026-03-25"],  # 扣分, 期限 corrected
                               ["2026-03-06", "B02", "", "工作制度未公示", 1, None]], period="2026-03", name="spot_v2.xlsx")
    after = ledger(run(company, MAR))
    assert after.loc["學習記錄缺失", "finding_id"] == first["學習記錄缺失"]
    assert after.loc["學習記錄缺失", "deadline"].isoformat() == "2026-03-25"
    assert after.loc["工作制度未公示", "finding_id"] != first["制度未公示"]  # another finding, another number
    assert "制度未公示" not in after.index  # withdrawn with its file
    assert after.loc["工作制度未公示", "deadline"].isoformat() == "2026-04-05"  # 日期 + default_days (30)


def test_receipt_errors_are_reported_at_their_cells_and_reject_the_file(company):
    inbox = company.inbox
    full_month(inbox)
    spot_checks(inbox, "D01", [["2026-03-10", "B01", "K01", "甲問題", 2, "2026-03-31"],
                               ["2026-03-10", "B02", "K02", "乙問題", 2, "2026-03-31"]], period="2026-03")
    result = run(company, MAR)
    ids = ledger(result)["finding_id"]
    receipt(inbox, "B01", [["ZG-2026-ZZZZZZ", "整改", "2026-03-20", ""],
                           [ids["乙問題"], "整改", "2026-03-20", ""],
                           [ids["甲問題"].lower(), "整改", "2026-03-09", ""],
                           [ids["甲問題"], "整改", "2026-04-01", ""]])
    outcome = next(o for o in run(company, MAR).intake.outcomes if o.form == "fix_report")
    assert outcome.status == "rejected"
    assert [(p.sheet, p.cell, p.level, p.code) for p in outcome.problems] == [
        ("數據", "A2", "error", "rect.unknown_id"), ("數據", "A3", "error", "rect.other_branch"),
        ("數據", "C4", "error", "rect.before_finding"), ("數據", "C5", "error", "rect.after_period")]
    assert "乙問題" not in outcome.problems[1].render("zh-Hant") and "B02" in outcome.problems[1].render("zh-Hant")


def test_a_receipt_for_a_closed_finding_is_a_warning_and_changes_nothing(company):
    inbox = company.inbox
    full_month(inbox)
    spot_checks(inbox, "D01", [["2026-03-02", "B01", "K01", "甲問題", 2, "2026-03-31"]], period="2026-03")
    found = ledger(run(company, MAR)).loc["甲問題", "finding_id"]
    receipt(inbox, "B01", [[found, "整改", "2026-03-05", ""]])
    fix_check(inbox, "D01", [[found, "通過", "2026-03-06", ""]])
    receipt(inbox, "B01", [[found, "再次整改", "2026-03-08", ""]], name="receipt_again.xlsx")
    result = run(company, MAR)
    again = next(o for o in result.intake.outcomes if o.file == "receipt_again.xlsx")
    assert again.status == "accepted" and [(p.cell, p.code) for p in again.problems] == [("A2", "rect.already_closed")]
    row = ledger(result).loc["甲問題"]
    assert (row["status"], row["closed_on"].isoformat(), row["action"]) == ("closed", "2026-03-06", "整改")


def test_an_overdue_finding_costs_its_branch_at_quarter_end_only_as_its_own_line(company):
    inbox = company.inbox
    full_month(inbox, "2026-02")
    spot_checks(inbox, "D01", [["2026-02-03", "B01", "K01", "學習記錄缺失", 1, "2026-02-20"]], period="2026-02",
                name="spot_feb.xlsx")
    feb = run(company, FEB)
    assert ledger(feb).loc["學習記錄缺失", "status"] == "overdue" and feb.branches is None
    found = ledger(feb).loc["學習記錄缺失", "finding_id"]
    full_month(inbox)
    full_quarter(inbox)
    mar = run(company, MAR)
    c = mar.branches.ranking.set_index("unit_id")["spot_check"]
    assert (c["B01"], c["B02"]) == (100 - 1 - 2, 100)  # its 扣分, and the overdue deduction
    lines = mar.branches.spot_checks
    assert list(lines.loc[lines["overdue_id"] != "", ["branch_id", "overdue_id", "deduction"]].itertuples(index=False,
                name=None)) == [("B01", found, 2.0)]
    sheet = read_book(mar.folder / "支部季度考核_2026-Q1.xlsx", "專項督查")
    assert sheet["問題描述"].str.contains(found).sum() == 1 and sheet["扣分"].tolist() == [1, 2]
    brief = (mar.folder / "支部講評會材料_2026-Q1.html").read_text(encoding="utf-8")
    assert f"逾期未整改（整改編號 {found}" in brief and "七、整改落實情況" in brief


def test_statuses_of_an_earlier_month_rerun_are_that_months(company):
    inbox = company.inbox
    full_month(inbox, "2026-02")
    spot_checks(inbox, "D01", [["2026-02-03", "B01", "K01", "學習記錄缺失", 1, "2026-03-31"]], period="2026-02",
                name="spot_feb.xlsx")
    found = ledger(run(company, FEB)).loc["學習記錄缺失", "finding_id"]
    receipt(inbox, "B01", [[found, "補齊記錄", "2026-02-25", "記錄本"]], period="2026-02")
    assert ledger(run(company, FEB)).loc["學習記錄缺失", "status"] == "reported"
    full_month(inbox)
    full_quarter(inbox)
    fix_check(inbox, "D01", [[found, "通過", "2026-03-10", "已核實"]])
    assert ledger(run(company, MAR)).loc["學習記錄缺失", "status"] == "closed"
    again = run(company, FEB)
    assert ledger(again).loc["學習記錄缺失", "status"] == "reported"
    book = read_book(again.folder / "整改台賬_2026-02.xlsx", "整改台賬")
    assert book[["整改編號", "整改狀態", "整改措施"]].values.tolist() == [[found, "已報整改", "補齊記錄"]]


def test_notices_go_to_each_branch_with_findings_to_fix_and_are_written_again_from_the_store(company):
    inbox = company.inbox
    full_month(inbox)
    full_quarter(inbox)
    spot_checks(inbox, "D01", [["2026-03-02", "B01", "K01", "甲<問題>", 2, "2026-03-31"],
                               ["2026-03-02", "B02", "K02", "乙問題", 2, "2026-03-31"]], period="2026-03")
    found = ledger(run(company, MAR))
    fix_check(inbox, "D01", [[found.loc["乙問題", "finding_id"], "通過", "2026-03-06", ""]])
    result = run(company, MAR)
    folder = result.folder / "整改通知書"
    notices = sorted(p.name for p in folder.glob("整改通知書_*"))
    assert notices == ["整改通知書_B01_綜採一隊黨支部.docx", "整改通知書_B01_綜採一隊黨支部.html"]
    html = (folder / notices[1]).read_text(encoding="utf-8")
    assert found.loc["甲<問題>", "finding_id"] in html and "甲&lt;問題&gt;" in html and "2026-03-31" in html
    reminders = sorted(p.name for p in folder.glob("提示函_*"))  # the last of two branches is low-ranked
    low = result.branches.ranking.loc[result.branches.ranking["low"], "unit_id"].tolist()
    assert reminders == sorted(f"提示函_{b}_{n}.{x}" for b, n in [(b, {"B01": "綜採一隊黨支部", "B02": "機電科黨支部"}[b])
                                                                   for b in low] for x in ("docx", "html"))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for p in folder.iterdir():
        p.unlink()
    written = rewrite_notices(result_config(company), MAR)
    assert {p.name: p.read_bytes() for p in written} == before


def result_config(config):
    return config


def test_the_blank_receipt_lists_the_branchs_open_findings_and_comes_back_accepted(company, registry):
    import openpyxl

    from conftest import take
    from pbbatch.core.records import Context
    from pbbatch.setup.blank_forms import write_blank_forms

    inbox = company.inbox
    full_month(inbox)
    full_quarter(inbox)
    spot_checks(inbox, "D01", [["2026-03-02", "B01", "K01", "甲問題", 2, "2026-04-15"],
                               ["2026-03-03", "B02", "K02", "乙問題", 1, "2026-04-15"]], period="2026-03")
    numbers = ledger(run(company, MAR))["finding_id"]
    paths = write_blank_forms(registry, company, Month(2026, 4), company.output / "forms")
    receipts = [p for p in paths if p.name.startswith("整改回執表")]
    assert [p.name for p in receipts] == ["整改回執表_2026-04_B01_綜採一隊黨支部.xlsx", "整改回執表_2026-04_B02_機電科黨支部.xlsx"]
    book = openpyxl.load_workbook(receipts[0])
    data = book.worksheets[1]
    listed = [[c.value for c in row][:3] for row in data.iter_rows(min_row=5) if row[0].value]
    assert listed == [[numbers["甲問題"], "甲問題", "2026-04-15"]]
    data.cell(5, 4).value, data.cell(5, 5).value = "已整改", "2026-04-02"
    book.save(receipts[0])
    status, problems, outcome = take(receipts[0], Context(registry, company, Month(2026, 4)))
    assert (status, problems, outcome.columns["finding_id"]) == ("accepted", [], [numbers["甲問題"]])


def test_a_finding_that_looks_like_excels_rich_text_markup_is_prefilled_literally(company, registry):
    import openpyxl

    from pbbatch.setup.blank_forms import write_blank_forms

    inbox = company.inbox
    full_month(inbox)
    full_quarter(inbox)
    spot_checks(inbox, "D01", [["2026-03-02", "B01", "K01", "<r>甲問題</r>", 2, "2026-04-15"]], period="2026-03")
    assert list(ledger(run(company, MAR)).index) == ["<r>甲問題</r>"]
    paths = write_blank_forms(registry, company, Month(2026, 4), company.output / "forms")
    receipt_form = next(p for p in paths if p.name.startswith("整改回執表"))
    data = openpyxl.load_workbook(receipt_form).worksheets[1]
    assert [row[1].value for row in data.iter_rows(min_row=5) if row[0].value] == ["<r>甲問題</r>"]
