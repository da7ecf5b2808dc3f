"""Faults of the disk and of the history: each a plain message in the locale and exit 2, with the previous
outputs whole and the history unchanged. Mounts need root; the tests skip, saying so, where they are refused."""

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import complete_march, write_book, write_company
from pbbatch.cli import cli

HISTORY_HEADER = ["期間", "單位編號", "排名", "綜合得分", "一票否決", "負責人", "排名靠後", "墊底", "薪酬係數"]


def invoke(company, *args):
    return CliRunner().invoke(cli, [*map(str, args), "--config", str(company / "config.toml")])


def run(company):
    return invoke(company, "run", "--period", "2026-03")


def snapshot(folder):
    """Every file under `folder` (the run's outputs, hidden staging folders included) and its hash."""
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".pbbatch.lock"}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@contextlib.contextmanager
def tmpfs(folder, size):
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the test machines run the tests as root)")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.skip(f"mount -t tmpfs was refused here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def read_only(folder):
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def fill(folder):
    """Writes into `folder` until its file system is full."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(handle, b"\0" * 65536)
    except OSError:
        pass
    finally:
        os.close(handle)


@pytest.fixture
def company(tmp_path):
    complete_march(write_company(tmp_path / "company") / "inbox")
    return tmp_path / "company"


def assert_nothing_changed(company, outputs, stored, result, *expected):
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a message, not an exception
    for text in expected:
        assert text in result.output, result.output
    assert snapshot(company / "output" / "2026-03") == outputs
    assert not (company / "output" / ".2026-03.staging").exists()
    assert digest(company / "output" / "history.sqlite") == stored


# -- the history ------------------------------------------------------------------------------------------------

def test_a_locked_history_ends_in_seconds_with_a_message(company):
    """Another program holding a write transaction: a short wait, then a message naming the path (not a 30 s
    wait and a traceback)."""
    assert run(company).exit_code == 0
    store = company / "output" / "history.sqlite"
    outputs, stored = snapshot(company / "output" / "2026-03"), digest(store)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        command = [sys.executable, "-m", "pbbatch", "run", "--period", "2026-03", "--config",
                   str(company / "config.toml")]
        done = subprocess.run(command, capture_output=True, text=True, timeout=20)
        listing = invoke(company, "history", "list")
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (f"歷史記錄 {store} 正被另一個程式使用，等候 3 秒仍未釋放。"
                                   "請關閉開啟它的程式（例如資料庫檢視工具）後重新執行。未寫出任何結果。")
    assert listing.exit_code == 2 and str(store) in listing.output
    assert snapshot(company / "output" / "2026-03") == outputs and digest(store) == stored


@pytest.mark.parametrize("damage", ["not a database", "a folder", "damaged"])
def test_a_damaged_history_names_the_newest_backup_and_every_command_says_so(company, damage):
    assert run(company).exit_code == 0
    assert run(company).exit_code == 0  # the second run's commit backs up the first run's history
    store = company / "output" / "history.sqlite"
    [backup] = list((company / "output" / "history-backups").iterdir())
    if damage == "not a database":
        store.write_text("這不是資料庫" * 200, encoding="utf-8")
    elif damage == "a folder":
        store.unlink()
        store.mkdir()
    else:
        data = bytearray(store.read_bytes())
        data[100:4096] = b"\x5a" * (4096 - 100)  # the schema page: every table is lost
        store.write_bytes(data)
    outputs = snapshot(company / "output" / "2026-03")
    stored = digest(store)
    seed = write_book(company / "seed.xlsx", {"歷史": [HISTORY_HEADER, ["2025-Q4", "B01", 2, 80.5, "", "趙剛", "是", "是", None]]})
    for command in (["run", "--period", "2026-03"], ["brief", "--period", "2026-03"], ["history", "list"],
                    ["history", "import", seed]):
        result = invoke(company, *command)
        assert result.exit_code == 2, (command, result.output)
        assert isinstance(result.exception, SystemExit), (command, result.exception)
        assert f"歷史記錄 {store} " in result.output, command
        assert f"最新的備份是 {backup}：請把它複製為 {store}（取代損壞的文件），再重新執行此後的月份。" in result.output
        assert snapshot(company / "output" / "2026-03") == outputs and digest(store) == stored
    # the advice works
    if store.is_dir():
        store.rmdir()
    shutil.copyfile(backup, store)
    assert run(company).exit_code == 0


def test_a_damaged_history_without_a_backup_says_what_to_do_in_english(tmp_path):
    company = write_company(tmp_path, settings='locale = "en"\n')
    complete_march(company / "inbox")
    store = company / "output" / "history.sqlite"
    store.parent.mkdir()
    store.write_bytes(b"not a database at all" * 100)
    result = run(company)
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"The history {store} is damaged or not a database (file is not a database). There is no backup: restore "
        f"{store} from a copy of your own, or move it away and seed earlier results with pbbatch history import. "
        "Nothing was written.")
    assert not (company / "output" / "2026-03").exists()


# -- backups ----------------------------------------------------------------------------------------------------

def test_each_commit_backs_up_the_history_before_it_and_the_last_five_are_kept(company):
    store = company / "output" / "history.sqlite"
    folder = company / "output" / "history-backups"
    assert run(company).exit_code == 0
    assert not folder.exists()  # no history before the first run: nothing to back up
    states = [digest(store)]
    for _ in range(6):
        before = sqlite3.connect(store).execute("SELECT period, unit_id, total FROM results ORDER BY 1, 2").fetchall()
        assert run(company).exit_code == 0
        newest = sorted(folder.iterdir())[-1]
        with contextlib.closing(sqlite3.connect(newest)) as copy:
            assert copy.execute("SELECT period, unit_id, total FROM results ORDER BY 1, 2").fetchall() == before
        states.append(digest(store))
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 5
    assert all(n.startswith("history-20") and n.endswith(".sqlite") for n in names), names
    seed = write_book(company / "seed.xlsx", {"歷史": [HISTORY_HEADER, ["2025-Q4", "B01", 2, 80.5, "", "趙剛", "是", "是", None]]})
    before_import = digest(store)
    assert invoke(company, "history", "import", seed).exit_code == 0
    assert len(list(folder.iterdir())) == 5
    from pbbatch.history.store import newest_backup

    imported_over = newest_backup(store)
    with contextlib.closing(sqlite3.connect(imported_over)) as copy:
        assert "2025-Q4" not in {r[0] for r in copy.execute("SELECT period FROM periods")}
    assert before_import != digest(store)


def test_backups_in_the_same_second_are_kept_apart_and_ordered(tmp_path):
    import datetime as dt

    from pbbatch.history import store as history

    store = tmp_path / "history.sqlite"
    with history.connect(store):
        pass
    at = dt.datetime(2026, 11, 30, 6, 39)
    made = [history.back_up(store, at) for _ in range(3)]
    assert [p.name for p in made] == ["history-2026-11-30T063900.sqlite", "history-2026-11-30T063900-2.sqlite",
                                      "history-2026-11-30T063900-3.sqlite"]
    assert history.newest_backup(store) == made[-1]


# -- the disk ---------------------------------------------------------------------------------------------------

def test_a_full_disk_while_writing_the_outputs(company):
    with tmpfs(company / "output", "4m") as output:
        assert run(company).exit_code == 0
        outputs, stored = snapshot(output / "2026-03"), digest(output / "history.sqlite")
        fill(output)
        result = run(company)
        assert_nothing_changed(company, outputs, stored, result, f"寫入 {output / '2026-03'}{os.sep}",
                               "時磁碟已滿。請騰出空間後重新執行。未寫出任何結果，先前的結果和歷史記錄未改變。")
        (output / "filler").unlink()
        assert run(company).exit_code == 0  # space freed: the run goes through
        assert snapshot(output / "2026-03") == outputs


def test_a_full_disk_while_committing_the_history(tmp_path):
    company = write_company(tmp_path / "company", settings='locale = "en"\n[paths]\nhistory = "store/history.sqlite"\n')
    complete_march(company / "inbox")
    with tmpfs(company / "store", "512k") as store:
        assert run(company).exit_code == 0
        outputs, stored = snapshot(company / "output" / "2026-03"), digest(store / "history.sqlite")
        fill(store)
        result = run(company)
        assert result.exit_code == 2, result.output
        assert f"The disk was full while writing the history {store}" in result.output
        assert "Free some space and run again. Nothing was written; the history is unchanged." in result.output
        assert snapshot(company / "output" / "2026-03") == outputs
        assert digest(store / "history.sqlite") == stored


def test_a_full_disk_for_a_new_history_leaves_no_store_behind(tmp_path):
    company = write_company(tmp_path / "company", settings='[paths]\nhistory = "store/history.sqlite"\n')
    complete_march(company / "inbox")
    with tmpfs(company / "store", "256k") as store:
        fill(store)
        result = run(company)
        assert result.exit_code == 2, result.output
        assert f"寫入歷史記錄 {store / 'history.sqlite'} 時磁碟已滿。" in result.output
        assert not (company / "output" / "2026-03").exists()
        assert sorted(p.name for p in store.iterdir()) == ["filler"]


def test_a_read_only_output_folder(company):
    with tmpfs(company / "output", "4m") as output:
        assert run(company).exit_code == 0
        outputs, stored = snapshot(output / "2026-03"), digest(output / "history.sqlite")
        read_only(output)
        result = run(company)
        assert_nothing_changed(company, outputs, stored, result, f"無法寫入 {output}", "唯讀")
        brief = invoke(company, "brief", "--period", "2026-03")
        assert brief.exit_code == 2 and "唯讀" in brief.output, brief.output
        listing = invoke(company, "history", "list")  # reading needs no write access
        assert listing.exit_code == 0 and "2026-Q1" in listing.output


def test_a_forked_writers_disk_fault_comes_back_as_its_oserror_without_a_traceback(tmp_path, capfd):
    import errno

    from pbbatch.outputs.write import in_background

    def job():
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "部門月度考核_2026-03.xlsx"))

    with pytest.raises(OSError) as info:
        with in_background(job):
            pass
    assert (info.value.errno, info.value.filename) == (errno.ENOSPC, str(tmp_path / "部門月度考核_2026-03.xlsx"))
    assert "Traceback" not in capfd.readouterr().err
