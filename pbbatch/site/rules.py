"""The rules page (一綱): the rules in force for each stored period, as stored with it under the name "rules" (a
flat dict {dotted config key: value}). Consecutive periods under the same rules share one table; a key that
differs from the older rules shows the older value. A period stored without rules (seeded by `history import`,
or run before the rules were stored) says so."""

from __future__ import annotations

import json

from pbbatch.site.contents import Contents
from pbbatch.site.links import RULES, period_href
from pbbatch.site.pages import _periods
from pbbatch.site.tables import Cell, Page, Row, Section, Table, Texts


def value_text(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _groups(contents: Contents) -> list[tuple[list[str], dict | None]]:
    """Runs of consecutive periods (oldest first) that share their rules."""
    stored = contents.named("rules")
    groups: list[tuple[list[str], dict | None]] = []
    for period in _periods(contents):
        rules = stored.get(period)
        rules = dict(rules) if isinstance(rules, dict) else None
        if groups and groups[-1][1] == rules:
            groups[-1][0].append(period)
        else:
            groups.append(([period], rules))
    return groups


def rules_page(contents: Contents, x: Texts) -> Page:
    root, sections, older = "", [], None
    built = []
    for periods, rules in _groups(contents):
        span = x.period(periods[0]) if len(periods) == 1 else f"{x.period(periods[0])} — {x.period(periods[-1])}"
        title = x.m("site.rules_periods", periods=span)
        links = [Cell(x.period(p), period_href(p, root)) for p in periods]
        if rules is None:
            built.append(Section(title, lines=[x.t("site.rules_not_recorded")], links=links))
            continue
        columns = [x.column("site.rule_key"), x.column("site.rule_value"), x.column("site.rule_before")]
        rows = []
        for key, value in sorted(rules.items()):
            before = "" if older is None or older.get(key) == value else \
                (value_text(older[key]) if key in older else x.t("site.rule_new"))
            rows.append(Row([Cell(key, cls="code"), Cell(value_text(value), cls="text"), Cell(before, cls="text")],
                            "changed" if before else "", key))
        if older:
            rows += [Row([Cell(key, cls="code"), Cell(x.t("site.rule_dropped")), Cell(value_text(older[key]))],
                         "changed", key) for key in sorted(set(older) - set(rules))]
        built.append(Section(title, Table(columns, rows), links=links))
        older = rules
    sections = list(reversed(built)) or [Section(x.t("site.nothing_stored"))]
    return Page(RULES, x.t("site.rules"), sections, lines=[x.m("site.rules_intro")])
