"""The registry (名冊): who is assessed, who rates, and how codes written in forms are matched to them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
import functools
from functools import cached_property
from pathlib import Path

from typing import TYPE_CHECKING

from pbbatch.core.catalogue import fold, label, matcher, message
from pbbatch.core.numeric import NUMBER_BOUND, display_number, parse_number
from pbbatch.intake.workbook import RawWorkbook, UnreadableWorkbook, cell_ref, cell_text, find_header, is_blank, read_workbook

if TYPE_CHECKING:
    import pandas as pd

DEPARTMENT = "department"
BRANCH = "branch"

UNIT_COLUMNS = ["unit_id", "unit_name", "kind", "block", "head", "status"]  # the registry sheets' columns
RATER_COLUMNS = ["rater_id", "name", "title", "weight"]
UNIT_FIELDS = ["unit_id", "unit_name", "kind", "block", "head", "order"]  # an active unit, as the stages see it


class RegistryError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@functools.lru_cache(maxsize=65536, typed=True)  # typed: True and 1.0 are equal keys, but different codes
def code_key(value: object) -> str:
    """How codes compare: '０07 ' = '007', 'd01' = 'D01'; a whole float 7.0 is '7'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).upper()


@dataclass(frozen=True)
class Lookup:
    code: str | None  # the registry's own spelling of the code
    state: str  # ok | from_number | inactive | unknown


@dataclass(frozen=True)
class Registry:
    """The registry's rows, and lookups over them. Validation (in the reading processes) needs only the lookups,
    so pandas is imported only when a stage first asks for a frame."""

    unit_rows: tuple[tuple, ...]  # the active units in registry order, as UNIT_FIELDS
    rater_rows: tuple[tuple, ...]  # as RATER_COLUMNS
    inactive_keys: frozenset[str]

    @cached_property
    def units(self) -> pd.DataFrame:
        """The active units: unit_id, unit_name, kind, block, head, order."""
        import pandas as pd

        return pd.DataFrame(list(self.unit_rows), columns=UNIT_FIELDS)

    @cached_property
    def raters(self) -> pd.DataFrame:
        """rater_id, name, title, weight."""
        import pandas as pd

        return pd.DataFrame(list(self.rater_rows), columns=RATER_COLUMNS)

    @cached_property
    def _unit_keys(self) -> dict[str, str]:
        return {code_key(unit[0]): unit[0] for unit in self.unit_rows}

    @cached_property
    def _rater_keys(self) -> dict[str, str]:
        return {code_key(rater[0]): rater[0] for rater in self.rater_rows}

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {unit[0]: unit[2] for unit in self.unit_rows}

    def find_unit(self, value: object) -> Lookup:
        """What a cell's code matches. Remembered per cell value: every rating file lists the same codes."""
        key = (type(value), value)
        found = self._found_units.get(key)
        if found is None:
            found = self._found_units[key] = _lookup(value, self._unit_keys, self.inactive_keys)
        return found

    @cached_property
    def _found_units(self) -> dict[tuple[type, object], Lookup]:
        return {}

    def find_rater(self, value: object) -> Lookup:
        return _lookup(value, self._rater_keys, frozenset())

    def kind_of(self, unit_id: str) -> str:
        return self._kinds[unit_id]

    def of_kind(self, kind: str) -> pd.DataFrame:
        return self.units[self.units["kind"] == kind].reset_index(drop=True)

    def ids_of_kind(self, kind: str) -> tuple[str, ...]:
        """The codes of the active units of a kind, in registry order (asked once per rating file)."""
        return self._ids_by_kind.get(kind, ())

    @cached_property
    def _ids_by_kind(self) -> dict[str, tuple[str, ...]]:
        ids: dict[str, list[str]] = {}
        for unit_id, _, kind, *_ in self.unit_rows:
            ids.setdefault(kind, []).append(unit_id)
        return {kind: tuple(codes) for kind, codes in ids.items()}

    @cached_property
    def _names(self) -> dict[str, str]:
        return {rater[0]: rater[1] for rater in self.rater_rows} | {unit[0]: unit[1] for unit in self.unit_rows}

    def name_of(self, code: str) -> str:
        return self._names.get(code, "")

    def codes_named_in(self, file_name: str) -> list[str]:
        """The units and raters a file's name points to, by their code standing alone (`D03_目標.xls`, not
        `D030`) or their full name: how a file that is no workbook is tied to the submitter it likely came from."""
        import re

        text = unicodedata.normalize("NFC", file_name)
        return [code for code, name in self._names.items()
                if re.search(rf"(?<![0-9A-Za-z]){re.escape(code)}(?![0-9A-Za-z])", text, re.IGNORECASE)
                or (len(name) >= 2 and name in text)]

    def rater_ids(self) -> list[str]:
        return [rater[0] for rater in self.rater_rows]

    @cached_property
    def _weights(self) -> dict[str, float]:
        return {rater[0]: rater[3] for rater in self.rater_rows}

    def weight_of(self, rater_id: str) -> float:
        return self._weights[rater_id]

    def blocks(self) -> list[str]:
        return list(dict.fromkeys(unit[3] for unit in self.unit_rows if unit[2] == DEPARTMENT))


def _lookup(value: object, keys: dict[str, str], inactive: frozenset[str]) -> Lookup:
    key = code_key(value)
    if key in keys:
        return Lookup(keys[key], "ok")
    if key in inactive:
        return Lookup(None, "inactive")
    if isinstance(value, float) and key.isdigit():
        padded = [code for k, code in keys.items() if k.isdigit() and k.lstrip("0") == key.lstrip("0")]
        if len(padded) == 1:
            return Lookup(padded[0], "from_number")
    return Lookup(None, "unknown")


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
