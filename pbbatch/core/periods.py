"""Months, quarters and years, and the ways people write them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    kind = "month"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def quarter(self) -> "Quarter":
        return Quarter(self.year, (self.month - 1) // 3 + 1)

    @property
    def ends_quarter(self) -> bool:
        return self.month % 3 == 0

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    kind = "quarter"

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.number}"

    @property
    def months(self) -> tuple[Month, Month, Month]:
        first = (self.number - 1) * 3 + 1
        return tuple(Month(self.year, first + i) for i in range(3))  # type: ignore[return-value]

    def contains(self, day: dt.date) -> bool:
        return day.year == self.year and (day.month - 1) // 3 + 1 == self.number

    def previous(self) -> "Quarter":
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)


@dataclass(frozen=True, order=True)
class Year:
    """A year: the period of a responsibility letter (目標責任書), which counts for every month of it."""

    year: int

    kind = "year"

    def __str__(self) -> str:
        return f"{self.year:04d}"

    @property
    def months(self) -> tuple[Month, ...]:
        return tuple(Month(self.year, m) for m in range(1, 13))

    def contains(self, day: dt.date) -> bool:
        return day.year == self.year

    def previous(self) -> "Year":
        return Year(self.year - 1)


Period = Month | Quarter | Year

_MONTH_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"),
]
_QUARTER_PATTERNS = [
    re.compile(r"^(\d{4})-?q([1-4])$"),
    re.compile(r"^(\d{4})年第?([1-4一二三四])季度?$"),
]
_YEAR_PATTERN = re.compile(r"^(\d{4})(?:年度?)?$")
_FIRST_YEAR, _LAST_YEAR = 1900, 9999  # a number cell reads as a year only in this range


def parse_period(value: object) -> Period | None:
    """A period from a cell: '2026-03', '2026年3月', '2026-Q1', '2026年第一季度', '2026', '2026年'; a date cell
    means its month, and a whole-number cell (Excel makes one of a typed 2026) its year."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Month(value.year, value.month) if value.day == 1 else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        whole = float(value).is_integer() and _FIRST_YEAR <= value <= _LAST_YEAR
        return Year(int(value)) if whole else None
    if not isinstance(value, str):
        return None
    text = "".join(unicodedata.normalize("NFKC", value).split()).casefold()
    for pattern in _MONTH_PATTERNS:
        m = pattern.match(text)
        if m and 1 <= int(m.group(2)) <= 12:
            return Month(int(m.group(1)), int(m.group(2)))
    for pattern in _QUARTER_PATTERNS:
        m = pattern.match(text)
        if m:
            q = m.group(2)
            return Quarter(int(m.group(1)), _CHINESE_DIGITS.get(q) or int(q))
    m = _YEAR_PATTERN.match(text)
    if m and _FIRST_YEAR <= int(m.group(1)) <= _LAST_YEAR:
        return Year(int(m.group(1)))
    return None


def parse_month(value: str) -> Month:
    period = parse_period(value)
    if not isinstance(period, Month):
        raise ValueError(f"not a month: {value!r} (write it as 2026-03)")
    return period


def previous_calendar_month(today: dt.date | None = None) -> Month:
    today = today or dt.date.today()
    return Month(today.year, today.month).previous()


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
]


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = "".join(unicodedata.normalize("NFKC", value).split())
    text = text.split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", text) else text
    if re.match(r"^\d{4}-\d{2}-\d{2}\d{2}:\d{2}(:\d{2})?$", text):
        text = text[:10]
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None
