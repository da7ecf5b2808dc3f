"""Pages (tables.Page) as HTML, through the Jinja2 templates in pbbatch/site/templates/ (package data),
autoescaped: every text from users (names, reasons, file names, cell messages) is data."""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup, escape

from pbbatch.site.links import BOARD, LEDGER, RULES, UNITS
from pbbatch.site.tables import Cell, Page, Table, Texts

LANG = {"zh-Hant": "zh-Hant", "zh-Hans": "zh-Hans", "en": "en"}


@functools.lru_cache(maxsize=None)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pbbatch.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are package data: no stat of each file per page
    )
    env.globals["rows_html"] = rows_html
    return env.get_template("page.html.j2")


def _cell_html(c: Cell) -> str:
    text = f'<a href="{escape(c.href)}">{escape(c.text)}</a>' if c.href else escape(c.text)
    items = f"<ul>{''.join(f'<li>{escape(i)}</li>' for i in c.items)}</ul>" if c.items else ""
    return f'<td class="{escape(c.cls)}">{text}{items}</td>' if c.cls else f"<td>{text}{items}</td>"


def rows_html(table: Table) -> Markup:
    """A table's body rows. Written here rather than in the template, for speed (a site has hundreds of pages of
    tables); every text goes through escape() as the template's autoescape would."""
    lines = []
    for r in table.rows:
        attributes = (f' class="band-{escape(r.band)}"' if r.band else "") + \
            (f' data-filter="{escape(r.filter)}"' if r.filter else "")
        lines.append(f"<tr{attributes}>{''.join(_cell_html(c) for c in r.cells)}</tr>")
    return Markup("\n".join(lines))


class Renderer:
    """The parts every page shares, worked out once per site."""

    def __init__(self, x: Texts, site_title: str, nav: bool = True):
        self.common = {
            "lang": LANG[x.locale],
            "site_title": site_title,
            "nav": [{"href": href, "text": x.t(key)} for href, key in
                    (("index.html", "site.home"), (UNITS, "site.units"), (LEDGER, "site.ledger"),
                     (RULES, "site.rules"), (BOARD, "site.board"))] if nav else [],
            "labels": {"filter": x.t("site.filter")},
            "footer": x.t("site.footer"),
        }

    def __call__(self, page: Page) -> str:
        return _template().render(page=page, **self.common)


def site_title(configured: str, default: str, x: Texts) -> str:
    """The configured title; left at its default, the title in the site's locale."""
    return x.t("site.title") if configured == default else configured
