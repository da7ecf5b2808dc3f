"""Rendering the briefs: HTML from the Jinja2 templates in pbbatch/templates/ (package data; autoescaped), in the
output locale."""

from __future__ import annotations

import functools
import jinja2

from pbbatch.core.catalogue import label, message
from pbbatch.core.periods import Quarter, parse_period

TEMPLATES = "templates"  # a folder of the package, shipped as package data
CHART_WIDTH, LABEL_WIDTH, BAR_WIDTH, ROW, HEADING = 680, 190, 400, 22, 26


@functools.lru_cache(maxsize=None)
def _environment(locale: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pbbatch.briefs", TEMPLATES),
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
    env.globals.update(score=lambda row, key: score_cell(row, key, locale), title=lambda data: title_text(data, locale), draft_lines=lambda data: draft_lines(data, locale),
                       outstanding=lambda data: outstanding_lines(data, locale),
                       settled=lambda text, row: settled(text, row, locale))
    env.filters.update(settled_name=lambda row: settled(row["unit_name"], row, locale))
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


def score_cell(row: dict, key: str, locale: str) -> str:
    """A component as printed on the brief: 缺 where the unit has no data for it, never a 0.00 that looks real."""
    return label("brief.no_data", locale) if key in row.get("missing", ()) else score_text(row[key])


def settled(text: str, row: dict, locale: str) -> str:
    """A reward or consequence as printed: marked 待定 where the unit's figures are not settled."""
    return message("brief.provisional_mark", locale, text=text) if row.get("provisional") else text


def draft_lines(data: dict, locale: str) -> list[str]:
    """The box a draft opens with: that it is a draft, and whose figures are not settled."""
    draft = data.get("draft")
    if not draft:
        return []
    items = [
        message("brief.draft_affects_item", locale, component=label(f"out.{a['component']}", locale),
                units=label("brief.all_units", locale) if a["units"] is None
                else message("brief.list_sep", locale).join(a["units"]))
        for a in draft["affects"]
    ]
    detail = (message("brief.draft_affects", locale, items=message("brief.list_sep", locale).join(items)) if items
              else message("brief.draft_elsewhere", locale))
    return [message("brief.draft_box", locale), detail]


def outstanding_lines(data: dict, locale: str) -> list[str]:
    """Who still owes which form, and what came instead: no file names, no validation messages."""
    from pbbatch.intake.expected import missing_reason

    return [
        message("brief.outstanding_line", locale, who=f"{x['unit_id']} {x['unit_name']}".strip(),
                form=label(f"form.{x['form']}", locale),
                rating=message("brief.rating_suffix", locale, rating=label(f"rating.{x['rating_type']}", locale))
                if x["rating_type"] else "",
                status=missing_reason(x["reason"], x["period"], locale))
        for x in data["outstanding"]
    ]


def title_text(data: dict, locale: str) -> str:
    code = "brief.dept_title" if data["kind"] == "departments" else "brief.branch_title"
    title = message(code, locale, organization=data["organization"], period=period_text(data["period"], locale))
    return f"{label('draft.mark', locale)}{title}" if data.get("draft") else title


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
