"""Competition ranks, the 2:7:1 bands for every small block size, vetoes, and 'last'."""

import dataclasses

import pandas as pd
import pytest

from conftest import UNITS, adjustments, democratic, dept_eval, ratings, targets, with_items, write_registry
from pbbatch.core.config import default_config
from pbbatch.core.periods import Month
from pbbatch.run import run
from pbbatch.assess.ranking import band_limits, rank_and_band

CONFIG = default_config(".")


def group(totals, vetoed=(), target=None, leader=None, block="X"):
    n = len(totals)
    return pd.DataFrame({
        "unit_id": [f"U{i:02d}" for i in range(1, n + 1)],
        "block": block,
        "total": totals,
        "target": target or [0.0] * n,
        "leader": leader or [0.0] * n,
        "vetoed": [f"U{i:02d}" in vetoed for i in range(1, n + 1)],
    })


def ranked(frame, config=CONFIG):
    out = rank_and_band(frame, "block", ["target", "leader"], config)
    return out.set_index("unit_id")


def test_competition_rank_skips_after_ties():
    out = ranked(group([90, 85, 85, 80]))
    assert list(out["rank"]) == [1, 2, 2, 4]


def test_tie_breakers_target_then_leader():
    out = ranked(group([85, 85, 85, 85], target=[70, 80, 80, 80], leader=[90, 60, 70, 70]))
    assert out["rank"].to_dict() == {"U01": 4, "U02": 3, "U03": 1, "U04": 1}


def test_vetoed_units_come_after_every_other_unit_whatever_their_total():
    out = ranked(group([99, 50, 60], vetoed={"U01"}))
    assert out["rank"].to_dict() == {"U01": 3, "U02": 2, "U03": 1}
    assert out.loc["U01", "band"] == "C" and out.loc["U01", "last"]


def test_two_vetoed_units_rank_among_themselves_by_total():
    out = ranked(group([99, 95, 60, 70], vetoed={"U01", "U02"}))
    assert out["rank"].to_dict() == {"U01": 3, "U02": 4, "U03": 2, "U04": 1}
    assert out.loc["U01", "last"] and out.loc["U02", "last"]  # vetoed always counts as last


def test_ranks_are_per_block():
    frame = pd.concat([group([90, 80], block="A"), group([70, 95], block="B")], ignore_index=True)
    frame["unit_id"] = ["A1", "A2", "B1", "B2"]
    out = ranked(frame)
    assert out["rank"].to_dict() == {"A1": 1, "A2": 2, "B1": 2, "B2": 1}


# a = round_half_up(0.2 n), c = round_half_up(0.1 n)
EXPECTED_LIMITS = {1: (0, 0), 2: (0, 0), 3: (1, 0), 4: (1, 0), 5: (1, 1), 6: (1, 1), 7: (1, 1), 8: (2, 1),
                   9: (2, 1), 10: (2, 1), 11: (2, 1), 12: (2, 1)}


@pytest.mark.parametrize("n", range(1, 13))
def test_bands_for_distinct_totals(n):
    a, c = EXPECTED_LIMITS[n]
    assert band_limits(n, CONFIG) == (a, c)
    out = ranked(group([100 - i for i in range(n)]))
    expected = ["A"] * a + ["B"] * (n - a - c) + ["C"] * c
    assert list(out["band"]) == expected
    assert list(out["coefficient"]) == [{"A": 1.2, "B": 1.0, "C": 0.8}[b] for b in expected]
    assert sum(out["band"] == "A") + sum(out["band"] == "B") + sum(out["band"] == "C") == n


@pytest.mark.parametrize("n", range(3, 13))
def test_tie_at_the_top_boundary_falls_in_the_units_favour(n):
    a, _ = EXPECTED_LIMITS[n]
    totals = [100 - i for i in range(n)]
    totals[a] = totals[a - 1]  # the unit just below band A ties the last unit in it
    out = ranked(group(totals))
    assert list(out["band"][: a + 1]) == ["A"] * (a + 1)


@pytest.mark.parametrize("n", range(5, 13))
def test_tie_at_the_bottom_boundary_falls_in_the_units_favour(n):
    _, c = EXPECTED_LIMITS[n]
    totals = [100 - i for i in range(n)]
    totals[n - c] = totals[n - c - 1]  # the first unit of band C ties the last of band B
    out = ranked(group(totals))
    assert out["band"].iloc[n - c] == "B"
    assert out["band"].iloc[n - c - 1] == "B"


def test_all_tied_block_of_ten_is_all_band_a():
    out = ranked(group([80.0] * 10))
    assert set(out["rank"]) == {1} and set(out["band"]) == {"A"}
    assert out["last"].all()  # everyone holds the worst rank too


@pytest.mark.parametrize("n", range(1, 13))
def test_a_vetoed_unit_is_always_band_c_even_when_first_on_total(n):
    out = ranked(group([100 - i for i in range(n)], vetoed={"U01"}))
    assert out.loc["U01", "band"] == "C"
    assert out.loc["U01", "rank"] == n
    assert out.loc["U01", "coefficient"] == 0.8


def test_single_unit_block_is_band_b_and_not_last():
    out = ranked(group([95.0]))  # contract v2 §3: a unit alone in its group is not last unless vetoed
    assert out.loc["U01", "band"] == "B" and not out.loc["U01", "last"]


def test_band_rounding_and_shares_come_from_config():
    config = dataclasses.replace(CONFIG, band_shares=(0.3, 0.5, 0.2), band_rounding="floor")
    assert band_limits(7, config) == (2, 1)
    config = dataclasses.replace(config, band_rounding="ceil")
    assert band_limits(7, config) == (3, 2)
    out = ranked(group([100 - i for i in range(7)]), config)
    assert list(out["band"]) == ["A"] * 3 + ["B"] * 2 + ["C"] * 2


# Through the real assessments (a whole run), so the tie-breaker lists, the rounding before ranking and
# `branches.rank_by_block` that the code actually uses are pinned, not lists passed in by the test.


def department_ranks(tmp_path, target_scores, leader_scores, extra=None):
    """Ranks of D01 and D02 (both in 黨務) in a run where they have only T (of 100 points), L (one leader), and A."""
    write_registry(tmp_path / "名冊.xlsx")
    inbox = tmp_path / "inbox"
    for unit, score in target_scores.items():
        targets(inbox, unit, [["重點目標", "目標", 100, "", score]])
    ratings(inbox, "L01", "領導評價", leader_scores)
    if extra:
        adjustments(inbox, "D03", [[unit, "其他", points, "事由", None] for unit, points in extra.items()])
    ranking = run(with_items(default_config(tmp_path)), Month(2026, 3)).departments.ranking.set_index("unit_id")
    return ranking.loc[["D01", "D02"], "rank"].to_dict()


def test_departments_tie_on_total_are_ranked_by_target_first(tmp_path):
    """Contract 3: equal totals, then T descending (before L)."""
    # D01: 0.4·80 + 0.3·79 = 55.7; D02: 0.4·79 + 0.3·80 + 0.1 = 55.7. T says D01, L would say D02.
    assert department_ranks(tmp_path, {"D01": 80, "D02": 79}, {"D01": 79, "D02": 80}, {"D02": 0.1}) == \
        {"D01": 1, "D02": 2}


def test_departments_tie_on_total_and_target_are_ranked_by_leader(tmp_path):
    """Contract 3: equal totals and T, then L descending."""
    # D01: 0.4·80 + 0.3·80 = 56; D02: 0.4·80 + 0.3·79 + 0.3 = 56.
    assert department_ranks(tmp_path, {"D01": 80, "D02": 80}, {"D01": 80, "D02": 79}, {"D02": 0.3}) == \
        {"D01": 1, "D02": 2}


def test_components_are_rounded_before_they_break_a_tie(tmp_path):
    """Contract 3: ranking uses the rounded total and rounded components, so what is printed is what ranks."""
    # T 80.004 and 80.001 both print 80.00; totals 32.0016 and 32.0004 both print 32.00: a tie, "1, 1".
    assert department_ranks(tmp_path, {"D01": 80.004, "D02": 80.001}, {"D01": 0, "D02": 0}) == {"D01": 1, "D02": 1}


BRANCH_UNITS = [  # the small company's departments; four branches in two blocks
    *UNITS[:3],
    ["B01", "一支部", "基層黨支部", "井下", "趙剛", ""],
    ["B02", "二支部", "基層黨支部", "井下", "錢進", ""],
    ["B03", "三支部", "基層黨支部", "地面", "孫立", ""],
    ["B04", "四支部", "基層黨支部", "地面", "周敏", ""],
]


def branch_ranking(tmp_path, d_scores, votes, extra=None, **config):
    """A run of 2026-03 (ends 2026-Q1) where branches have D (three items, K01 40 · K02 30 · K03 30), P and A."""
    write_registry(tmp_path / "名冊.xlsx", units=BRANCH_UNITS)
    inbox = tmp_path / "inbox"
    dept_eval(inbox, "D01", ["K01", "K03"], {b: [s[0], s[2]] for b, s in d_scores.items()})
    dept_eval(inbox, "D02", ["K02"], {b: [s[1]] for b, s in d_scores.items()})
    democratic(inbox, "D01", [[b, "", 20, 20, *grades, 0] for b, grades in votes.items()])
    if extra:
        adjustments(inbox, "D03", [[unit, "其他", points, "事由", None] for unit, points in extra.items()],
                    period="2026-Q1")
    cfg = dataclasses.replace(with_items(default_config(tmp_path)), **config)
    return run(cfg, Month(2026, 3)).branches.ranking.set_index("unit_id")


P80 = [0, 20, 0, 0]  # 20 良好: P = 80
P79 = [0, 19, 1, 0]  # (19·80 + 60) / 20 = 79


def test_branches_tie_on_total_are_ranked_by_department_score_first(tmp_path):
    """Contract 3: equal totals, then D descending (before P)."""
    # B01: 0.4·80 + 0.25·79 + 25 = 76.75; B02: 0.4·79 + 0.25·80 + 25 + 0.15 = 76.75. D says B01, P would say B02.
    out = branch_ranking(tmp_path, {"B01": [40, 20, 20], "B02": [40, 19, 20]}, {"B01": P79, "B02": P80},
                         {"B02": 0.15})
    assert out.loc[["B01", "B02"], "total"].tolist() == [76.75, 76.75]
    assert out.loc[["B01", "B02"], "rank"].to_dict() == {"B01": 1, "B02": 2}


def test_branches_tie_on_total_and_department_score_are_ranked_by_democratic(tmp_path):
    """Contract 3: equal totals and D, then P descending."""
    # B01: 0.4·80 + 0.25·80 + 25 = 77; B02: 0.4·80 + 0.25·79 + 25 + 0.25 = 77.
    out = branch_ranking(tmp_path, {"B01": [40, 20, 20], "B02": [40, 20, 20]}, {"B01": P80, "B02": P79},
                         {"B02": 0.25})
    assert out.loc[["B01", "B02"], "total"].tolist() == [77.0, 77.0]
    assert out.loc[["B01", "B02"], "rank"].to_dict() == {"B01": 1, "B02": 2}


def test_rank_by_block_ranks_and_rewards_each_block_on_its_own(tmp_path):
    """Contract 3: branches ranked within 板塊 when rank_by_block; docs/decisions.md: rewards paid per block."""
    d = {"B01": [40, 30, 30], "B02": [36, 27, 27], "B03": [32, 24, 24], "B04": [28, 21, 21]}  # D 100, 90, 80, 70
    votes = {b: P80 for b in d}
    out = branch_ranking(tmp_path, d, votes, rank_branches_by_block=True)
    assert list(out.index[:4]) == ["B01", "B02", "B03", "B04"]  # grouped by block in registry order
    assert out["rank"].to_dict() == {"B01": 1, "B02": 2, "B03": 1, "B04": 2}
    assert out["reward"].to_dict() == {"B01": 3000, "B02": 2000, "B03": 3000, "B04": 2000}
    assert out["low"].to_dict() == {"B01": False, "B02": True, "B03": False, "B04": True}  # k = max(1, 0.2) = 1
    assert set(out["band"]) == {"B"}  # n = 2 per block: a = c = 0
    whole = branch_ranking(tmp_path / "whole", d, votes)  # the default ranks across the company
    assert whole["rank"].to_dict() == {"B01": 1, "B02": 2, "B03": 3, "B04": 4}
