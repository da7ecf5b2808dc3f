"""§9: a person's rank and band within the unit (ties in the person's favour) and the pay coefficient's rounding."""

import dataclasses

import pytest

from pbbatch.assess.staff import pay_coefficient, unit_people
from pbbatch.core.config import default_config

CONFIG = default_config(".")  # staff.shares 0.2/0.7/0.1, staff.coefficients 1.1/1.0/0.9, rounding half_up
# n -> (band A count, band C count): round_half_up(0.2 n), round_half_up(0.1 n), written out by hand.
COUNTS = {1: (0, 0), 2: (0, 0), 3: (1, 0), 4: (1, 0), 5: (1, 1), 6: (1, 1), 7: (1, 1), 8: (2, 1), 9: (2, 1),
          10: (2, 1), 11: (2, 1), 12: (2, 1)}
COEFFICIENT = {"A": 1.1, "B": 1.0, "C": 0.9}


def expected_bands(ranks: list[int], n: int) -> list[str]:
    a, c = COUNTS[n]
    return ["A" if r <= a else "C" if r > n - c else "B" for r in ranks]


def scores_with_ties(n: int, tied_positions: list[tuple[int, int]]) -> list[float]:
    """n falling scores (best first), each pair of 1-based positions given made equal."""
    scores = [100.0 - 5 * i for i in range(n)]
    for first, second in tied_positions:
        scores[second - 1] = scores[first - 1]
    return scores


@pytest.mark.parametrize("n", range(1, 13))
def test_distinct_scores_band_by_the_shares(n):
    scores = scores_with_ties(n, [])
    out = unit_people(list(reversed(scores)), CONFIG)[::-1]  # listed worst first: order must not matter
    assert [r for r, _, _ in out] == list(range(1, n + 1))
    assert [b for _, b, _ in out] == expected_bands(list(range(1, n + 1)), n)
    assert [p for _, b, p in out] == [COEFFICIENT[b] for _, b, _ in out]


@pytest.mark.parametrize("n", range(1, 13))
def test_ties_at_both_boundaries_fall_in_the_persons_favour(n):
    a, c = COUNTS[n]
    ties = []
    if 1 <= a < n:
        ties.append((a, a + 1))  # the last of band A ties the first below it: both A
    if c >= 1 and n - c >= 1 and n - c != a + 1:
        ties.append((n - c, n - c + 1))  # the first of band C ties the one above it: neither is C
    scores = scores_with_ties(n, ties)
    out = unit_people(scores, CONFIG)
    ranks = [r for r, _, _ in out]
    for first, second in ties:
        assert ranks[first - 1] == ranks[second - 1] == first
    bands = [b for _, b, _ in out]
    assert bands == expected_bands(ranks, n)
    if (a, a + 1) in ties:
        assert bands[a] == "A"  # one more A than the share gives
    if (n - c, n - c + 1) in ties:
        assert "C" not in bands[n - c - 1: n - c + 1]


def test_everyone_tied_is_everyone_in_the_best_band_the_unit_has():
    assert {b for _, b, _ in unit_people([80.0] * 10, CONFIG)} == {"A"}
    assert {b for _, b, _ in unit_people([80.0] * 2, CONFIG)} == {"B"}  # two people: no A, no C


def test_people_not_scored_are_left_out_of_the_ranking():
    out = unit_people([90.0, None, 70.0, 80.0, None, 60.0, 50.0], CONFIG)
    assert out[1] == out[4] == (None, None, None)
    assert [r for r, _, _ in out if r] == [1, 3, 2, 4, 5]  # ranked among the five scored
    assert [b for _, b, _ in out if b] == ["A", "B", "B", "B", "C"]


def test_banding_rounding_is_the_configs():
    floor = dataclasses.replace(CONFIG, band_rounding="floor")
    assert [b for _, b, _ in unit_people([90.0, 80.0, 70.0, 60.0, 50.0], floor)] == ["A", "B", "B", "B", "B"]


def test_the_staff_shares_and_coefficients_are_the_staffs_not_the_units():
    config = dataclasses.replace(CONFIG, staff_shares=(0.5, 0.25, 0.25), staff_coefficients=(1.3, 1.0, 0.7))
    assert unit_people([90.0, 80.0, 70.0, 60.0], config) == [(1, "A", 1.3), (2, "A", 1.3), (3, "B", 1.0),
                                                              (4, "C", 0.7)]


def test_pay_is_the_product_rounded_half_up_to_four_places_in_decimal():
    assert 0.8 * 1.1 != 0.88
    assert pay_coefficient(0.8, 1.1) == 0.88
    assert pay_coefficient(1.2, 1.1) == 1.32
    assert pay_coefficient(0.8, 0.9) == 0.72
    assert pay_coefficient(1.0, 1.00005) == 1.0001  # banker's rounding (and the float) would give 1.0
    assert pay_coefficient(1.2, 1.00125) == 1.2015
