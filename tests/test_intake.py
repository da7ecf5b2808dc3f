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


def test_chunks_shrink_as_the_work_runs_out_and_keep_every_file_in_order():
    from pbbatch.intake.inbox import SMALLEST_CHUNK, shrinking_chunks

    files = list(range(1392))
    chunks = shrinking_chunks(files, 2)
    assert [f for chunk in chunks for f in chunk] == files
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 348  # a quarter of what is left, two workers
    assert min(sizes[:-1]) == SMALLEST_CHUNK and sizes[-1] <= SMALLEST_CHUNK  # the last ones short: an even end
    assert shrinking_chunks([], 2) == [] and shrinking_chunks([1, 2, 3], 4) == [[1, 2, 3]]
