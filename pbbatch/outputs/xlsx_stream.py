"""Workbooks of plain tables written straight to their XML: for the individual results (contract §9), the one
output that grows with the company's people. 9,000 people make 190,000 cells, which xlsxwriter writes at about
5 µs a cell; this writes them at under 1 µs. It lays a Sheet out exactly as xlsx.write_workbook does (the
same formats, widths, wrapping, banner, frozen header, filter and print set-up, read from xlsx.py) and writes a
cell as xlsxwriter writes it in constant-memory mode; tests/test_xlsx_stream.py holds the two writers'
workbooks equal. Text is always escaped: never a formula, never markup."""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from itertools import chain, repeat
from pathlib import Path

from xlsxwriter.utility import quote_sheetname

from pbbatch.core.catalogue import DEFAULT_LOCALE, label
from pbbatch.intake.workbook import cell_position, column_letter
from pbbatch.outputs.xlsx import (
    BANNER_SPEC,
    CHUNK,
    DATE_FORMAT,
    EXCEL_TEXT_LIMIT,
    HEADER_SPEC,
    MAX_ROWS,
    MAX_WIDTH,
    ROW_HEIGHT,
    Sheet,
    cell_spec,
    column_values,
    column_widths,
    cut_text,
    header_text,
    number_format,
    part_name,
    report_cuts,
    row_lines,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
BANNER_HEIGHT = 24
BUILT_IN_NUMBER_FORMATS = {"0": 1, "0.00": 2}  # Excel's own ids; others are numbered from 164
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")  # Excel's _xHHHH_ escape, written literally by a user
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_NEEDS_CARE = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 31)
_SELECTED = ' tabSelected="1"'


def write_tables(path: Path, sheets: list[Sheet], created: dt.datetime,
                 locale: str = DEFAULT_LOCALE) -> list[tuple[str, str]]:
    """As xlsx.write_workbook for a workbook of Sheets: returns the (sheet, cell) of each text cut to fit."""
    styles, cuts, parts = _Styles(), [], []
    mark = label("out.cut_mark", locale)
    for sheet in sheets:
        parts += _sheet_parts(sheet, styles, cuts, mark, selected=not parts)
    # level 1: a third of level 6's time, a fifth larger; members dated 1980-01-01, as zipfile dates a member
    # opened by name: the same bytes on every run
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, pieces in _package(parts, styles, created):
            with package.open(name, "w") as member:  # a piece at a time: a sheet's XML is never one string
                for piece in pieces:
                    member.write(piece.encode("utf-8"))
    report_cuts(path, cuts, locale)
    return cuts


# ------------------------------------------------------------------ sheets

def _sheet_parts(sheet: Sheet, styles: _Styles, cuts: list, mark: str, selected: bool) -> list[dict]:
    """One part per MAX_ROWS rows, as xlsx._write_table splits a long table; `selected`: the workbook's first."""
    frame, fills = sheet.frame, sheet.row_fill or [None] * len(sheet.frame)
    columns = list(frame.columns)
    number_formats = [number_format(sheet.decimals.get(c)) for c in columns]
    widths = column_widths(frame)
    wrapped = [width > MAX_WIDTH for width in widths]
    any_wrapped = any(wrapped)
    top = 1 if sheet.banner else 0
    per_sheet = MAX_ROWS - 1 - top
    letters = [column_letter(c) for c in range(len(columns))]
    parts = []
    for part, start in enumerate(range(0, max(len(frame), 1), per_sheet), start=1):
        name = part_name(sheet.name, part)
        rows = []
        if sheet.banner:
            rows.append(f'<row r="1" ht="{BANNER_HEIGHT}" customHeight="1">'
                        f'{_text_cell("A1", styles.index(BANNER_SPEC), sheet.banner)}</row>')
        header = styles.index(HEADER_SPEC)
        rows.append(f'<row r="{top + 1}">' + "".join(
            _text_cell(f"{letters[c]}{top + 1}", header, _cut(str(t), mark, cuts, name, letters[c], top + 1))
            for c, t in enumerate(columns)) + "</row>")
        stop = min(start + per_sheet, len(frame))
        by_fill: dict[str | None, tuple[list[int], int]] = {}
        for first in range(start, stop, CHUNK):
            last = min(first + CHUNK, stop)
            values = [column_values(frame[c].iloc[first:last]) for c in columns]
            for fill in dict.fromkeys(fills[first:last]):  # formats numbered in the order rows first use them
                if fill not in by_fill:
                    by_fill[fill] = ([styles.index(cell_spec(fill, n, wrap=w)) for n, w in zip(number_formats, wrapped)],
                                     styles.index(cell_spec(fill, DATE_FORMAT)))
            row_styles = [by_fill[fill] for fill in fills[first:last]]
            numbers = range(first - start + 2 + top, last - start + 2 + top)
            chunk_cuts: list[tuple[str, str]] = []
            cells = [_column_cells(letters[c], column, numbers, row_styles, c, (mark, chunk_cuts, name))
                     for c, column in enumerate(values)]
            cuts += sorted(chunk_cuts, key=lambda cut: cell_position(cut[1]))  # in row order, as xlsxwriter cuts
            if any_wrapped:
                openings = [f'<row r="{r}" ht="{ROW_HEIGHT * lines}" customHeight="1">' if lines > 1 else f'<row r="{r}">'
                            for r, lines in zip(numbers, (row_lines(values, wrapped, o) for o in range(len(numbers))))]
            else:
                openings = [f'<row r="{r}">' for r in numbers]
            rows.append("".join(chain.from_iterable(zip(openings, *cells, repeat("</row>")))))
        count = stop - start
        xml = _worksheet(rows, widths, letters, top, count, sheet.title or sheet.name, selected and part == 1)
        parts.append({"name": name, "xml": xml, "filter": (top, count, len(columns))})
    return parts


def _cut(text: str, mark: str, cuts: list, sheet: str, letter: str, row: int) -> str:
    cut = cut_text(text, mark)
    if cut is None:
        return text
    cuts.append((sheet, f"{letter}{row}"))
    return cut


def _column_cells(letter: str, values: list, rows: range, row_styles: list[tuple[list[int], int]], column: int,
                  cutting: tuple[str, list, str]) -> list[str]:
    """One column's cells, a string per row; `row_styles`: each row's (formats of its columns, date format).
    A column of plain texts or of finite numbers (blanks allowed), as most are, is made in one comprehension;
    any other goes cell by cell."""
    styles = [plain[column] for plain, _ in row_styles]
    kinds = set(map(type, values))
    if kinds <= _TEXTS and not _COLUMN_CARE.search("\n".join(filter(None, values))) \
            and max(map(len, filter(None, values)), default=0) <= EXCEL_TEXT_LIMIT:
        return [f'<c r="{letter}{r}" s="{s}" t="inlineStr"><is><t>{v}</t></is></c>' if v else f'<c r="{letter}{r}" s="{s}"/>'
                for r, s, v in zip(rows, styles, values)]
    if kinds <= _NUMBERS and all(v is None or v - v == 0 for v in values):  # NaN is read as None; no infinity
        return [f'<c r="{letter}{r}" s="{s}"><v>{v:.16G}</v></c>' if v is not None else f'<c r="{letter}{r}" s="{s}"/>'
                for r, s, v in zip(rows, styles, values)]
    mark, cuts, sheet = cutting
    out = []
    for r, s, (_, dated), value in zip(rows, styles, row_styles, values):
        if type(value) is str and len(value) > EXCEL_TEXT_LIMIT:
            value = _cut(value, mark, cuts, sheet, letter, r)
        out.append(_cell(f"{letter}{r}", value, s, dated))
    return out


_TEXTS = {str, type(None)}
_NUMBERS = {float, int, type(None)}  # not bool: a truth value is a cell of its own type
# Whether any text of a column (joined by line breaks) needs _text_cell's care: what _NEEDS_CARE finds, with a
# space at either end of any one text (a false alarm, a text's own line break, only costs the cell-by-cell path).
_COLUMN_CARE = re.compile(_NEEDS_CARE.pattern, re.MULTILINE)  # ^ and $ at each text's ends too


def _cell(ref: str, value: object, style: int, date_style: int) -> str:
    """One cell by its Python type, as xlsx._write writes it: blanks as blank cells with their format."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if math.isinf(value):
            raise ValueError(f"an infinite number cannot be written to cell {ref}")
        return f'<c r="{ref}" s="{style}"><v>{value:.16G}</v></c>'
    if isinstance(value, (dt.datetime, dt.date)):
        day = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        return f'<c r="{ref}" s="{date_style}"><v>{_serial(day):.16G}</v></c>'
    return _text_cell(ref, style, str(value))  # other types (a Decimal, say) as their text, as xlsx._write


def _text_cell(ref: str, style: int, text: str) -> str:
    """A text cell as xlsxwriter writes one in constant-memory mode, but always escaped (see xlsx.write_text)."""
    if _NEEDS_CARE.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", _ESCAPED_ESCAPE.sub(r"_x005F\1", text))
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        space = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{text}</t></is></c>'


def _serial(day: dt.datetime) -> float:
    """Excel's day number (1900 date system, with its 29 February 1900 counted after 28 February)."""
    delta = day - _EXCEL_EPOCH
    days = delta.days + (1 if day >= dt.datetime(1900, 3, 1) else 0)
    return days + delta.seconds / 86400 + delta.microseconds / 86400e6


def _worksheet(rows: list[str], widths: list[int], letters: list[str], top: int, count: int, title: str,
               selected: bool) -> list[str]:
    """The sheet's XML in pieces: its rows as they are, between its opening and its close."""
    last_row = top + 1 + count
    dimension = f"A1:{letters[-1]}{last_row}" if letters else "A1"
    return [(f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="{dimension}"/><sheetViews><sheetView{_SELECTED if selected else ""} workbookViewId="0">'
            f'<pane ySplit="{top + 1}" topLeftCell="A{top + 2}" activePane="bottomLeft" state="frozen"/>'
            f'<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f'{_columns(widths)}<sheetData>'), *rows, ('</sheetData>'
            + (f'<autoFilter ref="A{top + 1}:{letters[-1]}{last_row}"/>' if count else "")
            + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>'
            f'<headerFooter><oddHeader>{_escape("&C" + header_text(title))}</oddHeader>'
            '<oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter></worksheet>')]


def _columns(widths: list[int]) -> str:
    """<cols>, adjacent columns of one width in one element; a width in characters as Excel stores it (whole
    pixels of a 7-pixel digit and 5 pixels of padding, in 256ths)."""
    if not widths:
        return ""
    stored = [int(min(w, MAX_WIDTH) * 7 + 0.5) + 5 for w in widths]
    out, first = [], 0
    for c in range(1, len(stored) + 1):
        if c == len(stored) or stored[c] != stored[first]:
            out.append(f'<col min="{first + 1}" max="{c}" width="{stored[first] * 256 // 7 / 256:.16g}" customWidth="1"/>')
            first = c
    return f"<cols>{''.join(out)}</cols>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ------------------------------------------------------------------ styles


class _Styles:
    """The cell formats in the order cells first use them (index 0: Excel's default), as xlsxwriter numbers them."""

    KEYS = {"bold", "bg_color", "border", "text_wrap", "valign", "font_color", "font_size", "font_strikeout",
            "num_format"}

    def __init__(self):
        self.specs: list[dict] = [{}]
        self._index: dict[tuple, int] = {(): 0}

    def index(self, spec: dict) -> int:
        key = tuple(sorted(spec.items()))
        if key not in self._index:
            unknown = set(spec) - self.KEYS
            if unknown:  # a format xlsx.py gained that this writer does not know: fail, never drop it
                raise ValueError(f"xlsx_stream cannot write the format keys {sorted(unknown)}")
            self._index[key] = len(self.specs)
            self.specs.append(spec)
        return self._index[key]

    def xml(self) -> str:
        fonts, fills, borders, formats, xfs = [_font({})], ['<fill><patternFill patternType="none"/></fill>',
                                                            '<fill><patternFill patternType="gray125"/></fill>'], \
            ['<border><left/><right/><top/><bottom/><diagonal/></border>'], {}, []
        for spec in self.specs:
            font = _font(spec)
            fonts += [font] if font not in fonts else []
            fill = _fill(spec)
            fills += [fill] if fill and fill not in fills else []
            border = _border(spec)
            borders += [border] if border not in borders else []
            code = spec.get("num_format")
            if code and code not in BUILT_IN_NUMBER_FORMATS and code not in formats:
                formats[code] = 164 + len(formats)
            number = BUILT_IN_NUMBER_FORMATS.get(code) or formats.get(code, 0)
            applied = "".join(f' {name}="1"' for name, used in (
                ("applyNumberFormat", number), ("applyFont", fonts.index(font)), ("applyFill", fill),
                ("applyBorder", borders.index(border)), ("applyAlignment", _alignment(spec))) if used)
            alignment = _alignment(spec)
            xfs.append(f'<xf numFmtId="{number}" fontId="{fonts.index(font)}" fillId="{fills.index(fill) if fill else 0}" '
                       f'borderId="{borders.index(border)}" xfId="0"{applied}'
                       + (f"><alignment{alignment}/></xf>" if alignment else "/>"))
        numbers = "".join(f'<numFmt numFmtId="{i}" formatCode="{_escape(code)}"/>' for code, i in formats.items())
        return (f'{HEAD}<styleSheet xmlns="{MAIN}">'
                + (f'<numFmts count="{len(formats)}">{numbers}</numFmts>' if formats else "")
                + f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts><fills count="{len(fills)}">{"".join(fills)}'
                f'</fills><borders count="{len(borders)}">{"".join(borders)}</borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
                'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')


def _font(spec: dict) -> str:
    """Calibri as xlsxwriter's, its colour given as RGB: the package has no theme to refer to."""
    color = spec.get("font_color", "#000000").lstrip("#").upper()
    return ("<font>" + ("<b/>" if spec.get("bold") else "") + ("<strike/>" if spec.get("font_strikeout") else "")
            + f'<sz val="{spec.get("font_size", 11):g}"/><color rgb="FF{color}"/><name val="Calibri"/>'
            '<family val="2"/></font>')


def _fill(spec: dict) -> str | None:
    if "bg_color" not in spec:
        return None
    return (f'<fill><patternFill patternType="solid"><fgColor rgb="FF{spec["bg_color"].lstrip("#").upper()}"/>'
            '<bgColor indexed="64"/></patternFill></fill>')


def _border(spec: dict) -> str:
    if not spec.get("border"):
        return '<border><left/><right/><top/><bottom/><diagonal/></border>'
    side = '<{0} style="thin"><color auto="1"/></{0}>'
    return "<border>" + "".join(side.format(s) for s in ("left", "right", "top", "bottom")) + "<diagonal/></border>"


def _alignment(spec: dict) -> str:
    return (' vertical="center"' if spec.get("valign") == "vcenter" else "") + \
        (' wrapText="1"' if spec.get("text_wrap") else "")


# ------------------------------------------------------------------ the package


def _package(parts: list[dict], styles: _Styles, created: dt.datetime) -> list[tuple[str, list[str]]]:
    """Each member of the package as (name, its text in pieces)."""
    when = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    sheets = "".join(f'<sheet name="{_escape(p["name"])}" sheetId="{n}" r:id="rId{n}"/>'
                     for n, p in enumerate(parts, start=1))
    names = []
    for n, p in enumerate(parts):
        top, count, width = p["filter"]
        quoted = quote_sheetname(p["name"])
        if count:
            names.append(("_xlnm._FilterDatabase", n, f'{quoted}!$A${top + 1}:${column_letter(width - 1)}${top + 1 + count}',
                          ' hidden="1"'))
        names.append(("_xlnm.Print_Titles", n, f"{quoted}!$1:${top + 1}", ""))
    defined = "".join(f'<definedName name="{name}" localSheetId="{n}"{hidden}>{_escape(ref)}</definedName>'
                      for name, n, ref, hidden in sorted(names))
    workbook = (f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><fileVersion appName="xl" lastEdited="4" '
                'lowestEdited="4" rupBuild="4505"/><workbookPr/><bookViews>'
                '<workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews>'
                f'<sheets>{sheets}</sheets>' + (f"<definedNames>{defined}</definedNames>" if defined else "")
                + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
    count = len(parts)
    sheet_types = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for n in range(1, count + 1))
    types = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             f"{sheet_types}</Types>")
    relation = '<Relationship Id="rId{0}" Type="{1}" Target="{2}"/>'
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    root_rels = (f'{HEAD}<Relationships xmlns="{PACKAGE_RELS}">'
                 + relation.format(1, f"{office}/officeDocument", "xl/workbook.xml")
                 + relation.format(2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                                   "docProps/core.xml")
                 + relation.format(3, f"{office}/extended-properties", "docProps/app.xml") + "</Relationships>")
    book_rels = (f'{HEAD}<Relationships xmlns="{PACKAGE_RELS}">'
                 + "".join(relation.format(n, f"{office}/worksheet", f"worksheets/sheet{n}.xml") for n in range(1, count + 1))
                 + relation.format(count + 1, f"{office}/styles", "styles.xml") + "</Relationships>")
    app = (f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel'
           '</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>'
           '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion>'
           '</Properties>')
    core = (f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:creator>pbbatch</dc:creator><cp:lastModifiedBy>pbbatch</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>')
    return [("[Content_Types].xml", [types]), ("_rels/.rels", [root_rels]), ("docProps/app.xml", [app]),
            ("docProps/core.xml", [core]), ("xl/workbook.xml", [workbook]), ("xl/_rels/workbook.xml.rels", [book_rels]),
            ("xl/styles.xml", [styles.xml()]),
            *((f"xl/worksheets/sheet{n}.xml", p["xml"]) for n, p in enumerate(parts, start=1))]
