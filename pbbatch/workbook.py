"""Reading workbooks into plain rows of cell values: the input end of the pipeline.

Everything after this module works on `RawWorkbook` values and never touches the file again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from .catalogue import fold

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, and every encrypted OOXML file
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

Cell = object  # str | float | bool | date | datetime | time; '' for an empty cell


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; `code` names the catalogue message, `detail` what the library said."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


@dataclass
class RawWorkbook:
    name: str
    sheets: dict[str, list[list[Cell]]] = field(default_factory=dict)

    def sheet(self, label_key: str) -> tuple[str, list[list[Cell]]] | None:
        """The sheet whose name is any locale's text of the label, ignoring width, spaces and case."""
        from .catalogue import LABELS

        wanted = {fold(text) for text in LABELS[label_key]}
        for name, rows in self.sheets.items():
            if fold(name) in wanted:
                return name, rows
        return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_container(data: bytes) -> None:
    """Refuse what is not a sound, reasonably sized zip before any parser sees it."""
    if data.startswith(OLE_MAGIC):
        raise UnreadableWorkbook("file.encrypted_or_legacy")
    if not data.startswith(ZIP_MAGIC):
        raise UnreadableWorkbook("file.unreadable", "not an Excel workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableWorkbook("file.truncated", str(exc)) from None
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise UnreadableWorkbook("file.unreadable", f"declared size {total} bytes is too large")


def read_workbook(path: Path, name: str | None = None) -> RawWorkbook:
    return parse_workbook(Path(path).read_bytes(), name or Path(path).name)


def parse_workbook(data: bytes, name: str) -> RawWorkbook:
    """Every worksheet's cells, at their true positions (row 0 is Excel row 1)."""
    check_container(data)
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
    return RawWorkbook(name=name, sheets=sheets)


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


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """A cell as the text a person would read in it: 85.0 -> '85', dates as ISO."""
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
