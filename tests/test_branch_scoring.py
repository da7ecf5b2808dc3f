"""Branch components Z, D, P, C and the total."""

import pandas as pd
import pytest

from pbbatch.assess.branch_scoring import (
    branch_scores,
    democratic_tallies,
    department_eval_scores,
    self_scores,
    spot_check_scores,
)
from pbbatch.core.config import default_config

CONFIG = default_config(".")


def test_self_score_is_the_sum_over_items():
    rows = pd.DataFrame({"submitter_id": ["B01", "B01", "B02"], "item_id": ["K01", "K02", "K01"],
                         "score": [9.0, 8.5, 10.0]})
    assert self_scores(rows).to_dict() == {"B01": 17.5, "B02": 10.0}


def test_department_score_sums_the_owners_item_scores_for_the_branch():
    rows = pd.DataFrame({"submitter_id": ["D01", "D01", "D02"], "branch_id": ["B01", "B01", "B01"],
                         "item_id": ["K01", "K03", "K02"], "score": [9.0, 7.0, 8.0]})
    assert department_eval_scores(rows).to_dict() == {"B01": 24.0}


def democratic_row(branch, eligible, present, e, g, f, p, abstain=0):
    return {"branch_id": branch, "file": "d.xlsx", "eligible": eligible, "present": present, "excellent": e, "good": g, "fair": f,
            "poor": p, "abstain": abstain}


def test_democratic_points_per_valid_ballot_abstentions_excluded():
    rows = pd.DataFrame([democratic_row("B01", 40, 36, 20, 10, 4, 0, 2)])
    tallies = democratic_tallies(rows, CONFIG)
    assert tallies.loc["B01", "democratic"] == pytest.approx((20 * 100 + 10 * 80 + 4 * 60) / 34)
    assert tallies.loc["B01", "turnout"] == pytest.approx(0.9)


def test_democratic_counts_add_up_across_forms():
    rows = pd.DataFrame([democratic_row("B01", 20, 18, 10, 8, 0, 0), democratic_row("B01", 20, 20, 0, 0, 10, 10)])
    tallies = democratic_tallies(rows, CONFIG)
    assert tallies.loc["B01", ["eligible", "present", "valid"]].tolist() == [40, 38, 38]
    assert tallies.loc["B01", "democratic"] == pytest.approx((10 * 100 + 8 * 80 + 10 * 60 + 10 * 40) / 38)


def test_democratic_with_only_abstentions_has_no_score():
    tallies = democratic_tallies(pd.DataFrame([democratic_row("B01", 10, 5, 0, 0, 0, 0, 5)]), CONFIG)
    assert pd.isna(tallies.loc["B01", "democratic"])


def test_spot_checks_deduct_from_100_never_below_zero_and_no_findings_keep_100():
    rows = pd.DataFrame({"branch_id": ["B01", "B01", "B02"], "deduction": [3.0, 2.5, 120.0]})
    out = spot_check_scores(rows, pd.Series(["B01", "B02", "B03"]))
    assert out.to_dict() == {"B01": 94.5, "B02": 0.0, "B03": 100.0}


def test_branch_total_weights_missing_flags_and_veto():
    branches = pd.DataFrame({"unit_id": ["B01", "B02"], "unit_name": ["一", "二"], "block": "", "head": "",
                             "order": [0, 1]})
    parts = {
        "self": pd.Series({"B01": 95.0}),
        "department": pd.Series({"B01": 88.0, "B02": 70.0}),
        "democratic": pd.Series({"B01": 91.5}),
        "spot_check": pd.Series({"B01": 97.0, "B02": 100.0}),
    }
    out = branch_scores(branches, parts, pd.Series({"B01": -2.0}), {"B02"}, CONFIG).set_index("unit_id")
    assert out.loc["B01", "total"] == 89.83  # 0.1·95 + 0.4·88 + 0.25·91.5 + 0.25·97 − 2 = 89.825, half-up
    assert out.loc["B02", "missing"] == ["self", "democratic"] and out.loc["B02", "vetoed"]
    assert out.loc["B02", "total"] == 0.4 * 70 + 0.25 * 100
