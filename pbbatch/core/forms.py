"""The forms of contract section 2: their names, periods, submitters and data columns, defined once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pbbatch.core.catalogue import label
from pbbatch.core.numeric import NUMBER_BOUND
from pbbatch.core.periods import Month, Period, Year
from pbbatch.core.registry import BRANCH, DEPARTMENT

MONTH, QUARTER, YEAR = "month", "quarter", "year"

# Who may submit: a leader (rater code), a department, a branch (the registry's unit kinds), or any active unit.
LEADER, ANY_UNIT = "leader", "any"


ITEM_POINTS = "item points"  # in a Bound: the points of the row's (or the column's) key work item
ITEM_ID = "item_id"  # a wide form's long rows: the column naming the item a score is for


@dataclass(frozen=True)
class Bound:
    """The numbers a cell may hold (contract section 2), declared once: the validator checks it and the blank
    form writes it as Excel data validation. `high` is a number, or references: another column of the same row
    (its key) or ITEM_POINTS, of which the tightest known one counts (none known: the cell is not checked).
    Every number also lies within ±NUMBER_BOUND, whether or not its column declares a bound."""

    low: float = -NUMBER_BOUND
    high: float | tuple[str, ...] | None = None  # None: no limit of its own above
    low_open: bool = False  # "> low" (扣分 > 0) rather than ">= low"
    whole: bool = False  # counts

    fixed: bool = field(init=False, repr=False, compare=False)  # just low <= value <= high, both numbers

    def __post_init__(self):
        # The messages word these shapes as "greater than 0" and "a whole number of 0 or more".
        if (self.low_open or self.whole) and (self.low != 0 or self.high is not None):
            raise ValueError("an open or whole-number bound is 0 and up")
        fixed = not (self.low_open or self.whole) and isinstance(self.high, (int, float))
        object.__setattr__(self, "fixed", fixed)

    def admits(self, value: float, high: float | None) -> bool:
        """Whether `value` lies within the bound, `high` being its upper end for this row (None: none)."""
        if value < self.low or (self.low_open and value == self.low) or (high is not None and value > high):
            return False
        return not self.whole or float(value).is_integer()


GENERIC_BOUND = Bound(-NUMBER_BOUND, NUMBER_BOUND)  # a number column that declares no bound of its own
POSITIVE = Bound(0, low_open=True)
COUNT = Bound(0, whole=True)


@dataclass(frozen=True)
class Column:
    key: str  # the canonical column name used in frames
    label: str  # catalogue key of its header
    kind: str  # code | text | number | date | choice | months (考核月份: 全年, 1-6, 3,6,9,12)
    required: bool = True
    choices: tuple[str, ...] = ()  # catalogue keys, for kind == choice
    prefilled: bool = False  # the blank form fills it in; not one of the submitter's key cells
    kept: bool = True  # carried into the accepted rows; False: read and checked, but nothing downstream uses it
    bound: Bound = GENERIC_BOUND  # kind == number: the values it may hold
    from_letter: bool = False  # only on a blank form pre-filled from a responsibility letter (目標責任書)


@dataclass(frozen=True)
class FormSpec:
    name: str
    periods: tuple[str, ...]
    columns: tuple[Column, ...]
    accumulates: bool = False  # every accepted file counts (deduplicated by content)
    submitter: str = ANY_UNIT
    needs_rows: bool = True
    item_scores: Column | None = None  # a wide form: one such column per key work item, headed by the item's code

    def column(self, key: str) -> Column:
        return self._by_key[key]

    @cached_property
    def _by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    @property
    def label(self) -> str:
        return f"form.{self.name}"

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]

    @property
    def kept_columns(self) -> list[str]:
        return [c.key for c in self.columns if c.kept]

    @property
    def frame_columns(self) -> list[str]:
        """The columns of the accepted rows' frame; a wide form's rows are made long: a row per item scored."""
        if self.item_scores:
            return [*self.kept_columns, ITEM_ID, self.item_scores.key]
        return self.kept_columns

    @property
    def number_columns(self) -> list[Column]:
        """The columns that hold numbers, a wide form's item score column included."""
        return [c for c in (*self.columns, self.item_scores) if c is not None and c.kind == "number"]

    @property
    def key_columns(self) -> list[Column]:
        """The cells the submitter fills in: a row where all of them are blank is skipped."""
        return [c for c in self.required if not c.prefilled]


RATING_TYPES = ("leader", "service", "mutual")
TRIMMED_RATING_TYPES = ("service", "mutual")  # a highest and a lowest score dropped; leaders' are weighted instead
RATING_SUBMITTER = {"leader": LEADER, "service": BRANCH, "mutual": DEPARTMENT}
TARGET_CATEGORIES = ("target_cat.key", "target_cat.common", "target_cat.safety")


def target_category_text(category: str, locale: str) -> str:
    """A target category as stored ("key", the suffix of its catalogue key) in the locale: 重點目標."""
    key = f"target_cat.{category}"
    return label(key, locale) if key in TARGET_CATEGORIES else category

ADJUSTMENT_CATEGORIES = ("adj_cat.safety", "adj_cat.business", "adj_cat.other")
VERDICTS = ("verdict.passed", "verdict.failed")
DEMOCRATIC_COUNTS = ("eligible", "present", "excellent", "good", "fair", "poor", "abstain")

FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        FormSpec(
            "targets",
            (MONTH,),
            (
                Column("category", "targets.category", "choice", choices=TARGET_CATEGORIES),
                Column("target", "targets.target", "text"),
                Column("points", "targets.points", "number", bound=POSITIVE),
                Column("standard", "targets.standard", "text", required=False, kept=False, from_letter=True),
                Column("progress", "targets.progress", "text", required=False),
                Column("score", "targets.score", "number", bound=Bound(0, ("points",))),
            ),
            submitter=DEPARTMENT,
        ),
        FormSpec(
            "ratings",
            (MONTH,),
            (
                Column("ratee_id", "ratings.ratee_id", "code", prefilled=True),
                Column("ratee_name", "ratings.ratee_name", "text", required=False, prefilled=True, kept=False),
                Column("score", "ratings.score", "number", bound=Bound(0, 100)),
                Column("note", "ratings.note", "text", required=False, kept=False),
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
        FormSpec(
            "self_eval",
            (QUARTER,),
            (
                Column("item_id", "self_eval.item_id", "code", prefilled=True),
                Column("item_name", "self_eval.item_name", "text", required=False, prefilled=True, kept=False),
                Column("points", "self_eval.points", "number", required=False, prefilled=True, bound=POSITIVE),
                Column("score", "self_eval.score", "number", bound=Bound(0, ("points", ITEM_POINTS))),
                Column("note", "self_eval.note", "text", required=False, kept=False),
            ),
            submitter=BRANCH,
        ),
        FormSpec(
            "dept_eval",  # wide: one more column per key work item, headed by its code
            (QUARTER,),
            (
                Column("branch_id", "dept_eval.branch_id", "code", prefilled=True),
                Column("branch_name", "dept_eval.branch_name", "text", required=False, prefilled=True, kept=False),
                Column("note", "dept_eval.note", "text", required=False, kept=False),
            ),
            submitter=DEPARTMENT,
            item_scores=Column("score", "item.department", "number", required=False, bound=Bound(0, (ITEM_POINTS,))),
        ),
        FormSpec(
            "democratic",
            (QUARTER,),
            (
                Column("branch_id", "democratic.branch_id", "code", prefilled=True),
                Column("branch_name", "democratic.branch_name", "text", required=False, prefilled=True, kept=False),
                *(Column(k, f"democratic.{k}", "number", required=k != "abstain", bound=COUNT)
                  for k in DEMOCRATIC_COUNTS),
            ),
        ),
        FormSpec(
            "spot_checks",
            (MONTH, QUARTER),
            (
                Column("date", "spot_checks.date", "date"),
                Column("branch_id", "spot_checks.branch_id", "code"),
                Column("item_id", "spot_checks.item_id", "code", required=False),
                Column("finding", "spot_checks.finding", "text"),
                Column("deduction", "spot_checks.deduction", "number", bound=POSITIVE),
                Column("fix_by", "spot_checks.fix_by", "date", required=False),
            ),
            accumulates=True,
            needs_rows=False,
        ),
        FormSpec(
            "staff_eval",  # §9: from each unit that has active people, pre-filled with them
            (MONTH,),
            (
                Column("staff_id", "staff_eval.staff_id", "code", prefilled=True),
                Column("name", "staff_eval.name", "text", required=False, prefilled=True, kept=False),
                Column("score", "staff_eval.score", "number", bound=Bound(0, 100)),
                Column("comment", "staff_eval.comment", "text", required=False, kept=False),
            ),
        ),
        FormSpec(  # §8: the branch says what it did about its findings; the blank form lists its open ones
            "fix_report",
            (MONTH, QUARTER),
            (
                Column("finding_id", "fix_report.finding_id", "code", prefilled=True),
                Column("finding", "fix_report.finding", "text", required=False, prefilled=True, kept=False),
                Column("deadline", "fix_report.deadline", "text", required=False, prefilled=True, kept=False),
                Column("action", "fix_report.action", "text"),
                Column("done_on", "fix_report.done_on", "date"),
                Column("evidence", "fix_report.evidence", "text", required=False),
            ),
            accumulates=True,
            submitter=BRANCH,
            needs_rows=False,
        ),
        FormSpec(  # §8: an inspection's verdict on a finding's rectification
            "fix_check",
            (MONTH, QUARTER),
            (
                Column("finding_id", "fix_check.finding_id", "code"),
                Column("verdict", "fix_check.verdict", "choice", choices=VERDICTS),
                Column("checked_on", "fix_check.checked_on", "date"),
                Column("note", "fix_check.note", "text", required=False),
            ),
            accumulates=True,
            needs_rows=False,
        ),
        FormSpec(
            "target_letter",  # contract section 7: a department's targets for the year, agreed with the committee
            (YEAR,),
            (
                Column("unit_id", "target_letter.unit_id", "code"),
                Column("category", "target_letter.category", "choice", choices=TARGET_CATEGORIES),
                Column("target", "target_letter.target", "text"),
                Column("points", "target_letter.points", "number", bound=POSITIVE),
                Column("months", "target_letter.months", "months"),
                Column("standard", "target_letter.standard", "text", required=False),
                Column("owner", "target_letter.owner", "text", required=False),
            ),
        ),
    )
}

FIX_FORMS = ("fix_report", "fix_check")  # optional: never expected, so never missing

INFO_LABELS = ("form", "period", "submitter_id", "rating_type", "filled_by", "filled_on", "version")


def counts_for_run(spec: FormSpec, period: Period, month: Month) -> bool:
    """Whether a file of this form and period feeds the run for `month`.

    The month's own forms always do. At quarter end, the quarter's forms do too, and so do the earlier months'
    accumulating forms (加減分表, 一票否決表, 專項督查表), which count toward the quarter. A quarter-period
    一票否決表 also feeds each month of its quarter, through the rows dated in that month. A year's form (the
    目標責任書) feeds every month of its year.
    """
    if isinstance(period, Year):
        return period.year == month.year
    if isinstance(period, Month):
        if period == month:
            return True
        return month.ends_quarter and spec.accumulates and period.quarter == month.quarter
    if period != month.quarter:
        return False
    return month.ends_quarter or spec.name == "vetoes"
