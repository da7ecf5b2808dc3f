"""The departments' month: score, rank within 板塊, band, and flag every 墊底 for 檢查反思."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pbbatch.core.config import Config
from pbbatch.core.periods import Month
from pbbatch.assess.ranking import rank_and_band
from pbbatch.core.registry import DEPARTMENT, Registry
from pbbatch.assess.scoring import (
    adjustment_detail,
    adjustment_scores,
    collect,
    counted_files,
    department_scores,
    mark_all_ratings,
    vetoes_for_month,
)
from pbbatch.core.records import Outcome

TIE_BREAKERS = ["target", "leader"]
RATING_COLUMNS = ["ratee_id", "score", "submitter_id", "rating_type"]  # the bulk of the rows: no more


@dataclass(frozen=True)
class DepartmentMonth:
    month: Month
    ranking: pd.DataFrame  # one row per department, in print order
    targets: pd.DataFrame  # the counted target rows
    ratings: pd.DataFrame  # every counted rating row, with `trim` marks
    rating_files: pd.DataFrame  # one row per counted rating file: rating_type, submitter_id, file, count
    adjustments: pd.DataFrame  # the counted adjustment rows, with reasons
    adjustment_caps: pd.DataFrame  # per unit and category: sum, cap, counted
    vetoes: pd.DataFrame  # the veto rows that count for the month


DEPARTMENT_FORMS = ("targets", "ratings")  # the forms whose rows only this assessment reads


def assess_departments(registry: Registry, config: Config, month: Month, outcomes: list[Outcome]) -> DepartmentMonth:
    departments = registry.of_kind(DEPARTMENT)
    dept_ids = set(departments["unit_id"])
    targets = collect(outcomes, "targets")
    ratings = collect(outcomes, "ratings", RATING_COLUMNS)
    rating_files = counted_files(outcomes, "ratings")
    adjustments = collect(outcomes, "adjustments")
    adjustments = adjustments[(adjustments["period"] == month) & adjustments["unit_id"].isin(dept_ids)]
    vetoes = vetoes_for_month(collect(outcomes, "vetoes"), month)
    vetoes = vetoes[vetoes["unit_id"].isin(dept_ids)]
    caps = adjustment_detail(adjustments, config)
    marked = mark_all_ratings(ratings, config.trim_above)
    scores = department_scores(
        departments, targets, marked, adjustment_scores(caps), set(vetoes["unit_id"]), registry.raters, config
    )
    ranked = rank_and_band(scores, "block", TIE_BREAKERS, config)
    ranked["reflection"] = ranked["last"]  # every 墊底 of its block: vetoed, or worst in a block of two or more
    block_order = {b: i for i, b in enumerate(registry.blocks())}
    ranked = ranked.assign(_block=ranked["block"].map(block_order))
    ranked = ranked.sort_values(["_block", "rank", "order"], kind="stable").drop(columns="_block")
    return DepartmentMonth(
        month=month,
        ranking=ranked.reset_index(drop=True),
        targets=targets,
        ratings=marked,
        rating_files=rating_files,
        adjustments=adjustments,
        adjustment_caps=caps,
        vetoes=vetoes,
    )


def history_rows(result: DepartmentMonth) -> pd.DataFrame:
    """What the history store keeps of the month (the payout needs each month's coefficient)."""
    r = result.ranking
    return pd.DataFrame({
        "period": str(result.month), "unit_id": r["unit_id"], "rank": r["rank"], "total": r["total"],
        "band": r["band"], "coefficient": r["coefficient"], "vetoed": r["vetoed"], "low": False,
        "last": r["last"], "head": r["head"],
    })
