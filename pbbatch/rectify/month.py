"""The ledger of a run's month: its findings with their statuses at the month's end, the quarter's overdue
deductions at quarter end, and what the history store keeps of the run."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pbbatch.core.config import Config
from pbbatch.core.periods import Month
from pbbatch.core.records import Outcome
from pbbatch.rectify.ledger import NAMES, Ledger, build_ledger, run_records, stored_before, to_store
from pbbatch.rectify.status import overdue_lines, statuses


@dataclass(frozen=True)
class Rectification:
    ledger: Ledger
    statuses: pd.DataFrame  # every finding at the month's end (rectify.status.replay), overdue first
    overdue: pd.DataFrame | None  # quarter-end months: a 扣分 line per finding overdue (status.overdue_lines)
    stored: dict[tuple[str, str], list[dict]]  # what the history keeps, by (period, name)

    @property
    def month(self) -> Month:
        return self.ledger.month


def rectify_month(outcomes: list[Outcome], config: Config, month: Month, earlier: dict[str, list[dict]]) -> Rectification:
    """`earlier`: the stored records a run of `month` builds on (ledger.stored_before)."""
    run = run_records(outcomes, config.fix_default_days)
    ledger = build_ledger(earlier, run, month)
    ids = dict(zip(ledger.findings["hash"], ledger.findings["finding_id"]))
    run["findings"] = [{**r, "finding_id": ids[r["hash"]]} for r in run["findings"]]
    return _rectification(ledger, config, to_store(run, month))


def stored_rectification(stored: dict[str, dict[str, list]], config: Config, month: Month) -> Rectification | None:
    """The ledger of a month already run, from the history alone (`pbbatch notices`); None if it holds none."""
    if not any(str(month) in stored.get(name, {}) for name in NAMES):
        return None
    records = stored_before(stored, month, include_own=True)
    empty = {name: [] for name in NAMES}
    return _rectification(build_ledger(records, empty, month), config, {})


def _rectification(ledger: Ledger, config: Config, stored: dict) -> Rectification:
    month = ledger.month
    now = statuses(ledger, config.require_verification)
    overdue = overdue_lines(now, month.quarter, config.overdue_deduction) if month.ends_quarter else None
    return Rectification(ledger, now, overdue, stored)
