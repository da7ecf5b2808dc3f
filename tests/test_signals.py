"""Stopping a run with a signal while it reads a large inbox (worker processes) or writes (a forked writer), as
real processes: no process of the run is left, the outputs stay whole, and the next run gets the workspace."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import complete_march, targets, write_company
from test_crash import history_is_sound, snapshot

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")

needs_workers = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the inbox is read by worker processes on 2+ cores")
EXIT_BY_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """The small company's whole month and 60 copies of an earlier month's form: 74 files, enough for the reading
    to be done by worker processes (intake.parallel.PARALLEL_FROM), each read in full before it is skipped. Run once."""
    folder = write_company(tmp_path_factory.mktemp("company"))
    inbox = folder / "inbox"
    complete_march(inbox)
    earlier = targets(inbox, "D01", [["重點目標", "黨員發展", 100, "完成", 90]], period="2026-02", name="earlier.xlsx")
    for n in range(60):
        shutil.copyfile(earlier, inbox / f"earlier_{n:02}.xlsx")
    earlier.unlink()
    assert len(list(inbox.iterdir())) >= 64
    assert subprocess.run(command(folder), capture_output=True).returncode == 0
    return folder


@pytest.fixture
def company(tmp_path, finished):
    """A copy of the finished company, outputs and history included."""
    shutil.copytree(finished, tmp_path, dirs_exist_ok=True)  # config.toml's paths are relative to its folder
    return tmp_path


def command(company, verb="run"):
    return [sys.executable, "-m", "pbbatch", verb, "--period", "2026-03", "--config", str(company / "config.toml")]


def start(company, verb="run"):
    """In a session of its own, so that every process of the run can be found by its session id."""
    return subprocess.Popen(command(company, verb), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def live_members(session: int) -> list[int]:
    """The processes of a session that are not zombies (a zombie holds no file, lock or pipe)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) ": state, ppid, pgrp, session
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def children_of(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def wait_until(condition, what: str, limit: float = 20.0):
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.005)


def reading(process, company):
    """Worker processes exist and the run has not begun writing."""
    return len(children_of(process.pid)) >= 2 and not (company / "output" / ".2026-03.staging").exists()


def writing(process, company):
    """The staging folder exists and the forked writer is alive."""
    return (company / "output" / ".2026-03.staging").exists() and len(children_of(process.pid)) >= 1


def stop(company, moment, sig, verb="run"):
    """Starts a run, sends `sig` once `moment` holds, and returns its exit status and standard error once no
    process of the run is left. Reading its pipes to the end also proves that no process keeps them open."""
    process = start(company, verb)
    try:
        wait_until(lambda: moment(process, company) or process.poll() is not None, f"{moment.__name__} moment")
        assert process.poll() is None, f"ended (exit {process.returncode}) first: {process.stderr.read().decode()}"
        os.kill(process.pid, sig)
        _, err = process.communicate(timeout=10)
        wait_until(lambda: not live_members(process.pid), "every process of the run gone")
    finally:
        with contextlib.suppress(ProcessLookupError):  # a failed test leaves nothing running either
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, err.decode()


def assert_whole(company, baseline):
    kept, previous = snapshot(company / "output" / "2026-03"), snapshot(company / "output" / ".2026-03.previous")
    # whole: the old outputs in place, or (killed between the two renames) waiting to be put back
    assert kept == baseline or (kept is None and previous == baseline)
    history_is_sound(company)


def next_run_finishes(company, baseline):
    again = subprocess.run(command(company), capture_output=True, timeout=60)
    assert again.returncode == 0, again.stderr.decode()  # not 2: the workspace is free
    assert snapshot(company / "output" / "2026-03") == baseline


MOMENTS = (reading, writing)  # each run after the first proves by getting to its moment that the lock was free


@needs_workers
def test_sigkill_leaves_no_process_and_frees_the_workspace(company):
    baseline = snapshot(company / "output" / "2026-03")
    for moment in MOMENTS:
        code, _ = stop(company, moment, signal.SIGKILL)
        assert code == -signal.SIGKILL
        assert_whole(company, baseline)
    next_run_finishes(company, baseline)


@needs_workers
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_stopping_signal_ends_the_run_cleanly(company, sig):
    baseline = snapshot(company / "output" / "2026-03")
    for moment in MOMENTS:
        code, err = stop(company, moment, sig)
        assert code == EXIT_BY_SIGNAL[sig], err
        assert "Traceback" not in err and "中止" in err, err
        assert not (company / "output" / ".2026-03.staging").exists()
        assert snapshot(company / "output" / "2026-03") == baseline
        history_is_sound(company)
    next_run_finishes(company, baseline)


@needs_workers
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=lambda s: s.name)
def test_check_leaves_no_worker_behind(company, sig):
    code, err = stop(company, reading, sig, verb="check")
    assert code == EXIT_BY_SIGNAL.get(sig, -signal.SIGKILL), err


def test_a_signal_whose_exception_python_swallowed_still_sets_the_exit_status(tmp_path):
    """Python only prints an exception raised in a destructor (or a fork hook): the command goes on, but its
    exit status still says it was stopped."""
    script = tmp_path / "swallowed.py"
    script.write_text(
        "import os, signal\n"
        "import pbbatch.cli\n"
        "class Destructor:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
        "def finishes(**options):\n"
        "    Destructor()\n"
        "    raise SystemExit(0)\n"
        "pbbatch.cli.cli = finishes\n"
        "pbbatch.cli.main()\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60)
    err = result.stderr.decode()
    assert "Exception ignored" in err  # the case this is about: the Stopped was swallowed
    assert result.returncode == 143 and "SIGTERM" in err.splitlines()[-1], err


@pytest.fixture
def stopping_signals():
    """This process's handlers of the stopping signals, put back afterwards."""
    from pbbatch.core.processes import STOPPING, stop_on_signals

    saved = {signum: signal.getsignal(signum) for signum in STOPPING}
    stop_on_signals()
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def test_a_signal_during_the_commit_is_acted_on_once_the_outputs_are_in_place(tmp_path, stopping_signals):
    """Stopped between the history commit and the swap, the history would hold this run and the folder the
    previous one."""
    from pbbatch.core.processes import Stopped
    from pbbatch.outputs.publish import publish

    target = tmp_path / "2026-03"
    target.mkdir()
    (target / "result.txt").write_text("previous")
    committed = []

    def commit():
        committed.append(True)
        os.kill(os.getpid(), signal.SIGTERM)

    with pytest.raises(Stopped):
        publish(target, lambda staging: (staging / "result.txt").write_text("new"), commit)
    assert committed and (target / "result.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03"]


def test_a_signal_while_writing_leaves_the_previous_outputs_and_no_staging(tmp_path, stopping_signals):
    from pbbatch.core.processes import Stopped
    from pbbatch.outputs.publish import publish

    target = tmp_path / "2026-03"
    target.mkdir()
    (target / "result.txt").write_text("previous")

    def write(staging):
        (staging / "result.txt").write_text("new")
        os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(Stopped):
        publish(target, write, lambda: pytest.fail("committed although stopped"))
    assert (target / "result.txt").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03"]


def test_a_nested_frozen_collector_block_leaves_the_outer_one_frozen():
    """The run freezes its objects for its whole length; the forked writer's own freeze inside it must not thaw
    them when it ends, and the run's end must leave nothing frozen (a test process runs many runs)."""
    import gc

    from pbbatch.core.processes import collector_frozen

    gc.unfreeze()  # whatever an earlier test in this process left frozen
    with collector_frozen():
        outer = gc.get_freeze_count()
        assert outer > 0
        with collector_frozen():
            pass
        assert gc.get_freeze_count() >= outer
    assert gc.get_freeze_count() == 0
