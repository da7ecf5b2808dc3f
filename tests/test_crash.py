"""Killed and simultaneous runs, as real processes: outputs are whole or untouched, history stays sound."""

import hashlib
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import complete_march, write_company


@pytest.fixture
def company(tmp_path):
    complete_march(write_company(tmp_path) / "inbox")
    return tmp_path


def command(company):
    return [sys.executable, "-m", "pbbatch", "run", "--period", "2026-03", "--config", str(company / "config.toml")]


def snapshot(folder):
    if not folder.is_dir():
        return None
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def history_is_sound(company):
    path = company / "output" / "history.sqlite"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        periods = {row[0] for row in connection.execute("SELECT DISTINCT period FROM results")}
    assert periods == {"2026-03", "2026-Q1"}


def test_sigkill_at_any_moment_leaves_the_previous_outputs_whole(company):
    assert subprocess.run(command(company), capture_output=True).returncode == 0
    folder = company / "output" / "2026-03"
    baseline = snapshot(folder)
    for delay in (0.1, 0.4, 0.7, 0.9, 1.1, 1.3, 1.6, 2.0):
        process = subprocess.Popen(command(company), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.kill()
        process.wait()
        kept = snapshot(folder)
        previous = snapshot(company / "output" / ".2026-03.previous")
        # whole: the old outputs in place, or (killed between the two renames) waiting to be put back
        assert kept == baseline or (kept is None and previous == baseline), delay
        history_is_sound(company)
    assert subprocess.run(command(company), capture_output=True).returncode == 0
    assert snapshot(folder) == baseline
    assert not (company / "output" / ".2026-03.staging").exists()


def test_simultaneous_runs_never_corrupt_anything(company):
    assert subprocess.run(command(company), capture_output=True).returncode == 0
    baseline = snapshot(company / "output" / "2026-03")
    for _ in range(3):
        runs = [subprocess.Popen(command(company), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        results = [(p.wait(), p.stderr.read().decode()) for p in runs]
        codes = sorted(code for code, _ in results)
        assert codes in ([0, 0], [0, 2]), results
        for code, err in results:
            if code == 2:
                assert ".pbbatch.lock" in err
        assert snapshot(company / "output" / "2026-03") == baseline
        history_is_sound(company)
