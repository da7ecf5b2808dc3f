"""Competition ranks within groups, and the 2:7:1 bands (contract section 3, 'Ranking and the 2:7:1 bands')."""

from __future__ import annotations

from bisect import bisect_left

import pandas as pd

from pbbatch.core.config import Config
from pbbatch.core.numeric import round_count
from pbbatch.core.scores import BANDS



def competition_rank(frame: pd.DataFrame, group: str, tie_breakers: list[str]) -> pd.Series:
    """1, 2, 2, 4 over (not vetoed first, total, tie-breakers), descending; equal only when all are equal."""
    keys = pd.Series(
        list(zip(frame["vetoed"], *(-frame[c] for c in ["total", *tie_breakers]))), index=frame.index
    )
    ranks = pd.Series(0, index=frame.index, dtype=int)
    for _, members in keys.groupby(frame[group], sort=False):
        ranks[members.index] = ranks_of(list(members))
    return ranks


def ranks_of(keys: list) -> list[int]:
    """Competition ranks of keys that sort best first: each key's rank is 1 + how many keys sort before it."""
    ordered = sorted(keys)
    return [bisect_left(ordered, key) + 1 for key in keys]


def band_limits(n: int, config: Config, shares: tuple[float, float, float] | None = None) -> tuple[int, int]:
    """(a, c): how many units band A and band C hold in a group of n (by `shares`, else config.band_shares)."""
    top, _, bottom = shares or config.band_shares
    return round_count(top, n, config.band_rounding), round_count(bottom, n, config.band_rounding)


def band_of(rank: int, vetoed: bool, limits: tuple[int, int], n: int) -> str:
    """A, B or C for a rank in a group of n with band_limits `limits`: ties at a boundary fall in the unit's
    favour, since tied units share the better rank."""
    a, c = limits
    if vetoed:
        return "C"
    if rank <= a:
        return "A"
    if rank > n - c:
        return "C"
    return "B"


def assign_bands(frame: pd.DataFrame, group: str, config: Config) -> pd.DataFrame:
    """Adds band, coefficient and last; expects rank and vetoed. Ties at a boundary fall in the unit's favour.

    Last (墊底): vetoed, or holding the worst rank in a group of two or more (every unit of a tie for it)."""
    sizes = frame.groupby(group, sort=False)[group].transform("size")
    worst = frame.groupby(group, sort=False)["rank"].transform("max")
    bands = [band_of(rank, vetoed, band_limits(n, config), n)
             for rank, vetoed, n in zip(frame["rank"], frame["vetoed"], sizes)]
    coefficients = dict(zip(BANDS, config.band_coefficients))
    out = frame.assign(band=bands)
    out["coefficient"] = out["band"].map(coefficients)
    out["last"] = out["vetoed"] | ((out["rank"] == worst) & (sizes >= 2))
    return out


def rank_and_band(frame: pd.DataFrame, group: str, tie_breakers: list[str], config: Config) -> pd.DataFrame:
    ranked = frame.assign(rank=competition_rank(frame, group, tie_breakers))
    return assign_bands(ranked, group, config)
