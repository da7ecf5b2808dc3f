"""Responsibility letters (目標責任書, contract section 7): which letters of the year count, the checks across
them, and each accepted 目標考核表 held to exactly its department's targets of the month.

Runs over every file's outcome after reading and before the submissions are chosen: a file this rejects then
counts for nothing, as any rejected file. A letter rejected here may let an older version of its submission
count, so the letters are chosen and checked again until no letter is rejected.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from pbbatch.core.catalogue import fold
from pbbatch.core.errors import Label
from pbbatch.core.month_lists import describe_months
from pbbatch.core.numeric import display_number
from pbbatch.core.periods import Month, Year
from pbbatch.core.records import ACCEPTED, ERROR, REJECTED, WARNING, Context, Outcome, Problem
from pbbatch.intake.select import choose_submissions
from pbbatch.intake.validate import in_reading_order
from pbbatch.intake.workbook import cell_ref

LETTER = "target_letter"


@dataclass(frozen=True)
class LetterTarget:
    unit_id: str
    category: str  # target_cat key: key | common | safety
    target: str
    points: float
    months: tuple[int, ...]
    standard: str
    owner: str
    file: str
    cell: str  # the row's 目標內容 cell, '數據!C5'

    def as_json(self) -> dict:
        row = dataclasses.asdict(self)
        row["months"] = list(self.months)
        return row


@dataclass(frozen=True)
class Letters:
    """The targets of the counted letters of one year, in the order the files and their rows list them."""

    year: int
    targets: tuple[LetterTarget, ...] = ()
    files: tuple[str, ...] = ()

    def covers(self, unit_id: str) -> bool:
        return any(t.unit_id == unit_id for t in self.targets)

    def units(self) -> list[str]:
        return list(dict.fromkeys(t.unit_id for t in self.targets))

    def of(self, unit_id: str, month: int | None = None) -> list[LetterTarget]:
        """A department's targets, all of them or those of one month (1-12)."""
        return [t for t in self.targets if t.unit_id == unit_id and (month is None or month in t.months)]

    def as_json(self) -> list[dict]:
        return [t.as_json() for t in self.targets]


def settle_letters(outcomes: list[Outcome], ctx: Context) -> tuple[list[Outcome], Letters]:
    """The outcomes with the letters checked across each other and every accepted 目標考核表 of the run's month
    checked against them; and the counted letters of the run's year."""
    year = ctx.month.year
    outcomes = list(outcomes)
    while True:
        counted = _counted_letters(outcomes, year)
        rejected = _cross_check(counted)
        if not rejected:
            break
        counted_ids = {id(o) for o in counted}
        outcomes = [_reject(o, rejected[o.file]) if id(o) in counted_ids and o.file in rejected else o
                    for o in outcomes]
    letters = Letters(year, tuple(t for o in counted for t in _targets_of(o)), tuple(o.file for o in counted))
    outcomes = [_check_targets(o, letters, ctx) if _is_month_targets(o, ctx.month) else o for o in outcomes]
    return outcomes, letters


def _counted_letters(outcomes: list[Outcome], year: int) -> list[Outcome]:
    """The accepted letters of the year that count (one per submitter, as in section 2), by file name."""
    letters = [o for o in outcomes if o.form == LETTER and o.status == ACCEPTED and o.period == Year(year)]
    chosen = {o.file for o in choose_submissions(letters) if o.status == ACCEPTED}
    return sorted((o for o in letters if o.file in chosen), key=lambda o: o.file)


def _targets_of(outcome: Outcome) -> list[LetterTarget]:
    columns = outcome.columns
    sheet, positions, _ = outcome.layout
    return [
        LetterTarget(columns["unit_id"][n], columns["category"][n], columns["target"][n],
                     float(columns["points"][n]), tuple(columns["months"][n]), columns["standard"][n] or "",
                     columns["owner"][n] or "", outcome.file,
                     f"{sheet}!{cell_ref(columns['row'][n] - 1, positions['target'])}")
        for n in range(len(columns["row"]))
    ]


def _cross_check(counted: list[Outcome]) -> dict[str, list[Problem]]:
    """Errors by file: a (unit, target) listed again in a later file, and a unit whose targets of a month do not
    add up to 100 (at the last file listing the unit: the one that made the sum)."""
    problems: dict[str, list[Problem]] = defaultdict(list)
    first: dict[tuple[str, str], LetterTarget] = {}
    sums: dict[str, dict[int, float]] = defaultdict(lambda: dict.fromkeys(range(1, 13), 0.0))
    last_of_unit: dict[str, tuple[Outcome, LetterTarget]] = {}
    for outcome in counted:
        seen_here: set[str] = set()
        for t in _targets_of(outcome):
            key = (t.unit_id, fold(t.target))
            if key in first and first[key].file != t.file:
                sheet, cell = t.cell.split("!", 1)
                problems[t.file].append(Problem(t.file, sheet, cell, ERROR, "letter.duplicate_target",
                                                {"unit": t.unit_id, "target": t.target,
                                                 "first": f"{first[key].file} {first[key].cell}"}))
                continue
            first.setdefault(key, t)
            for m in t.months:
                sums[t.unit_id][m] += t.points
            if t.unit_id not in seen_here:
                seen_here.add(t.unit_id)
                last_of_unit[t.unit_id] = (outcome, t)
    for unit, by_month in sums.items():
        outcome, t = last_of_unit[unit]
        sheet, _ = t.cell.split("!", 1)
        unit_cell = cell_ref(int(_row_of(t.cell)) - 1, outcome.layout[1]["unit_id"])
        by_total: dict[float, list[int]] = defaultdict(list)
        for month, total in by_month.items():
            if abs(total - 100) > 1e-9:
                by_total[round(total, 9)].append(month)
        for total, months in by_total.items():
            problems[outcome.file].append(Problem(outcome.file, sheet, unit_cell, ERROR, "letter.month_points",
                                                  {"unit": unit, "months": describe_months(tuple(months), "1-12"),
                                                   "total": display_number(total)}))
    return dict(problems)


def _row_of(cell: str) -> str:
    return "".join(ch for ch in cell.split("!", 1)[1] if ch.isdigit())


def _reject(outcome: Outcome, problems: list[Problem]) -> Outcome:
    return dataclasses.replace(outcome, status=REJECTED, columns=None, layout=None,
                               problems=in_reading_order(outcome.problems + problems))


def _is_month_targets(outcome: Outcome, month: Month) -> bool:
    return outcome.form == "targets" and outcome.status == ACCEPTED and outcome.period == month


def _check_targets(outcome: Outcome, letters: Letters, ctx: Context) -> Outcome:
    """Exactly the letter's targets of the month: each missing one at the first empty row, a row not in the
    letter at its 目標內容, 分值 that differs at its cell naming the letter's value. No letter for the
    department: a warning, or an error when `targets.require_letter`."""
    unit, month = outcome.submitter_id, ctx.month
    sheet, positions, header = outcome.layout
    fields = {"year": str(letters.year), "month": str(month), "unit": unit}
    if not letters.covers(unit):
        required = ctx.config.require_letter
        code = "targets.no_letter_required" if required else "targets.no_letter"
        problem = Problem(outcome.file, sheet, "", ERROR if required else WARNING, code, fields)
        if required:
            return _reject(outcome, [problem])
        return dataclasses.replace(outcome, problems=outcome.problems + [problem])
    wanted = {fold(t.target): t for t in letters.of(unit, month.month)}
    columns = outcome.columns
    found: set[str] = set()
    problems: list[Problem] = []
    for n, row in enumerate(columns["row"]):
        target, points = columns["target"][n], columns["points"][n]
        letter = wanted.get(fold(target))
        if letter is None:
            allowed = "、".join(t.target for t in wanted.values()) or "—"
            problems.append(Problem(outcome.file, sheet, cell_ref(row - 1, positions["target"]), ERROR,
                                    "targets.not_in_letter", {**fields, "value": target, "allowed": allowed}))
            continue
        found.add(fold(target))
        if abs(float(points) - letter.points) > 1e-9:
            problems.append(Problem(outcome.file, sheet, cell_ref(row - 1, positions["points"]), ERROR,
                                    "targets.letter_points", {**fields, "target": target,
                                                              "value": display_number(points),
                                                              "letter": display_number(letter.points)}))
    missing = [t for key, t in wanted.items() if key not in found]
    if missing:
        used = set(columns["row"])
        empty = header + 2  # the first row under the header (1-based) that holds no target
        while empty in used:
            empty += 1
        for t in missing:
            problems.append(Problem(outcome.file, sheet, cell_ref(empty - 1, positions["target"]), ERROR,
                                    "targets.letter_missing_target",
                                    {**fields, "target": t.target, "category": Label(f"target_cat.{t.category}"),
                                     "points": display_number(t.points)}))
    return _reject(outcome, problems) if problems else outcome
