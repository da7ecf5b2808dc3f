"""The output tables, as DataFrames with headers and values in the output locale (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pbbatch.core.catalogue import label
from pbbatch.core.config import Config
from pbbatch.assess.branches import BranchQuarter
from pbbatch.assess.departments import DepartmentMonth
from pbbatch.intake.expected import missing_detail, missing_reason
from pbbatch.core.forms import RATING_TYPES, TRIMMED_RATING_TYPES
from pbbatch.core.registry import Registry
from pbbatch.assess.scoring import COMPONENTS
from pbbatch.core.records import CORRECTED
from pbbatch.core.records import Outcome, Problem
from pbbatch.core.scores import DEPARTMENT_SCORES

RANKING_COLUMNS = [
    "block", "rank", "unit_id", "unit_name", "head", "target", "leader", "service", "mutual",
    "adjustment", "total", "vetoed", "band", "coefficient", "reflection", "missing",
]
SCORE_COLUMNS = list(DEPARTMENT_SCORES)


def _yes(flag: bool, locale: str) -> str:
    return label("yes", locale) if flag else ""


def _headers(keys: list[str], locale: str, prefix: str) -> list[str]:
    return [label(f"{prefix}{k}", locale) for k in keys]


def department_ranking(result: DepartmentMonth, locale: str) -> pd.DataFrame:
    r = result.ranking
    frame = pd.DataFrame({
        "block": r["block"], "rank": r["rank"], "unit_id": r["unit_id"], "unit_name": r["unit_name"],
        "head": r["head"], **{c: r[c] for c in SCORE_COLUMNS},
        "vetoed": [_yes(v, locale) for v in r["vetoed"]],
        "band": r["band"], "coefficient": r["coefficient"],
        "reflection": [_yes(v, locale) for v in r["reflection"]],
        "missing": ["、".join(label(f"out.{c}", locale) for c in m) for m in r["missing"]],
    })
    frame.columns = _headers(RANKING_COLUMNS, locale, "out.")
    return frame


def score_decimals(locale: str) -> dict[str, int]:
    return {label(f"out.{c}", locale): 2 for c in SCORE_COLUMNS} | {label("out.coefficient", locale): 2}


def calculation(result: DepartmentMonth, config: Config, locale: str) -> pd.DataFrame:
    """How each department's total was made, one row per department."""
    r = result.ranking
    targets = result.targets.groupby("submitter_id")[["points", "score"]].sum()
    counted = (result.ratings["trim"] == "").to_numpy()
    counts = result.ratings[["ratee_id", "rating_type"]][counted].value_counts()
    weights = config.department_weights

    def count(unit: str, kind: str) -> int:
        return int(counts.get((unit, kind), 0))

    def formula(row) -> str:
        parts = " + ".join(f"{weights[c]:.2f}×{row[c]:.2f}" for c in COMPONENTS)
        return f"{parts} + ({row['adjustment']:+.2f}) = {row['total']:.2f}"

    frame = pd.DataFrame({
        label("out.unit_id", locale): r["unit_id"],
        label("out.unit_name", locale): r["unit_name"],
        label("calc.points_sum", locale): r["unit_id"].map(targets["points"]),
        label("calc.score_sum", locale): r["unit_id"].map(targets["score"]),
        label("out.target", locale): r["target"],
        label("calc.leader_count", locale): [count(u, "leader") for u in r["unit_id"]],
        label("out.leader", locale): r["leader"],
        label("calc.service_count", locale): [count(u, "service") for u in r["unit_id"]],
        label("out.service", locale): r["service"],
        label("calc.mutual_count", locale): [count(u, "mutual") for u in r["unit_id"]],
        label("out.mutual", locale): r["mutual"],
        label("out.adjustment", locale): r["adjustment"],
        label("out.total", locale): r["total"],
        label("calc.formula", locale): [formula(row) for _, row in r.iterrows()],
    })
    return frame


def target_detail(result: DepartmentMonth, registry: Registry, locale: str) -> pd.DataFrame:
    t = result.targets
    return pd.DataFrame({
        label("out.unit_id", locale): t["submitter_id"],
        label("out.unit_name", locale): t["submitter_id"].map(registry.name_of),
        label("detail.category", locale): [label(f"target_cat.{c}", locale) for c in t["category"]],
        label("detail.target", locale): t["target"],
        label("detail.points", locale): t["points"],
        label("detail.progress", locale): t["progress"],
        label("detail.score", locale): t["score"],
        label("detail.file", locale): t["file"],
        label("detail.row", locale): t["row"],
    })


@dataclass(frozen=True)
class Grid:
    """A table of leading columns, one row per unit, followed by a grid of numbers with one header per column."""

    lead: pd.DataFrame
    headers: list[str]
    values: np.ndarray  # float, NaN where there is no number
    struck: np.ndarray  # bool: the cells shown struck through


def rating_grid(result: DepartmentMonth, registry: Registry, kind: str, locale: str) -> Grid:
    """One row per department (in ranking order), one column per rater of `kind` (leader, service or mutual):
    the score each rater gave, a dropped score struck through, and the figures the component is made of.

    A tenth of the cells of a list with one row per rating, and the same facts: the rater's file is in
    rating_sources()."""
    of_kind = (result.ratings["rating_type"] == kind).to_numpy()
    rows = result.ratings[["ratee_id", "submitter_id", "score", "trim"]][of_kind]
    units = pd.Index(result.ranking["unit_id"])
    units = units.append(pd.Index(sorted(set(rows["ratee_id"].unique()) - set(units))))  # unique(): no per-row loop
    raters = pd.Index(sorted(rows["submitter_id"].unique()))
    at = (units.get_indexer(rows["ratee_id"]), raters.get_indexer(rows["submitter_id"]))
    values = np.full((len(units), len(raters)), np.nan)
    values[at] = rows["score"].to_numpy(dtype=float)
    struck = np.zeros(values.shape, dtype=bool)
    struck[at] = (rows["trim"] != "").to_numpy()

    component = result.ranking.set_index("unit_id")[kind]
    lead = {
        label("out.unit_id", locale): units,
        label("out.unit_name", locale): units.map(registry.name_of),
        label("detail.ratings", locale): (~np.isnan(values)).sum(axis=1),
    }
    if kind in TRIMMED_RATING_TYPES:
        for trim, key in (("high", "detail.dropped_high"), ("low", "detail.dropped_low")):
            dropped = rows[rows["trim"] == trim].set_index("ratee_id")["score"]
            lead[label(key, locale)] = units.map(dropped)
    lead[label(f"out.{kind}", locale)] = units.map(component)
    return Grid(pd.DataFrame(lead), [_rater_header(r, registry, kind, locale) for r in raters], values, struck)


def _rater_header(rater: str, registry: Registry, kind: str, locale: str) -> str:
    header = f"{rater} {registry.name_of(rater)}"
    if kind == "leader":
        header += f" ({label('detail.weight', locale)} {registry.weight_of(rater):g})"
    return header


def rating_sources(result: DepartmentMonth, registry: Registry, locale: str) -> pd.DataFrame:
    """One row per counted rating file: who rated, with what weight, how many scores, from which file."""
    files = result.rating_files.copy()
    files["_kind"] = files["rating_type"].map(RATING_TYPES.index)
    files = files.sort_values(["_kind", "submitter_id"], kind="stable")
    return pd.DataFrame({
        label("detail.rating_type", locale): [label(f"rating.{k}", locale) for k in files["rating_type"]],
        label("detail.rater_id", locale): files["submitter_id"],
        label("detail.rater_name", locale): files["submitter_id"].map(registry.name_of),
        label("detail.weight", locale): [registry.weight_of(s) if k == "leader" else None
                                         for s, k in zip(files["submitter_id"], files["rating_type"])],
        label("detail.ratings_given", locale): files["count"],
        label("detail.file", locale): files["file"],
    })


def adjustment_rows(result: DepartmentMonth | BranchQuarter, registry: Registry, locale: str) -> pd.DataFrame:
    t = result.adjustments
    return pd.DataFrame({
        label("out.unit_id", locale): t["unit_id"],
        label("out.unit_name", locale): t["unit_id"].map(registry.name_of),
        label("detail.category", locale): [label(f"adj_cat.{c}", locale) for c in t["category"]],
        label("detail.points", locale): t["points"],
        label("detail.reason", locale): t["reason"],
        label("detail.date", locale): t["date"],
        label("detail.submitter", locale): t["submitter_id"],
        label("detail.file", locale): t["file"],
        label("detail.row", locale): t["row"],
    })


def adjustment_caps(result: DepartmentMonth | BranchQuarter, registry: Registry, locale: str) -> pd.DataFrame:
    t = result.adjustment_caps
    return pd.DataFrame({
        label("out.unit_id", locale): t["unit_id"],
        label("out.unit_name", locale): t["unit_id"].map(registry.name_of),
        label("detail.category", locale): [label(f"adj_cat.{c}", locale) for c in t["category"]],
        label("detail.category_sum", locale): t["points"],
        label("detail.cap", locale): [f"[{lo:g}, {hi:g}]" for lo, hi in zip(t["low"], t["high"])],
        label("detail.category_counted", locale): t["counted"],
    })


def veto_rows(result: DepartmentMonth | BranchQuarter, registry: Registry, locale: str) -> pd.DataFrame:
    t = result.vetoes
    return pd.DataFrame({
        label("out.unit_id", locale): t["unit_id"],
        label("out.unit_name", locale): t["unit_id"].map(registry.name_of),
        label("detail.category", locale): t["category"],
        label("detail.reason", locale): t["reason"],
        label("detail.date", locale): t["date"],
        label("detail.decided_by", locale): t["decided_by"],
        label("detail.submitter", locale): t["submitter_id"],
        label("detail.file", locale): t["file"],
        label("detail.row", locale): t["row"],
    })


# ---------------------------------------------------------------- processing report


def _form_label(form: str | None, locale: str) -> str:
    return label(f"form.{form}", locale) if form else ""


def _rating_label(rating_type: str | None, locale: str) -> str:
    return label(f"rating.{rating_type}", locale) if rating_type else ""


def files_table(outcomes: list[Outcome], registry: Registry, locale: str) -> pd.DataFrame:
    rows = [
        (
            o.file, o.sha256, _form_label(o.form, locale), _rating_label(o.rating_type, locale), o.submitter_id,
            registry.name_of(o.submitter_id) if o.submitter_id else "", str(o.period) if o.period else "",
            o.version if o.form else None, label(f"file_status.{o.status}", locale), o.note_text(locale),
        )
        for o in outcomes
    ]
    keys = ["file", "sha256", "form", "rating_type", "submitter_id", "submitter_name", "period", "version",
            "status", "note"]
    return pd.DataFrame(rows, columns=_headers(keys, locale, "report."))


def problems_table(outcomes: list[Outcome], locale: str, notes: list[Problem] = ()) -> pd.DataFrame:
    """Every problem at its cell; a corrected file's say so in the last column, so nobody chases them. Then the
    run's own `notes` (a rule changed since the period was stored: config.toml, at its key)."""
    rows = [
        (p.file, p.sheet_name(locale), p.cell, label(f"level.{p.level}", locale), p.render(locale),
         o.note_text(locale) if o.status == CORRECTED else "")
        for o in outcomes
        for p in o.problems
    ] + [(p.file, p.sheet_name(locale), p.cell, label(f"level.{p.level}", locale), p.render(locale), "")
         for p in notes]
    keys = ["file", "sheet", "cell", "level", "message", "file_status"]
    return pd.DataFrame(rows, columns=_headers(keys, locale, "report."))


def missing_table(missing: pd.DataFrame, registry: Registry, locale: str) -> pd.DataFrame:
    def who(code: str) -> str:
        return f"{code} {registry.name_of(code)}" if code else ""

    rows = [
        (
            _form_label(m.form, locale), _rating_label(m.rating_type, locale), m.submitter_id,
            registry.name_of(m.submitter_id), who(m.subject_id), str(m.period),
            missing_reason(m.reason, m.detail, locale), m.file,
            missing_detail(m.detail, locale) if m.reason != "other_period" else "",
        )
        for m in missing.itertuples(index=False)
    ]
    keys = ["form", "rating_type", "submitter_id", "submitter_name", "subject", "period", "reason", "arrived",
            "message"]
    return pd.DataFrame(rows, columns=_headers(keys, locale, "report."))
