"""The review-meeting briefs (講評會材料) as Word documents, for offices that file and print from Word.

The brief's blocks (sections.py), the same the HTML is made of, laid out in Word: A4, real Word headings and
tables (header row repeated on every page, rows kept whole), users' text written as text. The bar chart
becomes a table. The same data gives the same bytes: fixed core properties and zip dates.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from pbbatch.briefs import sections
from pbbatch.briefs.sections import Chart, Column, Row, Table, brief_blocks
from pbbatch.core.periods import Month, parse_period

LATIN, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "Times New Roman", "FangSong", "SimHei", "KaiTi"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(22), "right_margin": Mm(18), "bottom_margin": Mm(20), "left_margin": Mm(18)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left_margin"] - MARGINS["right_margin"]
HEADER_FILL, BAND_FILL = "E8E8E8", {"A": "EEF6E8", "C": "FBEEE6"}
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)
LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
ALIGN = {sections.CENTER: CENTER, sections.NAME: LEFT, sections.TEXT: LEFT, sections.NUMBER: RIGHT}
EAST_ASIAN_LANGUAGE = {"zh-Hant": "zh-TW", "zh-Hans": "zh-CN", "en": "zh-CN"}
_RUN = qn("w:r")
CHANGING_PARTS = ("word/document.xml", "word/header1.xml", "docProps/core.xml")  # what the blocks and save() set
_PLAIN = re.compile(r"[^\s]|[^\s][^\t\n\r]*[^\s]")  # text a w:t holds as it is
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no way to write these in XML


def write_docx(data: dict, locale: str, path: Path) -> None:
    """Writes the brief of `data` (data["kind"]: "departments" or "branches") as a .docx at `path`."""
    path.write_bytes(docx_bytes(brief_blocks(data, locale), locale, data["period"]))


def docx_bytes(blocks: list, locale: str, period: str) -> bytes:
    """The .docx of a brief's blocks; `period` dates the document."""
    brief = _Brief(locale)
    try:
        for block in blocks:
            getattr(brief, block.kind)(block)
        return brief.save(period)
    finally:
        brief.release()


def prepare_blank(locale: str) -> None:
    """The locale's blank document made now (its styles, and parsed once): a process forked afterwards, the
    run's second writer, inherits it instead of making its own (0.1 s)."""
    _Brief(locale).release()


class _Brief:
    """A Word document with the brief's page and styles, laying out one block after another."""

    _blank: dict[str, tuple[bytes, dict[str, str], int]] = {}  # per locale: the page and styles saved, their ids,
    # and how many relationships the document part has (a document made from it must keep exactly those)
    _layouts: dict[tuple[str, tuple[Column, ...]], tuple] = {}  # per locale and columns: see _layout
    _packages: dict[tuple[str, dt.datetime], tuple[bytes, frozenset[str]]] = {}  # see _unchanged_members
    _shells: dict[str, tuple] = {}  # per locale: the blank parsed once, and its CHANGING_PARTS' elements
    _in_use: set[str] = set()  # locales whose shell a document is being made in

    def __init__(self, locale: str):
        """A run writes a document per branch letter: the page and styles are set up once per locale, saved, and
        parsed once; each document then starts from fresh copies of the parts it changes (CHANGING_PARTS)."""
        self.locale, self.title_text = locale, ""
        if locale not in _Brief._blank:
            self.doc = docx.Document()
            section = self.doc.sections[0]
            section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
            for side, length in MARGINS.items():
                setattr(section, side, length)
            self._styles()
            self._page_number(section.footer.paragraphs[0])
            section.header.paragraphs[0]  # the (empty) header part made here, so a draft mark only fills it in
            buffer = io.BytesIO()
            self.doc.save(buffer)
            _Brief._blank[locale] = (buffer.getvalue(), self.style_ids, len(self.doc.part.rels))
        blank, style_ids, _ = _Brief._blank[locale]
        self.style_ids, self._shell = dict(style_ids), None
        if locale in _Brief._in_use:  # another document of the locale is being made: one of its own, parsed
            self.doc = docx.Document(io.BytesIO(blank))
            return
        if locale not in _Brief._shells:
            shell = docx.Document(io.BytesIO(blank))
            parts = {str(p.partname).lstrip("/"): p for p in shell.part.package.iter_parts()}
            _Brief._shells[locale] = (shell, [(parts[n], copy.deepcopy(parts[n]._element)) for n in CHANGING_PARTS])
        shell, pristine = _Brief._shells[locale]
        for part, element in pristine:  # parsing the whole blank again cost 7 ms a document
            part._element = copy.deepcopy(element)
        self.doc, self._shell = shell.part.document, locale
        _Brief._in_use.add(locale)

    def release(self) -> None:
        """The locale's shell free for the next document (docx_bytes calls this when the document is made)."""
        if self._shell is not None:
            _Brief._in_use.discard(self._shell)
            self._shell = None

    # ------------------------------------------------------------------ styles and page

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(defaults, BODY_FONT)
        defaults.find(qn("w:lang")).set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE[self.locale])
        _style(styles["Normal"], BODY_FONT, 11, line=1.5, after=2)
        _style(styles["Heading 1"], HEADING_FONT, 14, before=7, after=3)
        _style(styles["Heading 2"], SUBHEADING_FONT, 12, before=4, after=2)
        for name, font, size, line, after, align in (("Brief Title", HEADING_FONT, 18, 1.4, 4, CENTER),
                                                      ("Brief Table", BODY_FONT, 9.5, 1.0, 0, None),
                                                      ("Brief Footer", BODY_FONT, 9, 1.0, 0, CENTER)):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            _style(style, font, size, line=line, after=after, align=align)
        # Styles are set by id: python-docx's lookup by name searches every style each time.
        self.style_ids = {name: styles[name].style_id for name in (
            "Brief Title", "Brief Table", "Heading 1", "Heading 2", "List Bullet", "Table Grid")}

    def _page_number(self, paragraph) -> None:
        """'PAGE / NUMPAGES' in the footer, as the HTML's '@bottom-center'."""
        paragraph.style = self.doc.styles["Brief Footer"]
        _field(paragraph, "PAGE")
        paragraph.add_run(" / ")
        _field(paragraph, "NUMPAGES")

    def save(self, period: str) -> bytes:
        """The package: the parts every document of the locale shares, compressed once a run, and then the parts
        the blocks change (the body, the header with a draft mark, the core properties). Every member is dated
        the period's first day, so the same document gives the same bytes."""
        when = dt.datetime.combine(_first_day(period), dt.time())
        core = self.doc.core_properties
        core.author = core.last_modified_by = "pbbatch"
        core.title, core.comments = _clean(self.title_text), ""
        core.created = core.modified = core.last_printed = when
        core.revision = 1
        shared, names = self._unchanged_members(when)
        parts = {str(part.partname).lstrip("/"): part for part in self.doc.part.package.iter_parts()}
        if set(parts) != names | set(CHANGING_PARTS) or len(self.doc.part.rels) != _Brief._blank[self.locale][2]:
            raise RuntimeError(f"a Word document gained or lost a part or relationship: {sorted(set(parts) ^ names)}")
        out = io.BytesIO(shared)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
            for name in CHANGING_PARTS:
                package.writestr(_member(name, when), parts[name].blob)
        return out.getvalue()

    def _unchanged_members(self, when: dt.datetime) -> tuple[bytes, frozenset[str]]:
        """A zip of the blank document's members but CHANGING_PARTS, dated `when`, and their names."""
        key = (self.locale, when)
        if key not in _Brief._packages:
            out = io.BytesIO()
            with zipfile.ZipFile(io.BytesIO(_Brief._blank[self.locale][0])) as blank, \
                    zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
                kept = [name for name in blank.namelist() if name not in CHANGING_PARTS]
                for name in kept:
                    package.writestr(_member(name, when), blank.read(name))
            parts = frozenset(n for n in kept if not n.startswith("[") and "_rels/" not in n)
            _Brief._packages[key] = (out.getvalue(), parts)
        return _Brief._packages[key]

    # ------------------------------------------------------------------ the blocks

    def title(self, block) -> None:
        self.title_text = block.text
        self._styled(_clean(block.text), "Brief Title")
        issuer = self.doc.add_paragraph(_clean(block.issuer))
        issuer.alignment, issuer.paragraph_format.space_after = CENTER, Mm(8)

    def draft(self, block) -> None:
        """The mark on every page's header, and the box (the HTML's `div.draft`), its first line bold."""
        header = self.doc.sections[0].header.paragraphs[0]
        header.alignment = RIGHT
        mark = header.add_run(block.mark)
        mark.bold, mark.font.color.rgb = True, DRAFT_RED
        for n, line in enumerate(block.lines):
            paragraph = self.doc.add_paragraph()
            run = paragraph.add_run(_clean(line))
            run.font.color.rgb, run.bold = DRAFT_RED, n == 0
            _box(paragraph)  # adjacent paragraphs with the same borders make one box in Word

    def heading(self, block) -> None:
        self._styled(_clean(block.text), f"Heading {block.level}")

    def paragraph(self, block) -> None:
        """Running text, first line indented two characters (the HTML's `p`)."""
        self.doc.add_paragraph(_clean(block.text)).paragraph_format.first_line_indent = Pt(22)

    def lines(self, block) -> None:
        """One unindented paragraph per text (the HTML's `p.line`)."""
        for text in block.texts:
            self.doc.add_paragraph(_clean(text))

    def signature(self, block) -> None:
        """Right-aligned, 12 mm below the text, the lines kept on one page (the HTML's `div.signature`)."""
        for n, text in enumerate(block.texts):
            paragraph = self.doc.add_paragraph(_clean(text))
            paragraph.alignment = RIGHT
            fmt = paragraph.paragraph_format
            fmt.right_indent, fmt.space_after = Pt(22), Mm(3)
            if n == 0:
                fmt.space_before = Mm(12)
            if n < len(block.texts) - 1:
                fmt.keep_with_next = True

    def bullets(self, block) -> None:
        self.doc.add_paragraph(_clean(block.lead))
        for text in block.items:
            self._styled(_clean(text), "List Bullet")

    def chart(self, block: Chart) -> None:
        """The chart's heading, and a table of its bars: group, label, value."""
        self._styled(_clean(block.title), "Heading 2")
        self.table(Table(block.columns, [Row((title, bar.label, bar.text), bar.shade) for title, bars in block.groups
                                         for bar in bars]))

    def _styled(self, text: str, style: str) -> None:
        self.doc.add_paragraph(text)._p.style = self.style_ids[style]

    def table(self, block: Table) -> None:
        """A 'Table Grid' table, header row repeated on every page, no row split across pages, band A / C rows
        shaded."""
        key = (self.locale, block.columns)
        if key not in _Brief._layouts:  # the same styles in every document of the locale (the blank's)
            _Brief._layouts[key] = self._layout(block.columns)
        empty, templates = _Brief._layouts[key]
        # Copies of a table and of rows built once per layout: python-docx builds them a cell at a time, which
        # for 300 branches and a findings table per branch took a second a brief.
        tbl = copy.deepcopy(empty)
        for cells, shade in block.rows:
            tr = copy.deepcopy(templates[BAND_FILL.get(shade)])
            for run, text in zip(tr.iter(_RUN), cells):
                text = _clean(text)
                if _PLAIN.fullmatch(text):
                    run[-1].text = text  # the template's w:t, as run.text would write it, at a tenth of the cost
                else:
                    run.text = text  # blank, or with tabs, breaks or edge spaces: python-docx knows how
            tbl.append(tr)
        if block.whole:  # every row but the last kept with the next: Word moves the table to a page as one
            for p in [p for tr in tbl.iter(qn("w:tr")) for p in tr.iter(qn("w:p"))][:-1]:
                p.get_or_add_pPr().get_or_add_keepNext()
        self.doc.element.body._insert_tbl(tbl)

    def _layout(self, columns: tuple[Column, ...]):
        """An empty table with its header row, and a body row for each shading, all out of the document."""
        table = self.doc.add_table(rows=1, cols=len(columns))
        table._tbl.getparent().remove(table._tbl)
        table._tbl.tblStyle_val = self.style_ids["Table Grid"]
        table.autofit = False
        widths = [int(TEXT_WIDTH / sum(c.width for c in columns) * c.width) for c in columns]
        for c, width in enumerate(widths):
            table.columns[c].width = width
        self._fill_row(table.rows[0], columns, widths, [c.title for c in columns], HEADER_FILL, header=True)
        templates = {}
        for fill in (None, *BAND_FILL.values()):
            templates[fill] = self._fill_row(table.add_row(), columns, widths, ["-"] * len(columns), fill)
            table._tbl.remove(templates[fill])
        return table._tbl, templates

    def _fill_row(self, row, columns: tuple[Column, ...], widths: list[int], texts: list[str], fill: str | None,
                  header: bool = False):
        _row_properties(row, header=header)
        for cell, column, width, text in zip(row.cells, columns, widths, texts):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = self.style_ids["Brief Table"]  # by id: the lookup by name is slow
            paragraph.alignment = CENTER if header else ALIGN[column.align]
            run = paragraph.add_run(_clean(text))
            if header:
                run.bold = True
            if fill:
                _shade(cell, fill)
        return row._tr


# ---------------------------------------------------------------------- small helpers


def _clean(text: str) -> str:
    """Text as written, but for the few control characters XML cannot hold at all (shown as U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


def _first_day(period: str) -> dt.date:
    parsed = parse_period(period)
    return (parsed if isinstance(parsed, Month) else parsed.months[0]).first_day


def _fonts(rpr, east_asian: str) -> None:
    """Latin Times New Roman and the East Asian font, in place of the template's theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attribute}"), LATIN)
    fonts.set(qn("w:eastAsia"), east_asian)


def _style(style, east_asian: str, size: float, line: float | None = None, before: float = 0, after: float = 0,
           align=None) -> None:
    _fonts(style.element.get_or_add_rPr(), east_asian)
    style.font.size = Pt(size)
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:
        style.element.rPr.remove(color)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Mm(before), Mm(after)
    if line is not None:
        fmt.line_spacing = line
    if align is not None:
        fmt.alignment = align


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, a placeholder result, end."""
    def add(tag: str, attributes: dict[str, str], text: str | None = None) -> None:
        element = OxmlElement(tag, attrs={qn(k): v for k, v in attributes.items()})
        element.text = text
        paragraph.add_run()._r.append(element)

    add("w:fldChar", {"w:fldCharType": "begin"})
    add("w:instrText", {"xml:space": "preserve"}, f" {instruction} ")
    add("w:fldChar", {"w:fldCharType": "separate"})
    add("w:t", {}, "1")
    add("w:fldChar", {"w:fldCharType": "end"})


def _box(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "C00000")):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    paragraph._p.get_or_add_pPr().append(borders)


def _row_properties(row, header: bool) -> None:
    """w:cantSplit on every row, w:tblHeader on the header row."""
    trpr = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", *(("w:tblHeader",) if header else ())):
        trpr.append(OxmlElement(name))


def _shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        OxmlElement("w:shd", attrs={qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}))


def _member(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0
    return info


def _fixed_zip(blob: bytes, when: dt.datetime) -> bytes:
    """The package again, every member dated `when`, so the same document gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(_member(item.filename, when), source.read(item.filename))
    return out.getvalue()
