"""Which submission counts: contract section 2, "Which submission counts"."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import adjustments, full_month, full_quarter, ratings, targets, vetoes, with_items
from pbbatch.intake.parallel import take_in_all
from pbbatch.core.periods import Month, Quarter
from pbbatch.intake.read import read_inbox
from pbbatch.intake.select import choose_submissions
from pbbatch.core.records import Context, Outcome

MONTH = Month(2026, 3)
T1 = [["重點目標", "黨員發展", 100, "", 90]]
T2 = [["重點目標", "黨員發展", 100, "", 80]]
T3 = [["重點目標", "黨員發展", 100, "", 70]]


@pytest.fixture
def inbox(workspace):
    return workspace.inbox


@pytest.fixture
def choose(registry, workspace):
    """Take in the whole inbox for 2026-03 and choose; returns {file: (status, note)}."""
    def run(locale="zh-Hant"):
        outcomes = take_in_all(workspace.inbox, Context(registry, workspace, MONTH))
        return {o.file: (o.status, o.note_text(locale)) for o in choose_submissions(outcomes)}
    return run


def touch(path: Path, minutes: int) -> Path:
    """Set the file's modification time to 2026-03-31 12:00 plus `minutes`."""
    stamp = dt.datetime(2026, 3, 31, 12, 0).timestamp() + 60 * minutes
    os.utime(path, (stamp, stamp))
    return path


def statuses(chosen):
    return {name: status for name, (status, _) in chosen.items()}


def outcome(file, form="targets", submitter="D01", rating_type=None, period=MONTH, version=1, filled_on=None,
            mtime=0.0, status="accepted", sha256=None):
    return Outcome(file=file, sha256=sha256 or f"sha-{file}", mtime=mtime, status=status, form=form, period=period,
                   submitter_id=submitter, rating_type=rating_type, version=version, filled_on=filled_on)


# ---------------------------------------------------------------- one submission per key, through files


def test_highest_version_wins(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx", 版本=1, 填報日期="2026-03-30"), 30)
    touch(targets(inbox, "D01", T2, name="b.xlsx", 版本=3, 填報日期="2026-03-01"), 0)
    touch(targets(inbox, "D01", T3, name="c.xlsx", 版本=2, 填報日期="2026-03-31"), 60)
    chosen = choose()
    assert statuses(chosen) == {"a.xlsx": "superseded", "b.xlsx": "accepted", "c.xlsx": "superseded"}
    assert "b.xlsx" in chosen["a.xlsx"][1] and "b.xlsx" in chosen["c.xlsx"][1]


def test_equal_versions_latest_filled_on_wins(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx", 版本=2, 填報日期="2026-03-28"), 60)
    touch(targets(inbox, "D01", T2, name="b.xlsx", 版本=2, 填報日期="2026-03-29"), 0)
    touch(targets(inbox, "D01", T3, name="c.xlsx", 版本=1, 填報日期="2026-03-31"), 90)
    assert statuses(choose()) == {"a.xlsx": "superseded", "b.xlsx": "accepted", "c.xlsx": "superseded"}


def test_filled_on_given_beats_filled_on_blank(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx", 填報日期="2026-03-01"), 0)
    touch(targets(inbox, "D01", T2, name="b.xlsx"), 60)
    assert statuses(choose()) == {"a.xlsx": "accepted", "b.xlsx": "superseded"}


def test_equal_versions_and_dates_latest_mtime_wins(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx", 填報日期="2026-03-30"), 10)
    touch(targets(inbox, "D01", T2, name="b.xlsx", 填報日期="2026-03-30"), 30)
    touch(targets(inbox, "D01", T3, name="c.xlsx", 填報日期="2026-03-30"), 20)
    assert statuses(choose()) == {"a.xlsx": "superseded", "b.xlsx": "accepted", "c.xlsx": "superseded"}


def test_mtime_alone_decides_without_version_or_date(inbox, choose):
    touch(ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": 70}, name="new.xlsx"), 5)
    touch(ratings(inbox, "L01", "領導評價", {"D01": 91, "D02": 81, "D03": 71}, name="old.xlsx"), 0)
    assert statuses(choose()) == {"new.xlsx": "accepted", "old.xlsx": "superseded"}


def test_rejected_file_never_displaces_an_accepted_one(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx", 版本=1), 0)
    touch(targets(inbox, "D01", [["重點目標", "黨員發展", 100, "", 101]], name="b.xlsx", 版本=9,
                  填報日期="2026-03-31"), 60)
    assert statuses(choose()) == {"a.xlsx": "accepted", "b.xlsx": "rejected"}


def test_only_rejected_files_leave_nothing_accepted(inbox, choose):
    targets(inbox, "D01", [["重點目標", "", 100, "", 90]], name="a.xlsx")
    targets(inbox, "D01", [["未知", "x", 100, "", 90]], name="b.xlsx", 版本=2)
    assert statuses(choose()) == {"a.xlsx": "rejected", "b.xlsx": "rejected"}


def test_skipped_files_never_displace(inbox, choose):
    targets(inbox, "D01", T1, name="a.xlsx")
    touch(targets(inbox, "D01", T2, name="b.xlsx", period="2026-02", 版本=5), 60)
    assert statuses(choose()) == {"a.xlsx": "accepted", "b.xlsx": "skipped"}


def test_different_submitters_are_different_keys(inbox, choose):
    targets(inbox, "D01", T1, name="a.xlsx")
    targets(inbox, "D02", T1, name="b.xlsx")
    ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": 70}, name="c.xlsx")
    ratings(inbox, "L02", "領導評價", {"D01": 90, "D02": 80, "D03": 70}, name="d.xlsx")
    assert set(statuses(choose()).values()) == {"accepted"}


def test_same_content_twice_of_a_keyed_form_counts_once(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx"), 0)
    shutil.copyfile(inbox / "a.xlsx", inbox / "b.xlsx")
    touch(inbox / "b.xlsx", 0)
    assert sorted(statuses(choose()).values()) == ["accepted", "superseded"]


def test_superseded_note_in_output_locale(inbox, choose):
    touch(targets(inbox, "D01", T1, name="a.xlsx"), 0)
    touch(targets(inbox, "D01", T2, name="b.xlsx"), 1)
    assert choose("en")["a.xlsx"] == (
        "superseded", "Superseded by b.xlsx (higher version, later fill-in date or modification time).")


# ---------------------------------------------------------------- accumulating forms


def test_accumulating_forms_count_every_accepted_file(inbox, choose):
    touch(adjustments(inbox, "D01", [["B01", "其他", 1, "表揚", None]], name="a.xlsx"), 0)
    touch(adjustments(inbox, "D01", [["B02", "其他", 2, "表揚", None]], name="b.xlsx"), 60)
    touch(vetoes(inbox, "D01", [["B01", "三違幫教", "事由", "2026-03-03", ""]], name="c.xlsx"), 0)
    touch(vetoes(inbox, "D01", [["B02", "精神文明", "事由", "2026-03-04", ""]], name="d.xlsx"), 60)
    assert statuses(choose()) == {"a.xlsx": "accepted", "b.xlsx": "accepted", "c.xlsx": "accepted",
                                  "d.xlsx": "accepted"}


def test_accumulating_same_content_twice_counts_once(inbox, choose):
    adjustments(inbox, "D01", [["B01", "其他", 1, "表揚", None]], name="a.xlsx")
    shutil.copyfile(inbox / "a.xlsx", inbox / "b.xlsx")
    touch(inbox / "b.xlsx", 60)
    adjustments(inbox, "D01", [["B01", "其他", 1, "再次表揚", None]], name="c.xlsx")
    chosen = choose()
    assert statuses(chosen) == {"a.xlsx": "accepted", "b.xlsx": "skipped", "c.xlsx": "accepted"}
    assert "a.xlsx" in chosen["b.xlsx"][1]


def test_accumulating_copy_of_a_rejected_file_stays_rejected(inbox, choose):
    adjustments(inbox, "D01", [["X99", "其他", 1, "表揚", None]], name="a.xlsx")
    shutil.copyfile(inbox / "a.xlsx", inbox / "b.xlsx")
    assert statuses(choose()) == {"a.xlsx": "rejected", "b.xlsx": "rejected"}


def test_accumulating_copy_in_another_folder(inbox, choose):
    vetoes(inbox, "D01", [["B01", "三違幫教", "事由", "2026-03-03", ""]], name="a.xlsx")
    (inbox / "組織部").mkdir()
    shutil.copyfile(inbox / "a.xlsx", inbox / "組織部" / "a.xlsx")
    chosen = choose("en")
    assert chosen == {"a.xlsx": ("accepted", ""), "組織部/a.xlsx": ("skipped", "Same content as a.xlsx; counted once.")}


# ---------------------------------------------------------------- keys, on outcomes directly


def test_different_rating_types_are_different_keys():
    chosen = choose_submissions([
        outcome("a", "ratings", "X1", "leader", mtime=2),
        outcome("b", "ratings", "X1", "service", mtime=1),
        outcome("c", "ratings", "X1", "mutual", mtime=0),
    ])
    assert [o.status for o in chosen] == ["accepted", "accepted", "accepted"]


def test_different_periods_are_different_keys():
    chosen = choose_submissions([
        outcome("a", period=Month(2026, 3), version=1),
        outcome("b", period=Month(2026, 2), version=2),
        outcome("c", "vetoes", period=Quarter(2026, 1)),
        outcome("d", period=Month(2026, 3), version=2),
    ])
    assert [o.status for o in chosen] == ["superseded", "accepted", "accepted", "accepted"]


def test_different_forms_are_different_keys():
    chosen = choose_submissions([outcome("a", "targets"), outcome("b", "ratings", rating_type="mutual")])
    assert [o.status for o in chosen] == ["accepted", "accepted"]


def test_order_of_tie_breakers():
    day = dt.date(2026, 3, 20)
    chosen = choose_submissions([
        outcome("v2", version=2, filled_on=dt.date(2026, 3, 1), mtime=0),
        outcome("later_date", version=1, filled_on=dt.date(2026, 3, 31), mtime=9),
        outcome("v2_later_date", version=2, filled_on=day, mtime=1),
        outcome("v2_later_date_later_mtime", version=2, filled_on=day, mtime=5),
        outcome("rejected_v9", version=9, filled_on=day, mtime=99, status="rejected"),
    ])
    assert [(o.file, o.status) for o in chosen] == [
        ("v2", "superseded"),
        ("later_date", "superseded"),
        ("v2_later_date", "superseded"),
        ("v2_later_date_later_mtime", "accepted"),
        ("rejected_v9", "rejected"),
    ]


def test_choose_keeps_order_and_does_not_change_its_input():
    given = [outcome("a", mtime=1), outcome("b", mtime=2), outcome("c", "adjustments", sha256="x"),
             outcome("d", "adjustments", sha256="x")]
    chosen = choose_submissions(given)
    assert [o.file for o in chosen] == ["a", "b", "c", "d"]
    assert [o.status for o in chosen] == ["superseded", "accepted", "accepted", "skipped"]
    assert [o.status for o in given] == ["accepted"] * 4


# ---------------------------------------------------------------- end to end through read_inbox


def test_read_inbox_statuses(workspace):
    inbox = workspace.inbox
    full_month(inbox)
    full_quarter(inbox)
    for path in inbox.iterdir():
        touch(path, 0)
    touch(targets(inbox, "D01", [["重點目標", "黨員發展", 100, "", 95]], name="targets_D01_v2.xlsx", 版本=2), 0)
    touch(ratings(inbox, "L02", "領導評價", {"D01": 84, "D02": 186, "D03": 76}, name="ratings_L02_v5.xlsx",
                  版本=5), 60)
    adjustments(inbox, "D02", [["D01", "安全生產", -2, "違章", "2026-03-05"]], name="adj_a.xlsx")
    shutil.copyfile(inbox / "adj_a.xlsx", inbox / "adj_b.xlsx")
    shutil.copyfile(inbox / "targets_D02.xlsx", inbox / "~$targets_D02.xlsx")
    (inbox / "notes.txt").write_text("readme")
    targets(inbox, "D03", T1, name="targets_D03_feb.xlsx", period="2026-02")

    intake = read_inbox(with_items(workspace), MONTH)
    got = {o.file: o.status for o in intake.outcomes}
    assert got == {
        "adj_a.xlsx": "accepted",
        "adj_b.xlsx": "skipped",
        "notes.txt": "skipped",
        "ratings_L02_v5.xlsx": "rejected",
        "ratings_服務基層評價_B01.xlsx": "accepted",
        "ratings_服務基層評價_B02.xlsx": "accepted",
        "ratings_部門互評_D01.xlsx": "accepted",
        "ratings_部門互評_D02.xlsx": "accepted",
        "ratings_部門互評_D03.xlsx": "accepted",
        "ratings_領導評價_L01.xlsx": "accepted",
        "ratings_領導評價_L02.xlsx": "accepted",
        "targets_D01.xlsx": "superseded",
        "targets_D01_v2.xlsx": "accepted",
        "targets_D02.xlsx": "accepted",
        "targets_D03.xlsx": "accepted",
        "targets_D03_feb.xlsx": "skipped",
        "~$targets_D02.xlsx": "skipped",
        **{name: "accepted" for name in ("self_B01.xlsx", "self_B02.xlsx", "dept_eval_D01.xlsx",
                                          "dept_eval_D02.xlsx", "democratic_D01.xlsx")},
    }
    assert len(intake.missing) == 0
    assert intake.exit_code == 1  # a file was rejected
    bad = next(o for o in intake.outcomes if o.file == "ratings_L02_v5.xlsx")
    assert [p.row() for p in bad.problems] == [("ratings_L02_v5.xlsx", "數據", "C3", "error", "data.out_of_range")]


def test_read_inbox_all_accepted_exits_0(workspace):
    full_month(workspace.inbox)
    full_quarter(workspace.inbox)
    intake = read_inbox(with_items(workspace), MONTH)
    assert {o.status for o in intake.outcomes} == {"accepted"}
    assert (len(intake.missing), intake.exit_code) == (0, 0)


def test_read_inbox_rejected_only_file_is_missing(workspace):
    inbox = workspace.inbox
    full_month(inbox)
    full_quarter(inbox)
    (inbox / "targets_D03.xlsx").unlink()
    (inbox / "ratings_服務基層評價_B02.xlsx").unlink()
    ratings(inbox, "B02", "服務基層評價", {"D01": 92, "D02": "九十", "D03": 80})
    intake = read_inbox(with_items(workspace), MONTH)
    assert {o.file: o.status for o in intake.outcomes}["ratings_服務基層評價_B02.xlsx"] == "rejected"
    missing = sorted(map(tuple, intake.missing[["form", "rating_type", "submitter_id", "reason"]].values.tolist()))
    assert missing == [("ratings", "service", "B02", "rejected"), ("targets", "", "D03", "not_received")]
    assert intake.exit_code == 1
