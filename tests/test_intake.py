"""Reading the inbox on several cores gives exactly what reading it on one does, whether the registry is read
before the workers begin or while they read."""

import multiprocessing
import shutil

import pytest

from conftest import complete_march, ratings, with_items
from pbbatch.core.errors import PbbatchError
from pbbatch.core.periods import Month
from pbbatch.core.records import Context
from pbbatch.intake import parallel
from pbbatch.intake.parallel import PARALLEL_FROM, LaterContext, take_in_all
from pbbatch.intake.read import read_inbox


def _large_inbox(inbox):
    complete_march(inbox / "a")
    ratings(inbox / "a", "L02", "領導評價", {"D01": 101}, name="bad.xlsx")
    copies = PARALLEL_FROM // len(list((inbox / "a").iterdir())) + 1
    for n in range(copies):
        shutil.copytree(inbox / "a", inbox / f"copy{n}")


def _seen(outcomes):
    return [(o.file, o.status, o.sha256, o.problems, o.columns) for o in outcomes]


def test_parallel_intake_equals_sequential_intake(registry, workspace):
    inbox = workspace.inbox
    _large_inbox(inbox)
    ctx = Context(registry, with_items(workspace), Month(2026, 3))
    one, two = take_in_all(inbox, ctx, workers=1), take_in_all(inbox, ctx, workers=2)
    assert len(one) >= PARALLEL_FROM
    assert _seen(one) == _seen(two)
    assert all((a.rows is None and b.rows is None) or a.rows.equals(b.rows) for a, b in zip(one, two))


def test_a_context_made_while_the_workers_read_gives_the_same_outcomes_and_is_made_once(registry, workspace):
    inbox = workspace.inbox
    _large_inbox(inbox)
    config = with_items(workspace)
    ctx = Context(registry, config, Month(2026, 3))
    made = []

    def make():
        made.append(1)
        return ctx

    expected = _seen(take_in_all(inbox, ctx, workers=1))
    assert _seen(take_in_all(inbox, LaterContext(config, make), workers=2)) == expected
    assert _seen(take_in_all(inbox, LaterContext(config, make), workers=1)) == expected
    assert made == [1, 1]


def test_without_a_temporary_file_the_context_is_made_before_the_workers_read(registry, workspace, monkeypatch):
    inbox = workspace.inbox
    _large_inbox(inbox)
    config = with_items(workspace)
    ctx = Context(registry, config, Month(2026, 3))
    expected = _seen(take_in_all(inbox, ctx, workers=1))

    def no_temporary_file(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(parallel.tempfile, "TemporaryFile", no_temporary_file)
    made = []
    outcomes = take_in_all(inbox, LaterContext(config, lambda: made.append(1) or ctx), workers=2)
    assert (_seen(outcomes), made) == (expected, [1])


def test_a_later_context_is_made_for_an_empty_inbox_too(registry, workspace):
    made = []
    outcomes = take_in_all(workspace.inbox, LaterContext(workspace, lambda: made.append(1)), workers=2)
    assert (outcomes, made) == ([], [1])


def test_a_registry_refused_while_the_workers_read_stops_them(workspace):
    _large_inbox(workspace.inbox)
    workspace.registry.write_bytes(b"not a workbook")
    with pytest.raises(PbbatchError) as refused:
        read_inbox(with_items(workspace), Month(2026, 3))
    assert refused.value.messages[0].code == "file.named"
    assert multiprocessing.active_children() == []


class _Channel:
    """A context that arrives after `after` files have been read ahead, or never before it is waited for."""

    def __init__(self, ctx, after=None):
        self.ctx, self.after, self.polled, self.received = ctx, after, 0, False

    def arrived(self):
        self.polled += 1
        return self.after is not None and self.polled > self.after

    def receive(self):
        self.received = True
        return self.ctx


def _files(workspace, n):
    from pbbatch.intake.inbox import discover

    _large_inbox(workspace.inbox)
    return discover(workspace.inbox)[:n]


@pytest.mark.parametrize("after, budget, ahead", [(3, 10**9, 3), (None, 10**9, 12), (None, 1, 1)])
def test_a_worker_reads_ahead_until_the_context_comes_or_its_budget_is_spent(ctx, workspace, monkeypatch, after,
                                                                             budget, ahead):
    files = _files(workspace, 12)
    read = []
    real_read_file = parallel.read_file
    monkeypatch.setattr(parallel, "read_file", lambda file, limits: read.append(file) or real_read_file(file, limits))
    monkeypatch.setattr(parallel, "READ_AHEAD_CELLS", budget)
    monkeypatch.setattr(parallel.gc, "freeze", lambda: None)  # a worker's step: not this test process's
    channel = _Channel(ctx, after)
    monkeypatch.setattr(parallel, "_WORKER", parallel._Worker(parallel.limits_of(ctx.config), None, channel))
    outcomes = parallel._take_in_chunk(files)
    assert (len(read), channel.received) == (ahead, True)
    assert _seen(outcomes) == _seen(take_in_all(workspace.inbox, ctx, workers=1)[:12])
    assert parallel._WORKER.context is ctx  # kept for the worker's next chunk


def test_chunks_shrink_as_the_work_runs_out_and_keep_every_file_in_order():
    from pbbatch.intake.parallel import SMALLEST_CHUNK, shrinking_chunks

    files = list(range(1392))
    chunks = shrinking_chunks(files, 2)
    assert [f for chunk in chunks for f in chunk] == files
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 348  # a quarter of what is left, two workers
    assert min(sizes[:-1]) == SMALLEST_CHUNK and sizes[-1] <= SMALLEST_CHUNK  # the last ones short: an even end
    assert shrinking_chunks([], 2) == [] and shrinking_chunks([1, 2, 3], 4) == [[1, 2, 3]]
