"""The rules page (一綱): the rules in force for each stored period, as stored with it under the name "rules" (a
flat dict {dotted config key: value}), worded as the briefs' appendix words them (core/rules_text.py).
Consecutive periods under the same rules share one table; a rule that differs from the older rules shows the
older wording. A period stored without rules (seeded by `history import`, or run before the rules were stored)
says so."""

from __future__ import annotations

from pbbatch.core.rules_text import describe_items, describe_rules
from pbbatch.site.contents import Contents
from pbbatch.site.links import RULES, period_href
from pbbatch.site.pages import result_periods
from pbbatch.site.tables import Cell, Page, Row, Section, Table, Texts


def _groups(contents: Contents) -> list[tuple[list[str], dict | None]]:
    """Runs of consecutive periods (oldest first) that share their rules."""
    stored = contents.named("rules")
    groups: list[tuple[list[str], dict | None]] = []
    for period in result_periods(contents):
        rules = stored.get(period)
        rules = dict(rules) if isinstance(rules, dict) else None
        if groups and groups[-1][1] == rules:
            groups[-1][0].append(period)
        else:
            groups.append(([period], rules))
    return groups


def _rule_rows(rules: dict, older: dict | None, x: Texts) -> list[Row]:
    before = dict(describe_rules(older, x.locale)) if older else {}
    rows = []
    for name, text in describe_rules(rules, x.locale):
        changed = bool(before) and before.get(name) != text
        rows.append(Row([Cell(name, cls="text"), Cell(text, cls="text"),
                         Cell(before.get(name, "") if changed else "", cls="text")], "changed" if changed else "",
                        name))
    return rows


def _item_rows(rules: dict, older: dict | None, x: Texts, names: dict[str, str]) -> list[Row]:
    before = {item[0]: item for item in describe_items(older, x.locale, names)} if older else {}
    rows = []
    for item in describe_items(rules, x.locale, names):
        changed = bool(before) and before.get(item[0]) != item
        rows.append(Row([Cell(text, cls="text") for text in item], "changed" if changed else "", item[0]))
    return rows


def rules_page(contents: Contents, x: Texts) -> Page:
    root, older = "", None
    built: list[list[Section]] = []
    names = {unit: row.get("unit_name", "") for period in sorted(contents.brief_units)
             for unit, row in contents.brief_units[period].items()}
    for periods, rules in _groups(contents):
        span = x.period(periods[0]) if len(periods) == 1 else f"{x.period(periods[0])} — {x.period(periods[-1])}"
        title = x.m("site.rules_periods", periods=span)
        links = [Cell(x.period(p), period_href(p, root)) for p in periods]
        if rules is None:
            built.append([Section(title, lines=[x.t("site.rules_not_recorded")], links=links)])
            continue
        columns = [x.column("rules.rule"), x.column("rules.setting"), x.column("site.rule_before")]
        group = [Section(title, Table(columns, _rule_rows(rules, older, x)), links=links)]
        items = _item_rows(rules, older, x, names)
        if items:
            item_columns = [x.column(k) for k in ("item.code", "item.name", "item.points", "item.owner")]
            group.append(Section(x.t("rules.items"), Table(item_columns, items), level=3))
        built.append(group)
        older = rules
    sections = [s for group in reversed(built) for s in group] or [Section(x.t("site.nothing_stored"))]
    return Page(RULES, x.t("site.rules"), sections, lines=[x.m("site.rules_intro")])
