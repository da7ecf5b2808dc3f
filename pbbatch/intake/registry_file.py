"""Reading the registry workbook (名冊.xlsx): its units and raters checked cell by cell, into a Registry."""

from __future__ import annotations

from pathlib import Path

from pbbatch.core.catalogue import fold, label, matcher, message
from pbbatch.core.numeric import NUMBER_BOUND, display_number, parse_number
from pbbatch.core.registry import DEPARTMENT, RATER_COLUMNS, UNIT_COLUMNS, Registry, code_key
from pbbatch.intake.workbook import (
    RawWorkbook,
    UnreadableWorkbook,
    cell_ref,
    cell_text,
    find_header,
    is_blank,
    read_workbook,
)


class RegistryError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def load_registry(path: Path, locale: str) -> Registry:
    if not Path(path).is_file():
        raise RegistryError([message("registry.not_found", locale, path=path)])
    try:
        book = read_workbook(Path(path))
    except UnreadableWorkbook as exc:
        raise RegistryError([f"{Path(path).name}: " + exc.text(locale)]) from None
    return parse_registry(book, locale)


def parse_registry(book: RawWorkbook, locale: str) -> Registry:
    problems: list[str] = []

    def fail(sheet: str, cell: str, code: str, /, **fields: object) -> None:
        text = message(code, locale, **fields)
        problems.append(message("registry.location", locale, file=book.name, sheet=sheet, cell=cell, text=text))

    units = _read_table(book, "sheet.units", UNIT_COLUMNS, ["unit_id", "unit_name", "kind"], locale, fail)
    raters = _read_table(book, "sheet.raters", RATER_COLUMNS, ["rater_id", "name"], locale, fail)
    if problems:
        raise RegistryError(problems)
    unit_rows, inactive = _units(units, locale, fail)
    rater_rows = _raters(raters, locale, fail)
    if not unit_rows:
        problems.append(message("registry.no_units", locale))
    if problems:
        raise RegistryError(problems)
    return Registry(unit_rows=unit_rows, rater_rows=rater_rows, inactive_keys=frozenset(inactive))


def _read_table(book, sheet_key, columns, required, locale, fail):
    found = book.sheet(sheet_key)
    if found is None:
        fail(label(sheet_key, locale), "", "registry.no_sheet", sheet=label(sheet_key, locale))
        return None
    sheet, rows = found
    header_row, result = find_header(rows, matcher(columns), required)
    if header_row is None:
        missing = "、".join(label(k, locale) for k in result)
        fail(sheet, "A1", "data.no_header", missing=missing)
        return None
    table = []
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        values = {k: (row[c] if c < len(row) else "") for k, c in result.items()}
        if all(is_blank(values.get(k, "")) for k in required):
            continue
        table.append((r, values))
    return sheet, result, table


def _units(parsed, locale, fail):
    sheet, columns, table = parsed
    kinds = matcher(["kind.department", "kind.branch"])
    statuses = matcher(["status.active", "status.inactive"])
    seen: dict[str, str] = {}
    records, inactive = [], set()
    for r, values in table:
        ref = lambda key: cell_ref(r, columns[key]) if key in columns else ""  # noqa: E731
        missing = [k for k in ("unit_id", "unit_name", "kind") if is_blank(values.get(k, ""))]
        for k in missing:
            fail(sheet, ref(k), "data.blank_required", column=label(k, locale))
        if missing:
            continue
        unit_id = cell_text(values["unit_id"])
        kind = kinds.get(fold(values["kind"]))
        status = statuses.get(fold(values.get("status", ""))) if not is_blank(values.get("status", "")) else None
        if kind is None:
            allowed = "、".join(label(k, locale) for k in ("kind.department", "kind.branch"))
            fail(sheet, ref("kind"), "data.unknown_category", column=label("kind", locale),
                 value=cell_text(values["kind"]), allowed=allowed)
            continue
        if not is_blank(values.get("status", "")) and status is None:
            allowed = "、".join(label(k, locale) for k in ("status.active", "status.inactive"))
            fail(sheet, ref("status"), "data.unknown_category", column=label("status", locale),
                 value=cell_text(values["status"]), allowed=allowed)
            continue
        key = code_key(unit_id)
        if key in seen:
            fail(sheet, ref("unit_id"), "data.duplicate", value=unit_id, first=seen[key])
            continue
        seen[key] = ref("unit_id")
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


def _raters(parsed, locale, fail):
    sheet, columns, table = parsed
    seen: dict[str, str] = {}
    records = []
    for r, values in table:
        ref = lambda key: cell_ref(r, columns[key]) if key in columns else ""  # noqa: E731
        missing = [k for k in ("rater_id", "name") if is_blank(values.get(k, ""))]
        for k in missing:
            fail(sheet, ref(k), "data.blank_required", column=label(k, locale))
        if missing:
            continue
        rater_id = cell_text(values["rater_id"])
        weight = 1.0
        if not is_blank(values.get("weight", "")):
            weight = parse_number(values["weight"])
            if weight is None or weight <= 0:
                fail(sheet, ref("weight"), "data.not_positive", column=label("weight", locale),
                     value=cell_text(values["weight"]))
                continue
            if weight > NUMBER_BOUND:
                fail(sheet, ref("weight"), "data.too_large", column=label("weight", locale), value=f"{weight:g}",
                     bound=display_number(NUMBER_BOUND))
                continue
        key = code_key(rater_id)
        if key in seen:
            fail(sheet, ref("rater_id"), "data.duplicate", value=rater_id, first=seen[key])
            continue
        seen[key] = ref("rater_id")
        records.append((rater_id, cell_text(values["name"]), cell_text(values.get("title", "")), weight))
    return tuple(records)
