import pytest

from pbbatch.core.numeric import parse_number, round_count, round_half_up


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.125, 0.13),  # banker's rounding would give 0.12
        (2.675, 2.68),  # the float is 2.67499999...; round() gives 2.67
        (86.275, 86.28),
        (0.4 * 80 + 0.3 * 82 + 0.15 * 80 + 0.15 * 84.5 + 5, 86.28),  # 86.275 computed, float noise included
        (1.005, 1.01),
        (-0.125, -0.13),  # half away from zero
        (89.994999, 89.99),
        (100.0, 100.0),
    ],
)
def test_round_half_up_at_two_places(value, expected):
    assert round_half_up(value) == expected


def test_round_half_up_to_whole_numbers_is_not_bankers():
    assert [round_half_up(x, 0) for x in (0.5, 1.5, 2.5, 3.5)] == [1.0, 2.0, 3.0, 4.0]


@pytest.mark.parametrize(
    "share, n, mode, expected",
    [
        (0.2, 12, "half_up", 2),  # 2.4
        (0.1, 5, "half_up", 1),  # 0.5 rounds up
        (0.2, 5, "half_up", 1),
        (0.1, 30, "ceil", 3),  # 0.1 * 30 = 3.0000000000000004 must not ceil to 4
        (0.1, 14, "ceil", 2),
        (0.1, 14, "floor", 1),
        (0.2, 1, "half_up", 0),
    ],
)
def test_round_count_is_exact(share, n, mode, expected):
    assert round_count(share, n, mode) == expected


@pytest.mark.parametrize(
    "cell, expected",
    [(85.0, 85.0), ("85", 85.0), ("８５", 85.0), (" 85.5 ", 85.5), ("1,000", 1000.0), ("abc", None), ("", None),
     (True, None), (float("nan"), None)],
)
def test_parse_number(cell, expected):
    assert parse_number(cell) == expected
