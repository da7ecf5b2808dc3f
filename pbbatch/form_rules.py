"""The rules of each form, over its parsed rows (contract section 2, 'What is an error')."""

from __future__ import annotations

import re
import unicodedata

from .checks import Checker, Row, check_date_in_period, check_range, check_unique, resolve_unit
from .config import BranchItem
from .forms import BRANCH, DEMOCRATIC_COUNTS, DEPARTMENT
from .numeric import display_number
from .registry import code_key
from .workbook import Cell, cell_ref, cell_text, is_blank

def _targets_rules(data, check: Checker):
    sheet, rows = data
    for row in rows:
        points = row.values["points"]
        if points is not None and points <= 0:
            check.error(sheet, row.refs["points"], "data.not_positive", column=check.label("targets.points"),
                        value=display_number(points))
        elif points is not None:
            check_range(row, "score", 0, points, sheet, check, "targets.score")
    total = sum(r.values["points"] or 0 for r in rows)
    if rows and abs(total - 100) > 1e-9:
        first = rows[0].refs.get("points", "")
        check.warn(sheet, first, "warn.points_not_100", total=display_number(total))
    return sheet, rows


def _ratings_rules(data, check: Checker):
    sheet, rows = data
    submitter = check.outcome.submitter_id
    first_seen: dict[str, Row] = {}
    for row in rows:
        ratee = resolve_unit(row, "ratee_id", sheet, check, DEPARTMENT)
        check_range(row, "score", 0, 100, sheet, check, "ratings.score")
        if ratee is None:
            continue
        if not check_unique(row, "ratee_id", ratee, first_seen, sheet, check):
            continue
        if check.outcome.rating_type == "mutual" and ratee == submitter:
            check.warn(sheet, row.refs["ratee_id"], "warn.self_rating")
            row.ignored = True
    rates_itself = check.outcome.rating_type == "mutual"
    expected = [u for u in check.ctx.registry.ids_of_kind(DEPARTMENT) if not (rates_itself and u == submitter)]
    _warn_left_out(expected, first_seen, rows, "ratee_id", sheet, check, "warn.ratees_left_out")
    return sheet, rows


def _unit_event_rules(data, check: Checker):
    """加減分表 and 一票否決表: any active unit, and a date (if given) inside the form's period."""
    sheet, rows = data
    for row in rows:
        resolve_unit(row, "unit_id", sheet, check, None)
        check_date_in_period(row, "date", sheet, check)
    return sheet, rows


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


def _warn_left_out(expected: list[str], seen: dict[str, Row], rows: list[Row], key: str, sheet: str,
                   check: Checker, code: str) -> None:
    left_out = [e for e in expected if e not in seen]
    if left_out and not check.outcome.has_errors:
        field = "items" if code == "warn.items_left_out" else "units"
        check.warn(sheet, rows[0].refs[key] if rows else "", code, **{field: "、".join(left_out)})


def _self_eval_rules(data, check: Checker):
    sheet, rows = data
    seen: dict[str, Row] = {}
    for row in rows:
        item = _resolve_item(row, "item_id", sheet, check)
        if item is None:
            continue
        row.values["item_id"] = item.code
        if not check_unique(row, "item_id", item.code, seen, sheet, check):
            continue
        points = row.values.get("points")
        if points is not None and points <= 0:
            check.error(sheet, row.refs["points"], "data.not_positive", column=check.label("self_eval.points"),
                        value=display_number(points))
            continue
        high = min(points, item.points) if points is not None else item.points
        check_range(row, "score", 0, high, sheet, check, "self_eval.score")
    codes = [i.code for i in check.ctx.config.branch_items]
    _warn_left_out(codes, seen, rows, "item_id", sheet, check, "warn.items_left_out")
    return sheet, rows


def _header_text(text: str) -> str:
    """Width and case folded, but spaces kept: they separate an item code from its name (`K01 Political work`)."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def read_item_columns(header: list[Cell], header_row: int, sheet: str, check: Checker) -> dict[str, int] | None:
    """The 部門考評表's item columns, headed `K02` or `K02 組織建設`: {"item:K02": column}. None (with an
    error) when a column for an item this department owns is missing, or a column is headed like an item code
    (`K11 新項目` where the items are K01-K10) but names no configured item: its scores would otherwise be
    dropped as an extra column's are."""
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
    if missing:
        check.error(sheet, cell_ref(header_row, 0), "data.missing_item_columns", items="、".join(missing))
    return None if missing or unknown else found


def _code_shape(code: str) -> str:
    """A code with each run of digits as one '0': K01 and K11 share a shape, 備註 and Kpi have others."""
    return re.sub(r"\d+", "0", code)


def _dept_eval_rules(data, check: Checker):
    sheet, rows = data
    items = {i.code: i for i in check.ctx.config.branch_items}
    submitter = code_key(check.outcome.submitter_id)
    reported: set[str] = set()
    seen: dict[str, Row] = {}
    for row in rows:
        for key, value in row.values.items():
            if not key.startswith("item:") or value is None:
                continue
            item = items[key[5:]]
            if code_key(item.owner) != submitter:
                if item.code not in reported:
                    reported.add(item.code)
                    check.error(sheet, row.refs[key], "data.not_owner", item=item.code, owner=item.owner)
                continue
            check_range(row, key, 0, item.points, sheet, check, "item.department")
        branch = resolve_unit(row, "branch_id", sheet, check, BRANCH)
        if branch is not None:
            check_unique(row, "branch_id", branch, seen, sheet, check)
    branches = list(check.ctx.registry.ids_of_kind(BRANCH))
    _warn_left_out(branches, seen, rows, "branch_id", sheet, check, "warn.ratees_left_out")
    return sheet, rows


def _democratic_rules(data, check: Checker):
    sheet, rows = data
    seen: dict[str, Row] = {}
    for row in rows:
        branch = resolve_unit(row, "branch_id", sheet, check, BRANCH)
        if branch is not None:
            check_unique(row, "branch_id", branch, seen, sheet, check)
        counts = {}
        for key in DEMOCRATIC_COUNTS:
            value = row.values.get(key)
            if value is None:
                counts[key] = 0 if key == "abstain" else None
            elif value < 0 or not float(value).is_integer():
                check.error(sheet, row.refs[key], "data.bad_count", column=check.label(f"democratic.{key}"),
                            value=display_number(value))
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
    return sheet, rows


def _spot_checks_rules(data, check: Checker):
    sheet, rows = data
    for row in rows:
        resolve_unit(row, "branch_id", sheet, check, BRANCH)
        item = _resolve_item(row, "item_id", sheet, check)
        if item is not None:
            row.values["item_id"] = item.code
        deduction = row.values.get("deduction")
        if deduction is not None and deduction <= 0:
            check.error(sheet, row.refs["deduction"], "data.not_positive",
                        column=check.label("spot_checks.deduction"), value=display_number(deduction))
        check_date_in_period(row, "date", sheet, check)
    return sheet, rows


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
