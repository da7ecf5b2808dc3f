"""考核月份: the months of the year a responsibility letter's target is assessed in, as people write them.

`全年` (or `all`) is every month; otherwise months from 1 to 12, single (`3,6,9,12`) or as ranges (`1-6`),
mixed (`1-3,12`), with full-width digits, Chinese separators (`、`, `，`) and an optional `月` after a number.
"""

from __future__ import annotations

import re
import unicodedata

from pbbatch.core.catalogue import fold, variants

ALL_MONTHS = tuple(range(1, 13))
_SEPARATORS = re.compile(r"[,、;；/]")
_RANGE = re.compile(r"^(\d{1,2})月?(?:[-~–—至到](\d{1,2})月?)?(?:份)?$")
_ALL_WORDS = frozenset({*(fold(v) for v in variants("months.all")), fold("全年度"), fold("1-12月")})


def parse_month_list(value: object) -> tuple[int, ...] | None:
    """The months a cell names, ascending and each once; None when it cannot be read (blank included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return (int(value),) if float(value).is_integer() and 1 <= value <= 12 else None
    if not isinstance(value, str):
        return None
    if fold(value) in _ALL_WORDS:
        return ALL_MONTHS
    text = "".join(unicodedata.normalize("NFKC", value).split())
    parts = _SEPARATORS.split(text)
    months: set[int] = set()
    for part in parts:
        m = _RANGE.match(part)
        if not m:
            return None
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if not 1 <= first <= last <= 12:
            return None
        months.update(range(first, last + 1))
    return tuple(sorted(months)) or None


def describe_months(months: tuple[int, ...], all_word: str) -> str:
    """Months written back the way people write them: `全年`, or `1-6,9`."""
    if tuple(months) == ALL_MONTHS:
        return all_word
    runs: list[str] = []
    start = previous = None
    for m in list(months) + [None]:
        if start is not None and m == previous + 1:
            previous = m
            continue
        if start is not None:
            runs.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = m
    return ",".join(runs)
