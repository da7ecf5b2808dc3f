"""§9 through a run: the pay link of department and branch people (vetoed units included), the individual
workbook, the payroll CSV as pandas and the csv module read it back, the history, and no personal score in the
briefs."""

import csv

import pandas as pd
import pytest

from conftest import ITEMS_TOML, UNITS, complete_march, full_month, read_book, vetoes
from test_staff_forms import staff_eval, write_staff_registry
from pbbatch.assess.staff import pay_coefficient
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.history.store import load_data
from pbbatch.run import run

STAFF = [
    ["007", "王小明", "D01", "幹事", ""],
    ["0012", "李四", "D01", "", ""],
    ["0013", "=HYPERLINK(\"http://x\")", "D01", "", ""],
    ["2001", "周六", "D02", "", ""],
    ["2002", "吳七", "D02", "", ""],
    ["1001", "張三", "B01", "", ""],
    ["1002", "趙五", "B01", "", ""],
    ["3001", "鄭八", "B02", "", ""],
]
SCORES = {  # month -> unit -> [(staff_id, score)]
    "2026-02": {"D01": [("007", 91), ("0012", 81), ("0013", 71)], "D02": [("2001", 60), ("2002", 70)],
                "B01": [("1001", 65), ("1002", 95)], "B02": [("3001", 88)]},
    "2026-03": {"D01": [("007", 90), ("0012", 80), ("0013", 85)], "D02": [("2001", 88), ("2002", 77)],
                "B01": [("1001", 87.35), ("1002", 70)], "B02": [("3001", 95)]},
}


def send_scores(inbox, month: str) -> None:
    for unit, rows in SCORES[month].items():
        staff_eval(inbox, unit, [[s, "", score, ""] for s, score in rows], period=month)


@pytest.fixture
def company(tmp_path):
    write_staff_registry(tmp_path / "名冊.xlsx", STAFF, UNITS)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "config.toml").write_text(ITEMS_TOML, encoding="utf-8")
    return load_config(tmp_path / "config.toml")


@pytest.fixture
def two_months(company):
    """February and March run: D02 vetoed in March, B01 vetoed for the quarter."""
    inbox = company.inbox
    full_month(inbox, "2026-02")
    send_scores(inbox, "2026-02")
    february = run(company, Month(2026, 2))
    complete_march(inbox)
    send_scores(inbox, "2026-03")
    vetoes(inbox, "D03", [["D02", "安全目標", "輕傷事故", "2026-03-05", ""],
                          ["B01", "安全目標", "輕傷事故", "2026-03-05", ""]])
    return company, february, run(company, Month(2026, 3))


def people(result) -> dict[str, dict]:
    return {p["staff_id"]: p for p in result.assessment.staff.people}


def test_a_department_persons_pay_follows_the_departments_coefficient_of_the_month(two_months):
    _, _, march = two_months
    coefficient = dict(zip(march.departments.ranking["unit_id"], march.departments.ranking["coefficient"]))
    found = people(march)
    assert march.departments.ranking.set_index("unit_id").loc["D02", "vetoed"]
    assert coefficient["D02"] == 0.8  # a vetoed department is band C: its people's factor is C's
    for staff_id in ("007", "0012", "0013", "2001", "2002"):
        person = found[staff_id]
        assert person["unit_factor"] == coefficient[person["unit_id"]]
        assert person["pay"] == pay_coefficient(person["unit_factor"], person["personal"])
    assert (found["007"]["band"], found["007"]["personal"]) == ("A", 1.1)  # best of three: the one A
    assert found["2001"]["pay"] == found["2002"]["pay"] == 0.8  # two people: both B, 1.0 × 0.8


def test_branch_people_wait_for_the_quarter_and_are_paid_by_the_branchs_band(two_months):
    _, february, march = two_months
    feb = people(february)
    assert feb["1001"]["unit_factor"] is None and feb["1001"]["pay"] is None and not feb["1001"]["missing"]
    assert all(row["unit_id"] not in ("B01", "B02") for row in february.assessment.staff.payroll)
    branch = dict(zip(march.branches.ranking["unit_id"], march.branches.ranking["coefficient"]))
    assert march.branches.ranking.set_index("unit_id").loc["B01", "vetoed"] and branch["B01"] == 0.8
    mar = people(march)
    assert mar["1001"]["unit_factor"] == 0.8 and mar["3001"]["unit_factor"] == branch["B02"]
    payroll = {(r["staff_id"], r["period"]): r["pay"] for r in march.assessment.staff.payroll}
    # B01's February is paid now, at the factor of the quarter's band
    assert payroll[("1002", "2026-02")] == pay_coefficient(0.8, feb["1002"]["personal"])
    assert payroll[("1001", "2026-03")] == pay_coefficient(0.8, mar["1001"]["personal"])
    assert ("007", "2026-02") not in payroll and ("007", "2026-03") in payroll  # paid in February's own run
    payout = {p["staff_id"]: p for p in march.assessment.staff.payout}
    assert payout["1002"]["pays"] == {"2026-01": None, "2026-02": 0.8, "2026-03": 0.8}
    assert payout["1002"]["mean"] == 0.8 and payout["1002"]["gaps"] == ["2026-01"]


def test_the_workbook_lists_every_person_and_at_quarter_end_their_three_months(two_months):
    config, february, march = two_months
    sheets = read_book(march.folder / "個人績效_2026-03.xlsx", dtype={"工號": str})
    ranking = sheets["個人排名"]
    assert list(ranking.columns[:11]) == ["單位編號", "單位名稱", "工號", "姓名", "得分", "單位內排名", "檔次", "個人係數",
                                         "單位係數", "績效係數", "資料缺失"]
    assert list(ranking["工號"][:3]) == ["007", "0013", "0012"]  # by rank within the unit
    assert "=HYPERLINK(\"http://x\")" in set(ranking["姓名"])  # text, not a formula
    payout = sheets["個人季度兌現"]
    assert list(payout.columns) == ["單位編號", "單位名稱", "工號", "姓名", "2026-01", "2026-02", "2026-03", "平均", "說明"]
    assert len(payout) == len(STAFF)
    feb_sheets = read_book(february.folder / "個人績效_2026-02.xlsx")
    assert list(feb_sheets) == ["個人排名"]


def test_the_payroll_csv_reads_back_with_its_bom_and_leading_zeros(two_months):
    _, _, march = two_months
    path = march.folder / "薪酬導出_2026-03.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns) == ["工號", "姓名", "單位編號", "期間", "績效係數"]
    assert set(frame["工號"].str.strip()) == {"007", "0012", "0013", "2001", "2002", "1001", "1002", "3001"}
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    by_key = {(r["工號"].strip(), r["期間"]): r for r in rows}
    assert by_key[("007", "2026-03")]["工號"] == "\t007"  # the tab keeps Excel from reading 7
    assert by_key[("2001", "2026-03")]["工號"] == "2001"  # a code Excel leaves alone is written as it is
    assert by_key[("0013", "2026-03")]["姓名"] == "'=HYPERLINK(\"http://x\")"  # never a formula
    assert by_key[("2001", "2026-03")]["績效係數"] == "0.8000"
    assert {r["期間"] for r in rows if r["單位編號"] == "B01"} == {"2026-02", "2026-03"}


def test_the_history_keeps_each_persons_month_with_the_unit(two_months):
    config, _, _ = two_months
    stored = load_data(config.history, "staff")
    assert list(stored) == ["2026-02", "2026-03"]
    record = next(r for r in stored["2026-03"] if r["staff_id"] == "1001")
    assert record == {"staff_id": "1001", "name": "張三", "unit_id": "B01", "score": 87.35, "rank": 1, "band": "B",
                      "personal": 1.0, "unit_factor": 0.8, "pay": 0.8, "missing": False}


def test_no_personal_score_or_name_reaches_the_briefs(two_months):
    _, _, march = two_months
    html = "".join(p.read_text(encoding="utf-8") for p in march.folder.glob("*講評會材料*.html"))
    assert html
    for text in ("87.35", "張三", "王小明", "個人", "績效係數"):
        assert text not in html


def test_a_person_left_out_is_flagged_and_unpaid_the_unit_briefs_stay_final_and_the_payroll_is_a_draft(company):
    inbox = company.inbox
    complete_march(inbox)
    send_scores(inbox, "2026-03")
    staff_eval(inbox, "D01", [["007", "", 90, ""], ["0012", "", 80, ""]], period="2026-03", 版本=2)
    result = run(company, Month(2026, 3))
    person = people(result)["0013"]
    assert person["missing"] and person["pay"] is None and person["rank"] is None
    assert result.assessment.staff.draft and not result.draft
    assert "0013" not in {r["staff_id"] for r in result.assessment.staff.payroll}
    # the others are ranked among those scored, and may move once the score is in: the export says it is a draft,
    # as the workbook's banner does, so that no payroll import takes it for the month's
    assert {p.name for p in result.folder.glob("薪酬導出_*")} == {"薪酬導出_2026-03_試算稿.csv"}
    ranking = read_book(result.folder / "個人績效_2026-03.xlsx", sheet_name="個人排名", dtype={"工號": str})
    assert ranking.set_index("工號").loc["0013", "資料缺失"] == "是"


def test_a_missing_staff_form_is_owed_but_does_not_make_the_unit_results_a_draft(company):
    complete_march(company.inbox)
    result = run(company, Month(2026, 3))
    assert set(result.intake.missing["form"]) == {"staff_eval"} and result.exit_code == 1
    assert not result.draft and result.assessment.staff.draft
    assert {p.name for p in result.folder.glob("薪酬導出_*")} == {"薪酬導出_2026-03_試算稿.csv"}


def test_a_draft_run_makes_the_individual_results_and_the_payroll_export_drafts(company):
    """The pay coefficients rest on the units' coefficients: while the units' results are a 試算稿, so are the
    people's, and the payroll export's name says so, so that no payroll import takes it for the month's."""
    inbox = company.inbox
    complete_march(inbox)
    send_scores(inbox, "2026-03")
    (inbox / "targets_D01.xlsx").unlink()  # D01's 目標考核表 is outstanding: its coefficient is provisional
    result = run(company, Month(2026, 3))
    assert result.draft and result.assessment.staff.draft
    names = {p.name for p in result.folder.iterdir()}
    assert "薪酬導出_2026-03_試算稿.csv" in names and "薪酬導出_2026-03.csv" not in names
    from openpyxl import load_workbook
    book = load_workbook(result.folder / "個人績效_2026-03.xlsx")
    for sheet in (book["個人排名"], book["個人季度兌現"]):  # each printed page says it is a draft
        assert sheet["A1"].value.startswith("【試算稿】") and "單位考核仍為試算稿" in sheet["A1"].value
        assert sheet.oddHeader.center.text.startswith("【試算稿】")


def test_a_final_run_writes_the_payroll_export_under_its_own_name(two_months):
    _, _, march = two_months
    assert not march.draft and not march.assessment.staff.draft
    assert {p.name for p in march.folder.glob("薪酬導出_*")} == {"薪酬導出_2026-03.csv"}


def test_the_people_files_are_written_beside_the_site_and_a_failure_there_publishes_nothing(company, monkeypatch):
    """The individual results are written by a process of their own while the site is (write.people_files_
    alongside). Failing there, the run fails as a whole: the month's earlier outputs stay, nothing is stored."""
    import pbbatch.outputs.write as write
    from pbbatch.core.errors import PbbatchError

    inbox = company.inbox
    complete_march(inbox)
    send_scores(inbox, "2026-03")
    first = run(company, Month(2026, 3))
    assert {p.name for p in first.folder.glob("*") if p.name.startswith(("個人", "薪酬"))} == \
        {"個人績效_2026-03.xlsx", "薪酬導出_2026-03.csv"}
    published = {p.name: p.read_bytes() for p in first.folder.iterdir() if p.is_file()}
    stored = company.history.read_bytes()

    def broken(folder, staff, config):
        (folder / "個人績效_2026-03.xlsx").write_bytes(b"half")
        raise RuntimeError("the people's writer broke")

    monkeypatch.setattr(write, "write_staff_files", broken)
    staff_eval(inbox, "D01", [["007", "", 60, ""], ["0012", "", 80, ""], ["0013", "", 85, ""]], period="2026-03",
               版本=2)
    with pytest.raises(PbbatchError) as failed:
        run(company, Month(2026, 3))
    assert "the people's writer broke" in str(failed.value.messages[0].fields["error"])
    assert {p.name: p.read_bytes() for p in first.folder.iterdir() if p.is_file()} == published
    assert company.history.read_bytes() == stored
    assert sorted(p.name for p in company.output.iterdir() if p.name.startswith(".") and p.name != ".pbbatch.lock") == []


def test_the_people_files_wait_for_go_and_are_written_even_if_it_never_comes(tmp_path, monkeypatch):
    """people_files_alongside forks its writer at once and holds it until `go` (the rest of the outputs are
    written by then); a block left without calling `go` still gets its files rather than waiting forever."""
    import time

    import pbbatch.outputs.write as write

    def files(folder, staff, config):
        (folder / "people.txt").write_text(str(time.monotonic()))

    monkeypatch.setattr(write, "write_staff_files", files)
    with write.people_files_alongside(tmp_path, tmp_path, staff=None, config=None) as go:
        time.sleep(0.3)
        assert not (tmp_path / "people.txt").exists()  # held
        went = time.monotonic()
        go()
    assert float((tmp_path / "people.txt").read_text()) >= went
    (tmp_path / "people.txt").unlink()
    with write.people_files_alongside(tmp_path, tmp_path, staff=None, config=None):
        pass
    assert (tmp_path / "people.txt").is_file()
