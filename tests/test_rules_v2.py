"""The scoring and consequence rules clarified in contract version 2 (§3, §4): totals from the rounded
components, the worst rank always low-ranked, 檢查反思 for every department that is 墊底, and the branch 排名's
板塊 column when ranking by block."""

import dataclasses

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from conftest import UNITS, dept_eval, democratic, ratings, targets, vetoes, with_items, write_registry
from pbbatch.assess.branch_scoring import branch_scores
from pbbatch.outputs.branch_tables import branch_ranking
from pbbatch.core.config import default_config
from pbbatch.assess.consequences import low_ranked
from pbbatch.core.numeric import round_half_up
from pbbatch.core.periods import Month
from pbbatch.run import run
from pbbatch.assess.ranking import rank_and_band
from pbbatch.assess.scoring import department_scores, mark_all_ratings, weighted_totals

CONFIG = default_config(".")
RATERS = pd.DataFrame({"rater_id": ["L01"], "weight": [1.0]})


def units(*ids, block="X"):
    return pd.DataFrame({"unit_id": list(ids), "unit_name": list(ids), "block": block, "head": "", "order": 0})


# ---------------------------------------------------------------- the total from the rounded components


def test_a_department_total_is_computed_from_its_rounded_components():
    # S 85.555 prints 85.56 and M 90.005 prints 90.01. From the unrounded ones the total would be
    # 32 + 24 + 12.83325 + 13.50075 = 82.334 -> 82.33; from the printed ones 32 + 24 + 12.834 + 13.5015 = 82.3355
    # -> 82.34, which anyone can recompute from the 排名 sheet.
    target_rows = pd.DataFrame({"submitter_id": ["D01"], "points": [100.0], "score": [80.0]})
    rating_rows = pd.DataFrame({"ratee_id": "D01", "score": [80.0, 85.555, 90.005],
                                "rating_type": ["leader", "service", "mutual"], "submitter_id": ["L01", "B01", "D02"]})
    out = department_scores(units("D01"), target_rows, mark_all_ratings(rating_rows, 5), pd.Series(dtype=float),
                            set(), RATERS, CONFIG).iloc[0]
    assert (out["target"], out["leader"], out["service"], out["mutual"]) == (80.0, 80.0, 85.56, 90.01)
    assert out["total"] == 82.34


def test_a_branch_total_is_computed_from_its_rounded_components():
    # C 80.375 prints 80.38: 8 + 32 + 20 + 20.095 = 80.095 -> 80.10 (from 80.375 it would be 80.09375 -> 80.09)
    parts = {"self": pd.Series({"B01": 80.0}), "department": pd.Series({"B01": 80.0}),
             "democratic": pd.Series({"B01": 80.0}), "spot_check": pd.Series({"B01": 80.375})}
    out = branch_scores(units("B01"), parts, pd.Series(dtype=float), set(), CONFIG).iloc[0]
    assert (out["spot_check"], out["total"]) == (80.38, 80.1)


def test_the_adjustment_is_rounded_before_it_is_added():
    # T 80.004 and A 0.0049 print 80.00 and 0.00, so the total is 80.00 (from the unrounded ones: 80.0089 -> 80.01)
    out = weighted_totals(units("D01"), {"target": pd.Series({"D01": 80.004})}, pd.Series({"D01": 0.0049}), set(),
                          {"target": 1.0}).iloc[0]
    assert (out["target"], out["adjustment"], out["total"]) == (80.0, 0.0, 80.0)


component = st.integers(min_value=0, max_value=100_000).map(lambda x: x / 1000)  # three decimals: halves happen
adjustment = st.integers(min_value=-30_000, max_value=15_000).map(lambda x: x / 1000)


@given(st.lists(st.tuples(component, component, component, component, adjustment), min_size=1, max_size=8))
def test_every_printed_total_is_recomputed_from_the_printed_components(rows):
    for weights, names in ((CONFIG.department_weights, ("target", "leader", "service", "mutual")),
                           (CONFIG.branch_weights, ("self", "department", "democratic", "spot_check"))):
        ids = [f"U{i}" for i in range(len(rows))]
        parts = {name: pd.Series([r[i] for r in rows], index=ids) for i, name in enumerate(names)}
        out = weighted_totals(units(*ids), parts, pd.Series([r[4] for r in rows], index=ids), set(), weights)
        for row in out.itertuples(index=False):
            printed = sum(weights[n] * getattr(row, n) for n in names) + row.adjustment
            assert row.total == round_half_up(printed, 2)
            assert all(getattr(row, n) == round_half_up(getattr(row, n), 2) for n in (*names, "adjustment"))


# ---------------------------------------------------------------- 墊底 and 排名靠後


def ranked_group(totals, vetoed=()):
    frame = pd.DataFrame({"unit_id": [f"U{i}" for i in range(1, len(totals) + 1)], "grp": "g", "total": totals,
                          "target": 0.0, "leader": 0.0})
    frame["vetoed"] = frame["unit_id"].isin(vetoed)
    return rank_and_band(frame, "grp", ["target", "leader"], CONFIG).set_index("unit_id")


def test_a_tie_for_last_is_low_ranked_although_its_rank_is_n_minus_1():
    out = ranked_group([90, 80, 70, 70])  # ranks 1, 2, 3, 3: k = 1, so "rank > 3" alone would spare both
    assert out["rank"].tolist() == [1, 2, 3, 3]
    assert low_ranked(out, "grp", CONFIG).tolist() == [False, False, True, True]
    assert out["last"].tolist() == [False, False, True, True]


def test_the_worst_rank_without_a_tie_is_low_ranked_as_before():
    out = ranked_group([90, 80, 70, 60])
    assert low_ranked(out, "grp", CONFIG).tolist() == [False, False, False, True]


def test_a_unit_alone_in_its_group_is_not_last_unless_vetoed():
    assert not ranked_group([95.0]).loc["U1", "last"]
    assert ranked_group([95.0], vetoed={"U1"}).loc["U1", "last"]


def test_two_vetoed_units_are_both_last():
    out = ranked_group([99, 95, 60, 70], vetoed={"U1", "U2"})
    assert out["last"].to_dict() == {"U1": True, "U2": True, "U3": False, "U4": False}


# ---------------------------------------------------------------- 檢查反思, through a whole run


def reflection(tmp_path, veto_units=(), units=UNITS):
    """D01 and D02 in 黨務, D03 alone in 群團; D01 best, D02 second."""
    write_registry(tmp_path / "名冊.xlsx", units=units)
    inbox = tmp_path / "inbox"
    for unit, score in (("D01", 90), ("D02", 80), ("D03", 70)):
        targets(inbox, unit, [["重點目標", "目標", 100, "", score]])
    ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": 70})
    if veto_units:
        vetoes(inbox, "D03", [[u, "安全目標", "事由", "2026-03-10", ""] for u in veto_units])
    ranking = run(with_items(default_config(tmp_path)), Month(2026, 3)).departments.ranking.set_index("unit_id")
    return ranking["reflection"].to_dict()


def test_reflection_goes_to_the_worst_of_a_block_of_two_but_not_to_a_department_alone_in_its_block(tmp_path):
    assert reflection(tmp_path) == {"D01": False, "D02": True, "D03": False}


def test_a_department_alone_in_its_block_reflects_when_vetoed(tmp_path):
    assert reflection(tmp_path, veto_units=("D03",)) == {"D01": False, "D02": True, "D03": True}


def test_two_vetoed_departments_of_one_block_both_reflect(tmp_path):
    assert reflection(tmp_path, veto_units=("D01", "D02")) == {"D01": True, "D02": True, "D03": False}


# ---------------------------------------------------------------- the branch 排名's 板塊 column


BRANCH_UNITS = [*UNITS[:3], ["B01", "一支部", "基層黨支部", "井下", "趙剛", ""],
                ["B02", "二支部", "基層黨支部", "地面", "錢進", ""]]


def branch_result(tmp_path, by_block):
    write_registry(tmp_path / "名冊.xlsx", units=BRANCH_UNITS)
    inbox = tmp_path / "inbox"
    dept_eval(inbox, "D01", ["K01", "K03"], {"B01": [36, 27], "B02": [30, 20]})
    democratic(inbox, "D01", [["B01", "", 20, 20, 10, 10, 0, 0, 0], ["B02", "", 20, 20, 5, 15, 0, 0, 0]])
    config = dataclasses.replace(with_items(default_config(tmp_path)), rank_branches_by_block=by_block)
    return run(config, Month(2026, 3)).branches


def test_the_branch_ranking_starts_with_the_block_when_ranking_by_block(tmp_path):
    table = branch_ranking(branch_result(tmp_path, True), "zh-Hant", by_block=True)
    assert list(table.columns[:3]) == ["板塊", "排名", "單位編號"]
    assert table[["板塊", "單位編號", "排名"]].values.tolist() == [["井下", "B01", 1], ["地面", "B02", 1]]


def test_the_branch_ranking_has_no_block_column_when_ranking_across_the_company(tmp_path):
    table = branch_ranking(branch_result(tmp_path, False), "zh-Hant", by_block=False)
    assert list(table.columns[:2]) == ["排名", "單位編號"] and "板塊" not in table.columns
