"""評先選優 (contract section 10): the top of each group among the eligible only, ties at the quota included."""

from __future__ import annotations

import pandas as pd

from pbbatch.core.numeric import round_count

EXCELLENT_DEPARTMENT, ADVANCED_BRANCH, EXCELLENT_STAFF = "excellent_department", "advanced_branch", "excellent_staff"


def quota(setting: float, n: int, rounding: str) -> int:
    """How many of a group of n: below 1 a share of n (rounded as `banding.rounding`), else a count."""
    return round_count(setting, n, rounding) if setting < 1 else int(setting)


def awarded(frame: pd.DataFrame, group: str, setting: float, rounding: str) -> pd.Series:
    """Per row, whether it is awarded: in each group of ranked rows the quota is counted over all of them; the
    first `quota` eligible ones by rank are awarded, and every eligible one tied with the last of those."""
    chosen = pd.Series(False, index=frame.index)
    ranked = frame[frame["rank"].notna()]
    for _, members in ranked.groupby(group, sort=False):
        k = quota(setting, len(members), rounding)
        eligible = members[members["reasons"].map(len) == 0].sort_values("rank", kind="stable")
        if k == 0 or eligible.empty:
            continue
        cut = eligible["rank"].iloc[min(k, len(eligible)) - 1]
        chosen[eligible.index[eligible["rank"] <= cut]] = True
    return chosen


def eligibility_text(reasons: list, locale: str) -> str:
    """'可評優', or '不能評優：2026-05 一票否決（安全目標）；…' in the locale."""
    from pbbatch.core.catalogue import label, message

    if not reasons:
        return label("annual.eligible", locale)
    sep = message("annual.reason_sep", locale)
    return message("annual.not_eligible", locale, reasons=sep.join(r.render(locale) for r in reasons))
