"""The HTML and the Word brief of one run say the same: the same title and headings in the same order, the same
table cells, the same paragraphs, and the chart's bars as the Word table's rows, in each locale."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pbbatch.briefs.write import brief_stem, write_briefs
from pbbatch.core.catalogue import label
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.history import store as history
from pbbatch.run import import_history, run

SAMPLES = Path(__file__).resolve().parent.parent / "input_samples"
LOCALES = ["zh-Hant", "zh-Hans", "en"]


class HtmlBrief(HTMLParser):
    """Headings (h1 to h3), paragraphs (p, li, the issuer's div), tables as rows of cell texts, and the chart's
    texts, each in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.headings, self.paragraphs, self.tables, self.chart = [], [], [], []
        self._text, self._row, self._in_svg = None, None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "p", "li", "td", "th", "text") or ("class", "issuer") in attrs:
            self._text = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        self._in_svg = self._in_svg or tag == "svg"

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        text = None if self._text is None else "".join(self._text)
        if tag in ("h1", "h2", "h3") and not self._in_svg:
            self.headings.append(text)
        elif tag in ("p", "li", "div") and text is not None:
            self.paragraphs.append(text)
        elif tag in ("td", "th"):
            self._row.append(text)
        elif tag == "tr":
            self.tables[-1].append(self._row)
        elif tag == "text":
            self.chart.append(text)
        elif tag == "svg":
            self._in_svg = False
        if tag in ("h1", "h2", "h3", "p", "li", "div", "td", "th", "text"):
            self._text = None


def word_brief(path: Path, chart_title: str) -> dict:
    """The same from a .docx: the title and Heading 1 and 2 paragraphs, other paragraphs, and tables; the table
    under the chart's heading is the chart."""
    document = docx.Document(str(path))
    out = {"headings": [], "paragraphs": [], "tables": [], "chart": []}
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = docx.text.paragraph.Paragraph(element, document).text
            if element.style in ("BriefTitle", "Heading1", "Heading2"):
                out["headings"].append(text)
            elif text:
                out["paragraphs"].append(text)
        elif element.tag == qn("w:tbl"):
            rows = [[cell.text for cell in row.cells] for row in docx.table.Table(element, document).rows]
            if out["headings"][-1] == chart_title:
                out["chart"] = rows
            else:
                out["tables"].append(rows)
    return out


def chart_texts(rows: list[list[str]]) -> list[str]:
    """The Word chart table (block, name, total) as the SVG's texts: each block's name, then name and total of
    each of its bars."""
    texts, block = [], None
    for name_of_block, name, total in rows[1:]:
        if name_of_block != block:
            texts.append(block := name_of_block)
        texts += [name, total]
    return texts


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict:
    """The sample company's March run (a draft, with vetoes, a payout, rewards and talks): its briefs' stored
    data by kind, and the folder by locale where they are written (the run's own, in zh-Hant; the others
    written again from the stored results)."""
    root = tmp_path_factory.mktemp("company")
    shutil.copytree(SAMPLES, root / "input_samples")
    shutil.copy2(SAMPLES.parent / "config.toml", root / "config.toml")
    config = load_config(root / "config.toml")
    import_history(config, root / "input_samples" / "往期成績.xlsx")
    result = run(config, Month(2026, 3))
    stored = {"departments": history.load_brief(config.history, "2026-03", "departments"),
              "branches": history.load_brief(config.history, "2026-Q1", "branches")}
    folders = {"zh-Hant": result.folder}
    for locale in LOCALES[1:]:
        folders[locale] = tmp_path_factory.mktemp(locale)
        write_briefs(folders[locale], list(stored.values()), locale)
    return {"folders": folders, "stored": stored}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", ["departments", "branches"])
def test_html_and_word_briefs_say_the_same(briefs, kind, locale):
    data = briefs["stored"][kind]
    stem = briefs["folders"][locale] / brief_stem(data, locale)
    html = HtmlBrief(stem.with_suffix(".html").read_text(encoding="utf-8"))
    word = word_brief(stem.with_suffix(".docx"), label("brief.chart", locale))
    assert html.headings == word["headings"]
    assert html.tables == word["tables"]
    assert html.paragraphs == word["paragraphs"]
    assert html.chart == chart_texts(word["chart"])
    assert len(html.headings) > 8 and len(html.tables) >= 3 and len(html.paragraphs) > 5  # found, not both empty
    assert bool(html.chart) == (kind == "departments")
