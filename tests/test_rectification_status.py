"""Every status transition of a finding (contract section 8), over the ledger's records, and the 整改編號's
collision rule."""

from __future__ import annotations

import datetime as dt

import pytest

from pbbatch.core.periods import Month, Quarter
from pbbatch.rectify.ids import assign_ids, content_hash
from pbbatch.rectify.ledger import build_ledger
from pbbatch.rectify.status import overdue_lines, replay

FOUND, DEADLINE = dt.date(2026, 3, 2), dt.date(2026, 3, 20)


def day(d: int, month: int = 3) -> dt.date:
    return dt.date(2026, month, d)


def finding(text="甲問題", branch="B01"):
    return {"finding_id": "", "hash": content_hash(branch, FOUND, "K01", text), "branch_id": branch, "item_id": "K01",
            "date": FOUND.isoformat(), "finding": text, "deduction": 2.0, "fix_by": DEADLINE.isoformat(),
            "deadline": DEADLINE.isoformat(), "submitter_id": "D01", "period": "2026-03", "file": "spot.xlsx", "row": 2}


def status_after(events: list[tuple[str, dt.date, str]], on: dt.date, verify: bool = True) -> tuple[str, set]:
    """The finding's status at the end of `on`, given (kind, date, verdict) events; and the receipts ignored."""
    empty = {"findings": [], "receipts": [], "checks": []}
    ledger = build_ledger({**empty, "findings": [finding()]}, empty, Month(2026, 4))
    number = ledger.findings["finding_id"][0]
    receipts = [{"finding_id": number, "action": f"措施{n}", "done_on": d.isoformat(), "evidence": "", "submitter_id": "B01",
                 "period": "2026-03", "file": "r.xlsx", "row": n} for n, (k, d, _) in enumerate(events) if k == "receipt"]
    checks = [{"finding_id": number, "verdict": v, "checked_on": d.isoformat(), "note": "", "submitter_id": "D01",
               "period": "2026-03", "file": "c.xlsx", "row": n} for n, (k, d, v) in enumerate(events) if k == "check"]
    ledger = build_ledger({"findings": [finding()], "receipts": receipts, "checks": checks}, empty, Month(2026, 4))
    frame, ignored = replay(ledger, on, verify)
    return frame["status"][0], set(ignored)


@pytest.mark.parametrize("events, on, expected", [
    ([], day(10), "open"),
    ([], day(21), "overdue"),  # the day after its deadline
    ([], DEADLINE, "open"),  # due by the end of its deadline
    ([("receipt", day(5), "")], day(10), "reported"),
    ([("receipt", day(5), "")], day(21), "overdue"),  # reported, not verified by the deadline: not closed
    ([("receipt", day(5), ""), ("check", day(8), "passed")], day(10), "closed"),
    ([("receipt", day(5), ""), ("check", day(8), "passed")], day(30), "closed"),
    ([("receipt", day(5), ""), ("check", day(8), "failed")], day(10), "open"),  # reopened
    ([("receipt", day(5), ""), ("check", day(8), "failed")], day(21), "overdue"),
    ([("receipt", day(5), ""), ("check", day(8), "failed"), ("receipt", day(9), "")], day(10), "reported"),
    ([("receipt", day(5), ""), ("check", day(8), "passed"), ("check", day(9), "failed")], day(10), "open"),
    ([("receipt", day(5), "")], day(4), "open"),  # a status as of a day before the receipt
    ([("check", day(5), "passed")], day(10), "closed"),  # an inspection may close it without a receipt
    ([("receipt", day(25), ""), ("check", day(26), "passed")], day(31), "closed"),  # closed late: closed
])
def test_status_transitions(events, on, expected):
    assert status_after(events, on)[0] == expected


def test_without_verification_a_receipt_closes_and_a_failed_check_still_reopens():
    assert status_after([("receipt", day(5), "")], day(30), verify=False)[0] == "closed"
    assert status_after([("receipt", day(5), ""), ("check", day(8), "failed")], day(10), verify=False)[0] == "open"
    assert status_after([("receipt", day(5), ""), ("check", day(8), "failed")], day(21), verify=False)[0] == "overdue"


def test_a_receipt_after_closing_changes_nothing_and_is_named():
    status, ignored = status_after([("receipt", day(5), ""), ("check", day(8), "passed"), ("receipt", day(9), "")],
                                   day(10))
    assert status == "closed" and len(ignored) == 1


def test_overdue_lines_carry_the_deduction_and_the_number():
    empty = {"findings": [], "receipts": [], "checks": []}
    ledger = build_ledger({**empty, "findings": [finding(), finding("乙問題", "B02")]}, empty, Month(2026, 3))
    frame, _ = replay(ledger, day(31), True)
    lines = overdue_lines(frame, Quarter(2026, 1), 2)
    assert sorted(lines["overdue_id"]) == sorted(ledger.findings["finding_id"]) and set(lines["deduction"]) == {2.0}


def test_numbers_are_short_and_a_collision_keeps_the_earlier_number():
    a, b = "0123456789ABCDEFGHJK", "0123456789XYZ"  # the same first six characters
    ids = assign_ids([(day(9), b), (day(2), a)])
    assert ids[a] == "ZG-2026-012345" and ids[b] == "ZG-2026-01234567"
    assert assign_ids([(day(2), a)])[a] == ids[a]  # and it had that number before the later one came
