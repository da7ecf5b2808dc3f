"""Department components T, L, S, M, A and the total, from frames of accepted rows."""

import dataclasses

import pandas as pd
import pytest

from pbbatch.core.config import default_config
from pbbatch.core.periods import Month, Quarter
from pbbatch.assess.scoring import (
    adjustment_detail,
    adjustment_scores,
    department_scores,
    mark_all_ratings,
    leader_scores,
    target_scores,
    trimmed_means,
    vetoes_for_month,
)

CONFIG = default_config(".")


def rating_rows(scores, ratee="D01", kind="service"):
    return pd.DataFrame({
        "ratee_id": ratee, "score": [float(s) for s in scores], "rating_type": kind,
        "submitter_id": [f"R{i:02d}" for i in range(len(scores))],
    })


def test_target_is_100_times_score_sum_over_points_sum():
    rows = pd.DataFrame({"submitter_id": ["D01", "D01", "D02"], "points": [60.0, 30.0, 50.0],
                         "score": [54.0, 27.0, 40.0]})
    assert target_scores(rows).to_dict() == {"D01": 90.0, "D02": 80.0}


def test_leader_score_is_weighted_by_each_leaders_weight():
    raters = pd.DataFrame({"rater_id": ["L01", "L02", "L03"], "weight": [2.0, 1.0, 1.0]})
    rows = pd.DataFrame({"ratee_id": "D01", "submitter_id": ["L01", "L02", "L03"], "score": [90.0, 80.0, 70.0]})
    assert leader_scores(rows, raters)["D01"] == pytest.approx((180 + 80 + 70) / 4)


@pytest.mark.parametrize("raters", [1, 2, 3, 4, 5])
def test_no_trimming_at_or_below_the_threshold(raters):
    scores = [60, 100, 80, 90, 70][:raters]
    marked = mark_all_ratings(rating_rows(scores), trim_above=5)
    assert set(marked["trim"]) == {""}
    assert trimmed_means(marked, ("service",))["service"]["D01"] == pytest.approx(sum(scores) / raters)


def test_above_the_threshold_one_highest_and_one_lowest_are_dropped():
    marked = mark_all_ratings(rating_rows([60, 100, 80, 90, 70, 85]), trim_above=5)
    assert sorted(marked["trim"]) == ["", "", "", "", "high", "low"]
    assert marked.loc[marked["trim"] == "high", "score"].item() == 100
    assert marked.loc[marked["trim"] == "low", "score"].item() == 60
    assert trimmed_means(marked, ("service",))["service"]["D01"] == pytest.approx((80 + 90 + 70 + 85) / 4)


def test_only_one_of_several_tied_extremes_is_dropped():
    marked = mark_all_ratings(rating_rows([100, 100, 100, 50, 50, 80, 90]), trim_above=5)
    assert list(marked["trim"]).count("high") == 1 and list(marked["trim"]).count("low") == 1
    assert trimmed_means(marked, ("service",))["service"]["D01"] == pytest.approx((100 + 100 + 50 + 80 + 90) / 5)


def test_of_tied_extremes_the_first_rater_by_code_loses_the_low_and_the_last_the_high():
    rows = rating_rows([100, 50, 80, 100, 50, 90]).assign(submitter_id=["R05", "R09", "R01", "R02", "R03", "R04"])
    marked = mark_all_ratings(rows, trim_above=5)
    assert marked.set_index("submitter_id")["trim"].to_dict() == {
        "R05": "high", "R09": "", "R01": "", "R02": "", "R03": "low", "R04": ""}


def test_all_ratings_are_trimmed_per_type_and_ratee_and_leaders_never():
    rows = pd.concat([rating_rows([60, 100, 80, 90, 70, 85], "D01", "service"),
                      rating_rows([60, 100, 80, 90, 70, 85], "D01", "leader"),
                      rating_rows([60, 100, 80, 90, 70], "D01", "mutual"),
                      rating_rows([61, 99, 80, 90, 70, 85], "D02", "mutual")], ignore_index=True)
    marked = mark_all_ratings(rows, trim_above=5)
    dropped = marked[marked["trim"] != ""]
    assert sorted(zip(dropped["rating_type"], dropped["ratee_id"], dropped["score"], dropped["trim"])) == [
        ("mutual", "D02", 61.0, "low"), ("mutual", "D02", 99.0, "high"),
        ("service", "D01", 60.0, "low"), ("service", "D01", 100.0, "high")]
    assert marked.index.equals(rows.index)  # the rows stay in their order


def test_trimming_is_per_ratee():
    rows = pd.concat([rating_rows([60, 100, 80, 90, 70, 85], "D01"), rating_rows([60, 100, 80], "D02")])
    marked = mark_all_ratings(rows.reset_index(drop=True), trim_above=5)
    assert set(marked.loc[marked["ratee_id"] == "D02", "trim"]) == {""}


def test_adjustments_are_capped_per_category_then_summed():
    rows = pd.DataFrame({
        "unit_id": ["D01"] * 5,
        "category": ["safety", "safety", "business", "other", "other"],
        "points": [4.0, 3.0, -12.0, 2.0, -1.0],
    })
    detail = adjustment_detail(rows, CONFIG)
    assert detail.set_index("category")["counted"].to_dict() == {"business": -10.0, "other": 1.0, "safety": 5.0}
    assert adjustment_scores(detail)["D01"] == -4.0


def test_veto_rows_of_the_month_and_quarter_forms_dated_in_it():
    rows = pd.DataFrame({
        "unit_id": ["D01", "D02", "D03"],
        "period": [Month(2026, 3), Quarter(2026, 1), Quarter(2026, 1)],
        "date": [pd.Timestamp("2026-03-02").date(), pd.Timestamp("2026-03-20").date(),
                 pd.Timestamp("2026-02-11").date()],
    })
    assert list(vetoes_for_month(rows, Month(2026, 3))["unit_id"]) == ["D01", "D02"]
    assert list(vetoes_for_month(rows, Month(2026, 2))["unit_id"]) == ["D03"]


def departments(*ids):
    return pd.DataFrame({"unit_id": list(ids), "unit_name": list(ids), "block": "X", "head": "", "order": 0})


EMPTY_RATINGS = pd.DataFrame(columns=["ratee_id", "score", "rating_type", "submitter_id"])
EMPTY_TARGETS = pd.DataFrame(columns=["submitter_id", "points", "score"])
RATERS = pd.DataFrame({"rater_id": ["L01"], "weight": [1.0]})


def test_total_is_weighted_sum_plus_adjustment_rounded_half_up():
    targets = pd.DataFrame({"submitter_id": ["D01"], "points": [100.0], "score": [80.0]})
    ratings = pd.concat([
        rating_rows([82], kind="leader").assign(submitter_id="L01"),
        rating_rows([80], kind="service"),
        rating_rows([84.5], kind="mutual"),
    ], ignore_index=True)
    out = department_scores(departments("D01"), targets, mark_all_ratings(ratings, 5), pd.Series({"D01": 5.0}), set(),
                            RATERS, CONFIG)
    row = out.iloc[0]
    assert (row["target"], row["leader"], row["service"], row["mutual"], row["adjustment"]) == (80, 82, 80, 84.5, 5)
    assert row["total"] == 86.28  # 86.275 half-up
    assert row["missing"] == []


def test_weights_come_from_config():
    config = dataclasses.replace(CONFIG, department_weights={"target": 1.0, "leader": 0.0, "service": 0.0,
                                                             "mutual": 0.0})
    targets = pd.DataFrame({"submitter_id": ["D01"], "points": [100.0], "score": [73.0]})
    out = department_scores(departments("D01"), targets, mark_all_ratings(EMPTY_RATINGS, 5), pd.Series(dtype=float),
                            set(), RATERS, config)
    assert out.iloc[0]["total"] == 73.0


def test_missing_components_score_zero_and_are_flagged():
    ratings = rating_rows([90], kind="mutual")
    out = department_scores(departments("D01", "D02"), EMPTY_TARGETS, mark_all_ratings(ratings, 5),
                            pd.Series(dtype=float), {"D02"}, RATERS, CONFIG).set_index("unit_id")
    assert out.loc["D01", "missing"] == ["target", "leader", "service"]
    assert out.loc["D01", "mutual"] == 90.0 and out.loc["D01", "target"] == 0.0
    assert out.loc["D01", "total"] == 13.5
    assert out.loc["D02", "missing"] == ["target", "leader", "service", "mutual"]
    assert out.loc["D02", "vetoed"] and not out.loc["D01", "vetoed"]


def test_department_service_and_mutual_scores_are_the_trimmed_means():
    ratings = pd.concat([rating_rows([60, 100, 80, 90, 70, 85], kind="service"),
                         rating_rows([50, 90, 90, 90, 90, 100, 95], kind="mutual"),
                         rating_rows([100, 40], kind="leader").assign(submitter_id=["L01", "L01"])],
                        ignore_index=True)
    out = department_scores(departments("D01"), EMPTY_TARGETS, mark_all_ratings(ratings, 5), pd.Series(dtype=float),
                            set(), RATERS, CONFIG).iloc[0]
    assert out["service"] == round((80 + 90 + 70 + 85) / 4, 2)  # 100 and 60 dropped
    assert out["mutual"] == 91.0  # 50 and 100 dropped: (90 · 4 + 95) / 5
    assert out["leader"] == 70.0  # leaders are never trimmed
