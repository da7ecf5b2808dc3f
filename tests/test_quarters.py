"""Runs over several quarters: streaks that follow the secretary, a gap quarter, vetoes, re-running a period,
and the quarterly payout of the departments' monthly coefficients."""

from pathlib import Path

import pandas as pd
import pytest

from conftest import ITEMS, dept_eval, democratic, full_month, self_eval, targets, vetoes, with_items, write_registry
from pbbatch.core.config import default_config
from pbbatch.core.periods import Month, Quarter
from pbbatch.run import run

DEPARTMENTS = [
    ["D01", "組織部", "黨群部門", "黨務", "王明", ""],
    ["D02", "宣傳部", "黨群部門", "黨務", "李華", ""],
    ["D03", "工會", "黨群部門", "群團", "張強", ""],
]
HEADS = {"B01": "趙剛", "B02": "錢進", "B03": "孫立", "B04": "周敏"}


def registry(folder: Path, heads: dict[str, str] = HEADS) -> None:
    branches = [[b, f"{b}黨支部", "基層黨支部", "", head, ""] for b, head in heads.items()]
    write_registry(folder / "名冊.xlsx", units=DEPARTMENTS + branches)


def quarter_forms(inbox: Path, quarter: Quarter, levels: dict[str, float]) -> None:
    """The quarter's forms, every component of a branch at `level` (0..1) of its maximum."""
    folder = inbox / str(quarter)
    folder.mkdir(parents=True, exist_ok=True)
    points = {code: p for code, _, p, _ in ITEMS}
    for branch, level in levels.items():
        self_eval(folder, branch, {code: round(p * level, 1) for code, p in points.items()}, period=str(quarter))
    dept_eval(folder, "D01", ["K01", "K03"], {b: [round(40 * v, 1), round(30 * v, 1)] for b, v in levels.items()},
              period=str(quarter))
    dept_eval(folder, "D02", ["K02"], {b: [round(30 * v, 1)] for b, v in levels.items()}, period=str(quarter))
    rows = [[b, "", 20, 20, round(20 * v), 20 - round(20 * v), 0, 0, 0] for b, v in levels.items()]
    democratic(folder, "D01", rows, period=str(quarter))


@pytest.fixture
def company(tmp_path):
    registry(tmp_path)
    (tmp_path / "inbox").mkdir()
    return with_items(default_config(tmp_path))


def quarter_run(config, quarter: Quarter, levels: dict[str, float], **veto):
    quarter_forms(config.inbox, quarter, levels)
    month = quarter.months[-1]
    for branch, day in veto.items():
        vetoes(config.inbox / str(quarter), "D03", [[branch, "安全目標", "事故", day, "安監部"]],
               period=str(month), name=f"veto_{branch}_{month}.xlsx")
    result = run(config, month)
    return result.branches.ranking.set_index("unit_id")


FLAGS = ["rank", "low", "last", "admonish", "removal"]
STEADY = {"B01": 0.95, "B02": 0.85, "B03": 0.75, "B04": 0.5}  # B04 always last


def test_admonishment_after_two_low_quarters_removal_after_three_last(company):
    seen = [quarter_run(company, Quarter(2026, q), STEADY).loc["B04", FLAGS].tolist() for q in (1, 2, 3, 4)]
    assert seen == [
        [4, True, True, False, False],
        [4, True, True, True, False],
        [4, True, True, True, True],
        [4, True, True, True, True],
    ]


def test_a_new_secretary_starts_afresh(company):
    quarter_run(company, Quarter(2026, 1), STEADY)
    quarter_run(company, Quarter(2026, 2), STEADY)
    registry(company.base_dir, {**HEADS, "B04": "吳新"})  # the secretary of B04 changes
    q3 = quarter_run(company, Quarter(2026, 3), STEADY).loc["B04"]
    assert (q3["head"], q3["admonish"], q3["removal"]) == ("吳新", False, False)
    q4 = quarter_run(company, Quarter(2026, 4), STEADY).loc["B04"]
    assert (q4["admonish"], q4["removal"]) == (True, False)
    assert [(q, head) for q, _, head in q4["basis"]] == [("2026-Q4", "吳新"), ("2026-Q3", "吳新")]


def test_a_gap_quarter_breaks_every_streak(company):
    quarter_run(company, Quarter(2026, 1), STEADY)
    # 2026-Q2 is never run
    q3 = quarter_run(company, Quarter(2026, 3), STEADY).loc["B04"]
    assert (q3["admonish"], q3["removal"]) == (False, False)
    q4 = quarter_run(company, Quarter(2026, 4), STEADY).loc["B04"]
    assert (q4["admonish"], q4["removal"]) == (True, False)


def test_a_vetoed_branch_is_last_low_never_rewarded_and_its_streak_counts(company):
    levels = {"B01": 0.99, "B02": 0.85, "B03": 0.75, "B04": 0.5}
    seen = []
    for q in (1, 2, 3):
        quarter = Quarter(2026, q)
        ranking = quarter_run(company, quarter, levels, B01=str(quarter.months[-1].first_day))
        seen.append(ranking.loc["B01", ["rank", "band", "reward", "low", "last", "admonish", "removal"]].tolist())
        assert ranking.loc["B02", "reward"] == 3000  # first of those not vetoed
        assert not ranking.loc["B04", "last"]  # the vetoed unit holds the worst rank now
    assert seen == [
        [4, "C", 0, True, True, False, False],
        [4, "C", 0, True, True, True, False],
        [4, "C", 0, True, True, True, True],
    ]


def test_re_running_an_earlier_quarter_replaces_its_record(company):
    quarter_run(company, Quarter(2026, 1), STEADY)
    quarter_run(company, Quarter(2026, 2), STEADY)
    assert quarter_run(company, Quarter(2026, 3), STEADY).loc["B04", "removal"]
    # Q1 is corrected: B04 was not last after all. Re-running Q1 replaces its stored result ...
    better = {**STEADY, "B04": 0.9}
    for path in (company.inbox / "2026-Q1").iterdir():
        path.unlink()
    assert not quarter_run(company, Quarter(2026, 1), better).loc["B04", "last"]
    # ... so re-running Q3 no longer finds three last quarters running.
    for path in (company.inbox / "2026-Q3").iterdir():
        path.unlink()
    q3 = quarter_run(company, Quarter(2026, 3), STEADY).loc["B04"]
    assert (q3["admonish"], q3["removal"]) == (True, False)


def test_ties_at_the_reward_boundary_share_the_reward(company):
    ranking = quarter_run(company, Quarter(2026, 1), {"B01": 0.9, "B02": 0.8, "B03": 0.7, "B04": 0.7})
    assert ranking["rank"].to_dict() == {"B01": 1, "B02": 2, "B03": 3, "B04": 3}
    assert ranking["reward"].to_dict() == {"B01": 3000, "B02": 2000, "B03": 1000, "B04": 1000}
    # k = max(1, round_half_up(0.1 · 4)) = 1: rank > 3 alone would spare a tie for last at rank 3, but a unit
    # holding the worst rank is always low-ranked (contract v2 §3), and both are last
    assert ranking["low"].to_dict() == {"B01": False, "B02": False, "B03": True, "B04": True}
    assert ranking["last"].to_dict() == {"B01": False, "B02": False, "B03": True, "B04": True}


def test_quarterly_payout_from_three_monthly_runs(company):
    inbox = company.inbox
    for m, d02_score in ((1, 95), (2, 60)):
        month = Month(2026, m)
        full_month(inbox / str(month), str(month))
        targets(inbox / str(month), "D02", [["重點目標", "宣傳報道", 100, "完成", d02_score]], period=str(month),
                name=f"targets_D02_{month}.xlsx")
        run(company, month)
    # March: only D01's targets came (a month with nothing accepted would not run at all); every department
    # keeps its computed result, band by rank
    targets(inbox, "D01", [["重點目標", "黨員發展", 100, "完成", 90]], name="targets_D01_2026-03.xlsx")
    result = run(company, Month(2026, 3))
    payout = result.payout.set_index("unit_id")
    coefficients = {m: payout[m].to_dict() for m in ("2026-01", "2026-02", "2026-03")}
    march = result.departments.ranking.set_index("unit_id")["coefficient"].to_dict()
    assert coefficients["2026-03"] == march
    assert payout.loc["D01", "mean"] == round((coefficients["2026-01"]["D01"] + coefficients["2026-02"]["D01"]
                                               + march["D01"]) / 3, 4)
    assert payout["defaulted"].map(len).sum() == 0


def test_a_month_with_no_stored_result_counts_one_and_is_flagged(company):
    full_month(company.inbox / "2026-01", "2026-01")
    run(company, Month(2026, 1))
    targets(company.inbox, "D01", [["重點目標", "黨員發展", 100, "完成", 90]], name="targets_D01_2026-03.xlsx")
    result = run(company, Month(2026, 3))  # February never run
    payout = result.payout.set_index("unit_id")
    assert payout.loc["D01", "2026-02"] == 1.0
    assert payout.loc["D01", "defaulted"] == ["2026-02"]
    sheet = pd.read_excel(result.folder / "部門月度考核_2026-03.xlsx", sheet_name="季度兌現", engine="calamine")
    assert list(sheet.columns) == ["板塊", "單位編號", "單位名稱", "2026-01", "2026-02", "2026-03", "平均係數", "說明"]
    assert sheet.set_index("單位編號").loc["D01", "說明"] == "2026-02 無考核結果，按 1.0 計。"
