"""Where the site's pages live and what they link to. Every link is relative, so the output folder can be moved
or served whole: a page in site/units/ reaches a period's brief as ../../2026-03/<file>."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from pbbatch.core.catalogue import LOCALES, label
from pbbatch.core.periods import Quarter, parse_period

SITE_FOLDER = "site"
HOME, UNITS, RULES, BOARD, LEDGER = "index.html", "units.html", "rules.html", "board.html", "ledger.html"
UNIT_FOLDER, PERIOD_FOLDER, YEAR_FOLDER = "units", "periods", "years"

# The files of a period the site links to: the rankings' workbooks and the briefs. Not the processing report (its
# validation messages are the board's, and it names files), nor anything of §9 (people's scores and pay).
_FILES = {"month": (("file.dept_monthly", ".xlsx"), ("file.dept_brief", ".html"), ("file.dept_brief", ".docx")),
          "quarter": (("file.branch_quarterly", ".xlsx"), ("file.branch_brief", ".html"),
                      ("file.branch_brief", ".docx"))}


def page_name(code: str) -> str:
    """A unit code as a file name that is the same on every file system: ASCII letters, digits, '-' and '_' as
    they are, anything else as ~hex (so 'B/1' and 'B~2f1' cannot meet)."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else f"~{ord(c):x}" for c in code) + ".html"


def unit_href(code: str, root: str) -> str:
    return f"{root}{UNIT_FOLDER}/{quote(page_name(code))}"


def period_href(period: str, root: str) -> str:
    return f"{root}{PERIOD_FOLDER}/{quote(period)}.html"


def output_folder_of(period: str) -> str:
    """The output folder a period's files are in: a month's own; a quarter's is its last month's."""
    value = parse_period(period)
    return str(value.months[-1]) if isinstance(value, Quarter) else str(value)


def period_files(period: str, present: set[str]) -> list[str]:
    """The names, among `present` (the files of the period's output folder), that the site links to for the
    period, in any locale they were written in."""
    kind = "quarter" if isinstance(parse_period(period), Quarter) else "month"
    wanted = [f"{label(key, locale)}_{period}{suffix}" for key, suffix in _FILES[kind] for locale in LOCALES]
    return [name for name in dict.fromkeys(wanted) if name in present]


def folder_files(output: Path, folder: str, pending: dict[str, list[str]]) -> set[str]:
    """The files of output/<folder> as they will be once published: a run's own folder is still in staging, so
    its names come from `pending`."""
    if folder in pending:
        return set(pending[folder])
    try:
        return set(os.listdir(Path(output) / folder))
    except OSError:
        return set()


def file_href(period: str, name: str, root: str) -> str:
    """From a page at `root` (the path back to the site folder) to a file of the period's output folder."""
    return f"{root}../{quote(output_folder_of(period))}/{quote(name)}"


def year_href(year: str, root: str) -> str:
    return f"{root}{YEAR_FOLDER}/{quote(year)}.html"


def year_files(year: str, present: set[str]) -> list[str]:
    """The year's workbook and brief among `present` (the files of output/<year>), in any locale."""
    wanted = [f"{label(key, locale)}_{year}{suffix}" for key, suffix in
              (("file.annual", ".xlsx"), ("file.annual_brief", ".html"), ("file.annual_brief", ".docx"))
              for locale in LOCALES]
    return [name for name in dict.fromkeys(wanted) if name in present]


def year_file_href(year: str, name: str, root: str) -> str:
    return f"{root}../{quote(year)}/{quote(name)}"
