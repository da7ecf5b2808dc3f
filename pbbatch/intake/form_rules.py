"""The rules of each form, over its parsed rows (contract section 2, 'What is an error')."""

from __future__ import annotations

import re
import unicodedata

from pbbatch.intake.checks import Checker, DataSheet, Row, check_bound, check_date_in_period, check_unique, resolve_unit
from pbbatch.core.config import BranchItem
from pbbatch.core.forms import DEMOCRATIC_COUNTS, FORMS
from pbbatch.core.registry import BRANCH, DEPARTMENT
from pbbatch.core.numeric import display_number
from pbbatch.core.registry import code_key
from pbbatch.intake.workbook import Cell, cell_ref, cell_text, is_blank

# Each form's rules run over every row, also when some cells could not be read (their value is None), so that
# every problem of a file is reported in one run (contract section 2).


def _targets_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows = data.name, data.rows
    points, score = FORMS["targets"].column("points"), FORMS["targets"].column("score")
    for row in rows:
        if check_bound(row, points, sheet, check):  # a score is checked against valid points only
            check_bound(row, score, sheet, check)
    points = [r.values["points"] for r in rows]
    total = sum(p for p in points if p is not None)
    if rows and None not in points and abs(total - 100) > 1e-9:  # a points cell unread makes any total wrong
        first = rows[0].refs.get("points", "")
        check.warn(sheet, first, "warn.points_not_100", total=display_number(total))
    return data


def _ratings_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows = data.name, data.rows
    submitter = check.outcome.submitter_id
    first_seen: dict[str, Row] = {}
    unresolved = False
    score = FORMS["ratings"].column("score")
    for row in rows:
        ratee = resolve_unit(row, "ratee_id", sheet, check, DEPARTMENT)
        check_bound(row, score, sheet, check)
        if ratee is None:
            unresolved = unresolved or not row.ignored
            continue
        if not check_unique(row, "ratee_id", ratee, first_seen, sheet, check):
            continue
        if check.outcome.rating_type == "mutual" and ratee == submitter:
            check.warn(sheet, row.refs["ratee_id"], "warn.self_rating")
            row.ignored = True
    if check.outcome.rating_type is None:
        return data  # who was to be rated depends on the rating type, which did not read
    rates_itself = check.outcome.rating_type == "mutual"
    expected = [u for u in check.ctx.registry.ids_of_kind(DEPARTMENT) if not (rates_itself and u == submitter)]
    _warn_left_out(expected, first_seen, data, "ratee_id", "score", check, "warn.ratees_left_out", unresolved)
    return data


def _unit_event_rules(data: DataSheet, check: Checker) -> DataSheet:
    """加減分表 and 一票否決表: any active unit, and a date (if given) inside the form's period."""
    for row in data.rows:
        resolve_unit(row, "unit_id", data.name, check, None)
        check_date_in_period(row, "date", data.name, check)
    return data


def _items(check: Checker) -> dict[str, BranchItem]:
    return {code_key(i.code): i for i in check.ctx.config.branch_items}


def _resolve_item(row: Row, key: str, sheet: str, check: Checker) -> BranchItem | None:
    raw = row.values.get(key)
    if raw is None:
        return None
    item = _items(check).get(code_key(raw))
    if item is None:
        check.error(sheet, row.refs[key], "data.unknown_item", value=cell_text(raw),
                    allowed="、".join(i.code for i in check.ctx.config.branch_items))
    return item


def _warn_left_out(expected: list[str], seen: dict[str, Row], data: DataSheet, key: str, blank: str | None,
                   check: Checker, code: str, unresolved: bool) -> None:
    """A warning at the blank cell of each pre-filled row left unscored (at `blank`, or the row's first key
    cell), and one listing the expected codes the sheet has no row for at all. That list waits while some row's
    code is `unresolved` (blank or in error): the row may be meant for one of them."""
    field = "items" if code == "warn.items_left_out" else "units"
    expected_set = set(expected)
    listed = set(seen)
    for row in data.unscored:
        found = _quiet_code(row.values.get(key), key, check)
        if found in expected_set and found not in listed:
            listed.add(found)
            cell = row.refs[blank] if blank else row.refs[data.key_columns[0]] if data.key_columns else row.refs[key]
            check.warn(data.name, cell, code, **{field: found})
    left_out = [e for e in expected if e not in listed]
    if left_out and not unresolved:
        first = data.rows[0].refs[key] if data.rows else ""
        check.warn(data.name, first, code, **{field: "、".join(left_out)})


def _quiet_code(raw, key: str, check: Checker) -> str | None:
    """The code a pre-filled cell names (an item, or a unit), or None; no problem is raised for it."""
    if raw is None:
        return None
    if key == "item_id":
        item = _items(check).get(code_key(raw))
        return item.code if item else None
    return check.ctx.registry.find_unit(raw).code


def _self_eval_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows = data.name, data.rows
    seen: dict[str, Row] = {}
    unresolved = False
    points, score = FORMS["self_eval"].column("points"), FORMS["self_eval"].column("score")
    for row in rows:
        item = _resolve_item(row, "item_id", sheet, check)
        if item is None:
            unresolved = True
            continue
        row.values["item_id"] = item.code
        if not check_unique(row, "item_id", item.code, seen, sheet, check):
            continue
        if check_bound(row, points, sheet, check):
            check_bound(row, score, sheet, check, item_points=item.points)
    codes = [i.code for i in check.ctx.config.branch_items]
    _warn_left_out(codes, seen, data, "item_id", "score", check, "warn.items_left_out", unresolved)
    return data


def _header_text(text: str) -> str:
    """Width and case folded, but spaces kept: they separate an item code from its name (`K01 Political work`)."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def read_item_columns(header: list[Cell], header_row: int, sheet: str, check: Checker) -> dict[str, int]:
    """The 部門考評表's item columns, headed `K02` or `K02 組織建設`: {"item:K02": column}. An error when a
    column for an item this department owns is missing, or a column is headed like an item code (`K11 新項目`
    where the items are K01-K10) but names no configured item: its scores would otherwise be dropped as an
    extra column's are. The columns found are read all the same, so their cells are checked in the same run."""
    items = check.ctx.config.branch_items
    codes = [(item, _header_text(item.code)) for item in items]
    shapes = {_code_shape(code) for _, code in codes}
    found: dict[str, int] = {}
    unknown = False
    for c, text in enumerate(header):
        if not isinstance(text, str) or is_blank(text):
            continue
        folded = _header_text(text)
        matched = False
        for item, code in codes:
            rest = folded[len(code):]
            if folded.startswith(code) and not (rest[:1].isascii() and rest[:1].isalnum()):
                found.setdefault(f"item:{item.code}", c)
                matched = True
        if not matched and _code_shape(folded.split(maxsplit=1)[0]) in shapes:
            check.error(sheet, cell_ref(header_row, c), "data.unknown_item", value=text.strip(),
                        allowed="、".join(i.code for i in items))
            unknown = True
    submitter = code_key(check.outcome.submitter_id)
    missing = [i.code for i in items if code_key(i.owner) == submitter and f"item:{i.code}" not in found]
    if missing and submitter:
        check.error(sheet, cell_ref(header_row, 0), "data.missing_item_columns", items="、".join(missing))
    return found


def _code_shape(code: str) -> str:
    """A code with each run of digits as one '0': K01 and K11 share a shape, 備註 and Kpi have others."""
    return re.sub(r"\d+", "0", code)


def _dept_eval_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows = data.name, data.rows
    items = {i.code: i for i in check.ctx.config.branch_items}
    submitter = code_key(check.outcome.submitter_id)  # '' when the 填報單位編號 did not read: owner unknown
    reported: set[str] = set()
    seen: dict[str, Row] = {}
    unresolved = False
    for row in rows:
        for key, value in row.values.items():
            if not key.startswith("item:") or value is None:
                continue
            item = items[key[5:]]
            if submitter and code_key(item.owner) != submitter:
                if item.code not in reported:
                    reported.add(item.code)
                    check.error(sheet, row.refs[key], "data.not_owner", item=item.code, owner=item.owner)
                continue
            check_bound(row, FORMS["dept_eval"].item_scores, sheet, check, key, item.points)
        branch = resolve_unit(row, "branch_id", sheet, check, BRANCH)
        if branch is not None:
            check_unique(row, "branch_id", branch, seen, sheet, check)
        unresolved = unresolved or (branch is None and not row.ignored)
    branches = list(check.ctx.registry.ids_of_kind(BRANCH))
    owned = [k for k in data.key_columns if code_key(items[k[5:]].owner) == submitter]
    _warn_left_out(branches, seen, data, "branch_id", owned[0] if owned else None, check, "warn.ratees_left_out",
                   unresolved)
    return data


def _democratic_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows = data.name, data.rows
    seen: dict[str, Row] = {}
    columns = {key: FORMS["democratic"].column(key) for key in DEMOCRATIC_COUNTS}
    for row in rows:
        branch = resolve_unit(row, "branch_id", sheet, check, BRANCH)
        if branch is not None:
            check_unique(row, "branch_id", branch, seen, sheet, check)
        counts = {}
        for key in DEMOCRATIC_COUNTS:
            value = row.values.get(key)
            if value is None:
                counts[key] = 0 if key == "abstain" else None
            elif not check_bound(row, columns[key], sheet, check):
                counts[key] = None
            else:
                counts[key] = int(value)
        if any(v is None for v in counts.values()):
            continue
        row.values["abstain"] = counts["abstain"]
        ballots = sum(counts[k] for k in ("excellent", "good", "fair", "poor", "abstain"))
        if ballots > counts["present"]:
            check.error(sheet, row.refs["present"], "data.ballots_over_present", ballots=ballots,
                        present=counts["present"])
        elif counts["present"] > counts["eligible"]:
            check.error(sheet, row.refs["present"], "data.present_over_eligible", present=counts["present"],
                        eligible=counts["eligible"])
        else:
            minimum = check.ctx.config.min_turnout
            turnout = counts["present"] / counts["eligible"] if counts["eligible"] else 0.0
            if turnout <= minimum:
                check.warn(sheet, row.refs["present"], "warn.low_turnout", turnout=f"{turnout:.0%}",
                           minimum=f"{minimum:.0%}")
    return data


def _spot_checks_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows = data.name, data.rows
    deduction = FORMS["spot_checks"].column("deduction")
    for row in rows:
        resolve_unit(row, "branch_id", sheet, check, BRANCH)
        item = _resolve_item(row, "item_id", sheet, check)
        if item is not None:
            row.values["item_id"] = item.code
        check_bound(row, deduction, sheet, check)
        check_date_in_period(row, "date", sheet, check)
    return data


RULES = {
    "targets": _targets_rules,
    "ratings": _ratings_rules,
    "adjustments": _unit_event_rules,
    "vetoes": _unit_event_rules,
    "self_eval": _self_eval_rules,
    "dept_eval": _dept_eval_rules,
    "democratic": _democratic_rules,
    "spot_checks": _spot_checks_rules,
}
