"""Reading the registry workbook (名冊.xlsx): its units and raters checked cell by cell, into a Registry."""

from __future__ import annotations

from pathlib import Path

from pbbatch.core.catalogue import fold, matcher
from pbbatch.core.errors import Label, Labels, Message, PbbatchError
from pbbatch.core.numeric import NUMBER_BOUND, display_number, parse_number
from pbbatch.core.registry import DEPARTMENT, RATER_COLUMNS, STAFF_COLUMNS, UNIT_COLUMNS, Registry, code_key
from pbbatch.intake.workbook import (
    RawWorkbook,
    UnreadableWorkbook,
    cell_ref,
    cell_text,
    find_header,
    is_blank,
    read_workbook,
)


def load_registry(path: Path, locale: str | None = None) -> Registry:
    """The registry at `path`, or a PbbatchError listing every problem of it. (`locale` is not used: the
    messages are worded where they are shown.)"""
    if not Path(path).is_file():
        raise PbbatchError([Message("registry.not_found", path=path)])
    try:
        book = read_workbook(Path(path))
    except UnreadableWorkbook as exc:
        raise PbbatchError([Message("file.named", name=Path(path).name, text=exc.message)]) from None
    return parse_registry(book)


def parse_registry(book: RawWorkbook) -> Registry:
    problems: list[Message] = []

    def fail(sheet: str | Label, cell: str, code: str, /, **fields: object) -> None:
        text = Message(code, **fields)
        problems.append(Message("registry.location", file=book.name, sheet=sheet, cell=cell, text=text))

    units = _read_table(book, "sheet.units", UNIT_COLUMNS, ["unit_id", "unit_name", "kind"], fail)
    raters = _read_table(book, "sheet.raters", RATER_COLUMNS, ["rater_id", "name"], fail)
    has_staff = book.sheet("sheet.staff") is not None  # optional: without it §9 is off
    staff = _read_table(book, "sheet.staff", STAFF_COLUMNS, STAFF_REQUIRED, fail) if has_staff else None
    if problems:
        raise PbbatchError(problems)
    unit_rows, inactive = _units(units, fail)
    rater_rows = _raters(raters, fail)
    staff_rows, inactive_staff = _staff(staff, unit_rows, inactive, fail) if has_staff else ((), set())
    if not unit_rows:
        problems.append(Message("registry.no_units"))
    if problems:
        raise PbbatchError(problems)
    return Registry(unit_rows=unit_rows, rater_rows=rater_rows, inactive_keys=frozenset(inactive),
                    staff_rows=staff_rows, has_staff=has_staff, inactive_staff_keys=frozenset(inactive_staff))


STAFF_REQUIRED = ["staff_id", "name", "unit_id"]


def _read_table(book, sheet_key, columns, required, fail):
    found = book.sheet(sheet_key)
    if found is None:
        fail(Label(sheet_key), "", "registry.no_sheet", sheet=Label(sheet_key))
        return None
    sheet, rows = found
    header_row, result = find_header(rows, matcher(columns), required)
    if header_row is None:
        fail(sheet, "A1", "data.no_header", missing=Labels(tuple(result)))
        return None
    table = []
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        values = {k: (row[c] if c < len(row) else "") for k, c in result.items()}
        missing = [k for k in required if is_blank(values[k])]  # find_header found every one
        if len(missing) < len(required):  # a row with none of them is not a row
            table.append((r, values, missing))
    return sheet, result, table


STATUSES = ("status.active", "status.inactive")
_STATUS_SPELLINGS = matcher(list(STATUSES))
UNREADABLE = object()  # a 狀態 cell that is neither active nor inactive


def _status(values: dict, ref, sheet, fail) -> str | None | object:
    """The row's 狀態 (a catalogue key; None when blank: active), or UNREADABLE, its cell reported."""
    if is_blank(values.get("status", "")):
        return None
    status = _STATUS_SPELLINGS.get(fold(values["status"]))
    if status is None:
        fail(sheet, ref("status"), "data.unknown_category", column=Label("status"), value=cell_text(values["status"]),
             allowed=Labels(STATUSES))
        return UNREADABLE
    return status


def _has_required(missing: list[str], ref, sheet, fail) -> bool:
    """Whether the row has every required cell (`missing`: those it lacks, as _read_table lists them); each
    blank one is reported."""
    for k in missing:
        fail(sheet, ref(k), "data.blank_required", column=Label(k))
    return not missing


class _RowCells:
    """A registry row's cell reference of a column (its key), '' for a column the sheet lacks; made when a
    problem needs it: most rows never do."""

    __slots__ = ("row", "columns")

    def __init__(self, row: int, columns: dict[str, int]):
        self.row, self.columns = row, columns

    def __call__(self, key: str) -> str:
        return cell_ref(self.row, self.columns[key]) if key in self.columns else ""


def _first_time(code: str, id_key: str, duplicate: str, ref: _RowCells, seen: dict[str, _RowCells], sheet,
                fail) -> str | None:
    """The code's key when no earlier row had it (the row remembered in `seen`); else None, the repeat reported
    with `duplicate`, naming the first row's cell."""
    key = code_key(code)
    if key in seen:
        fail(sheet, ref(id_key), duplicate, value=code, first=seen[key](id_key))
        return None
    seen[key] = ref
    return key


def _units(parsed, fail):
    sheet, columns, table = parsed
    kinds = matcher(["kind.department", "kind.branch"])
    seen: dict[str, _RowCells] = {}
    records, inactive = [], set()
    for r, values, missing in table:
        ref = _RowCells(r, columns)
        if not _has_required(missing, ref, sheet, fail):
            continue
        unit_id = cell_text(values["unit_id"])
        kind = kinds.get(fold(values["kind"]))
        if kind is None:
            allowed = Labels(("kind.department", "kind.branch"))
            fail(sheet, ref("kind"), "data.unknown_category", column=Label("kind"),
                 value=cell_text(values["kind"]), allowed=allowed)
            continue
        status = _status(values, ref, sheet, fail)
        if status is UNREADABLE:
            continue
        key = _first_time(unit_id, "unit_id", "data.duplicate", ref, seen, sheet, fail)
        if key is None:
            continue
        if status == "status.inactive":
            inactive.add(key)
            continue
        block = cell_text(values.get("block", ""))
        kind_name = kind.split(".")[1]
        if kind_name == DEPARTMENT and not block:
            fail(sheet, ref("block") or ref("kind"), "registry.no_block", value=unit_id)
            continue
        head = cell_text(values.get("head", ""))
        records.append((unit_id, cell_text(values["unit_name"]), kind_name, block, head, len(records)))
    return tuple(records), inactive


def _raters(parsed, fail):
    sheet, columns, table = parsed
    seen: dict[str, _RowCells] = {}
    records = []
    for r, values, missing in table:
        ref = _RowCells(r, columns)
        if not _has_required(missing, ref, sheet, fail):
            continue
        rater_id = cell_text(values["rater_id"])
        weight = 1.0
        if not is_blank(values.get("weight", "")):
            weight = parse_number(values["weight"])
            if weight is None or weight <= 0:
                fail(sheet, ref("weight"), "data.not_positive", column=Label("weight"),
                     value=cell_text(values["weight"]))
                continue
            if weight > NUMBER_BOUND:
                fail(sheet, ref("weight"), "data.too_large", column=Label("weight"), value=f"{weight:g}",
                     bound=display_number(NUMBER_BOUND))
                continue
        if _first_time(rater_id, "rater_id", "data.duplicate", ref, seen, sheet, fail) is None:
            continue
        records.append((rater_id, cell_text(values["name"]), cell_text(values.get("title", "")), weight))
    return tuple(records)


def _staff(parsed, unit_rows, inactive_units, fail):
    """The 人員 sheet: each active person of an active unit, as (staff_id, name, unit_id, post); 工號 as the
    cell's text, so that a text cell '007' stays '007'."""
    sheet, columns, table = parsed
    units = {code_key(unit[0]): unit[0] for unit in unit_rows}
    seen: dict[str, _RowCells] = {}
    records, inactive = [], set()
    for r, values, missing in table:
        ref = _RowCells(r, columns)
        if not _has_required(missing, ref, sheet, fail):
            continue
        staff_id = cell_text(values["staff_id"])
        status = _status(values, ref, sheet, fail)
        if status is UNREADABLE:
            continue
        key = _first_time(staff_id, "staff_id", "data.duplicate_person", ref, seen, sheet, fail)
        if key is None:
            continue
        if status == "status.inactive":
            inactive.add(key)
            continue
        unit_text = cell_text(values["unit_id"])
        unit = units.get(code_key(values["unit_id"]))
        if unit is None:
            code = "registry.staff_unit_inactive" if code_key(values["unit_id"]) in inactive_units \
                else "registry.staff_unit_unknown"
            fail(sheet, ref("unit_id"), code, value=unit_text)
            continue
        records.append((staff_id, cell_text(values["name"]), unit, cell_text(values.get("post", ""))))
    return tuple(records), inactive
