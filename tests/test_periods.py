import datetime as dt

import pytest

from pbbatch.core.periods import Month, Quarter, Year, parse_date, parse_period, previous_calendar_month


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-03", Month(2026, 3)),
        ("2026年3月", Month(2026, 3)),
        ("2026年03月", Month(2026, 3)),
        ("２０２６－０３", Month(2026, 3)),  # full-width digits and hyphen, as typed with a Chinese IME
        ("2026-Q1", Quarter(2026, 1)),
        ("2026q4", Quarter(2026, 4)),
        ("2026年第1季度", Quarter(2026, 1)),
        ("2026年第一季度", Quarter(2026, 1)),
        ("2026年第四季度", Quarter(2026, 4)),
        ("2026-13", None),
        ("2026-Q5", None),
        ("March", None),
        (dt.date(2026, 3, 1), Month(2026, 3)),  # Excel turned "2026-03" into a date
        (dt.date(2026, 3, 15), None),
        ("2026", Year(2026)),  # a year: the period of a responsibility letter (contract v2 §1)
        ("2026年", Year(2026)),
        ("2026年度", Year(2026)),
        ("２０２６年", Year(2026)),
        (2026.0, Year(2026)),  # Excel made a number of a typed 2026
        (2026.5, None),
        (26.0, None),
        ("26", None),
        ("2026年度度", None),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


def test_month_arithmetic():
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 6).quarter == Quarter(2026, 2)
    assert [m.ends_quarter for m in Quarter(2026, 3).months] == [False, False, True]
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert str(Month(2026, 3)) == "2026-03" and str(Quarter(2026, 1)) == "2026-Q1"
    assert str(Year(2026)) == "2026" and Year(2026).months[-1] == Month(2026, 12)
    assert Year(2026).contains(dt.date(2026, 12, 31)) and not Year(2026).contains(dt.date(2027, 1, 1))


def test_previous_calendar_month():
    assert previous_calendar_month(dt.date(2026, 1, 5)) == Month(2025, 12)
    assert previous_calendar_month(dt.date(2026, 11, 24)) == Month(2026, 10)


@pytest.mark.parametrize(
    "cell, expected",
    [("2026-03-15", dt.date(2026, 3, 15)), ("2026/3/5", dt.date(2026, 3, 5)), ("2026年3月5日", dt.date(2026, 3, 5)),
     (dt.datetime(2026, 3, 5, 10, 0), dt.date(2026, 3, 5)), ("2026-02-30", None), ("soon", None), (45000.0, None)],
)
def test_parse_date(cell, expected):
    assert parse_date(cell) == expected
