"""Rewards, 排名靠後, 誡勉談話 / 崗位淘汰 over quarters (following the person), and the quarterly payout."""

import dataclasses

import pandas as pd
import pytest

from pbbatch.history import store as history
from pbbatch.core.config import default_config
from pbbatch.assess.consequences import low_ranked, quarterly_payout, rewards, streaks
from pbbatch.core.periods import Month, Quarter

CONFIG = default_config(".")
Q3 = Quarter(2026, 3)


def ranked(ranks, vetoed=()):
    return pd.DataFrame({"unit_id": [f"B{i:02d}" for i in range(1, len(ranks) + 1)], "rank": ranks,
                         "vetoed": [f"B{i:02d}" in vetoed for i in range(1, len(ranks) + 1)], "grp": "all"})


def test_rewards_by_rank_with_ties_at_three_included():
    frame = ranked([1, 2, 3, 3, 5])
    assert list(rewards(frame, (3000, 2000, 1000))) == [3000, 2000, 1000, 1000, 0]
    frame = ranked([1, 1, 3, 4])
    assert list(rewards(frame, (3000, 2000, 1000))) == [3000, 3000, 1000, 0]


def test_a_vetoed_branch_is_never_rewarded():
    assert list(rewards(ranked([1, 2, 3], vetoed={"B01"}), (3000, 2000, 1000))) == [0, 2000, 1000]


@pytest.mark.parametrize("n, k", [(1, 1), (4, 1), (10, 1), (14, 1), (15, 2), (20, 2), (25, 3)])
def test_low_ranked_takes_k_of_n_at_least_one(n, k):
    frame = ranked(list(range(1, n + 1)))
    assert list(low_ranked(frame, "grp", CONFIG)) == [False] * (n - k) + [True] * k


def test_low_ranked_boundary_ties_are_not_low_but_vetoed_and_the_worst_rank_always_are():
    frame = ranked([1, 2, 3, 4, 5, 6, 7, 8, 8, 10], vetoed={"B01"})
    assert list(low_ranked(frame, "grp", CONFIG)) == [True] + [False] * 8 + [True]  # rank 8 is not > 10 - 1
    frame = ranked([1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
    assert list(low_ranked(frame, "grp", CONFIG)) == [False] * 8 + [True] * 2  # a tie for last is low (v2 §3)
    frame = ranked([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert list(low_ranked(frame, "grp", dataclasses.replace(CONFIG, low_share=0.25))) == [False] * 7 + [True] * 3


def record(period, unit, head, low, last, rank=9):
    return {"period": period, "unit_id": unit, "head": head, "low": low, "last": last, "rank": rank}


def now(unit="B01", head="趙剛", low=True, last=True, rank=10):
    return pd.DataFrame([{"unit_id": unit, "head": head, "low": low, "last": last, "rank": rank}])


def past(*records):
    return pd.DataFrame(list(records), columns=["period", "unit_id", "head", "low", "last", "rank"])


def test_admonishment_needs_low_this_quarter_and_the_one_before_with_the_same_secretary():
    hist = past(record("2026-Q2", "B01", "趙剛", True, False, 8))
    out = streaks(now(last=False), hist, Q3).iloc[0]
    assert out["admonish"] and not out["removal"]
    assert out["basis"] == [("2026-Q3", 10, "趙剛"), ("2026-Q2", 8, "趙剛")]
    assert not streaks(now(low=False, last=False), hist, Q3).iloc[0]["admonish"]


def test_a_new_secretary_starts_a_new_streak():
    hist = past(record("2026-Q2", "B01", "錢進", True, True), record("2026-Q1", "B01", "錢進", True, True))
    out = streaks(now(head="趙剛"), hist, Q3).iloc[0]
    assert not out["admonish"] and not out["removal"]


def test_removal_needs_last_three_times_running_with_the_same_secretary():
    hist = past(record("2026-Q2", "B01", "趙剛", True, True), record("2026-Q1", "B01", "趙剛", True, True))
    out = streaks(now(), hist, Q3).iloc[0]
    assert out["removal"] and out["admonish"]
    assert [q for q, _, _ in out["basis"]] == ["2026-Q3", "2026-Q2", "2026-Q1"]
    # the secretary changed two quarters ago: only two quarters are theirs
    hist = past(record("2026-Q2", "B01", "趙剛", True, True), record("2026-Q1", "B01", "錢進", True, True))
    out = streaks(now(), hist, Q3).iloc[0]
    assert out["admonish"] and not out["removal"]


def test_a_missing_quarter_breaks_the_streak():
    hist = past(record("2026-Q1", "B01", "趙剛", True, True), record("2025-Q4", "B01", "趙剛", True, True))
    out = streaks(now(), hist, Q3).iloc[0]  # nothing stored for 2026-Q2
    assert not out["admonish"] and not out["removal"]


def test_last_but_not_low_in_between_still_counts_for_removal_only_through_last():
    hist = past(record("2026-Q2", "B01", "趙剛", True, True), record("2026-Q1", "B01", "趙剛", False, False))
    out = streaks(now(), hist, Q3).iloc[0]
    assert out["admonish"] and not out["removal"]


def test_streaks_cross_the_year_boundary():
    hist = past(record("2025-Q4", "B01", "趙剛", True, True), record("2025-Q3", "B01", "趙剛", True, True))
    assert streaks(now(), hist, Quarter(2026, 1)).iloc[0]["removal"]


def test_quarterly_payout_means_the_three_months_and_defaults_a_missing_one_to_one():
    current = pd.DataFrame({"unit_id": ["D01", "D02"], "coefficient": [1.2, 0.8]})
    hist = pd.DataFrame({"period": ["2026-01", "2026-02", "2026-01"], "unit_id": ["D01", "D01", "D02"],
                         "coefficient": [1.2, 1.0, 1.0]})
    out = quarterly_payout(current, hist, Month(2026, 3)).set_index("unit_id")
    assert out.loc["D01", ["2026-01", "2026-02", "2026-03", "mean"]].tolist() == [1.2, 1.0, 1.2, 1.1333]
    assert out.loc["D01", "defaulted"] == []
    assert out.loc["D02", ["2026-02", "mean"]].tolist() == [1.0, 0.9333]
    assert out.loc["D02", "defaulted"] == ["2026-02"]


def test_history_replaces_a_period_in_one_transaction(tmp_path):
    path = tmp_path / "h.sqlite"
    first = pd.DataFrame([{"period": "2026-Q1", "unit_id": "B01", "rank": 3, "total": 80.5, "band": "B",
                           "coefficient": None, "vetoed": False, "low": False, "last": False, "head": "趙剛"},
                          {"period": "2026-Q1", "unit_id": "B02", "rank": 1, "total": 90.0, "band": "A",
                           "coefficient": None, "vetoed": False, "low": False, "last": False, "head": "錢進"}])
    history.replace_periods(path, first, "run")
    history.replace_periods(path, first.iloc[:1].assign(rank=5, low=True), "run")
    stored = history.load(path, ["2026-Q1"])
    assert stored[["unit_id", "rank", "low"]].values.tolist() == [["B01", 5, True]]
    assert history.stored_periods(path).values.tolist() == [["2026-Q1", "run", 1]]


def test_history_failure_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "h.sqlite"
    good = pd.DataFrame([{"period": "2026-Q1", "unit_id": "B01", "rank": 3, "total": 80.5, "head": "趙剛",
                          "vetoed": False, "low": False, "last": False}])
    history.replace_periods(path, good, "run")
    duplicate = pd.concat([good.assign(rank=1), good.assign(rank=2)])  # breaks the primary key mid-write
    with pytest.raises(Exception):
        history.replace_periods(path, duplicate, "run")
    assert history.load(path, ["2026-Q1"])["rank"].tolist() == [3]
