"""The rules in force (一綱, contract section 11): the scoring rules a run used, as a flat dict of config keys,
stored with the period's results; and what differs between the stored rules and today's. rules_text.py puts
them in words."""

from __future__ import annotations

from pbbatch.core.config import Config
from pbbatch.core.errors import Label, Message
from pbbatch.core.records import WARNING, Problem

RULES = "rules"  # the name the rules are stored under in the history (store.replace_periods' data)
ITEMS = "branches.items"
CONFIG_FILE = "config.toml"  # where the changed keys are set, as the processing report names it


def rules_in_force(config: Config) -> dict[str, object]:
    """{dotted config key: value} of every scoring rule, JSON-able, in a fixed order; limits, paths, locale,
    organization and site are not rules. A whole number is an int, so 3000 reads as in the config file."""
    c = config
    rules = {
        **{f"departments.weights.{k}": v for k, v in c.department_weights.items()},
        **{f"branches.weights.{k}": v for k, v in c.branch_weights.items()},
        "branches.rank_by_block": c.rank_branches_by_block,
        "branches.low_share": c.low_share,
        "branches.reward_amounts": list(c.reward_amounts),
        ITEMS: [{"code": i.code, "name": i.name, "points": i.points, "owner": i.owner} for i in c.branch_items],
        "banding.shares": list(c.band_shares),
        "banding.coefficients": list(c.band_coefficients),
        "banding.rounding": c.band_rounding,
        "ratings.trim_above": c.trim_above,
        **{f"democratic.points.{k}": v for k, v in c.democratic_points.items()},
        "democratic.min_turnout": c.min_turnout,
        **{f"adjustments.caps.{k}": list(v) for k, v in c.adjustment_caps.items()},
        "veto.categories": list(c.veto_categories),
        "targets.require_letter": c.require_letter,
        "rectification.default_days": c.fix_default_days,
        "rectification.overdue_deduction": c.overdue_deduction,
        "rectification.require_verification": c.require_verification,
        "staff.shares": list(c.staff_shares),
        "staff.coefficients": list(c.staff_coefficients),
        "annual.excellent_departments": c.excellent_departments,
        "annual.advanced_branches": c.advanced_branches,
        "annual.excellent_staff": c.excellent_staff,
        "annual.max_c_months": c.max_c_months,
    }
    return {key: _plain(value) for key, value in rules.items()}


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def changed_rules(stored: dict, current: dict) -> list[tuple[str, object, object]]:
    """(key, stored value, current value) of each rule that differs; None where a side has no such key. A key
    work item is named by its code (`branches.items[K03].points`), so adding one item does not name them all."""
    changes = []
    for key in [*current, *(k for k in stored if k not in current)]:
        before, now = stored.get(key), current.get(key)
        if before == now:
            continue
        if key == ITEMS and isinstance(before, list) and isinstance(now, list):
            changes += _changed_items(before, now)
        else:
            changes.append((key, before, now))
    return changes


def _changed_items(before: list[dict], now: list[dict]) -> list[tuple[str, object, object]]:
    old, new = ({i.get("code"): i for i in items} for items in (before, now))
    changes = []
    for code in [*new, *(c for c in old if c not in new)]:
        if code not in old or code not in new:
            changes.append((f"{ITEMS}[{code}]", old.get(code), new.get(code)))
            continue
        for field in new[code]:
            if old[code].get(field) != new[code][field]:
                changes.append((f"{ITEMS}[{code}].{field}", old[code].get(field), new[code][field]))
    if not changes:  # the same items in another order: the order is what changed
        changes.append((ITEMS, [i.get("code") for i in before], [i.get("code") for i in now]))
    return changes


def rule_change_notes(stored: dict[str, dict], current: dict) -> list[Problem]:
    """A warning for each rule that differs from the rules stored for the periods a run stores again (stored:
    {period: rules}; a period stored without rules has nothing to compare). A change that several periods share
    is one warning naming them all."""
    periods: dict[tuple, list[str]] = {}
    for period, rules in stored.items():
        for key, before, now in changed_rules(rules, current):
            periods.setdefault((key, toml_text(before), toml_text(now)), []).append(period)
    return [
        Problem(CONFIG_FILE, "", key, WARNING, "rules.changed",
                {"key": key, "periods": _periods(names), "stored": _shown(before), "current": _shown(now)})
        for (key, before, now), names in periods.items()
    ]


def _periods(names: list[str]) -> str | Message:
    """A run stores a month, and at quarter end its quarter too: one period or two."""
    return names[0] if len(names) == 1 else Message("rules.periods", first=names[0], second=", ".join(names[1:]))


def _shown(text: str | None) -> str | Label:
    return Label("rules.no_value") if text is None else text


def toml_text(value) -> str | None:
    """A rule's value as config.toml writes it: [0.2, 0.7, 0.1], true, "三違幫教"; None for no value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_text(v)}" for k, v in value.items()) + "}"
    return str(value)

