"""The checker that collects problems, and the row-level checks every form's rules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pbbatch.core.errors import Label, Labels
from pbbatch.core.forms import ITEM_POINTS, Column
from pbbatch.core.numeric import display_number
from pbbatch.core.records import ERROR, WARNING, Context, Outcome, Problem
from pbbatch.intake.workbook import cell_ref, cell_text

if TYPE_CHECKING:
    from pbbatch.intake.item_columns import ItemColumns

class Checker:
    """Collects a file's problems, at most `config.max_problems` of them: the rest are counted in one last
    problem, so that a file of 100,000 bad rows makes a report of a few pages, not a book."""

    def __init__(self, outcome: Outcome, ctx: Context):
        self.outcome = outcome
        self.ctx = ctx
        self.limit = ctx.config.max_problems
        self.left_out = 0
        self._left_out_level = WARNING

    def add(self, level: str, sheet: str | Label, cell: str, code: str, /, **fields: object) -> None:
        problems = self.outcome.problems
        if len(problems) >= self.limit:
            self.left_out += 1
            if level == ERROR and self._left_out_level != ERROR:  # the file must still count as rejected
                self._left_out_level = ERROR
                self.finish()
            return
        problems.append(Problem(self.outcome.file, sheet, cell, level, code, fields))

    def finish(self) -> None:
        """The last problem, "... and N more", put in or brought up to date."""
        if not self.left_out:
            return
        problems = self.outcome.problems
        problems[:] = [p for p in problems if p.code != "data.more_problems"]  # last, after any reordering
        fields = {"count": self.left_out, "limit": self.limit}
        problems.append(Problem(self.outcome.file, "", "", self._left_out_level, "data.more_problems", fields))

    def error(self, sheet: str | Label, cell: str, code: str, /, **fields: object) -> None:
        self.add(ERROR, sheet, cell, code, **fields)

    def warn(self, sheet: str, cell: str, code: str, /, **fields: object) -> None:
        self.add(WARNING, sheet, cell, code, **fields)

    @staticmethod
    def label(key: str) -> Label:
        """A label as a problem's field: worded in the locale the problem is shown in."""
        return Label(key)

    @staticmethod
    def allowed(keys: tuple[str, ...]) -> Labels:
        return Labels(tuple(keys))


@dataclass
class Row:
    index: int  # 0-based sheet row
    values: dict[str, object]
    refs: "CellRefs"
    ignored: bool = False


@dataclass
class DataSheet:
    """The data sheet's rows as read: `rows` to check and keep; `unscored` the pre-filled rows (a ratee, an item,
    a branch) whose submitter left every key cell blank, kept only to say so at the blank cell."""

    name: str
    rows: list[Row]
    unscored: list[Row] = field(default_factory=list)
    key_columns: list = field(default_factory=list)  # column keys, or a wide form's items
    items: "ItemColumns | None" = None  # a wide form's item columns (intake.item_columns)
    positions: dict[str, int] = field(default_factory=dict)  # each column's 0-based position, by key
    header: int = 0  # the header's 0-based row


class CellRefs:
    """A row's cell references by column key ('D7'), made only when a problem needs one."""

    def __init__(self, row: int, positions: dict[str, int]):
        self.row, self.positions = row, positions

    def __getitem__(self, key: str) -> str:
        return cell_ref(self.row, self.positions[key])

    def get(self, key: str, default: str = "") -> str:
        return self[key] if key in self.positions else default


def resolve_unit(row: Row, key: str, sheet: str, check: Checker, kind: str | None) -> str | None:
    """The registry's code for a unit cell, also put back into the row; errors for unknown units or the wrong
    kind, warnings (and the row ignored) for inactive ones."""
    code = _unit_code(row, key, sheet, check, kind)
    if code is not None:
        row.values[key] = code
    return code


def _unit_code(row: Row, key: str, sheet: str, check: Checker, kind: str | None) -> str | None:
    raw = row.values[key]
    if raw is None:
        return None
    found = check.ctx.registry.find_unit(raw)
    if found.state == "ok" and not (kind and check.ctx.registry.kind_of(found.code) != kind):
        return found.code  # the common case, with no message to word
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


def check_bound(row: Row, column: Column, sheet: str, check: Checker, key: object = None,
                item_points: float | None = None) -> bool:
    """The cell's number against its column's declared bound (forms.Bound); False, with an error, when outside.
    `key` is the cell's key in the row when not the column's (an item column's), `item_points` what ITEM_POINTS
    stands for in this row. A bound whose references are all unknown in this row checks nothing."""
    key = key or column.key
    value = row.values.get(key)
    if value is None:
        return True
    bound = column.bound
    high = bound.high
    if bound.fixed:
        if bound.low <= value <= high:
            return True  # the common case in a few steps: a rating's score, 6.8 million of them at 100x
    else:
        if type(high) is tuple:
            references, high = high, None
            for ref in references:
                known = item_points if ref == ITEM_POINTS else row.values.get(ref)
                if known is not None and (high is None or known < high):
                    high = known
            if high is None:
                return True
        if bound.admits(value, high):
            return True
    name, shown = check.label(column.label), display_number(value)
    if bound.whole:
        check.error(sheet, row.refs[key], "data.bad_count", column=name, value=shown)
    elif bound.low_open:
        check.error(sheet, row.refs[key], "data.not_positive", column=name, value=shown)
    else:
        check.error(sheet, row.refs[key], "data.out_of_range", column=name, value=shown,
                    low=display_number(bound.low), high=display_number(high))
    return False


def check_date_in_period(row: Row, key: str, sheet: str, check: Checker) -> None:
    day = row.values.get(key)
    period = check.outcome.period
    if day is not None and period is not None and not period.contains(day):
        check.error(sheet, row.refs[key], "data.date_outside_period", value=day.isoformat(), period=period)


def check_unique(row: Row, key: str, value: str, seen: dict[str, Row], sheet: str, check: Checker,
                 code: str = "data.duplicate") -> bool:
    """False (and an error naming the first cell) when `value` was already listed in this form; `seen` maps
    each value to the row that listed it first."""
    if value in seen:
        check.error(sheet, row.refs[key], code, value=cell_text(value), first=seen[value].refs[key])
        return False
    seen[value] = row
    return True
