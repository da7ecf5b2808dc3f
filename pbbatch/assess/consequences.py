"""Consequences that follow a ranking: rewards, 排名靠後, and the streaks that follow a person over quarters."""

from __future__ import annotations

import pandas as pd

from pbbatch.core.config import Config
from pbbatch.core.numeric import round_count, round_half_up
from pbbatch.core.periods import Month, Quarter

ADMONISH_RUN, REMOVAL_RUN = 2, 3  # quarters running: 誡勉談話 after two low, 崗位淘汰 after three last
PAYOUT_PLACES = 4  # the mean coefficient as a percentage with two decimals: 1.1333 = 113.33%


def rewards(ranked: pd.DataFrame, amounts: tuple[float, ...]) -> pd.Series:
    """Not vetoed and rank ≤ len(amounts) (ties included): the amount for the rank; else 0."""
    def amount(rank: int, vetoed: bool) -> float:
        return 0.0 if vetoed or rank > len(amounts) else float(amounts[rank - 1])

    return pd.Series([amount(r, v) for r, v in zip(ranked["rank"], ranked["vetoed"])], index=ranked.index)


def low_ranked(ranked: pd.DataFrame, group: str, config: Config) -> pd.Series:
    """Vetoed, or rank > n − k with k = max(1, round_half_up(low_share · n)) within the group, or holding the
    group's worst rank: a tie for last (rank n − 1 for both) does not escape."""
    by_group = ranked.groupby(group, sort=False)
    sizes = by_group[group].transform("size")
    worst = by_group["rank"].transform("max")
    k = sizes.map(lambda n: max(1, round_count(config.low_share, n, "half_up")))
    return ranked["vetoed"] | (ranked["rank"] > sizes - k) | (ranked["rank"] == worst)


def streaks(current: pd.DataFrame, history: pd.DataFrame, quarter: Quarter) -> pd.DataFrame:
    """誡勉談話 and 崗位淘汰 for each unit of `current` (unit_id, head, low, last, rank).

    `history` holds earlier quarters' stored results (period, unit_id, head, low, last, rank). A run counts only
    over consecutive quarters with the same 負責人; a quarter with no stored result for the unit breaks it.
    Returns unit_id, admonish, removal, and `basis`: the quarters behind each flag as (quarter, rank, head).
    """
    earlier = [quarter.previous()]
    earlier.append(earlier[0].previous())
    past = {(r.period, r.unit_id): r for r in history.itertuples(index=False)}
    rows = []
    for unit in current.itertuples(index=False):
        chain = [(str(quarter), unit)]
        for q in earlier:
            record = past.get((str(q), unit.unit_id))
            if record is None or record.head != unit.head:
                break
            chain.append((str(q), record))
        low_run = _run_length(chain, "low")
        last_run = _run_length(chain, "last")
        admonish = low_run >= ADMONISH_RUN
        removal = last_run >= REMOVAL_RUN
        basis = [(q, int(r.rank), r.head) for q, r in chain[: max(low_run if admonish else 0,
                                                                   last_run if removal else 0)]]
        rows.append((unit.unit_id, admonish, removal, basis))
    return pd.DataFrame(rows, columns=["unit_id", "admonish", "removal", "basis"])


def _run_length(chain: list, flag: str) -> int:
    n = 0
    for _, record in chain:
        if not bool(getattr(record, flag)):
            break
        n += 1
    return n


def quarterly_payout(current: pd.DataFrame, history: pd.DataFrame, month: Month) -> pd.DataFrame:
    """The three monthly coefficients of each department and their mean ('assessed monthly, paid quarterly').

    `current` is this month's ranking (unit_id, coefficient); `history` the stored months. A month with no
    result counts 1.0 and is listed in `defaulted`.
    """
    months = [str(m) for m in month.quarter.months]
    stored = {(r.period, r.unit_id): r.coefficient for r in history.itertuples(index=False)}
    rows = []
    for unit_id, coefficient in zip(current["unit_id"], current["coefficient"]):
        values, defaulted = [], []
        for m in months:
            value = coefficient if m == str(month) else stored.get((m, unit_id))
            if value is None or pd.isna(value):
                value = 1.0
                defaulted.append(m)
            values.append(float(value))
        rows.append((unit_id, *values, round_half_up(sum(values) / 3, PAYOUT_PLACES), defaulted))
    return pd.DataFrame(rows, columns=["unit_id", *months, "mean", "defaulted"])
