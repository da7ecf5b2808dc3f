"""The review-meeting briefs (講評會材料) as Word documents, for offices that file and print from Word.

Same content and section order as the HTML briefs (pbbatch/templates/brief_*.html.j2), from the same data
(brief_data.py): A4, real Word headings and tables (header row repeated on every page, rows kept whole),
every label from the catalogue in the output locale, users' text written as text. The bar chart of the
departments' brief becomes a table. The same data gives the same bytes: fixed core properties and zip dates.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from pbbatch.briefs.data import BRANCH_SCORES, DEPARTMENT_SCORES
from pbbatch.briefs.render import draft_lines, movement_text, outstanding_lines, score_cell, score_text, settled
from pbbatch.core.catalogue import fold, label, matcher, message
from pbbatch.core.periods import Month, parse_period

LATIN, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "Times New Roman", "FangSong", "SimHei", "KaiTi"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(22), "right_margin": Mm(18), "bottom_margin": Mm(20), "left_margin": Mm(18)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left_margin"] - MARGINS["right_margin"]
HEADER_FILL, BAND_FILL = "E8E8E8", {"A": "EEF6E8", "C": "FBEEE6"}
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)
LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
EAST_ASIAN_LANGUAGE = {"zh-Hant": "zh-TW", "zh-Hans": "zh-CN", "en": "zh-CN"}
VETO_CATEGORIES = matcher(["veto_cat.three_violations", "veto_cat.civility", "veto_cat.safety"])
_RUN = qn("w:r")
_PLAIN = re.compile(r"[^\s]|[^\s][^\t\n\r]*[^\s]")  # text a w:t holds as it is
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # no way to write these in XML


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[dict], object]
    align: WD_ALIGN_PARAGRAPH = CENTER
    width: float = 1.0  # relative to the table's other columns


def write_docx(data: dict, locale: str, path: Path) -> None:
    """Writes the brief of `data` (data["kind"]: "departments" or "branches") as a .docx at `path`."""
    brief = _Brief(locale)
    {"departments": _departments, "branches": _branches}[data["kind"]](brief, data)
    path.write_bytes(brief.save(data["period"]))


class _Brief:
    """A Word document with the brief's page, styles and building blocks."""

    def __init__(self, locale: str):
        self.locale, self.move, self.title_text = locale, movement_text(locale), ""
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side, length in MARGINS.items():
            setattr(section, side, length)
        self._styles()
        self._page_number(section.footer.paragraphs[0])

    def t(self, key: str) -> str:
        return label(key, self.locale)

    def m(self, code: str, /, **fields) -> str:
        return message(code, self.locale, **fields)

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
        self._layouts: dict[tuple, tuple] = {}

    def _page_number(self, paragraph) -> None:
        """'PAGE / NUMPAGES' in the footer, as the HTML's '@bottom-center'."""
        paragraph.style = self.doc.styles["Brief Footer"]
        _field(paragraph, "PAGE")
        paragraph.add_run(" / ")
        _field(paragraph, "NUMPAGES")

    def save(self, period: str) -> bytes:
        when = dt.datetime.combine(_first_day(period), dt.time())
        core = self.doc.core_properties
        core.author = core.last_modified_by = "pbbatch"
        core.title, core.comments = _clean(self.title_text), ""
        core.created = core.modified = core.last_printed = when
        core.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _fixed_zip(buffer.getvalue(), when)

    # ------------------------------------------------------------------ building blocks

    def title(self, text: str, committee: str) -> None:
        self.title_text = text
        self._styled(_clean(text), "Brief Title")
        issuer = self.doc.add_paragraph(_clean(self.m("brief.issued", committee=committee)))
        issuer.alignment, issuer.paragraph_format.space_after = CENTER, Mm(8)

    def draft(self, data: dict) -> None:
        """A draft's mark on every page's header, and the box it opens with (the HTML's `div.draft`)."""
        if not data.get("draft"):
            return
        header = self.doc.sections[0].header.paragraphs[0]
        header.alignment = RIGHT
        mark = header.add_run(self.t("draft.mark"))
        mark.bold, mark.font.color.rgb = True, DRAFT_RED
        for n, line in enumerate(draft_lines(data, self.locale)):
            paragraph = self.doc.add_paragraph()
            run = paragraph.add_run(_clean(line))
            run.font.color.rgb, run.bold = DRAFT_RED, n == 0
            _box(paragraph)  # adjacent paragraphs with the same borders make one box in Word

    def settled(self, text: str, row: dict) -> str:
        return settled(text, row, self.locale)

    def heading(self, text: str, level: int) -> None:
        self._styled(_clean(text), f"Heading {level}")

    def paragraph(self, text: str) -> None:
        """A body paragraph, first line indented two characters (the HTML's `p`)."""
        self.doc.add_paragraph(_clean(text)).paragraph_format.first_line_indent = Pt(22)

    def lines(self, texts: list[str]) -> None:
        """One unindented paragraph per text (the HTML's `p.line`); 無 when there is none."""
        for text in texts or [self.t("brief.none")]:
            self.doc.add_paragraph(_clean(text))

    def bullets(self, texts: list[str]) -> None:
        for text in texts:
            self._styled(_clean(text), "List Bullet")

    def _styled(self, text: str, style: str) -> None:
        self.doc.add_paragraph(text)._p.style = self.style_ids[style]

    def table(self, columns: list[Column], rows: list[dict]) -> None:
        """A 'Table Grid' table, header row repeated on every page, no row split across pages, band A / C rows
        shaded; 無 when there are no rows."""
        if not rows:
            return self.lines([])
        layout = tuple((c.title, c.align, c.width) for c in columns)
        if layout not in self._layouts:
            self._layouts[layout] = self._layout(columns)
        empty, templates = self._layouts[layout]
        # Copies of a table and of rows built once per layout: python-docx builds them a cell at a time, which
        # for 300 branches and a findings table per branch took a second a brief.
        tbl = copy.deepcopy(empty)
        for record in rows:
            tr = copy.deepcopy(templates[BAND_FILL.get(record.get("band"))])
            for run, column in zip(tr.iter(_RUN), columns):
                text = column.value(record)
                text = _clean("" if text is None else str(text))
                if _PLAIN.fullmatch(text):
                    run[-1].text = text  # the template's w:t, as run.text would write it, at a tenth of the cost
                else:
                    run.text = text  # blank, or with tabs, breaks or edge spaces: python-docx knows how
            tbl.append(tr)
        self.doc.element.body._insert_tbl(tbl)

    def _layout(self, columns: list[Column]):
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

    def _fill_row(self, row, columns: list[Column], widths: list[int], texts: list[str], fill: str | None,
                  header: bool = False):
        _row_properties(row, header=header)
        for cell, column, width, text in zip(row.cells, columns, widths, texts):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = self.style_ids["Brief Table"]  # by id: the lookup by name is slow
            paragraph.alignment = CENTER if header else column.align
            run = paragraph.add_run(_clean(text))
            if header:
                run.bold = True
            if fill:
                _shade(cell, fill)
        return row._tr

    # ------------------------------------------------------------------ columns shared by the two kinds

    def name_column(self) -> Column:
        def name(r: dict) -> str:
            return self.m("brief.vetoed_name", name=r["unit_name"], vetoed=self.t("out.vetoed")) if r["vetoed"] \
                else r["unit_name"]
        return Column(self.t("out.unit_name"), name, LEFT, 2.6)

    def ranking_columns(self, scores: list[str], extra: list[Column] = ()) -> list[Column]:
        return [Column(self.t("out.rank"), lambda r: r["rank"], width=0.8),
                Column(self.t("brief.movement"), lambda r: self.move(r["movement"]), width=0.8),
                self.name_column(),
                Column(self.t("out.head"), lambda r: r["head"], width=1.2),
                *[Column(self.t(f"out.{s}"), self.score(s), RIGHT, 1.1) for s in scores],
                Column(self.t("out.band"), lambda r: self.settled(r["band"], r), width=0.7),
                *extra]

    def score(self, key: str) -> Callable[[dict], str]:
        return lambda r: score_cell(r, key, self.locale)

    def vetoes(self, vetoes: list[dict]) -> None:
        self.table([Column(self.t("out.unit_name"), lambda v: v["unit_name"], LEFT, 1.6),
                    Column(self.t("detail.category"), self.veto_category, width=1.1),
                    Column(self.t("detail.reason"), lambda v: v["reason"], LEFT, 3.6),
                    Column(self.t("detail.date"), lambda v: v["date"], width=1.2),
                    Column(self.t("detail.decided_by"), lambda v: v["decided_by"], width=1.3)], vetoes)

    def veto_category(self, veto: dict) -> str:
        """The category's label in the locale when it is one of the catalogue's, else as written."""
        key = VETO_CATEGORIES.get(fold(veto["category"]))
        return self.t(key) if key else veto["category"]

    def submissions(self, data: dict) -> None:
        """Who still owes which form (pbbatch/templates/brief_submissions.html.j2)."""
        self.lines(outstanding_lines(data, self.locale))


# ---------------------------------------------------------------------- the two kinds


def _departments(b: _Brief, data: dict) -> None:
    o, w = data["overview"], data["weights"]
    b.title(_draft_title(b, data, b.m("brief.dept_title", organization=data["organization"], period=data["period"])),
            data["committee"])
    b.draft(data)
    b.heading(b.t("brief.overview"), 1)
    b.paragraph(b.m("brief.dept_overview", **o, **w))

    b.heading(b.t("brief.ranking"), 1)
    coefficient = Column(b.t("out.coefficient"), lambda r: _percent(r["coefficient"], 0), RIGHT, 1.1)
    for block in data["blocks"]:
        b.heading(block["block"], 2)
        b.table(b.ranking_columns(DEPARTMENT_SCORES, [coefficient]), block["rows"])
    b.heading(b.t("brief.chart"), 2)
    b.table([Column(b.t("out.block"), lambda r: r["block"], width=1.2), b.name_column(),
             Column(b.t("out.total"), _score("total"), RIGHT, 1.0)],
            [r for block in data["blocks"] for r in block["rows"]])

    b.heading(b.t("brief.commended"), 1)
    b.lines([b.m("brief.commend_line", block=block["block"], names=b.m("brief.list_sep").join(names))
             for block in data["blocks"]
             if (names := [b.settled(r["unit_name"], r) for r in block["rows"] if r["band"] == "A"])])

    b.heading(b.t("brief.reflection"), 1)
    b.lines([b.m("brief.reflection_line", name=b.settled(r["unit_name"], r), block=r["block"], rank=r["rank"],
                 total=score_text(r["total"])) for r in data["reflection"]])

    b.heading(b.t("brief.vetoes"), 1)
    b.vetoes(data["vetoes"])

    b.heading(b.t("brief.adjustments"), 1)
    b.table([Column(b.t("out.unit_name"), lambda a: a["unit_name"], LEFT, 1.6),
             Column(b.t("detail.category"), lambda a: b.t(f"adj_cat.{a['category']}"), width=1.1),
             Column(b.t("detail.points"), lambda a: f"{a['points']:+g}", RIGHT, 0.8),
             Column(b.t("detail.reason"), lambda a: a["reason"], LEFT, 4.0)], data["adjustments"])

    b.heading(b.t("brief.submissions"), 1)
    b.submissions(data)

    if data["payout"]:
        b.heading(b.t("brief.payout"), 1)
        months = [Column(month, _month_coefficient(i), RIGHT) for i, month in enumerate(data["payout"]["months"])]
        b.table([Column(b.t("out.block"), lambda p: p["block"], width=1.1),
                 Column(b.t("out.unit_name"), lambda p: p["unit_name"], LEFT, 1.6), *months,
                 Column(b.t("payout.mean"), lambda p: _mean(b, p), RIGHT, 2.0)], data["payout"]["rows"])


def _branches(b: _Brief, data: dict) -> None:
    o, w = data["overview"], data["weights"]
    b.title(_draft_title(b, data, b.m("brief.branch_title", organization=data["organization"],
                                      period=data["period"])), data["committee"])
    b.draft(data)
    b.heading(b.t("brief.overview"), 1)
    b.paragraph(b.m("brief.branch_overview", **o, **w))

    b.heading(b.t("brief.b_ranking"), 1)
    b.table(b.ranking_columns(BRANCH_SCORES), data["rows"])

    b.heading(b.t("brief.b_rewards"), 1)
    b.lines([b.m("brief.reward_line", rank=r["rank"], name=b.settled(r["unit_name"], r), head=r["head"],
                 amount=f"{r['reward']:,.0f}") for r in data["rewarded"]])

    b.heading(b.t("brief.b_talks"), 1)
    talks = [("brief.removal_line", r) for r in data["removed"]] + \
            [("brief.admonish_line", r) for r in data["admonished"] if not r["removal"]]
    if not talks:
        b.lines([])
    for code, r in talks:
        b.lines([b.m(code, name=b.settled(r["unit_name"], r), head=r["head"])])
        b.bullets([b.m("consequence.basis_row", quarter=q, rank=rank, head=head) for q, rank, head in r["basis"]])

    b.heading(b.t("brief.b_vetoes"), 1)
    b.vetoes(data["vetoes"])

    b.heading(b.t("brief.b_findings"), 1)
    if not data["findings"]:
        b.lines([])
    for group in data["findings"]:
        b.heading(group["unit_name"], 2)
        b.table([Column(b.t("detail.date"), lambda f: f["date"], width=1.2),
                 Column(b.t("item.code"), lambda f: f["item_id"], width=1.0),
                 Column(b.t("finding.finding"), lambda f: f["finding"], LEFT, 4.0),
                 Column(b.t("finding.deduction"), lambda f: f"{f['deduction']:g}", RIGHT, 0.8),
                 Column(b.t("finding.fix_by"), lambda f: f["fix_by"], width=1.2)], group["findings"])

    b.heading(b.t("brief.b_weakest"), 1)
    b.table([Column(b.t("item.code"), lambda i: i["code"], width=1.0),
             Column(b.t("item.name"), lambda i: i["name"], LEFT, 2.4),
             Column(b.t("item.points"), lambda i: f"{i['points']:g}", RIGHT, 0.8),
             Column(b.t("brief.share"), lambda i: "" if i["share"] is None else f"{i['share']:.1%}", RIGHT, 1.4),
             Column(b.t("item.owner"), lambda i: f"{i['owner']} {i.get('owner_name', '')}".strip(), width=1.6)], data["weakest_items"])

    b.heading(b.t("brief.b_submissions"), 1)
    b.submissions(data)


# ---------------------------------------------------------------------- small helpers


def _draft_title(b: _Brief, data: dict, title: str) -> str:
    return f"{b.t('draft.mark')}{title}" if data.get("draft") else title


def _score(key: str) -> Callable[[dict], str]:
    return lambda r: score_text(r[key])


def _percent(value: float, places: int) -> str:
    return f"{value * 100:.{places}f}%"


def _month_coefficient(i: int) -> Callable[[dict], str]:
    return lambda p: _percent(p["coefficients"][i], 0)


def _mean(b: _Brief, p: dict) -> str:
    if not p["defaulted"]:
        return _percent(p["mean"], 2)
    return f"{_percent(p['mean'], 2)} {b.m('brief.defaulted', months=b.m('brief.list_sep').join(p['defaulted']))}"


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


def _fixed_zip(blob: bytes, when: dt.datetime) -> bytes:
    """The package again, every member dated `when`, so the same document gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
