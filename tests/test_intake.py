"""Reading the inbox on several cores gives exactly what reading it on one does."""

import shutil

from conftest import complete_march, ratings, with_items
from pbbatch.intake.inbox import PARALLEL_FROM, take_in_all
from pbbatch.core.periods import Month
from pbbatch.core.records import Context


def test_parallel_intake_equals_sequential_intake(registry, workspace):
    inbox = workspace.inbox
    complete_march(inbox / "a")
    ratings(inbox / "a", "L02", "領導評價", {"D01": 101}, name="bad.xlsx")
    copies = PARALLEL_FROM // len(list((inbox / "a").iterdir())) + 1
    for n in range(copies):
        shutil.copytree(inbox / "a", inbox / f"copy{n}")
    ctx = Context(registry, with_items(workspace), Month(2026, 3))
    one, two = take_in_all(inbox, ctx, workers=1), take_in_all(inbox, ctx, workers=2)
    assert len(one) >= PARALLEL_FROM
    assert [(o.file, o.status, o.sha256, o.problems) for o in one] == [(o.file, o.status, o.sha256, o.problems)
                                                                        for o in two]
    assert all((a.rows is None and b.rows is None) or a.rows.equals(b.rows) for a, b in zip(one, two))
