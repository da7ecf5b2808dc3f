"""Reading one data cell as its column wants it: one reader per column kind, its fast common case declared
next to its full check.

The validator calls a reader's `fast` on every cell (one plain function call); it gives the value of a
common cell, or SLOW where only `full` can tell (blanks, text in a number column, dates, choices...). `fast`
never answers where `full` would raise a problem or give another value: a property test holds them to it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

from pbbatch.core.catalogue import LABELS, fold, matcher
from pbbatch.core.forms import Column, FormSpec
from pbbatch.core.month_lists import parse_month_list
from pbbatch.core.numeric import NUMBER_BOUND, display_number, parse_number
from pbbatch.core.periods import parse_date
from pbbatch.intake.checks import CellRefs, Checker
from pbbatch.intake.workbook import Cell, cell_text, is_blank

SLOW = object()  # `fast` cannot tell: ask `full`


@dataclass(frozen=True)
class Sheet:
    """What a full check needs besides the cell: the sheet's name, its checker, the accepted values of its
    choice columns ({column key: {folded text: value}}) and its hidden cells (formula and error cells that read
    blank: {"C7": ("error", "#DIV/0!")})."""

    name: str
    check: Checker
    choices: dict[str, dict[str, str]]
    hidden: dict[str, tuple[str, str]]


Full = Callable[[Column, Cell, CellRefs, object, Sheet], object]  # the value of a cell that is not blank


@dataclass(frozen=True)
class CellReader:
    """`fast` for any column of the kind; `fast_or_blank` also gives None for an empty cell, which is right only
    for an optional column of a sheet without hidden cells; `filled` is the full check of a cell not blank."""

    fast: Callable[[Cell], object]
    fast_or_blank: Callable[[Cell], object]
    filled: Full

    def full(self, column: Column, raw: Cell, refs: CellRefs, key: object, sheet: Sheet) -> object:
        """The cell's value as its column wants it; a problem (with the column's name in the locale) if not."""
        if is_blank(raw):
            return _blank(column, refs, key, sheet)
        return self.filled(column, raw, refs, key, sheet)

    def fast_for(self, column: Column, sheet: Sheet) -> Callable[[Cell], object]:
        return self.fast if column.required or sheet.hidden else self.fast_or_blank


def _blank(column: Column, refs: CellRefs, key: object, sheet: Sheet) -> None:
    check = sheet.check
    if sheet.hidden:
        found = sheet.hidden.get(refs[key])
        if found:  # an error value, or a formula saved without its value: not a blank the sender meant
            kind, text = found
            code = "data.error_value" if kind == "error" else "data.formula_no_value"
            check.error(sheet.name, refs[key], code, column=check.label(column.label), value=text)
            return None
    if column.required:
        check.error(sheet.name, refs[key], "data.blank_required", column=check.label(column.label))
    return None


def _blank_or_slow(raw: Cell) -> object:
    return None if raw == "" else SLOW


def _always_slow(raw: Cell) -> object:
    return SLOW


# ---------------------------------------------------------------- number: a float, or text that reads as one


def _number(raw: Cell) -> object:
    return raw if type(raw) is float and -NUMBER_BOUND <= raw <= NUMBER_BOUND else SLOW  # false for NaN too


def _number_or_blank(raw: Cell) -> object:
    if type(raw) is float:
        return raw if -NUMBER_BOUND <= raw <= NUMBER_BOUND else SLOW
    return None if raw == "" else SLOW


def _number_full(column: Column, raw: Cell, refs: CellRefs, key: object, sheet: Sheet) -> object:
    check = sheet.check
    number = parse_number(raw)
    if number is None:
        check.error(sheet.name, refs[key], "data.not_number", column=check.label(column.label), value=cell_text(raw))
    elif not -NUMBER_BOUND <= number <= NUMBER_BOUND:
        check.error(sheet.name, refs[key], "data.too_large", column=check.label(column.label), value=f"{number:g}",
                    bound=display_number(NUMBER_BOUND))
        return None
    return number


NUMBER = CellReader(_number, _number_or_blank, _number_full)


# ---------------------------------------------------------------- code: as written (matched to the registry later)


def _as_is(raw: Cell) -> object:
    return raw if type(raw) is str and raw.strip() else SLOW


def _as_is_or_blank(raw: Cell) -> object:
    if type(raw) is str:
        return raw if raw.strip() else None
    return SLOW


def _as_is_full(column: Column, raw: Cell, refs: CellRefs, key: object, sheet: Sheet) -> object:
    return raw


AS_IS = CellReader(_as_is, _as_is_or_blank, _as_is_full)  # codes, and text nothing downstream keeps


# ---------------------------------------------------------------- text: what a person reads in the cell


def _text(raw: Cell) -> object:
    return unicodedata.normalize("NFC", raw).strip() if type(raw) is str and raw.strip() else SLOW


def _text_or_blank(raw: Cell) -> object:
    if type(raw) is str:
        return unicodedata.normalize("NFC", raw).strip() if raw.strip() else None
    return SLOW


def _text_full(column: Column, raw: Cell, refs: CellRefs, key: object, sheet: Sheet) -> object:
    return cell_text(raw)


TEXT = CellReader(_text, _text_or_blank, _text_full)


# ---------------------------------------------------------------- date: a date cell, or text that reads as one


def _parsed_full(parse: Callable[[Cell], object], code: str):
    """A reader's full path for a cell that `parse` reads or returns None for: an error at the cell (`code`)
    when it does not read."""
    def full(column: Column, raw: Cell, refs: CellRefs, key: object, sheet: Sheet) -> object:
        value = parse(raw)
        if value is None:
            check = sheet.check
            check.error(sheet.name, refs[key], code, column=check.label(column.label), value=cell_text(raw))
        return value
    return full


DATE = CellReader(_always_slow, _blank_or_slow, _parsed_full(parse_date, "data.not_date"))


# ---------------------------------------------------------------- choice: one of the column's values, in any script


def _choice_full(column: Column, raw: Cell, refs: CellRefs, key: object, sheet: Sheet) -> object:
    value = sheet.choices[column.key].get(fold(raw))
    if value is None:
        check = sheet.check
        allowed = column.choices and check.allowed(column.choices) or "、".join(check.ctx.config.veto_categories)
        check.error(sheet.name, refs[key], "data.unknown_category", column=check.label(column.label),
                    value=cell_text(raw), allowed=allowed)
    return value


CHOICE = CellReader(_always_slow, _blank_or_slow, _choice_full)


def choice_maps(spec: FormSpec, check: Checker) -> dict[str, dict[str, str]]:
    """The accepted values of each choice column of the form: {column key: {folded text: value}}."""
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

# ---------------------------------------------------------------- months: 考核月份 (全年, 1-6, 3,6,9,12)


MONTHS = CellReader(_always_slow, _blank_or_slow, _parsed_full(parse_month_list, "data.bad_months"))

_BY_KIND = {"number": NUMBER, "code": AS_IS, "text": TEXT, "date": DATE, "choice": CHOICE, "months": MONTHS}


def reader_for(column: Column) -> CellReader:
    return AS_IS if column.kind == "text" and not column.kept else _BY_KIND[column.kind]
