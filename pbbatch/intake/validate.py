"""Validation: one workbook's raw cells in, an accepted submission or the problems that reject it out.

Every problem is a plain record (file, sheet, cell, level, code and fields), worded where it is shown. A file
with any error counts for nothing; warnings never reject. The rules of each form live in form_rules.py.
"""

from __future__ import annotations

from array import array

from pbbatch.core.catalogue import fold, matcher
from pbbatch.core.errors import Label, Message
from pbbatch.intake.cells import SLOW, Sheet, choice_maps, reader_for
from pbbatch.intake.checks import CellRefs, Checker, DataSheet, Row
from pbbatch.intake.form_rules import RULES
from pbbatch.intake.item_columns import ItemColumns
from pbbatch.core.forms import (
    ANY_UNIT,
    FORMS,
    INFO_LABELS,
    LEADER,
    RATING_SUBMITTER,
    RATING_TYPES,
    FormSpec,
    counts_for_run,
)
from pbbatch.core.numeric import NUMBER_BOUND, parse_number
from pbbatch.core.periods import parse_date, parse_period
from pbbatch.core.records import ACCEPTED, REJECTED, SKIPPED, Context, Outcome, Problem
from pbbatch.intake.workbook import Cell, RawWorkbook, cell_position, cell_ref, cell_text, find_header, is_blank


def validate_workbook(book: RawWorkbook, outcome: Outcome, ctx: Context) -> Outcome:
    """Fill `outcome` from the workbook: its form info, its status, its rows and its problems.

    Every problem of the file is reported at once (contract section 2): a form-info error does not hide the
    data sheet once the form and its period are known, and a cell that cannot be read does not hide the form's
    rules over the other cells. Only what cannot be seen before another fix (rows under a missing header) waits.
    """
    check = Checker(outcome, ctx)
    try:
        return _validate(book, outcome, check)
    finally:
        check.finish()


def _validate(book: RawWorkbook, outcome: Outcome, check: Checker) -> Outcome:
    ctx = check.ctx
    first = len(outcome.problems)
    _read_form_info(book, check)
    if outcome.form is None or outcome.period is None:
        outcome.status = REJECTED
        return outcome
    spec = FORMS[outcome.form]
    if not counts_for_run(spec, outcome.period, ctx.month):
        # a unit closed since then sent this file while it was open: today's registry does not make it wrong
        outcome.problems[first:] = [p for p in outcome.problems[first:] if p.code != "info.inactive_submitter"]
        if outcome.has_errors:  # another period's file is not validated further, but its form info must read
            outcome.status = REJECTED
            return outcome
        outcome.status = SKIPPED
        outcome.note = Message("skip.other_period", period=str(outcome.period), run_period=str(ctx.month))
        return outcome
    data = _read_data(book, spec, check)
    if data is not None:
        data = RULES[spec.name](data, check)
    outcome.problems[first:] = in_reading_order(outcome.problems[first:])
    if outcome.has_errors or data is None:
        outcome.status = REJECTED
        return outcome
    outcome.columns = _columns(data, spec)
    outcome.layout = (data.name, data.positions, data.header)
    outcome.status = ACCEPTED
    return outcome


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Sheet by sheet as first met (the form info, then the data), and within a sheet row by row, left to
    right: the order a submitter fixes them in. Stable, so the problems of one cell keep their order."""
    sheets: dict[str | Label, int] = {}
    for p in problems:
        sheets.setdefault(p.sheet, len(sheets))
    return sorted(problems, key=lambda p: (sheets[p.sheet], *cell_position(p.cell)))


# ---------------------------------------------------------------- form info


def _read_form_info(book: RawWorkbook, check: Checker) -> None:
    """Every label of 填報信息 checked; what reads well is set on the outcome (form, period, submitter...)."""
    outcome, ctx = check.outcome, check.ctx
    found = book.sheet("sheet.form_info")
    if found is None:
        check.error(check.label("sheet.form_info"), "", "info.no_sheet")
        return
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
            names = tuple(f"form.{n}" for n in FORMS)
            check.error(sheet, form_cell[0], "info.unknown_form", value=cell_text(form_cell[1]),
                        allowed=check.allowed(names))
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
                        expected=check.label(f"period_kind.{spec.periods[0]}"), value=cell_text(period_cell[1]))
        else:
            outcome.period = period
    if submitter_cell and spec and (spec.name != "ratings" or outcome.rating_type):
        outcome.submitter_id = _check_submitter(spec, outcome.rating_type, submitter_cell, sheet, check) or ""
    elif submitter_cell:  # who may submit is not known, but a code in no registry sheet is wrong whatever the form
        raw = submitter_cell[1]
        if ctx.registry.find_unit(raw).state == "unknown" and ctx.registry.find_rater(raw).code is None:
            check.error(sheet, submitter_cell[0], "info.unknown_submitter", value=cell_text(raw))
    version = value("version", False)
    if version:
        number = parse_number(version[1])
        if number is None or not number.is_integer() or not 1 <= number <= NUMBER_BOUND:
            check.error(sheet, version[0], "info.bad_version", value=cell_text(version[1]))
        else:
            outcome.version = int(number)
    filled_on = value("filled_on", False)
    if filled_on:
        day = parse_date(filled_on[1])
        if day is None:
            check.error(sheet, filled_on[0], "info.bad_date", value=cell_text(filled_on[1]))
        outcome.filled_on = day


def _form_name(value: Cell) -> str | None:
    key = matcher([f"form.{n}" for n in FORMS]).get(fold(value))
    return key.split(".")[1] if key else None


def _check_submitter(spec: FormSpec, rating_type: str | None, cell: tuple[str, Cell], sheet: str, check: Checker):
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


def _read_data(book: RawWorkbook, spec: FormSpec, check: Checker) -> DataSheet | None:
    found = book.sheet("sheet.data")
    if found is None:
        check.error(check.label("sheet.data"), "", "data.no_sheet")
        return None
    sheet, rows = found
    columns = matcher([c.label for c in spec.columns])
    header, result = find_header(rows, columns, [c.label for c in spec.required])
    if header is None:
        check.error(sheet, "A1", "data.no_header", missing=check.allowed(tuple(result)))
        return None
    positions: dict[object, int] = {c.key: result[c.label] for c in spec.columns if c.label in result}
    check.outcome.data_sheet = sheet
    check.outcome.positions = dict(positions)  # the columns' own keys: a later check (rectify.review) names cells
    read = [(c, c.key) for c in spec.columns if c.key in positions]
    key_columns: list[object] = [c.key for c in spec.key_columns]
    items = None
    if spec.item_scores:
        items = ItemColumns.read(spec.item_scores, rows[header], header, sheet, check)
        if not items.positions and check.outcome.has_errors:
            return None  # no column to read scores from: the rows wait for the header's fix
        positions.update(items.positions)
        read += [(items.column, item) for item in items.positions]
        key_columns = list(items.positions)
    parsed: list[Row] = []
    hidden = book.special_cells(sheet)  # formula and error cells that read blank; {} unless the file has any
    where = Sheet(sheet, check, choice_maps(spec, check), hidden)
    plan = [(column, key, positions[key], reader.full, reader.fast_for(column, where))
            for column, key in read for reader in (reader_for(column),)]
    absent = {c.key: None for c in spec.columns if c.key not in positions}
    key_positions = [positions[k] for k in key_columns if k in positions]
    prefilled = [(c.key, positions[c.key]) for c in spec.required if c.prefilled and c.key in positions]
    unscored: list[Row] = []
    most = check.ctx.config.max_rows
    for r in range(header + 1, len(rows)):
        row = rows[r]
        width = len(row)
        refs = CellRefs(r, positions)
        if not _any_filled(row, width, key_positions):
            if not hidden or all(is_blank(v) for v in row) or not any(refs.get(k) in hidden for k in key_columns):
                filled = {k: row[c] for k, c in prefilled if c < width and not is_blank(row[c])}
                if filled:
                    unscored.append(Row(r, filled, refs))
                continue  # nothing the sender filled in
        if len(parsed) == most:
            check.error(sheet, cell_ref(r, key_positions[0] if key_positions else 0), "data.too_many_rows", limit=most)
            return None
        values = dict(absent)
        for column, key, c, full, fast in plan:
            raw = row[c] if c < width else ""
            value = fast(raw)
            if value is SLOW:
                value = full(column, raw, refs, key, where)
            values[key] = value
        parsed.append(Row(r, values, refs))
    if spec.needs_rows and not parsed:
        check.error(sheet, cell_ref(header + 1, 0), "data.no_rows")
        return None
    return DataSheet(sheet, parsed, unscored, [k for k in key_columns if k in positions], items,
                     {k: c for k, c in positions.items() if isinstance(k, str)}, header)


def _any_filled(row: list[Cell], width: int, positions: list[int]) -> bool:
    for c in positions:
        if c < width and not is_blank(row[c]):
            return True
    return False


def _columns(data: DataSheet, spec: FormSpec) -> dict[str, list | array]:
    """The accepted rows column by column. Numbers are packed in arrays where none is missing (8 bytes each
    rather than a 32-byte float object: 6.8 million ratings at the benchmark's 100x)."""
    kept = [r for r in data.rows if not r.ignored]
    if data.items:
        columns = data.items.long(kept, spec.kept_columns)
    else:
        columns = {name: [r.values[name] for r in kept] for name in spec.frame_columns}
        columns["row"] = [r.index + 1 for r in kept]
    numbers = {c.key for c in spec.number_columns}
    for name, values in columns.items():
        if name in numbers and None not in values:
            columns[name] = array("d", values)
    columns["row"] = array("i", columns["row"])
    return columns
