"""Properties of the rules over generated inputs (hypothesis): they hold for every group, not just examples."""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pbbatch.core.config import default_config
from pbbatch.assess.consequences import low_ranked, rewards
from pbbatch.core.numeric import round_count, round_half_up
from pbbatch.assess.ranking import band_limits, rank_and_band

CONFIG = default_config(".")
totals = st.integers(min_value=0, max_value=40).map(lambda x: 60 + x / 2)  # ties are likely
units = st.lists(st.tuples(totals, totals, totals, st.booleans()), min_size=1, max_size=25)


def frame(rows):
    return pd.DataFrame({
        "unit_id": [f"U{i:02d}" for i in range(len(rows))], "group": "g",
        "total": [r[0] for r in rows], "target": [r[1] for r in rows], "leader": [r[2] for r in rows],
        "vetoed": [r[3] for r in rows],
    })


def ranked(rows, config=CONFIG):
    return rank_and_band(frame(rows), "group", ["target", "leader"], config)


def key(r):
    return (r.vetoed, -r.total, -r.target, -r.leader)


@given(units)
def test_ranks_are_a_competition_ranking(rows):
    out = ranked(rows)
    for r in out.itertuples():
        better = sum(key(o) < key(r) for o in out.itertuples())
        assert r.rank == better + 1


@given(units)
def test_equal_keys_share_a_rank_and_only_they_do(rows):
    out = ranked(rows)
    for a in out.itertuples():
        for b in out.itertuples():
            assert (a.rank == b.rank) == (key(a) == key(b))


@given(units)
def test_vetoed_units_are_always_band_c_and_last_and_after_all_others(rows):
    out = ranked(rows)
    vetoed, kept = out[out["vetoed"]], out[~out["vetoed"]]
    assert set(vetoed["band"]) <= {"C"} and vetoed["last"].all()
    if len(vetoed) and len(kept):
        assert vetoed["rank"].min() > kept["rank"].max()


@given(units)
def test_bands_add_up_and_respect_the_shares_in_the_units_favour(rows):
    out = ranked(rows)
    n = len(out)
    a, c = band_limits(n, CONFIG)
    assert set(out["band"]) <= {"A", "B", "C"}
    assert len(out) == (out["band"] == "A").sum() + (out["band"] == "B").sum() + (out["band"] == "C").sum()
    assert ((out["band"] == "A") == ((out["rank"] <= a) & ~out["vetoed"])).all()
    assert ((out["band"] == "C") == (out["vetoed"] | (out["rank"] > n - c))).all()
    if not out["vetoed"].any() and out["total"].is_unique:
        assert (out["band"] == "A").sum() == a and (out["band"] == "C").sum() == c


@given(units)
def test_coefficients_follow_the_bands(rows):
    out = ranked(rows)
    assert (out["coefficient"] == out["band"].map({"A": 1.2, "B": 1.0, "C": 0.8})).all()


@given(units)
def test_rewards_go_only_to_unvetoed_ranks_one_to_three(rows):
    out = ranked(rows)
    paid = rewards(out, (3000, 2000, 1000))
    assert ((paid > 0) == (~out["vetoed"] & (out["rank"] <= 3))).all()


@given(units, st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.3]))
def test_low_ranked_is_never_empty_without_ties_and_always_includes_vetoed(rows, share):
    out = ranked(rows)
    low = low_ranked(out, "group", dataclasses.replace(CONFIG, low_share=share))
    assert (low[out["vetoed"]]).all()
    if out["total"].is_unique:
        assert low.sum() >= 1


@given(st.integers(min_value=-10**7, max_value=10**7), st.integers(min_value=0, max_value=2))
def test_round_half_up_matches_decimal_on_exact_halves(cents, places):
    value = cents / 1000  # three decimals: exactly representable halves at the next place happen often
    expected = float(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    assert round_half_up(value, places) == expected


@given(st.floats(min_value=0, max_value=1), st.integers(min_value=0, max_value=500))
@settings(max_examples=300)
def test_round_count_is_within_one_of_the_product(share, n):
    share = round(share, 3)
    count = round_count(share, n, "half_up")
    assert abs(count - share * n) <= 0.5 + 1e-9
    assert round_count(share, n, "floor") <= count <= round_count(share, n, "ceil")
