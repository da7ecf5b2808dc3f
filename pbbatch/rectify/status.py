"""Each finding's status at a day (整改中 open / 已報整改 reported / 已銷號 closed / 逾期 overdue), replayed from its
receipts and checks up to that day, and what follows from it: the overdue deduction at quarter end, and the
quarter's counts for the brief."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pbbatch.core.periods import Quarter
from pbbatch.rectify.ledger import Ledger

OPEN, REPORTED, CLOSED, OVERDUE = "open", "reported", "closed", "overdue"
STATUS_ORDER = (OVERDUE, OPEN, REPORTED, CLOSED)  # the ledger's order: what needs doing first
RECEIPT, CHECK = 0, 1  # on one day a receipt comes before the check of what it reported
STATUS_COLUMNS = ["status", "reported_on", "closed_on", "action", "done_on", "evidence", "verdict", "checked_on",
                  "check_note"]


def _events(ledger: Ledger, day: dt.date) -> dict[str, list[tuple]]:
    """Per finding, its receipts and checks dated up to `day`, in the order they happened."""
    events: dict[str, list[tuple]] = {}
    for index, r in ledger.receipts.iterrows():
        if r["done_on"] <= day:
            events.setdefault(r["finding_id"], []).append((r["done_on"], RECEIPT, r["period"], r["file"], r["row"], index))
    for index, c in ledger.checks.iterrows():
        if c["checked_on"] <= day:
            events.setdefault(c["finding_id"], []).append((c["checked_on"], CHECK, c["period"], c["file"], c["row"], index))
    return {f: sorted(e) for f, e in events.items()}


def replay(ledger: Ledger, day: dt.date, require_verification: bool) -> tuple[pd.DataFrame, dict[int, dt.date]]:
    """The ledger's findings with their status at the end of `day` (STATUS_COLUMNS added), in the ledger's
    order (overdue first, then by deadline), and the receipts (by index) that came after their finding was
    closed and so changed nothing, with the day it had been closed.

    A receipt reports the finding (and closes it when require_verification is false); a passed check closes it;
    a failed check reopens it, closed or not. A finding not closed by the end of `day` is overdue once `day` is
    past its deadline, reported or not: the contract's "not closed by its deadline"."""
    events = _events(ledger, day)
    rows, ignored = [], {}
    for f in ledger.findings.itertuples(index=False):
        state, reported_on, closed_on = OPEN, None, None
        receipt = check = None
        for date, kind, *_, index in events.get(f.finding_id, []):
            if kind == RECEIPT:
                if state == CLOSED:
                    ignored[index] = closed_on
                    continue
                receipt = ledger.receipts.loc[index]
                state, reported_on = REPORTED, date
                if not require_verification:
                    state, closed_on = CLOSED, date
            else:
                check = ledger.checks.loc[index]
                if check["verdict"] == "passed":
                    if state != CLOSED:
                        state, closed_on = CLOSED, date
                else:
                    state, closed_on = OPEN, None
        if state != CLOSED and day > f.deadline:
            state = OVERDUE
        rows.append((state, reported_on, closed_on,
                     *(("", None, "") if receipt is None else (receipt["action"], receipt["done_on"], receipt["evidence"])),
                     *(("", None, "") if check is None else (check["verdict"], check["checked_on"], check["note"]))))
    status = pd.DataFrame(rows, columns=STATUS_COLUMNS, index=ledger.findings.index).astype(object)
    frame = pd.concat([ledger.findings, status], axis=1)
    frame["order"] = frame["status"].map(STATUS_ORDER.index)
    frame = frame.sort_values(["order", "deadline", "branch_id", "finding_id"], kind="stable").drop(columns="order")
    return frame.reset_index(drop=True), ignored


def statuses(ledger: Ledger, require_verification: bool) -> pd.DataFrame:
    """The ledger at the end of the run's month."""
    return replay(ledger, ledger.as_of, require_verification)[0]


def overdue_lines(statuses: pd.DataFrame, quarter: Quarter, deduction: float) -> pd.DataFrame:
    """At a quarter's end, one 扣分 line per finding overdue then, in the shape of the 專項督查表's rows (its
    整改編號 in `overdue_id`): each adds `deduction` to its branch's Σ扣分 of the quarter (C)."""
    overdue = statuses[statuses["status"] == OVERDUE]
    return pd.DataFrame({
        "date": quarter.months[-1].last_day, "branch_id": overdue["branch_id"], "item_id": overdue["item_id"],
        "finding": overdue["finding"], "deduction": float(deduction), "fix_by": overdue["deadline"],
        "submitter_id": "", "file": "", "row": None, "period": quarter, "overdue_id": overdue["finding_id"],
    }).reset_index(drop=True)


def quarter_counts(statuses: pd.DataFrame, quarter: Quarter) -> pd.DataFrame:
    """Per branch with anything to say: findings opened and closed in the quarter, and still open and overdue at
    its end (statuses at the quarter's end)."""
    in_quarter = lambda days: days.map(lambda d: d is not None and quarter.contains(d)).astype(bool)  # noqa: E731
    counts = pd.DataFrame({
        "branch_id": statuses["branch_id"],
        "opened": in_quarter(statuses["date"]),
        "closed": in_quarter(statuses["closed_on"]) & (statuses["status"] == CLOSED),
        "open": statuses["status"] != CLOSED,
        "overdue": statuses["status"] == OVERDUE,
    })
    sums = counts.groupby("branch_id", sort=True)[["opened", "closed", "open", "overdue"]].sum().astype(int)
    return sums[sums.sum(axis=1) > 0].reset_index()
