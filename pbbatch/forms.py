"""The forms of contract section 2: their names, periods, submitters and data columns, defined once."""

from __future__ import annotations

from dataclasses import dataclass

from .periods import Month, Period, Quarter

MONTH, QUARTER = "month", "quarter"

# Who may submit: a leader (rater code), a department, a branch, or any active unit.
LEADER, DEPARTMENT, BRANCH, ANY_UNIT = "leader", "department", "branch", "any"


@dataclass(frozen=True)
class Column:
    key: str  # the canonical column name used in frames
    label: str  # catalogue key of its header
    kind: str  # code | text | number | date | choice
    required: bool = True
    choices: tuple[str, ...] = ()  # catalogue keys, for kind == choice
    prefilled: bool = False  # the blank form fills it in; not one of the submitter's key cells


@dataclass(frozen=True)
class FormSpec:
    name: str
    periods: tuple[str, ...]
    columns: tuple[Column, ...]
    accumulates: bool = False  # every accepted file counts (deduplicated by content)
    submitter: str = ANY_UNIT
    needs_rows: bool = True

    @property
    def label(self) -> str:
        return f"form.{self.name}"

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]

    @property
    def key_columns(self) -> list[Column]:
        """The cells the submitter fills in: a row where all of them are blank is skipped."""
        return [c for c in self.required if not c.prefilled]


RATING_TYPES = ("leader", "service", "mutual")
RATING_SUBMITTER = {"leader": LEADER, "service": BRANCH, "mutual": DEPARTMENT}
TARGET_CATEGORIES = ("target_cat.key", "target_cat.common", "target_cat.safety")
ADJUSTMENT_CATEGORIES = ("adj_cat.safety", "adj_cat.business", "adj_cat.other")

FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        FormSpec(
            "targets",
            (MONTH,),
            (
                Column("category", "targets.category", "choice", choices=TARGET_CATEGORIES),
                Column("target", "targets.target", "text"),
                Column("points", "targets.points", "number"),
                Column("progress", "targets.progress", "text", required=False),
                Column("score", "targets.score", "number"),
            ),
            submitter=DEPARTMENT,
        ),
        FormSpec(
            "ratings",
            (MONTH,),
            (
                Column("ratee_id", "ratings.ratee_id", "code", prefilled=True),
                Column("ratee_name", "ratings.ratee_name", "text", required=False, prefilled=True),
                Column("score", "ratings.score", "number"),
                Column("note", "ratings.note", "text", required=False),
            ),
        ),
        FormSpec(
            "adjustments",
            (MONTH, QUARTER),
            (
                Column("unit_id", "adjustments.unit_id", "code"),
                Column("category", "adjustments.category", "choice", choices=ADJUSTMENT_CATEGORIES),
                Column("points", "adjustments.points", "number"),
                Column("reason", "adjustments.reason", "text"),
                Column("date", "adjustments.date", "date", required=False),
            ),
            accumulates=True,
            needs_rows=False,
        ),
        FormSpec(
            "vetoes",
            (MONTH, QUARTER),
            (
                Column("unit_id", "vetoes.unit_id", "code"),
                Column("category", "vetoes.category", "choice"),  # choices come from config
                Column("reason", "vetoes.reason", "text"),
                Column("date", "vetoes.date", "date"),
                Column("decided_by", "vetoes.decided_by", "text", required=False),
            ),
            accumulates=True,
            needs_rows=False,
        ),
    )
}

# Forms of the contract this version does not process yet; files of these kinds are skipped with a note.
LATER_FORMS = ("self_eval", "dept_eval", "democratic", "spot_checks")

INFO_LABELS = ("form", "period", "submitter_id", "rating_type", "filled_by", "filled_on", "version")


def counts_for_month(spec: FormSpec, period: Period, month: Month) -> bool:
    """Whether a file of this form and period feeds the month's department assessment."""
    if isinstance(period, Month):
        return period == month
    # A quarter-period veto form counts toward the month holding each row's date.
    return spec.name == "vetoes" and isinstance(period, Quarter) and month.quarter == period
