"""Nothing published may mislead (contract v2 §2, §4, §6): no month of zeros, `history remove`, drafts marked,
what arrived said, resubmissions that tie, corrected files not blamed."""

import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import complete_march, ratings, read_book, targets, without_no_letter_warnings, write_company
from pbbatch.cli import cli


def invoke(folder: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, [*args, "--config", str(folder / "config.toml")], input=input,
                              catch_exceptions=False)


def stored(folder: Path) -> list[str]:
    path = folder / "output" / "history.sqlite"
    if not path.exists():
        return []
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT DISTINCT period FROM results ORDER BY period")]


def test_a_month_with_no_accepted_file_writes_nothing_stores_nothing_and_exits_2(tmp_path):
    folder = write_company(tmp_path)
    complete_march(folder / "inbox")  # March arrived; October did not
    result = invoke(folder, "run", "--period", "2026-10")
    assert result.exit_code == 2
    assert "2026-10" in result.output and "--period" in result.output
    assert "2026-03" in result.output  # what the inbox does hold
    assert not (folder / "output" / "2026-10").exists()
    assert stored(folder) == []


def test_one_accepted_file_of_the_month_is_enough_to_run(tmp_path):
    folder = write_company(tmp_path)
    targets(folder / "inbox", "D01", [["重點目標", "黨員發展", 100, "完成", 90]])
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 1
    assert (folder / "output" / "2026-03").is_dir()


def test_history_remove_asks_then_removes_only_that_period(tmp_path):
    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 0
    assert stored(folder) == ["2026-03", "2026-Q1"]
    declined = invoke(folder, "history", "remove", "2026-03", input="n\n")
    assert declined.exit_code == 1 and stored(folder) == ["2026-03", "2026-Q1"]
    assert "2026-03" in declined.output and "3" in declined.output  # what would go: the period, its units
    accepted = invoke(folder, "history", "remove", "2026年3月", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert stored(folder) == ["2026-Q1"]
    assert (folder / "output" / "2026-03").is_dir()  # the output folder is left alone
    rewrite = invoke(folder, "brief", "--period", "2026-03")
    assert rewrite.exit_code == 2  # its stored brief went with it


def test_history_remove_with_yes_asks_nothing_and_an_unknown_period_is_an_error(tmp_path):
    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    invoke(folder, "run", "--period", "2026-03")
    assert invoke(folder, "history", "remove", "2026-Q1", "--yes").exit_code == 0
    assert stored(folder) == ["2026-03"]
    missing = invoke(folder, "history", "remove", "2026-02", "--yes")
    assert missing.exit_code == 2 and "2026-02" in missing.output
    assert invoke(folder, "history", "remove", "yesterday", "--yes").exit_code == 2


def report(folder: Path, period="2026-03") -> dict[str, pd.DataFrame]:
    path = folder / "output" / period / f"處理報告_{period}.xlsx"
    return read_book(path, sheet_name=None, engine="calamine", dtype=str, keep_default_na=False)


def missing_of(folder: Path, submitter: str) -> pd.DataFrame:
    sheet = report(folder)["未報送"]
    return sheet[sheet["填報單位編號"] == submitter]


def test_not_received_is_said_only_when_nothing_came(tmp_path):
    folder = write_company(tmp_path)
    inbox = folder / "inbox"
    complete_march(inbox)
    (inbox / "ratings_部門互評_D01.xlsx").unlink()  # nothing from D01's 部門互評
    (inbox / "ratings_部門互評_D02.xlsx").unlink()
    ratings(inbox, "D02", "部門互評", {"D01": 90, "D03": 75}, period="2026-02", name="互評_D02.xlsx")
    (inbox / "targets_D03.xlsx").unlink()
    (inbox / "D03 工會 目標考核表.xls").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    (inbox / "targets_D02.xlsx").unlink()
    targets(inbox, "D02", [["重點目標", "宣傳報道", 100, "完成", 120]])  # 得分 above 分值: rejected
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 1
    reasons = {code: missing_of(folder, code)[["表單類型", "原因", "收到的文件"]].values.tolist()
               for code in ("D01", "D02", "D03")}
    assert reasons["D01"] == [["評分表", "未收到", ""]]
    assert reasons["D02"][0] == ["目標考核表", "已退回，需重新報送", "targets_D02.xlsx"]
    assert reasons["D02"][1] == ["評分表", "未收到本期的表（最近收到的是 2026-02 的表）", "互評_D02.xlsx"]
    assert reasons["D03"] == [["目標考核表", "收到的文件不是 .xlsx 工作簿", "D03 工會 目標考核表.xls"]]
    detail = missing_of(folder, "D02")["說明"].tolist()[0]
    assert "C2" in detail or "E2" in detail  # the rejected file's first problem, at its cell


def test_two_different_files_with_one_version_warn_naming_both_and_the_one_that_counts(tmp_path):
    import os

    folder = write_company(tmp_path)
    inbox = folder / "inbox"
    complete_march(inbox)
    first = targets(inbox, "D01", [["重點目標", "黨員發展", 100, "完成", 80]], name="D01_a.xlsx", 版本=2)
    second = targets(inbox, "D01", [["重點目標", "黨員發展", 100, "完成", 95]], name="D01_b.xlsx", 版本=2)
    os.utime(first, (1_700_000_000, 1_700_000_000))
    os.utime(second, (1_700_000_100, 1_700_000_100))
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 0  # a warning does not reject
    problems = report(folder)["問題"]
    tie = problems[problems["說明"].str.contains("D01_a.xlsx") & problems["說明"].str.contains("D01_b.xlsx")]
    assert tie["級別"].tolist() == ["警告"]
    assert "以 D01_b.xlsx 為準" in tie["說明"].iloc[0]  # the later one counts, and the warning says so


def test_identical_files_with_one_version_do_not_warn(tmp_path):
    folder = write_company(tmp_path)
    inbox = folder / "inbox"
    complete_march(inbox)
    (inbox / "copy.xlsx").write_bytes((inbox / "targets_D01.xlsx").read_bytes())
    invoke(folder, "run", "--period", "2026-03")
    assert without_no_letter_warnings(report(folder)["問題"]).empty


def test_a_rejected_file_later_corrected_is_shown_corrected_and_not_blamed(tmp_path):
    import os

    folder = write_company(tmp_path)
    inbox = folder / "inbox"
    complete_march(inbox)
    bad = ratings(inbox, "L01", "領導評價", {"D01": "九五", "D02": 80, "D03": 70}, name="L01_first.xlsx")
    os.utime(bad, (1_700_000_000, 1_700_000_000))  # the good targets_... file came after it
    result = invoke(folder, "run", "--period", "2026-03")
    assert result.exit_code == 0, result.output  # nothing left to fix
    files = report(folder)["文件"].set_index("文件")
    assert files.loc["L01_first.xlsx", "狀態"] == "已更正"
    assert "leader_L01.xlsx" in files.loc["L01_first.xlsx", "備註"] or "ratings_" in files.loc["L01_first.xlsx", "備註"]
    problems = report(folder)["問題"]
    assert problems[problems["文件"] == "L01_first.xlsx"]["文件處理"].str.startswith("已由 ").all()
    assert "L01_first.xlsx" in result.output and "已由 " in result.output  # the terminal says it too
    brief = (folder / "output" / "2026-03" / "部門講評會材料_2026-03.html").read_text(encoding="utf-8")
    assert "L01_first" not in brief and "九五" not in brief and "試算稿" not in brief


def test_a_rejected_newer_version_is_not_corrected_by_the_older_one(tmp_path):
    import os

    folder = write_company(tmp_path)
    inbox = folder / "inbox"
    complete_march(inbox)
    late = ratings(inbox, "L01", "領導評價", {"D01": "九五", "D02": 80, "D03": 70}, name="L01_v2.xlsx", 版本=2)
    os.utime(late, (4_000_000_000, 4_000_000_000))
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 1
    assert report(folder)["文件"].set_index("文件").loc["L01_v2.xlsx", "狀態"] == "退回"


def html_of(folder: Path, name: str) -> str:
    return (folder / "output" / "2026-03" / name).read_text(encoding="utf-8")


def ranking_sheet(path: Path):
    import openpyxl

    return openpyxl.load_workbook(path)["排名"]


DEPT_BRIEF, BRANCH_BRIEF = "部門講評會材料_2026-03.html", "支部講評會材料_2026-Q1.html"
DEPT_BOOK, BRANCH_BOOK = "部門月度考核_2026-03.xlsx", "支部季度考核_2026-Q1.xlsx"


def test_a_complete_run_is_final_with_no_draft_mark_anywhere(tmp_path):
    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    result = invoke(folder, "run", "--period", "2026-03")
    assert result.exit_code == 0 and "試算稿" not in result.output
    for name in (DEPT_BRIEF, BRANCH_BRIEF):
        assert "試算稿" not in html_of(folder, name) and "待定" not in html_of(folder, name)
        assert "@top-right" not in html_of(folder, name)
    for name in (DEPT_BOOK, BRANCH_BOOK):
        sheet = ranking_sheet(folder / "output" / "2026-03" / name)
        assert sheet["B1"].value == "排名" or sheet["A1"].value == "排名"  # the header is the first row
        assert "試算稿" not in sheet.oddHeader.center.text
        book = openpyxl.load_workbook(folder / "output" / "2026-03" / name)
        assert not [ws.title for ws in book if "試算稿" in (ws.oddHeader.center.text or "")]


def test_a_missing_target_form_makes_every_output_a_draft_and_its_component_n_a(tmp_path):
    from bs4 import BeautifulSoup

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    (folder / "inbox" / "targets_D02.xlsx").unlink()
    result = invoke(folder, "run", "--period", "2026-03")
    assert result.exit_code == 1 and "試算稿" in result.output  # the terminal says so too
    page = BeautifulSoup(html_of(folder, DEPT_BRIEF), "html.parser")
    assert page.h1.get_text().startswith("【試算稿】")
    assert '@top-right { content: "【試算稿】"' in page.style.get_text()  # on every printed page, as in the .docx
    box = page.select_one("div.draft").get_text()
    assert "試算稿" in box and "目標績效（宣傳部）" in box  # what is missing and whose figures it affects
    row = next(tr for tr in page.select("tbody tr") if "宣傳部" in tr.get_text())
    cells = [td.get_text() for td in row.find_all("td")]
    assert cells[4] == "缺" and "0.00" not in cells[4]  # 目標績效 of D02: no data, not a zero
    assert cells[10].endswith("（待定）")  # its band is provisional
    other = next(tr for tr in page.select("tbody tr") if "組織部" in tr.get_text())
    assert not other.find_all("td")[10].get_text().endswith("（待定）")  # D01's figures are whole
    outstanding = page.get_text()
    assert "D02 宣傳部　目標考核表：未收到" in outstanding and "targets_" not in outstanding
    # the branch brief and both ranking sheets are drafts too: the run is incomplete
    assert BeautifulSoup(html_of(folder, BRANCH_BRIEF), "html.parser").h1.get_text().startswith("【試算稿】")
    for name in (DEPT_BOOK, BRANCH_BOOK):
        sheet = ranking_sheet(folder / "output" / "2026-03" / name)
        assert sheet["A1"].value.startswith("【試算稿】") and sheet["A2"].value in ("板塊", "排名")
        assert "試算稿" in sheet.oddHeader.center.text
        book = openpyxl.load_workbook(folder / "output" / "2026-03" / name)  # every printed page says so
        unmarked = [ws.title for ws in book if not (ws.oddHeader.center.text or "").startswith("【試算稿】")]
        assert unmarked == [] and len(book.sheetnames) > 5
    ranking = read_book(folder / "output" / "2026-03" / DEPT_BOOK, "排名", dtype=str, keep_default_na=False)
    assert ranking.set_index("單位編號").loc["D02", "資料缺失"] == "目標績效"


def test_a_rejected_democratic_form_leaves_the_branches_p_n_a_and_their_rewards_provisional(tmp_path):
    import docx
    from bs4 import BeautifulSoup

    from conftest import democratic

    folder = write_company(tmp_path)
    inbox = folder / "inbox"
    complete_march(inbox)
    democratic(inbox, "D01", [["B01", "", 30, 31, 20, 6, 2, 0, 0], ["B02", "", 25, 24, 10, 10, 3, 1, 0]])  # 31 > 30
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 1
    page = BeautifulSoup(html_of(folder, BRANCH_BRIEF), "html.parser")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in page.select("table")[0].select("tbody tr")]
    assert [r[6] for r in rows] == ["缺", "缺"]  # 民主測評 of both branches
    rewards = page.find("h2", string="三、獎勵").find_next("p").get_text()
    assert "（待定）" in rewards
    assert "民主測評表" in page.get_text() and "已退回" in page.get_text()
    document = docx.Document(str(folder / "output" / "2026-03" / "支部講評會材料_2026-Q1.docx"))
    assert "試算稿" in document.sections[0].header.paragraphs[0].text
    assert any("缺" == c.text for t in document.tables for r in t.rows for c in r.cells)


def test_a_stored_brief_of_an_earlier_version_is_written_again(tmp_path):
    """`pbbatch brief` reads briefs stored before drafts were marked: they render, with their outstanding list."""
    import json

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    (folder / "inbox" / "targets_D02.xlsx").unlink()
    invoke(folder, "run", "--period", "2026-03")
    path = folder / "output" / "history.sqlite"
    with sqlite3.connect(path) as connection:
        for period, kind, data in connection.execute("SELECT period, kind, data FROM briefs").fetchall():
            old = json.loads(data)
            old["missing"] = [{"form": x["form"], "rating_type": x["rating_type"], "submitter_id": x["unit_id"],
                               "submitter_name": x["unit_name"], "subject_id": "", "subject_name": "",
                               "period": period, "reason": x["reason"]} for x in old.pop("outstanding")]
            old["rejected"] = []
            old.pop("draft")
            connection.execute("UPDATE briefs SET data = ? WHERE period = ? AND kind = ?",
                               (json.dumps(old, ensure_ascii=False), period, kind))
    assert invoke(folder, "brief", "--period", "2026-03").exit_code == 0
    again = html_of(folder, DEPT_BRIEF)
    assert "D02 宣傳部　目標考核表：未收到" in again and again.count("【試算稿】") == 3  # <title>, <h1>, every page


def test_a_draft_brief_written_again_in_english_is_all_english_but_the_users_names(tmp_path):
    import re

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    (folder / "inbox" / "targets_D02.xlsx").unlink()
    ratings(folder / "inbox", "L01", "領導評價", {"D01": "九五", "D02": 80, "D03": 70}, name="L01_v2.xlsx", 版本=2)
    invoke(folder, "run", "--period", "2026-03")
    config = (folder / "config.toml").read_text(encoding="utf-8")
    (folder / "config.toml").write_text('locale = "en"\n' + config, encoding="utf-8")
    assert invoke(folder, "brief", "--period", "2026-03").exit_code == 0
    html = (folder / "output" / "2026-03" / "department_brief_2026-03.html").read_text(encoding="utf-8")
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)  # the fonts' names
    names = {"組織部", "宣傳部", "工會", "黨務", "群團", "王明", "李華", "張強", "周書記", "吳經理", "中共長平公司委員會",
             "長平公司"}  # the registry's and the config's: users' words, not pbbatch's
    chinese = set(re.findall(r"[\u4e00-\u9fff（）：；、。]+", html)) - names
    assert chinese == set(), chinese  # every word pbbatch wrote is English: the draft box, 缺, 待定, the list
    assert "[DRAFT] 長平公司" in html and "n/a" in html and "provisional" in html  # a space after the mark


def test_a_gap_only_in_the_branches_forms_marks_the_departments_brief_a_draft_and_says_whose(tmp_path):
    from bs4 import BeautifulSoup

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    (folder / "inbox" / "self_B02.xlsx").unlink()  # the departments' own submissions are all in
    assert invoke(folder, "run", "--period", "2026-03").exit_code == 1
    departments = BeautifulSoup(html_of(folder, DEPT_BRIEF), "html.parser")
    box = departments.select_one("div.draft").get_text()
    assert "本材料涉及的報送已收齊" in box  # a draft by the contract's rule, and it says the gap is elsewhere
    assert "（待定）" not in departments.get_text()  # no department's figures are affected
    branches = BeautifulSoup(html_of(folder, BRANCH_BRIEF), "html.parser")
    assert "自評（機電科黨支部）" in branches.select_one("div.draft").get_text()
