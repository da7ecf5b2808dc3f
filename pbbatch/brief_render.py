"""Rendering the briefs: HTML from the Jinja2 templates in pbbatch/templates/ (package data; autoescaped), in the
output locale."""

from __future__ import annotations

import functools
import jinja2

from .catalogue import label, message
from .periods import Quarter, parse_period

TEMPLATES = "templates"  # a folder of the package, shipped as package data
CHART_WIDTH, LABEL_WIDTH, BAR_WIDTH, ROW, HEADING = 680, 190, 400, 22, 26


@functools.lru_cache(maxsize=None)
def _environment(locale: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pbbatch", TEMPLATES),
        autoescape=True,  # every value from users is data: names, reasons, findings
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        t=lambda key: label(key, locale),
        m=lambda code, **fields: message(code, locale, **fields),
        locale=locale,
        lang={"zh-Hant": "zh-Hant", "zh-Hans": "zh-Hans", "en": "en"}[locale],
    )
    env.filters.update(period=lambda p: period_text(p, locale), num=score_text, move=movement_text(locale), pct=lambda x: "" if x is None else f"{x:.1%}",
                       amount=lambda x: f"{x:,.0f}")
    return env


_QUARTER_NAMES = "一二三四"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def period_text(period: str, locale: str) -> str:
    """'2026-03' as 2026年3月 / March 2026, '2026-Q1' as 2026年第一季度 / Q1 2026."""
    value = parse_period(period)
    if isinstance(value, Quarter):
        return f"Q{value.number} {value.year}" if locale == "en" else f"{value.year}年第{_QUARTER_NAMES[value.number - 1]}季度"
    return f"{_MONTH_NAMES[value.month - 1]} {value.year}" if locale == "en" else f"{value.year}年{value.month}月"


def score_text(value) -> str:
    return "" if value is None else f"{value:.2f}"


def movement_text(locale: str):
    def text(value) -> str:
        if value is None:
            return label("brief.new", locale)
        return "—" if value == 0 else (f"↑{value}" if value > 0 else f"↓{-value}")
    return text


def chart(groups: list[tuple[str, list[tuple[str, float]]]]) -> dict:
    """Geometry of a horizontal bar chart: one heading per group, one bar per (name, value)."""
    values = [v for _, bars in groups for _, v in bars if v is not None]
    scale = max([100.0, *values])
    y, items = 10, []
    for title, bars in groups:
        items.append({"kind": "heading", "y": y + 16, "text": title})
        y += HEADING
        for name, value in bars:
            width = max(0.0, (value or 0.0) / scale * BAR_WIDTH)
            items.append({"kind": "bar", "y": y, "label": name, "value": score_text(value), "width": round(width, 1),
                          "text_y": y + 15, "value_x": LABEL_WIDTH + round(width, 1) + 6})
            y += ROW
    return {"width": CHART_WIDTH, "height": y + 10, "label_width": LABEL_WIDTH, "bar_width": BAR_WIDTH,
            "items": items}


def render_department_brief(data: dict, locale: str) -> str:
    groups = [(b["block"], [(r["unit_name"], r["total"]) for r in b["rows"]]) for b in data["blocks"]]
    return _environment(locale).get_template("brief_departments.html.j2").render(data=data, chart=chart(groups))


def render_branch_brief(data: dict, locale: str) -> str:
    return _environment(locale).get_template("brief_branches.html.j2").render(data=data)
