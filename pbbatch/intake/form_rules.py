"""The rules of each form, over its parsed rows (contract section 2, 'What is an error')."""

from __future__ import annotations

from pbbatch.intake.checks import Checker, DataSheet, Row, check_bound, check_date_in_period, check_unique, resolve_unit
from pbbatch.core.config import BranchItem
from pbbatch.core.forms import DEMOCRATIC_COUNTS, FORMS
from pbbatch.core.registry import BRANCH, DEPARTMENT
from pbbatch.core.numeric import display_number
from pbbatch.core.registry import code_key
from pbbatch.intake.workbook import cell_text
from pbbatch.core.catalogue import fold

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
    field = {"warn.items_left_out": "items", "warn.people_left_out": "people"}.get(code, "units")
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
    if key == "staff_id":
        return check.ctx.registry.find_staff(raw).code
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


def _dept_eval_rules(data: DataSheet, check: Checker) -> DataSheet:
    sheet, rows, items = data.name, data.rows, data.items
    submitter = code_key(check.outcome.submitter_id)  # '' when the 填報單位編號 did not read: owner unknown
    reported: set[str] = set()
    seen: dict[str, Row] = {}
    unresolved = False
    for row in rows:
        items.check_scores(row, sheet, check, submitter, reported)
        branch = resolve_unit(row, "branch_id", sheet, check, BRANCH)
        if branch is not None:
            check_unique(row, "branch_id", branch, seen, sheet, check)
        unresolved = unresolved or (branch is None and not row.ignored)
    branches = list(check.ctx.registry.ids_of_kind(BRANCH))
    owned = items.owned(submitter)
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


def _staff_eval_rules(data: DataSheet, check: Checker) -> DataSheet:
    """個人考評表 (§9): each person of the registry's 人員, of the submitting unit, once; a person left out is a
    warning at the blank cell (the person is flagged 資料缺失)."""
    sheet, rows, registry = data.name, data.rows, check.ctx.registry
    score = FORMS["staff_eval"].column("score")
    for row in rows:
        check_bound(row, score, sheet, check)
    if not registry.has_staff:
        check.error(sheet, "", "data.no_staff_sheet")
        return data
    submitter = check.outcome.submitter_id  # '' when 填報單位編號 did not read: whose people is unknown
    seen: dict[str, Row] = {}
    unresolved = False
    for row in rows:
        person = _resolve_person(row, sheet, check, submitter)
        if person is None:
            unresolved = unresolved or not row.ignored
            continue
        check_unique(row, "staff_id", person, seen, sheet, check, "data.duplicate_person")
    expected = [p[0] for p in registry.staff_of(submitter)]
    _warn_left_out(expected, seen, data, "staff_id", "score", check, "warn.people_left_out", unresolved)
    return data


def _resolve_person(row: Row, sheet: str, check: Checker, submitter: str) -> str | None:
    """The registry's 工號 for the row's cell, put back into the row; an error for a person not in the registry or
    of another unit, a warning (and the row ignored) for a person marked inactive."""
    raw = row.values.get("staff_id")
    if raw is None:
        return None
    registry, text = check.ctx.registry, cell_text(raw)
    found = registry.find_staff(raw)
    if found.state == "inactive":
        check.warn(sheet, row.refs["staff_id"], "data.inactive_person", value=text)
        row.ignored = True
        return None
    if found.code is None:
        check.error(sheet, row.refs["staff_id"], "data.unknown_person", value=text)
        return None
    _, name, unit, _ = registry.person(found.code)
    if submitter and unit != submitter:
        check.error(sheet, row.refs["staff_id"], "data.person_other_unit", value=text, name=name,
                    unit=f"{unit} {registry.name_of(unit)}", submitter=submitter)
        return None
    if found.state == "from_number":
        check.warn(sheet, row.refs["staff_id"], "data.code_from_number", value=text, code=found.code)
    row.values["staff_id"] = found.code
    return found.code


def _fix_rules(data: DataSheet, check: Checker) -> DataSheet:
    """整改回執表 and 整改驗收表: their 整改編號 and dates are checked against the ledger once every file is read
    (rectify.review), since a finding may come in a 專項督查表 of the same run."""
    return data


def _target_letter_rules(data: DataSheet, check: Checker) -> DataSheet:
    """目標責任書: departments only, and each (unit, target) once in the file. Across the counted letters (the
    same target twice, months that do not add up to 100) is intake.letters' business."""
    sheet = data.name
    points = FORMS["target_letter"].column("points")
    seen: dict[tuple[str, str], Row] = {}
    for row in data.rows:
        unit = resolve_unit(row, "unit_id", sheet, check, DEPARTMENT)
        check_bound(row, points, sheet, check)
        target = row.values.get("target")
        if unit is None or target is None:
            continue
        key = (unit, fold(target))
        if key in seen:
            check.error(sheet, row.refs["target"], "letter.duplicate_target", unit=unit, target=target,
                        first=seen[key].refs["target"])
        else:
            seen[key] = row
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
    "staff_eval": _staff_eval_rules,
    "fix_report": _fix_rules,
    "fix_check": _fix_rules,
    "target_letter": _target_letter_rules,
}
