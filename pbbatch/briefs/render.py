"""The briefs as HTML: their blocks (sections.py) laid out by one Jinja2 template, pbbatch/briefs/templates/
brief.html.j2 (package data; autoescaped: every text from users is data)."""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

from pbbatch.briefs.sections import Chart, Draft, Table, Title, brief_blocks

TEMPLATES = "templates"  # a folder of the package, shipped as package data
CHART_WIDTH, LABEL_WIDTH, BAR_WIDTH, ROW, HEADING = 680, 190, 400, 22, 26
LANG = {"zh-Hant": "zh-Hant", "zh-Hans": "zh-Hans", "en": "en"}


@functools.lru_cache(maxsize=None)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pbbatch.briefs", TEMPLATES),
        autoescape=True,  # every value from users is data: names, reasons, findings
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(zip=zip, widths=_widths, chart=chart)
    return env.get_template("brief.html.j2")


def render_brief(data: dict, locale: str) -> str:
    return render_blocks(brief_blocks(data, locale), locale)


def render_blocks(blocks: list, locale: str) -> str:
    title = next(b.text for b in blocks if isinstance(b, Title))
    mark = next((b.mark for b in blocks if isinstance(b, Draft)), "")  # a draft's mark, atop every printed page
    return _template().render(blocks=blocks, title=title, lang=LANG[locale],
                              page_mark=css_string(mark) if mark else "")


def css_string(text: str) -> Markup:
    """A CSS string literal of `text`, safe inside <style>: no quote, backslash or '<' ends it early."""
    escaped = "".join(f"\\{ord(ch):X} " if ch in '"\\<>\n' else ch for ch in text)
    return Markup(f'"{escaped}"')


def _widths(table: Table) -> list[str]:
    total = sum(c.width for c in table.columns)
    return [f"{c.width / total:.0%}" for c in table.columns]


def chart(block: Chart) -> dict:
    """Geometry of a horizontal bar chart: one heading per group, one bar per value."""
    values = [bar.value for _, bars in block.groups for bar in bars if bar.value is not None]
    scale = max([100.0, *values])
    y, items = 10, []
    for title, bars in block.groups:
        items.append({"kind": "heading", "y": y + 16, "text": title})
        y += HEADING
        for bar in bars:
            width = max(0.0, (bar.value or 0.0) / scale * BAR_WIDTH)
            items.append({"kind": "bar", "y": y, "label": bar.label, "value": bar.text, "width": round(width, 1),
                          "text_y": y + 15, "value_x": LABEL_WIDTH + round(width, 1) + 6})
            y += ROW
    return {"width": CHART_WIDTH, "height": y + 10, "label_width": LABEL_WIDTH, "bar_width": BAR_WIDTH,
            "items": items}
