"""Reading workbooks into plain rows of cell values: the input end of the pipeline.

Everything after this module works on `RawWorkbook` values and never touches the file again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET

from pbbatch.core.catalogue import fold
from pbbatch.core.errors import Message

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, and every encrypted OOXML file
MB = 1024 * 1024


SHEET_ROW_ALLOWANCE = 100  # rows a sheet may span beyond `Limits.rows`: titles, instructions, blank lines


@dataclass(frozen=True)
class Limits:
    """What a file may cost before it is read: its size, its declared unpacked size, the packing ratio
    (ordinary workbooks unpack to 4-6 times their size; a zip bomb to hundreds), and the cells its sheets span
    (python-calamine materialises every sheet's used range: one cell at XFD1048576 would be 17 billion cells)."""

    file_mb: float = 20
    unpacked_mb: float = 200
    ratio: float = 200
    rows: int = 10_000  # data rows of a form; a sheet may span SHEET_ROW_ALLOWANCE more
    columns: int = 200  # columns a sheet may span
    cells: int = 2_000_000  # rows x columns of every sheet's used range, all sheets together

    @property
    def sheet_rows(self) -> int:
        return self.rows + SHEET_ROW_ALLOWANCE

Cell = object  # str | float | bool | date | datetime | time; '' for an empty cell


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; `code` names the catalogue message, `detail` what the library said."""

    def __init__(self, code: str, detail: str = "", sheet: str = "", cell: str = "", **fields: object):
        super().__init__(detail or code)
        self.code = code
        self.detail = detail
        self.sheet, self.cell, self.extra = sheet, cell, fields

    @property
    def fields(self) -> dict[str, object]:
        """The catalogue message's fields (see errors.Message)."""
        return {"detail": self.detail, **self.extra}

    @property
    def message(self) -> Message:
        return Message(self.code, **self.fields)


@dataclass
class RawWorkbook:
    name: str
    sheets: dict[str, list[list[Cell]]] = field(default_factory=dict)
    data: bytes = field(default=b"", repr=False)  # the file, kept only when its cells need a second look
    _special: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict, repr=False)

    def special_cells(self, sheet: str) -> dict[str, tuple[str, str]]:
        """Cells calamine reads as blank that are not: {"C7": ("error", "#DIV/0!") or ("formula", "SUM(..)")}.

        A formula saved without its value (files written by some programs) and an error value both come back
        as ''. Computed on first need, once per sheet; most files never need it."""
        if sheet not in self._special:
            self._special[sheet] = _special_cells(self.data, sheet) if self.data else {}
        return self._special[sheet]

    def sheet(self, label_key: str) -> tuple[str, list[list[Cell]]] | None:
        """The sheet whose name is any locale's text of the label, ignoring width, spaces and case."""
        from pbbatch.core.catalogue import variants

        wanted = {fold(text) for text in variants(label_key)}
        for name, rows in self.sheets.items():
            if fold(name) in wanted:
                return name, rows
        return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_container(data: bytes, limits: Limits = Limits()) -> bool:
    """Refuse what is not a sound, reasonably sized zip, or whose sheets span too many cells, before any parser
    sees it.

    Returns whether any worksheet may hold a cell calamine shows blank that is not (a formula or an error
    value): only then is a second look at the sheet's XML worth its cost."""
    if len(data) > limits.file_mb * MB:
        raise UnreadableWorkbook("file.too_large", f"{len(data) / MB:.1f} MB > {limits.file_mb:g} MB")
    if data.startswith(OLE_MAGIC):
        raise UnreadableWorkbook("file.encrypted_or_legacy")
    if not data.startswith(ZIP_MAGIC):
        raise UnreadableWorkbook("file.unreadable", "not an Excel workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if total > limits.unpacked_mb * MB or total / packed > limits.ratio:
                raise UnreadableWorkbook("file.too_large", f"{total / MB:.1f} MB unpacked, {total / packed:.0f}:1")
            scans = [_scan_part(archive, m, limits) for m in members if _may_be_sheet(m.filename)]
            _check_extents(archive, scans, limits)
            return any(scan.may_hide_cells for scan in scans)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise UnreadableWorkbook("file.truncated", str(exc)) from None
    except (NotImplementedError, RuntimeError) as exc:  # a compression method zipfile lacks, an encrypted member
        raise UnreadableWorkbook("file.unreadable", str(exc)[:200]) from None


# What starts a formula element (<f>, <x:f>) or an error cell (t="e"): a few substring tests, each a fast scan
# (a regex costs three times as much). What else matches (<filterColumn>, say) costs only the second look.
_HIDING_MARKS = (b"<f", b":f", b'"e"', b"'e'")
_LONGEST_MARK = max(map(len, _HIDING_MARKS))
# The parts every workbook has that are never a worksheet; any other XML part is looked at, since a sheet may
# live wherever its relationship points (a chart's <c:f> matches too, and costs only the second look).
_NOT_SHEETS = ("[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml")
_NOT_SHEET_FOLDERS = ("docProps/", "xl/theme/")


def _may_be_sheet(name: str) -> bool:
    return name.endswith(".xml") and name not in _NOT_SHEETS and not name.startswith(_NOT_SHEET_FOLDERS)


def _may_hide_cells(xml: bytes) -> bool:
    return any(mark in xml for mark in _HIDING_MARKS)


SCAN_CHUNK = 1 << 20
_CARRY = 32  # bytes kept from one chunk to the next: longer than any mark or reference looked for


@dataclass(frozen=True)
class _PartScan:
    name: str
    may_hide_cells: bool
    far: bool  # may span beyond the limits: its cells' extent must be counted exactly


# A sheet stays within the limits when every row and cell carries its reference first (`<row r="7"`, `<c r="C7"`)
# and no reference has as many column letters or row digits as the limits' last column and row. Three fast
# scans tell; only a sheet they flag (or a workbook of many sheets) has its cells counted one by one.
_UNREFERENCED = re.compile(rb'<(?:row|c)(?! r=")[\s>/]')
_PREFIXED_ROW = b":row"


@functools.lru_cache(maxsize=8)
def _far_reference(letters: int, digits: int) -> re.Pattern:
    return re.compile(rb'r="(?:[A-Za-z]{%d,}\d|[A-Za-z]*\d{%d})' % (letters, digits))


@functools.lru_cache(maxsize=8)  # asked for every part of every file
def _near_bounds(limits: Limits) -> tuple[int, int, re.Pattern]:
    """(rows, columns) that a sheet no fast scan flags cannot exceed, and the pattern that flags the others."""
    letters = len(column_letter(limits.columns - 1))
    digits = len(str(limits.sheet_rows))
    near_columns = sum(26 ** n for n in range(1, letters))  # every column of fewer letters: Z, ZZ ...
    return 10 ** (digits - 1) - 1, near_columns, _far_reference(letters, digits)


def _scan_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> _PartScan:
    """The part read a chunk at a time, so that a large one never sits in memory whole. A part declared no
    larger than a chunk (a form's sheets are a few kilobytes) is read at once: zipfile yields no byte past the
    declared size, whatever the packed data holds."""
    far_pattern = _near_bounds(limits)[2]
    if member.file_size <= SCAN_CHUNK:
        xml = archive.read(member)
        return _PartScan(member.filename, _may_hide_cells(xml), _may_be_far(xml, far_pattern))
    hides = far = False
    carry = b""
    with archive.open(member) as part:
        while chunk := part.read(SCAN_CHUNK):
            window = carry + chunk
            hides = hides or _may_hide_cells(window)
            far = far or _may_be_far(window, far_pattern)
            if hides and far:
                break
            carry = window[-_CARRY:]  # a mark or a reference may straddle two chunks
    return _PartScan(member.filename, hides, far)


def _may_be_far(xml: bytes, far_pattern: re.Pattern) -> bool:
    return bool(_UNREFERENCED.search(xml) or _PREFIXED_ROW in xml or far_pattern.search(xml))


def _check_extents(archive: zipfile.ZipFile, scans: list[_PartScan], limits: Limits) -> None:
    """Every worksheet within `limits.sheet_rows` x `limits.columns`, and all of them within `limits.cells`."""
    near_rows, near_columns, _ = _near_bounds(limits)
    near_cells = min(near_rows, limits.sheet_rows) * min(near_columns, limits.columns)
    if not any(s.far for s in scans) and len(scans) * near_cells <= limits.cells:
        return  # the common case: a few small sheets, nothing read twice
    sheets = _worksheet_parts(archive)  # parts no sheet points to are never read: drawings, charts...
    if sheets is not None:
        scans = [s for s in scans if s.name in sheets]
    exact = [s for s in scans if s.far]
    rest = [s for s in scans if not s.far]
    if len(rest) * near_cells > limits.cells:  # many sheets: count every one
        exact, rest = scans, []
    total = 0
    for scan in exact:
        sheet = (sheets or {}).get(scan.name, scan.name)
        rows, columns, far_cell = _extent(archive, scan.name, limits)
        if rows > limits.sheet_rows or columns > limits.columns:
            raise UnreadableWorkbook("file.sheet_too_large", sheet=sheet, cell=far_cell, name=sheet,
                                     far=far_cell, max_rows=limits.sheet_rows, max_columns=limits.columns)
        total += rows * columns
    total += len(rest) * near_cells
    if total > limits.cells:
        raise UnreadableWorkbook("file.too_many_cells", cells=total, max_cells=limits.cells)


_REL_TARGET = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str] | None:
    """{part name: sheet name} of the sheets the workbook lists; None when that cannot be told."""
    try:
        book = DefusedET.fromstring(archive.read("xl/workbook.xml"))
        rels = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, DefusedET.ParseError, DefusedXmlException):
        return None
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for node in book.iter(f"{_MAIN}sheet"):
        target = targets.get(node.get(_REL_TARGET), "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        parts[name] = node.get("name", "")
    return parts


_TAG = re.compile(rb'<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>')
_REFERENCE = re.compile(rb'(?:^|\s)r\s*=\s*["\']([A-Za-z]*)(\d*)["\']')


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def _extent(archive: zipfile.ZipFile, part_name: str, limits: Limits) -> tuple[int, int, str]:
    """(rows, columns, the farthest cell) of the part's cells with content, placed as python-calamine places
    them: at their reference, or after the previous row or cell when they carry none. Stops at the first cell
    past the limits."""
    row = column = 0  # 1-based; 0 before the first
    rows = columns = 0
    far = ""
    carry = b""
    with archive.open(part_name) as part:
        while chunk := part.read(SCAN_CHUNK):
            window = carry + chunk
            cut = window.rfind(b"<")
            body, carry = (window[:cut], window[cut:]) if window.find(b">", cut) == -1 else (window, b"")
            for tag in _TAG.finditer(body):
                closing, name, attributes = tag.groups()
                if closing:
                    column = 0 if name == b"row" else column
                    continue
                reference = _REFERENCE.search(attributes)
                if name == b"row":
                    row = int(reference[2]) if reference and reference[2] else row + 1
                    column = 0
                    continue
                if reference and reference[1] and reference[2]:
                    column, cell_row = _column_number(reference[1]), int(reference[2])
                else:
                    column, cell_row = column + 1, row
                if attributes.endswith(b"/"):
                    continue  # a cell without content (formatting only): not part of the range
                if cell_row > rows or column > columns:
                    rows, columns = max(rows, cell_row), max(columns, column)
                    far = f"{column_letter(column - 1)}{cell_row}" if column <= 16_384 else f"#{column}:{cell_row}"
                    if rows > limits.sheet_rows or columns > limits.columns:
                        return rows, columns, far
    return rows, columns, far


def read_workbook(path: Path, name: str | None = None, limits: Limits = Limits()) -> RawWorkbook:
    return parse_workbook(Path(path).read_bytes(), name or Path(path).name, limits)


def parse_workbook(data: bytes, name: str, limits: Limits = Limits()) -> RawWorkbook:
    """Every worksheet's cells, at their true positions (row 0 is Excel row 1)."""
    may_hide_cells = check_container(data, limits)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            sheets = {}
            for meta in book.sheets_metadata:
                if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                    continue
                sheets[meta.name] = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        finally:
            book.close()
    except python_calamine.PasswordError:
        raise UnreadableWorkbook("file.encrypted_or_legacy") from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise UnreadableWorkbook("file.unreadable", str(exc)[:200]) from None
    return RawWorkbook(name=name, sheets=sheets, data=data if may_hide_cells else b"")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    book = DefusedET.fromstring(archive.read("xl/workbook.xml"))
    rels = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    for node in book.iter(f"{_MAIN}sheet"):
        if node.get("name") == sheet:
            target = targets.get(node.get(f"{_REL}id"), "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _special_cells(data: bytes, sheet: str) -> dict[str, tuple[str, str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet)
            xml = archive.read(part) if part else b""
    except (KeyError, zipfile.BadZipFile, DefusedET.ParseError, DefusedXmlException):
        return {}
    if not _may_hide_cells(xml):
        return {}
    found: dict[str, tuple[str, str]] = {}
    try:
        for _, node in DefusedET.iterparse(io.BytesIO(xml)):
            if node.tag != f"{_MAIN}c":
                continue
            formula, value = node.find(f"{_MAIN}f"), node.find(f"{_MAIN}v")
            cached = value.text if value is not None else None
            if node.get("t") == "e":
                found[node.get("r", "")] = ("error", cached or "")
            elif formula is not None and not cached:
                found[node.get("r", "")] = ("formula", formula.text or "")
            node.clear()
    except (DefusedET.ParseError, DefusedXmlException):
        return found
    return found


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def cell_position(ref: str) -> tuple[int, int]:
    """'D7' -> (7, 4): row and column numbers, for ordering; '' (a problem of no one cell) -> (0, 0)."""
    letters = ref.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(ref[len(letters):] or 0), column


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """A cell as the text a person would read in it: 85.0 -> '85', dates as ISO."""
    if type(value) is str:  # most cells: first
        return unicodedata.normalize("NFC", value).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def find_header(
    rows: list[list[Cell]], matcher: dict[str, str], required: list[str], scan: int = 10
) -> tuple[int, dict[str, int]] | tuple[None, list[str]]:
    """The first row within `scan` rows holding every required header.

    Returns (row index, {label key: column index}) or, when none qualifies, (None, the required keys missing
    from the best candidate row).
    """
    best_missing = list(required)
    for r, row in enumerate(rows[:scan]):
        columns: dict[str, int] = {}
        for c, value in enumerate(row):
            if isinstance(value, str) and value.strip():
                key = matcher.get(fold(value))
                if key is not None and key not in columns:
                    columns[key] = c
        missing = [k for k in required if k not in columns]
        if not missing:
            return r, columns
        if len(missing) < len(best_missing):
            best_missing = missing
    return None, best_missing
