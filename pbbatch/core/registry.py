"""The registry (名冊): who is assessed, who rates, and how codes written in forms are matched to them."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    import pandas as pd

DEPARTMENT = "department"
BRANCH = "branch"

UNIT_COLUMNS = ["unit_id", "unit_name", "kind", "block", "head", "status"]  # the registry sheets' columns
RATER_COLUMNS = ["rater_id", "name", "title", "weight"]
STAFF_COLUMNS = ["staff_id", "name", "unit_id", "post", "status"]  # the optional 人員 sheet (contract §1, §9)
STAFF_FIELDS = ["staff_id", "name", "unit_id", "post"]  # an active person, as the stages see it
UNIT_FIELDS = ["unit_id", "unit_name", "kind", "block", "head", "order"]  # an active unit, as the stages see it


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
    staff_rows: tuple[tuple, ...] = ()  # the active people in registry order, as STAFF_FIELDS
    has_staff: bool = False  # the registry has a 人員 sheet: the individual assessment (§9) is on
    inactive_staff_keys: frozenset[str] = frozenset()

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

    def find_staff(self, value: object) -> Lookup:
        """The registry's 工號 that a cell names (as codes compare), or why none."""
        return _lookup(value, self._staff_keys, self.inactive_staff_keys)

    @cached_property
    def _staff_keys(self) -> dict[str, str]:
        return {code_key(person[0]): person[0] for person in self.staff_rows}

    @cached_property
    def _staff(self) -> dict[str, tuple]:
        return {person[0]: person for person in self.staff_rows}

    def person(self, staff_id: str) -> tuple:
        """(staff_id, name, unit_id, post) of an active person."""
        return self._staff[staff_id]

    def staff_of(self, unit_id: str) -> tuple[tuple, ...]:
        """The unit's active people, in registry order."""
        return self._staff_by_unit.get(unit_id, ())

    @cached_property
    def _staff_by_unit(self) -> dict[str, tuple[tuple, ...]]:
        by_unit: dict[str, list[tuple]] = {}
        for person in self.staff_rows:
            by_unit.setdefault(person[2], []).append(person)
        return {unit: tuple(people) for unit, people in by_unit.items()}

    def units_with_staff(self) -> list[str]:
        """The active units that have active people, in registry order."""
        return [unit[0] for unit in self.unit_rows if unit[0] in self._staff_by_unit]

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
