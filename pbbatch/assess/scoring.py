"""Department scoring (contract section 3): T, L, S, M, A and the weighted total.

Pure functions over the frames of accepted rows; each component is 0-100 and 0 where there is no data.
"""

from __future__ import annotations

from array import array
from itertools import chain

import numpy as np
import pandas as pd

from pbbatch.core.config import Config
from pbbatch.core.forms import FORMS, TRIMMED_RATING_TYPES
from pbbatch.core.numeric import round_half_up
from pbbatch.core.periods import Month
from pbbatch.core.records import ACCEPTED, Outcome
from pbbatch.core.scores import DEPARTMENT_COMPONENTS

COMPONENTS = DEPARTMENT_COMPONENTS


PER_FILE = ("file", "submitter_id", "rating_type", "period")


def _counted(outcomes: list[Outcome], form: str) -> list[Outcome]:
    return [o for o in outcomes if o.status == ACCEPTED and o.form == form and o.row_count]


def counted_files(outcomes: list[Outcome], form: str) -> pd.DataFrame:
    """One row per file whose rows collect() takes: rating_type, submitter_id, file and its number of rows."""
    return pd.DataFrame([(o.rating_type or "", o.submitter_id, o.file, o.row_count) for o in _counted(outcomes, form)],
                        columns=["rating_type", "submitter_id", "file", "count"])


def collect(outcomes: list[Outcome], form: str, only: list[str] | None = None) -> pd.DataFrame:
    """Accepted rows of one form from every counting file, each row naming its file and submitter: one frame
    built from every file's columns at once; `only` those columns if given (each column of the ratings is one value per rating, a large share of the memory)."""
    wanted = only or FORMS[form].frame_columns + ["row", *PER_FILE]
    chosen = _counted(outcomes, form)
    lengths = [o.row_count for o in chosen]
    per_file = {"file": [o.file for o in chosen], "submitter_id": [o.submitter_id for o in chosen],
                "rating_type": [o.rating_type or "" for o in chosen], "period": [o.period for o in chosen]}
    columns = {name: _per_file(per_file[name], lengths) if name in per_file
               else _concatenated([o.columns[name] for o in chosen]) for name in wanted}
    frame = pd.DataFrame(columns, copy=False)  # the arrays are new: no need for a consolidated copy
    return frame.astype(object) if frame.empty else frame


def _concatenated(parts: list) -> np.ndarray | list:
    if parts and all(isinstance(p, array) for p in parts):
        return np.concatenate([np.asarray(p) for p in parts])
    return list(chain.from_iterable(parts))


def _per_file(values: list, lengths: list[int]) -> np.ndarray:
    """Each file's value repeated over its rows: references to the same few objects, made without a list."""
    per_file = np.empty(len(values), dtype=object)
    per_file[:] = values
    return per_file[np.repeat(np.arange(len(values)), lengths)]


def target_scores(targets: pd.DataFrame) -> pd.Series:
    """T = 100 × Σ得分 / Σ分值, per department."""
    sums = targets.groupby("submitter_id")[["score", "points"]].sum()
    return (100 * sums["score"] / sums["points"]).rename("target")


def leader_scores(leader_ratings: pd.DataFrame, raters: pd.DataFrame) -> pd.Series:
    """L = the leaders' scores averaged with each leader's 權重."""
    weights = raters.set_index("rater_id")["weight"]
    rows = leader_ratings.assign(weight=leader_ratings["submitter_id"].map(weights))
    rows = rows.assign(weighted=rows["weight"] * rows["score"])
    sums = rows.groupby("ratee_id")[["weighted", "weight"]].sum()
    return (sums["weighted"] / sums["weight"]).rename("leader")


def _codes(column: pd.Series) -> np.ndarray:
    """Integers that sort as the column's values do."""
    return pd.factorize(column, sort=True)[0]


TRIM_MARKS = ("", "high", "low")  # the `trim` column's values, stored as one-byte codes into this tuple


def _trim_column(codes: np.ndarray) -> pd.Categorical:
    """The marks as a categorical of TRIM_MARKS: compared and listed as the strings, at a byte a rating."""
    return pd.Categorical.from_codes(codes, categories=list(TRIM_MARKS))


def _trim_codes(groups: np.ndarray, ratings: pd.DataFrame, trim_above: int) -> np.ndarray:
    """Per row, the code of its mark: 'low' / 'high' for the first and last of its group by (score, rater) when
    the group has more than trim_above rows, else ''. Sorted as index arrays: 6.8 million ratings are never
    copied to be sorted."""
    scores = ratings["score"].to_numpy(dtype=float)
    order = np.lexsort((_codes(ratings["submitter_id"]), scores, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]]) if len(order) else order
    ends = np.r_[starts[1:], len(order)] - 1
    large = ends - starts + 1 > trim_above
    codes = np.zeros(len(order), dtype=np.int8)
    codes[order[starts[large]]] = TRIM_MARKS.index("low")
    codes[order[ends[large]]] = TRIM_MARKS.index("high")
    return codes


def trimmed_means(marked: pd.DataFrame, kinds: tuple[str, ...]) -> dict[str, pd.Series]:
    """Per rating type of `kinds`: each ratee's mean of the scores not dropped (trim == '').

    One groupby over integer keys of the whole frame, in row order as a groupby per type would: the 6.8 million
    ratings of the benchmark's 100x are never copied type by type."""
    kind_codes, kind_names = pd.factorize(marked["rating_type"])
    ratee_codes, ratees = pd.factorize(marked["ratee_id"])
    code_of = {k: kind_names.get_loc(k) for k in kinds if k in kind_names}
    kept = (marked["trim"] == "").to_numpy() & np.isin(kind_codes, list(code_of.values()))
    key = kind_codes[kept] * len(ratees) + ratee_codes[kept]
    del ratee_codes
    means = pd.Series(marked["score"].to_numpy(dtype=float)[kept]).groupby(key).mean()
    kind_at, ratee_at = np.divmod(means.index.to_numpy(), max(len(ratees), 1))
    result = {}
    for kind in kinds:
        at = kind_at == code_of.get(kind, -1)
        result[kind] = pd.Series(means.to_numpy()[at], index=ratees[ratee_at[at]], name=kind, dtype=float)
    return result


def adjustment_detail(adjustments: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Per unit and category: the sum of 分值, the cap, and the capped amount that counts."""
    sums = adjustments.groupby(["unit_id", "category"], as_index=False)["points"].sum()
    low = sums["category"].map(lambda c: config.adjustment_caps[c][0])
    high = sums["category"].map(lambda c: config.adjustment_caps[c][1])
    return sums.assign(low=low, high=high, counted=sums["points"].clip(lower=low, upper=high))


def adjustment_scores(detail: pd.DataFrame) -> pd.Series:
    return detail.groupby("unit_id")["counted"].sum().rename("adjustment")


def vetoes_for_month(vetoes: pd.DataFrame, month: Month) -> pd.DataFrame:
    """Monthly veto rows of the month, and quarterly ones whose 發生日期 falls in it."""
    keep = vetoes.apply(
        lambda r: r["period"] == month or (not isinstance(r["period"], Month) and month.contains(r["date"])), axis=1
    ) if len(vetoes) else pd.Series([], dtype=bool)
    return vetoes[keep.astype(bool)]


def mark_all_ratings(ratings: pd.DataFrame, trim_above: int) -> pd.DataFrame:
    """Every rating row with its `trim` mark: service and mutual ratings trimmed per ratee, leaders' never."""
    kind = _codes(ratings["rating_type"])
    groups = kind * (len(ratings) + 1) + _codes(ratings["ratee_id"])  # one group per (rating type, ratee)
    codes = _trim_codes(groups, ratings, trim_above)
    codes[~ratings["rating_type"].isin(TRIMMED_RATING_TYPES).to_numpy()] = TRIM_MARKS.index("")
    return ratings.assign(trim=_trim_column(codes))


def department_scores(
    departments: pd.DataFrame,
    targets: pd.DataFrame,
    marked_ratings: pd.DataFrame,
    adjustments: pd.Series,
    vetoed: set[str],
    raters: pd.DataFrame,
    config: Config,
) -> pd.DataFrame:
    """One row per department: the four components, A, the total (all rounded half-up), veto and missing data.

    `marked_ratings` are the rating rows with their trim marks (mark_all_ratings)."""
    is_leader = (marked_ratings["rating_type"] == "leader").to_numpy()
    parts = {
        "target": target_scores(targets),
        "leader": leader_scores(marked_ratings[is_leader], raters),
        **trimmed_means(marked_ratings, TRIMMED_RATING_TYPES),
    }
    return weighted_totals(departments, parts, adjustments, vetoed, config.department_weights)


def weighted_totals(units: pd.DataFrame, parts: dict[str, pd.Series], adjustments: pd.Series, vetoed: set[str],
                    weights: dict[str, float]) -> pd.DataFrame:
    """One row per unit: each component of `parts` (0 and listed in `missing` where a unit has no data), A, and
    total = Σ weight·component + A; and whether the unit is vetoed. Each component and A is rounded half-up
    first and the total is made from them, so anyone can recompute a printed total from the printed figures."""
    components = list(parts)
    frame = units[["unit_id", "unit_name", "block", "head", "order"]].copy()
    for name, series in parts.items():
        frame[name] = frame["unit_id"].map(series)
    frame["missing"] = [[c for c, value in zip(components, row) if pd.isna(value)]
                        for row in frame[components].itertuples(index=False)]
    frame[components] = frame[components].astype(float).fillna(0.0)
    frame["adjustment"] = frame["unit_id"].map(adjustments).astype(float).fillna(0.0)
    for column in (*components, "adjustment"):
        frame[column] = frame[column].map(round_half_up)
    total = sum(weights[c] * frame[c] for c in components) + frame["adjustment"]
    frame["total"] = total.map(round_half_up)
    frame["vetoed"] = frame["unit_id"].isin(vetoed)
    return frame
