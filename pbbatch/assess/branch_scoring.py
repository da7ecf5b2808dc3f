"""Branch scoring (contract section 3, 'Branches, quarterly'): Z, D, P, C, A and the weighted total."""

from __future__ import annotations

import pandas as pd

from pbbatch.core.config import Config
from pbbatch.assess.scoring import weighted_totals
from pbbatch.core.scores import BRANCH_COMPONENTS

COMPONENTS = BRANCH_COMPONENTS
GRADES = ("excellent", "good", "fair", "poor")


def self_scores(self_eval: pd.DataFrame) -> pd.Series:
    """Z = Σ 自評得分 over the items of the branch's own form."""
    return self_eval.groupby("submitter_id")["score"].sum().rename("self")


def department_eval_scores(dept_eval: pd.DataFrame) -> pd.Series:
    """D = Σ over items of the owner department's score for the branch (rows are already owner-only)."""
    return dept_eval.groupby("branch_id")["score"].sum().rename("department")


def democratic_tallies(democratic: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Per branch: the counts added up over every counted form, turnout, and P."""
    counts = ["eligible", "present", *GRADES, "abstain"]
    tallies = democratic.groupby("branch_id")[counts].sum()
    valid = tallies[list(GRADES)].sum(axis=1)
    points = sum(tallies[g] * config.democratic_points[g] for g in GRADES)
    tallies["valid"] = valid
    tallies["turnout"] = (tallies["present"] / tallies["eligible"]).where(tallies["eligible"] > 0)
    tallies["democratic"] = (points / valid).where(valid > 0)
    tallies["files"] = democratic.groupby("branch_id")["file"].agg(lambda files: "、".join(sorted(set(files))))
    return tallies


def spot_check_scores(spot_checks: pd.DataFrame, branch_ids: pd.Series) -> pd.Series:
    """C = max(0, 100 − Σ扣分 in the quarter); a branch with no finding keeps 100."""
    deductions = spot_checks.groupby("branch_id")["deduction"].sum()
    total = branch_ids.map(deductions).fillna(0.0)
    return pd.Series((100 - total).clip(lower=0).values, index=branch_ids.values, name="spot_check")


def branch_scores(
    branches: pd.DataFrame,
    parts: dict[str, pd.Series],
    adjustments: pd.Series,
    vetoed: set[str],
    config: Config,
) -> pd.DataFrame:
    """One row per branch: Z, D, P, C, A and the total, rounded half-up; veto; missing components.

    `parts` maps each of COMPONENTS to a Series by branch id; an absent id is a component with no data.
    """
    return weighted_totals(branches, {c: parts[c] for c in COMPONENTS}, adjustments, vetoed, config.branch_weights)
