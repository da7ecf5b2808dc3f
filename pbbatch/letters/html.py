"""A responsibility letter as HTML: letter.html.j2 (package data; autoescaped: every text from users is data)."""

from __future__ import annotations

import functools

import jinja2

from pbbatch.letters.content import WIDTHS, Letter

LANG = {"zh-Hant": "zh-Hant", "zh-Hans": "zh-Hans", "en": "en"}


@functools.lru_cache(maxsize=None)
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("pbbatch.letters", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("letter.html.j2")


def render_letter(letter: Letter, locale: str) -> str:
    widths = [f"{w / sum(WIDTHS):.0%}" for w in WIDTHS]
    return _template().render(letter=letter, lang=LANG[locale], widths=widths)
