"""Mutate valid forms cell by cell: the batch never raises, and either accepts the file or says which cell."""

import datetime as dt

import pytest

from conftest import (
    DEMOCRATIC_HEADER,
    RATING_HEADER,
    TARGET_HEADER,
    VETO_HEADER,
    with_items,
    write_book,
)
from pbbatch.intake.inbox import InboxFile, take_in
from pbbatch.core.periods import Month
from pbbatch.core.records import Context

HOSTILE = ["", " ", "abc", "=SUM(A1)", -5, 0, 101, 1e15, True, dt.date(2026, 3, 5), "２０２６－０３", "D01", "B01",
           "L01", "K01", "2026-Q1", "x" * 3000, "\u202e", 7.5]

FORMS = {
    "ratings": ({"表單類型": "評分表", "期間": "2026-03", "填報單位編號": "L01", "評價類型": "領導評價"}, RATING_HEADER,
                [["D01", "", 90, ""], ["D02", "", 80, "好"], ["D03", "", 70, ""]]),
    "targets": ({"表單類型": "目標考核表", "期間": "2026-03", "填報單位編號": "D01"}, TARGET_HEADER,
                [["重點目標", "黨員發展", 60, "完成", 54], ["共性目標", "學習", 40, "", 36]]),
    "vetoes": ({"表單類型": "一票否決表", "期間": "2026-03", "填報單位編號": "D02"}, VETO_HEADER,
               [["D01", "安全目標", "事故", "2026-03-09", "安監部"]]),
    "democratic": ({"表單類型": "民主測評表", "期間": "2026-Q1", "填報單位編號": "D01"}, DEMOCRATIC_HEADER,
                   [["B01", "", 30, 28, 20, 6, 2, 0, 0]]),
}


def mutations(info, header, rows):
    """(where, info, header, rows) with one cell replaced by each hostile value."""
    for key in info:
        for value in HOSTILE:
            yield f"info {key}={value!r:.20}", {**info, key: value}, header, rows
    for c in range(len(header)):
        for value in HOSTILE[:6]:
            yield f"header {c}={value!r:.20}", info, [*header[:c], value, *header[c + 1:]], rows
    for r, row in enumerate(rows):
        for c in range(len(row)):
            for value in HOSTILE:
                changed = [list(x) for x in rows]
                changed[r][c] = value
                yield f"row {r} col {c}={value!r:.20}", info, header, changed


@pytest.mark.parametrize("form", list(FORMS))
def test_one_changed_cell_never_breaks_the_batch(form, registry, workspace, tmp_path):
    ctx = Context(registry, with_items(workspace), Month(2026, 3))
    seen = {"accepted": 0, "rejected": 0}
    for n, (where, info, header, rows) in enumerate(mutations(*FORMS[form])):
        path = write_book(tmp_path / f"{form}_{n}.xlsx",
                          {"填報信息": [[k, v] for k, v in info.items()], "數據": [header, *rows]})
        outcome = take_in(InboxFile(path, path.name, None), ctx)  # must not raise
        assert outcome.status in seen, where
        seen[outcome.status] += 1
        errors = [p for p in outcome.problems if p.level == "error"]
        assert (outcome.status == "rejected") == bool(errors), where
        for p in errors:
            assert p.sheet and p.render("zh-Hant"), (where, p)
            assert p.cell or p.code in ("info.no_sheet", "data.no_sheet"), (where, p)
    assert seen["accepted"] and seen["rejected"]  # the mutations do both
