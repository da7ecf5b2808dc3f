"""The records a run produces about its input: one `Outcome` per file, `Problem`s pointing at cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pbbatch.core.catalogue import DEFAULT_LOCALE
from pbbatch.core.config import Config
from pbbatch.core.errors import Label, Message, render
from pbbatch.core.periods import Month, Period
from pbbatch.core.registry import Registry

if TYPE_CHECKING:
    import pandas as pd

ERROR, WARNING = "error", "warning"
ACCEPTED, REJECTED, SKIPPED, SUPERSEDED = "accepted", "rejected", "skipped", "superseded"
CORRECTED = "corrected"  # rejected, then met by a later accepted file of the same submission


@dataclass(frozen=True)
class Problem:
    """A problem at a cell: its catalogue code and fields (see errors.Message), worded where it is shown. `sheet`
    is the file's own sheet name, or the label of the sheet the file lacks."""

    file: str
    sheet: str | Label
    cell: str
    level: str
    code: str
    fields: dict[str, Any] = field(default_factory=dict)

    def render(self, locale: str) -> str:
        return render(self.code, self.fields, locale)

    def row(self, locale: str = DEFAULT_LOCALE) -> tuple[str, str, str, str, str]:
        return (self.file, self.sheet_name(locale), self.cell, self.level, self.code)

    def sheet_name(self, locale: str) -> str:
        return self.sheet.render(locale) if isinstance(self.sheet, Label) else self.sheet

    def where(self, locale: str) -> str:
        """'數據!C5', the sheet alone, or nothing."""
        return "!".join(x for x in (self.sheet_name(locale), self.cell) if x)


@dataclass
class Outcome:
    """What became of one file: the row of the processing report's file list, and the data if accepted."""

    file: str
    sha256: str = ""
    mtime: float = 0.0
    status: str = REJECTED
    note: Message | None = None  # why a file was skipped, superseded or corrected
    form: str | None = None
    period: Period | None = None
    submitter_id: str = ""
    rating_type: str | None = None
    version: int = 1
    filled_on: dt.date | None = None
    columns: dict[str, list] | None = None  # accepted rows, column by column: plain lists are cheap to pass
    layout: tuple[str, dict[str, int], int] | None = None  # accepted: data sheet, column positions, header row
    problems: list[Problem] = field(default_factory=list)  # between processes and to concatenate
    data_sheet: str = ""  # the data sheet's name as the file spells it, once found
    positions: dict[str, int] | None = None  # column key -> 0-based column of the data sheet: cells of later checks

    @property
    def reason(self) -> str:
        """The catalogue code of the note ('skip.other_period'), or ''."""
        return self.note.code if self.note else ""

    def note_text(self, locale: str) -> str:
        return self.note.render(locale) if self.note else ""

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    @property
    def row_count(self) -> int:
        return len(self.columns["row"]) if self.columns else 0

    @property
    def rows(self) -> pd.DataFrame | None:
        """The accepted rows as a frame (scoring.collect builds one frame per form instead)."""
        import pandas as pd

        return None if self.columns is None else pd.DataFrame(self.columns)


@dataclass(frozen=True)
class Context:
    registry: Registry
    config: Config
    month: Month

    @property
    def locale(self) -> str:
        return self.config.locale
