"""Competition ranks, the 2:7:1 bands for every small block size, vetoes, and 'last'."""

import dataclasses

import pandas as pd
import pytest

from pbbatch.config import default_config
from pbbatch.ranking import band_limits, rank_and_band

CONFIG = default_config(".")


def group(totals, vetoed=(), target=None, leader=None, block="X"):
    n = len(totals)
    return pd.DataFrame({
        "unit_id": [f"U{i:02d}" for i in range(1, n + 1)],
        "block": block,
        "total": totals,
        "target": target or [0.0] * n,
        "leader": leader or [0.0] * n,
        "vetoed": [f"U{i:02d}" in vetoed for i in range(1, n + 1)],
    })


def ranked(frame, config=CONFIG):
    out = rank_and_band(frame, "block", ["target", "leader"], config)
    return out.set_index("unit_id")


def test_competition_rank_skips_after_ties():
    out = ranked(group([90, 85, 85, 80]))
    assert list(out["rank"]) == [1, 2, 2, 4]


def test_tie_breakers_target_then_leader():
    out = ranked(group([85, 85, 85, 85], target=[70, 80, 80, 80], leader=[90, 60, 70, 70]))
    assert out["rank"].to_dict() == {"U01": 4, "U02": 3, "U03": 1, "U04": 1}


def test_vetoed_units_come_after_every_other_unit_whatever_their_total():
    out = ranked(group([99, 50, 60], vetoed={"U01"}))
    assert out["rank"].to_dict() == {"U01": 3, "U02": 2, "U03": 1}
    assert out.loc["U01", "band"] == "C" and out.loc["U01", "last"]


def test_two_vetoed_units_rank_among_themselves_by_total():
    out = ranked(group([99, 95, 60, 70], vetoed={"U01", "U02"}))
    assert out["rank"].to_dict() == {"U01": 3, "U02": 4, "U03": 2, "U04": 1}
    assert out.loc["U01", "last"] and out.loc["U02", "last"]  # vetoed always counts as last


def test_ranks_are_per_block():
    frame = pd.concat([group([90, 80], block="A"), group([70, 95], block="B")], ignore_index=True)
    frame["unit_id"] = ["A1", "A2", "B1", "B2"]
    out = ranked(frame)
    assert out["rank"].to_dict() == {"A1": 1, "A2": 2, "B1": 2, "B2": 1}


# a = round_half_up(0.2 n), c = round_half_up(0.1 n)
EXPECTED_LIMITS = {1: (0, 0), 2: (0, 0), 3: (1, 0), 4: (1, 0), 5: (1, 1), 6: (1, 1), 7: (1, 1), 8: (2, 1),
                   9: (2, 1), 10: (2, 1), 11: (2, 1), 12: (2, 1)}


@pytest.mark.parametrize("n", range(1, 13))
def test_bands_for_distinct_totals(n):
    a, c = EXPECTED_LIMITS[n]
    assert band_limits(n, CONFIG) == (a, c)
    out = ranked(group([100 - i for i in range(n)]))
    expected = ["A"] * a + ["B"] * (n - a - c) + ["C"] * c
    assert list(out["band"]) == expected
    assert list(out["coefficient"]) == [{"A": 1.2, "B": 1.0, "C": 0.8}[b] for b in expected]
    assert sum(out["band"] == "A") + sum(out["band"] == "B") + sum(out["band"] == "C") == n


@pytest.mark.parametrize("n", range(3, 13))
def test_tie_at_the_top_boundary_falls_in_the_units_favour(n):
    a, _ = EXPECTED_LIMITS[n]
    totals = [100 - i for i in range(n)]
    totals[a] = totals[a - 1]  # the unit just below band A ties the last unit in it
    out = ranked(group(totals))
    assert list(out["band"][: a + 1]) == ["A"] * (a + 1)


@pytest.mark.parametrize("n", range(5, 13))
def test_tie_at_the_bottom_boundary_falls_in_the_units_favour(n):
    _, c = EXPECTED_LIMITS[n]
    totals = [100 - i for i in range(n)]
    totals[n - c] = totals[n - c - 1]  # the first unit of band C ties the last of band B
    out = ranked(group(totals))
    assert out["band"].iloc[n - c] == "B"
    assert out["band"].iloc[n - c - 1] == "B"


def test_all_tied_block_of_ten_is_all_band_a():
    out = ranked(group([80.0] * 10))
    assert set(out["rank"]) == {1} and set(out["band"]) == {"A"}
    assert out["last"].all()  # everyone holds the worst rank too


@pytest.mark.parametrize("n", range(1, 13))
def test_a_vetoed_unit_is_always_band_c_even_when_first_on_total(n):
    out = ranked(group([100 - i for i in range(n)], vetoed={"U01"}))
    assert out.loc["U01", "band"] == "C"
    assert out.loc["U01", "rank"] == n
    assert out.loc["U01", "coefficient"] == 0.8


def test_single_unit_block_is_band_b_and_last():
    out = ranked(group([95.0]))
    assert out.loc["U01", "band"] == "B" and out.loc["U01", "last"]


def test_band_rounding_and_shares_come_from_config():
    config = dataclasses.replace(CONFIG, band_shares=(0.3, 0.5, 0.2), band_rounding="floor")
    assert band_limits(7, config) == (2, 1)
    config = dataclasses.replace(config, band_rounding="ceil")
    assert band_limits(7, config) == (3, 2)
    out = ranked(group([100 - i for i in range(7)]), config)
    assert list(out["band"]) == ["A"] * 3 + ["B"] * 2 + ["C"] * 2
