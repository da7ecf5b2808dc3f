"""Validation: one workbook's raw cells in, an accepted submission or the problems that reject it out.

Every problem is a plain record (file, sheet, cell, level, message) in the output locale. A file with any
error counts for nothing; warnings never reject.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .catalogue import LABELS, fold, label, matcher, message
from .config import Config
from .forms import (
    ANY_UNIT,
    BRANCH,
    DEPARTMENT,
    FORMS,
    INFO_LABELS,
    LATER_FORMS,
    LEADER,
    RATING_SUBMITTER,
    RATING_TYPES,
    Column,
    FormSpec,
    counts_for_month,
)
from .numeric import display_number, parse_number
from .periods import Month, Period, parse_date, parse_period
from .registry import Registry
from .workbook import Cell, RawWorkbook, cell_ref, cell_text, find_header, is_blank

ERROR, WARNING = "error", "warning"
ACCEPTED, REJECTED, SKIPPED, SUPERSEDED = "accepted", "rejected", "skipped", "superseded"


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    cell: str
    level: str
    code: str
    message: str

    def row(self) -> tuple[str, str, str, str, str]:
        return (self.file, self.sheet, self.cell, self.level, self.code)


@dataclass
class Outcome:
    """What became of one file: the row of the processing report's file list, and the data if accepted."""

    file: str
    sha256: str = ""
    mtime: float = 0.0
    status: str = REJECTED
    note: str = ""
    form: str | None = None
    period: Period | None = None
    submitter_id: str = ""
    rating_type: str | None = None
    version: int = 1
    filled_on: dt.date | None = None
    rows: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)


@dataclass(frozen=True)
class Context:
    registry: Registry
    config: Config
    month: Month

    @property
    def locale(self) -> str:
        return self.config.locale


class _Checker:
    def __init__(self, outcome: Outcome, ctx: Context):
        self.outcome = outcome
        self.ctx = ctx

    def add(self, level: str, sheet: str, cell: str, code: str, /, **fields: object) -> None:
        text = message(code, self.ctx.locale, **fields)
        self.outcome.problems.append(Problem(self.outcome.file, sheet, cell, level, code, text))

    def error(self, sheet: str, cell: str, code: str, /, **fields: object) -> None:
        self.add(ERROR, sheet, cell, code, **fields)

    def warn(self, sheet: str, cell: str, code: str, /, **fields: object) -> None:
        self.add(WARNING, sheet, cell, code, **fields)

    def label(self, key: str) -> str:
        return label(key, self.ctx.locale)

    def allowed(self, keys: tuple[str, ...]) -> str:
        return "、".join(self.label(k) for k in keys)


def validate_workbook(book: RawWorkbook, outcome: Outcome, ctx: Context) -> Outcome:
    """Fill `outcome` from the workbook: its form info, its status, its rows and its problems."""
    check = _Checker(outcome, ctx)
    info = _read_form_info(book, check)
    if outcome.form in LATER_FORMS and not outcome.has_errors:
        outcome.status = SKIPPED  # a contract form this version does not process yet: not the sender's fault
        return outcome
    if info is None or outcome.has_errors:
        outcome.status = REJECTED
        return outcome
    spec = FORMS[outcome.form]
    if not counts_for_month(spec, outcome.period, ctx.month):
        outcome.status = SKIPPED
        outcome.note = message("skip.other_period", ctx.locale, period=outcome.period, run_period=ctx.month)
        return outcome
    rows = _read_data(book, spec, check)
    if rows is not None and not outcome.has_errors:
        rows = _FORM_RULES[spec.name](rows, check)
    if outcome.has_errors or rows is None:
        outcome.status = REJECTED
        return outcome
    outcome.rows = _frame(rows, spec)
    outcome.status = ACCEPTED
    return outcome


# ---------------------------------------------------------------- form info


def _read_form_info(book: RawWorkbook, check: _Checker) -> dict | None:
    outcome, ctx = check.outcome, check.ctx
    found = book.sheet("sheet.form_info")
    if found is None:
        check.error(check.label("sheet.form_info"), "", "info.no_sheet")
        return None
    sheet, rows = found
    labels = matcher(list(INFO_LABELS))
    cells: dict[str, tuple[int, Cell]] = {}
    for r, row in enumerate(rows):
        if row and isinstance(row[0], str) and row[0].strip():
            key = labels.get(fold(row[0]))
            if key and key not in cells:
                cells[key] = (r, row[1] if len(row) > 1 else "")

    def value(key: str, required: bool) -> tuple[str, Cell] | None:
        if key not in cells:
            if required:
                check.error(sheet, f"A{len(rows) + 1}", "info.no_label", label=check.label(key))
            return None
        r, v = cells[key]
        if is_blank(v):
            if required:
                check.error(sheet, cell_ref(r, 1), "info.blank", label=check.label(key))
            return None
        return cell_ref(r, 1), v

    form_cell = value("form", True)
    period_cell = value("period", True)
    submitter_cell = value("submitter_id", True)
    if form_cell:
        form = _form_name(form_cell[1])
        if form is None:
            names = tuple(f"form.{n}" for n in list(FORMS) + list(LATER_FORMS))
            check.error(sheet, form_cell[0], "info.unknown_form", value=cell_text(form_cell[1]),
                        allowed=check.allowed(names))
        elif form in LATER_FORMS:
            outcome.form = form
            return None
        else:
            outcome.form = form
    spec = FORMS.get(outcome.form or "")
    if spec and spec.name == "ratings":
        rt = value("rating_type", True)
        if rt:
            rating = matcher([f"rating.{t}" for t in RATING_TYPES]).get(fold(rt[1]))
            if rating is None:
                check.error(sheet, rt[0], "info.unknown_rating_type", value=cell_text(rt[1]),
                            allowed=check.allowed(tuple(f"rating.{t}" for t in RATING_TYPES)))
            else:
                outcome.rating_type = rating.split(".")[1]
    if period_cell:
        period = parse_period(period_cell[1])
        if period is None:
            check.error(sheet, period_cell[0], "info.bad_period", value=cell_text(period_cell[1]))
        elif spec and period.kind not in spec.periods:
            check.error(sheet, period_cell[0], "info.wrong_period_kind", form=check.label(spec.label),
                        expected=_period_kind_label(spec.periods[0], ctx.locale), value=cell_text(period_cell[1]))
        else:
            outcome.period = period
    if submitter_cell and spec and (spec.name != "ratings" or outcome.rating_type):
        outcome.submitter_id = _check_submitter(spec, outcome.rating_type, submitter_cell, sheet, check) or ""
    version = value("version", False)
    if version:
        number = parse_number(version[1])
        if number is None or not number.is_integer() or number < 1:
            check.error(sheet, version[0], "info.bad_version", value=cell_text(version[1]))
        else:
            outcome.version = int(number)
    filled_on = value("filled_on", False)
    if filled_on:
        day = parse_date(filled_on[1])
        if day is None:
            check.error(sheet, filled_on[0], "info.bad_date", value=cell_text(filled_on[1]))
        outcome.filled_on = day
    return cells if not outcome.has_errors else None


def _form_name(value: Cell) -> str | None:
    names = list(FORMS) + list(LATER_FORMS)
    key = matcher([f"form.{n}" for n in names]).get(fold(value))
    return key.split(".")[1] if key else None


def _period_kind_label(kind: str, locale: str) -> str:
    return {"month": ("月份", "月份", "month"), "quarter": ("季度", "季度", "quarter")}[kind][
        ("zh-Hant", "zh-Hans", "en").index(locale)
    ]


def _check_submitter(spec: FormSpec, rating_type: str | None, cell: tuple[str, Cell], sheet: str, check: _Checker):
    registry = check.ctx.registry
    ref, raw = cell
    who = RATING_SUBMITTER[rating_type] if spec.name == "ratings" else spec.submitter
    text = cell_text(raw)
    if who == LEADER:
        found = registry.find_rater(raw)
        if found.code is None:
            unit = registry.find_unit(raw)
            if unit.code is not None:
                check.error(sheet, ref, "info.wrong_submitter_kind", value=text, form=check.label(spec.label),
                            expected=check.label("who.leader"))
            else:
                check.error(sheet, ref, "info.unknown_submitter", value=text)
            return None
        return found.code
    found = registry.find_unit(raw)
    if found.state == "inactive":
        check.error(sheet, ref, "info.inactive_submitter", value=text)
        return None
    if found.code is None:
        if registry.find_rater(raw).code is not None:  # a leader's code: in the registry, but not a unit
            check.error(sheet, ref, "info.wrong_submitter_kind", value=text, form=check.label(spec.label),
                        expected=check.label(f"kind.{who}" if who != ANY_UNIT else "who.unit"))
        else:
            check.error(sheet, ref, "info.unknown_submitter", value=text)
        return None
    if who != ANY_UNIT and registry.kind_of(found.code) != who:
        check.error(sheet, ref, "info.wrong_submitter_kind", value=text, form=check.label(spec.label),
                    expected=check.label(f"kind.{who}"))
        return None
    if found.state == "from_number":
        check.warn(sheet, ref, "data.code_from_number", value=text, code=found.code)
    return found.code


# ---------------------------------------------------------------- data sheet


@dataclass
class _Row:
    index: int  # 0-based sheet row
    values: dict[str, object]
    refs: dict[str, str]
    ignored: bool = False


def _read_data(book: RawWorkbook, spec: FormSpec, check: _Checker) -> tuple[str, list[_Row]] | None:
    found = book.sheet("sheet.data")
    if found is None:
        check.error(check.label("sheet.data"), "", "data.no_sheet")
        return None
    sheet, rows = found
    columns = matcher([c.label for c in spec.columns])
    header, result = find_header(rows, columns, [c.label for c in spec.required])
    if header is None:
        check.error(sheet, "A1", "data.no_header", missing="、".join(check.label(k) for k in result))
        return None
    positions = {c.key: result[c.label] for c in spec.columns if c.label in result}
    choices = _choice_maps(spec, check)
    parsed: list[_Row] = []
    for r in range(header + 1, len(rows)):
        row = rows[r]
        raw = {key: (row[c] if c < len(row) else "") for key, c in positions.items()}
        if all(is_blank(raw.get(c.key, "")) for c in spec.key_columns):
            continue
        refs = {key: cell_ref(r, c) for key, c in positions.items()}
        values = {}
        for column in spec.columns:
            if column.key in raw:
                values[column.key] = _parse_cell(column, raw[column.key], refs[column.key], sheet, check, choices)
            else:
                values[column.key] = None
        parsed.append(_Row(r, values, refs))
    if spec.needs_rows and not parsed:
        check.error(sheet, cell_ref(header + 1, 0), "data.no_rows")
        return None
    return sheet, parsed


def _choice_maps(spec: FormSpec, check: _Checker) -> dict[str, dict[str, str]]:
    maps = {}
    for column in spec.columns:
        if column.kind != "choice":
            continue
        if column.choices:
            maps[column.key] = {f: k.split(".")[1] for f, k in matcher(list(column.choices)).items()}
        else:
            maps[column.key] = _veto_category_map(check.ctx.config.veto_categories)
    return maps


def _veto_category_map(categories: tuple[str, ...]) -> dict[str, str]:
    """Config's veto categories, also in the other scripts where the catalogue knows them."""
    out = {fold(c): c for c in categories}
    for key, texts in LABELS.items():
        if key.startswith("veto_cat."):
            hit = next((out[fold(t)] for t in texts if fold(t) in out), None)
            if hit:
                out.update({fold(t): hit for t in texts})
    return out


def _parse_cell(column: Column, raw: Cell, ref: str, sheet: str, check: _Checker, choices) -> object:
    name = check.label(column.label)
    if is_blank(raw):
        if column.required:
            check.error(sheet, ref, "data.blank_required", column=name)
        return None
    if column.kind == "number":
        number = parse_number(raw)
        if number is None:
            check.error(sheet, ref, "data.not_number", column=name, value=cell_text(raw))
        return number
    if column.kind == "date":
        day = parse_date(raw)
        if day is None:
            check.error(sheet, ref, "data.not_date", column=name, value=cell_text(raw))
        return day
    if column.kind == "choice":
        value = choices[column.key].get(fold(raw))
        if value is None:
            allowed = column.choices and check.allowed(column.choices) or "、".join(check.ctx.config.veto_categories)
            check.error(sheet, ref, "data.unknown_category", column=name, value=cell_text(raw), allowed=allowed)
        return value
    if column.kind == "code":
        return raw
    return cell_text(raw)


def _resolve_unit(row: _Row, key: str, sheet: str, check: _Checker, kind: str | None) -> str | None:
    """The registry code for a unit cell; errors for unknown units, warnings for inactive ones."""
    raw = row.values[key]
    if raw is None:
        return None
    found = check.ctx.registry.find_unit(raw)
    text = cell_text(raw)
    if found.state == "inactive":
        check.warn(sheet, row.refs[key], "data.inactive_unit", value=text)
        row.ignored = True
        return None
    if found.code is None:
        check.error(sheet, row.refs[key], "data.unknown_unit", value=text)
        return None
    if kind and check.ctx.registry.kind_of(found.code) != kind:
        check.error(sheet, row.refs[key], "data.wrong_unit_kind", value=text, expected=check.label(f"kind.{kind}"))
        return None
    if found.state == "from_number":
        check.warn(sheet, row.refs[key], "data.code_from_number", value=text, code=found.code)
    return found.code


def _check_range(row: _Row, key: str, low: float, high: float, sheet: str, check: _Checker, label_key: str):
    value = row.values.get(key)
    if value is not None and not (low <= value <= high):
        check.error(sheet, row.refs[key], "data.out_of_range", column=check.label(label_key),
                    value=display_number(value), low=display_number(low), high=display_number(high))


def _check_date_in_period(row: _Row, key: str, sheet: str, check: _Checker) -> None:
    day = row.values.get(key)
    period = check.outcome.period
    if day is not None and period is not None and not period.contains(day):
        check.error(sheet, row.refs[key], "data.date_outside_period", value=day.isoformat(), period=period)


# ---------------------------------------------------------------- per-form rules


def _targets_rules(data, check: _Checker):
    sheet, rows = data
    for row in rows:
        points = row.values["points"]
        if points is not None and points <= 0:
            check.error(sheet, row.refs["points"], "data.not_positive", column=check.label("targets.points"),
                        value=display_number(points))
        elif points is not None:
            _check_range(row, "score", 0, points, sheet, check, "targets.score")
    total = sum(r.values["points"] or 0 for r in rows)
    if rows and abs(total - 100) > 1e-9:
        first = rows[0].refs.get("points", "")
        check.warn(sheet, first, "warn.points_not_100", total=display_number(total))
    return sheet, rows


def _ratings_rules(data, check: _Checker):
    sheet, rows = data
    submitter = check.outcome.submitter_id
    first_seen: dict[str, str] = {}
    for row in rows:
        ratee = _resolve_unit(row, "ratee_id", sheet, check, DEPARTMENT)
        _check_range(row, "score", 0, 100, sheet, check, "ratings.score")
        if ratee is None:
            continue
        row.values["ratee_id"] = ratee
        if ratee in first_seen:
            check.error(sheet, row.refs["ratee_id"], "data.duplicate", value=cell_text(ratee),
                        first=first_seen[ratee])
            continue
        first_seen[ratee] = row.refs["ratee_id"]
        if check.outcome.rating_type == "mutual" and ratee == submitter:
            check.warn(sheet, row.refs["ratee_id"], "warn.self_rating")
            row.ignored = True
    expected = check.ctx.registry.of_kind(DEPARTMENT)["unit_id"]
    left_out = [u for u in expected if u not in first_seen and not (u == submitter and check.outcome.rating_type == "mutual")]
    if left_out and not check.outcome.has_errors:
        ref = rows[0].refs["ratee_id"] if rows else ""
        check.warn(sheet, ref, "warn.ratees_left_out", units="、".join(left_out))
    return sheet, rows


def _adjustments_rules(data, check: _Checker):
    sheet, rows = data
    for row in rows:
        unit = _resolve_unit(row, "unit_id", sheet, check, None)
        if unit is not None:
            row.values["unit_id"] = unit
        _check_date_in_period(row, "date", sheet, check)
    return sheet, rows


def _vetoes_rules(data, check: _Checker):
    sheet, rows = data
    for row in rows:
        unit = _resolve_unit(row, "unit_id", sheet, check, None)
        if unit is not None:
            row.values["unit_id"] = unit
        _check_date_in_period(row, "date", sheet, check)
    return sheet, rows


_FORM_RULES = {
    "targets": _targets_rules,
    "ratings": _ratings_rules,
    "adjustments": _adjustments_rules,
    "vetoes": _vetoes_rules,
}


def _frame(data, spec: FormSpec) -> pd.DataFrame:
    sheet, rows = data
    records = [{**r.values, "row": r.index + 1} for r in rows if not r.ignored]
    return pd.DataFrame.from_records(records, columns=[c.key for c in spec.columns] + ["row"])
