"""A responsibility letter as a Word document: A4, the briefs' fonts, one table per category (header row
repeated on every page, rows kept whole), users' text written as text, the same bytes for the same letter."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pbbatch.briefs.word import BODY_FONT, HEADING_FONT, MARGINS, PAGE_HEIGHT, PAGE_WIDTH, SUBHEADING_FONT, TEXT_WIDTH
from pbbatch.briefs.word import _clean, _fixed_zip, _fonts, _style
from pbbatch.letters.content import WIDTHS, Letter

CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
ALIGN = (CENTER, None, RIGHT, CENTER, None, CENTER)  # per column of the targets' tables


def letter_docx(letter: Letter) -> bytes:
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, length in MARGINS.items():
        setattr(section, side, length)
    styles = doc.styles
    _fonts(styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_FONT)
    _style(styles["Normal"], BODY_FONT, 11, line=1.5, after=2)
    _style(styles["Title"], HEADING_FONT, 18, line=1.4, after=6, align=CENTER)
    _style(styles["Heading 1"], HEADING_FONT, 14, before=6, after=2)
    _style(styles["Heading 2"], SUBHEADING_FONT, 12, before=3, after=1)
    _no_border(styles["Title"])
    doc.add_paragraph(_clean(letter.title), style="Title")
    for who, name in letter.parties:
        paragraph = doc.add_paragraph()
        paragraph.add_run(_clean(who)).bold = True
        paragraph.add_run(_clean(name))
    intro = doc.add_paragraph(_clean(letter.intro))
    intro.paragraph_format.first_line_indent = Pt(22)
    doc.add_heading(_clean(letter.targets_heading), level=1)
    for category in letter.categories:
        doc.add_heading(_clean(category.heading), level=2)
        _table(doc, letter.columns, category.rows)
    doc.add_heading(_clean(letter.rules_heading), level=1)
    for n, rule in enumerate(letter.rules, start=1):
        doc.add_paragraph(_clean(f"{n}. {rule}"))
    doc.add_heading(_clean(letter.signatures_heading), level=1)
    _signatures(doc, letter.signatures)
    when = dt.datetime(letter.year, 1, 1)
    core = doc.core_properties
    core.author = core.last_modified_by = "pbbatch"
    core.title, core.comments = _clean(letter.title), ""
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), when)


def _table(doc, columns: tuple[str, ...], rows) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [int(TEXT_WIDTH * w / sum(WIDTHS)) for w in WIDTHS]
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid, which LibreOffice lays out by
        column.width = width
    header = table.rows[0]
    _repeat_and_keep(header, repeat=True)
    for cell, text, width in zip(header.cells, columns, widths):
        _cell(cell, text, width, CENTER, bold=True, fill="E8E8E8")
    for row in rows:
        cells = table.add_row()
        _repeat_and_keep(cells, repeat=False)
        for cell, text, width, align in zip(cells.cells, row, widths, ALIGN):
            _cell(cell, text, width, align)


def _cell(cell, text: str, width: int, align, bold: bool = False, fill: str | None = None) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.15
    paragraph.paragraph_format.space_after = Pt(0)
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(_clean(text))
    run.font.size = Pt(9.5)
    run.bold = bold
    if fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


def _repeat_and_keep(row, repeat: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)
    if repeat:
        properties.append(OxmlElement("w:tblHeader"))


def _signatures(doc, parties) -> None:
    """The parties side by side in a borderless table, with room to sign and seal."""
    table = doc.add_table(rows=1, cols=len(parties))
    for cell, lines in zip(table.rows[0].cells, parties):
        cell.width = int(TEXT_WIDTH / len(parties))
        first = True
        for line in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.paragraph_format.space_after = Mm(6)
            paragraph.add_run(_clean(line))
    _repeat_and_keep(table.rows[0], repeat=False)


def _no_border(style) -> None:
    """Word's Title style draws a line under the title; a letter's title has none."""
    pPr = style.element.get_or_add_pPr()
    border = pPr.find(qn("w:pBdr"))
    if border is not None:
        pPr.remove(border)
