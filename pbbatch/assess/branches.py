"""The branches' quarter: score, rank across the company (or within 板塊), band, reward, and the streaks."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pbbatch.assess.branch_scoring import (
    branch_scores,
    democratic_tallies,
    department_eval_scores,
    self_scores,
    spot_check_scores,
)
from pbbatch.core.config import Config
from pbbatch.assess.consequences import low_ranked, rewards, streaks
from pbbatch.core.periods import Month, Quarter
from pbbatch.assess.ranking import rank_and_band
from pbbatch.core.records import Outcome
from pbbatch.core.registry import BRANCH, Registry
from pbbatch.assess.scoring import adjustment_detail, adjustment_scores, collect

TIE_BREAKERS = ["department", "democratic"]


@dataclass(frozen=True)
class BranchQuarter:
    quarter: Quarter
    ranking: pd.DataFrame  # one row per branch, in print order, with every consequence
    self_eval: pd.DataFrame
    dept_eval: pd.DataFrame
    democratic: pd.DataFrame  # tallies per branch, counts added up over forms
    spot_checks: pd.DataFrame  # the quarter's findings, then a line per finding overdue at its end (overdue_id)
    adjustments: pd.DataFrame
    adjustment_caps: pd.DataFrame
    vetoes: pd.DataFrame


def in_quarter(frame: pd.DataFrame, quarter: Quarter) -> pd.Series:
    """Rows of forms whose period is the quarter or one of its months."""
    return frame["period"].map(lambda p: p == quarter or (isinstance(p, Month) and p.quarter == quarter)).astype(bool)


def assess_branches(
    registry: Registry, config: Config, month: Month, outcomes: list[Outcome], history: pd.DataFrame,
    overdue: pd.DataFrame | None = None,
) -> BranchQuarter:
    """`history` holds the stored results of the quarters before (period, unit_id, head, low, last, rank);
    `overdue` the quarter's overdue deductions (rectify.status.overdue_lines), each one more 扣分 line of C."""
    quarter = month.quarter
    branches = registry.of_kind(BRANCH)
    ids = set(branches["unit_id"])

    def of_quarter(form: str, unit_column: str) -> pd.DataFrame:
        rows = collect(outcomes, form)
        return rows[in_quarter(rows, quarter) & rows[unit_column].isin(ids)]

    self_eval = of_quarter("self_eval", "submitter_id")
    dept_eval = of_quarter("dept_eval", "branch_id")
    democratic = democratic_tallies(of_quarter("democratic", "branch_id"), config)
    spot_checks = with_overdue(of_quarter("spot_checks", "branch_id"), overdue, ids)
    adjustments = of_quarter("adjustments", "unit_id")
    vetoes = of_quarter("vetoes", "unit_id")
    caps = adjustment_detail(adjustments, config)
    parts = {
        "self": self_scores(self_eval),
        "department": department_eval_scores(dept_eval),
        "democratic": democratic["democratic"].dropna(),
        "spot_check": spot_check_scores(spot_checks, branches["unit_id"]),
    }
    scores = branch_scores(branches, parts, adjustment_scores(caps), set(vetoes["unit_id"]), config)
    scores["group"] = scores["block"] if config.rank_branches_by_block else ""
    scores["group_order"] = scores.groupby("group", sort=False)["order"].transform("min")
    ranked = rank_and_band(scores, "group", TIE_BREAKERS, config)
    ranked["reward"] = rewards(ranked, config.reward_amounts)
    ranked["low"] = low_ranked(ranked, "group", config)
    flags = streaks(ranked[["unit_id", "head", "low", "last", "rank"]], history, quarter)
    ranked = ranked.merge(flags, on="unit_id", how="left")
    ranked = ranked.sort_values(["group_order", "rank", "order"], kind="stable").reset_index(drop=True)
    return BranchQuarter(
        quarter=quarter,
        ranking=ranked,
        self_eval=self_eval,
        dept_eval=dept_eval,
        democratic=democratic,
        spot_checks=spot_checks,
        adjustments=adjustments,
        adjustment_caps=caps,
        vetoes=vetoes,
    )


def with_overdue(spot_checks: pd.DataFrame, overdue: pd.DataFrame | None, ids: set[str]) -> pd.DataFrame:
    """The quarter's findings (overdue_id blank) and after them the overdue lines of active branches."""
    found = spot_checks.assign(overdue_id="")
    if overdue is None or overdue.empty:
        return found
    lines = overdue[overdue["branch_id"].isin(ids)]
    return pd.concat([found, lines], ignore_index=True) if len(found) else lines.reset_index(drop=True)


def history_rows(result: BranchQuarter) -> pd.DataFrame:
    """What the history store keeps of the quarter."""
    r = result.ranking
    return pd.DataFrame({
        "period": str(result.quarter), "unit_id": r["unit_id"], "rank": r["rank"], "total": r["total"],
        "band": r["band"], "coefficient": None, "vetoed": r["vetoed"], "low": r["low"], "last": r["last"],
        "head": r["head"],
    })
