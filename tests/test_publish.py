"""publish(): the staging folders, the commit, the swap, and the files written alongside the other folders."""

import contextlib

import pytest

from pbbatch.outputs.publish import publish


def folders(tmp_path):
    target, site = tmp_path / "2026-03", tmp_path / "site"
    for folder in (target, site):
        folder.mkdir()
        (folder / "old.txt").write_text("previous")
    return target, site


def test_files_written_alongside_the_site_are_published_with_the_target(tmp_path):
    target, site = folders(tmp_path)
    order = []

    @contextlib.contextmanager
    def alongside(staging):
        order.append("alongside starts")
        yield
        (staging / "people.txt").write_text("people")  # done by the time publish leaves the block
        order.append("alongside ends")

    def write(staging):
        (staging / "month.txt").write_text("month")
        order.append("write")

    publish(target, write, commit=lambda: order.append("commit"), also=[(site, lambda s: order.append("site"))],
            alongside=alongside)
    assert order == ["alongside starts", "write", "site", "alongside ends", "commit"]
    assert sorted(p.name for p in target.iterdir()) == ["month.txt", "people.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03", "site"]


def test_a_failing_site_stops_the_work_alongside_and_publishes_nothing(tmp_path):
    target, site = folders(tmp_path)
    seen = []

    @contextlib.contextmanager
    def alongside(staging):
        try:
            yield
        except RuntimeError as exc:
            seen.append(str(exc))
            raise

    def broken_site(staging):
        raise RuntimeError("site broke")

    with pytest.raises(RuntimeError, match="site broke"):
        publish(target, lambda staging: (staging / "month.txt").write_text("month"),
                commit=lambda: pytest.fail("committed although the site failed"), also=[(site, broken_site)],
                alongside=alongside)
    assert seen == ["site broke"]
    assert [p.name for p in target.iterdir()] == ["old.txt"] and [p.name for p in site.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03", "site"]


def test_a_failure_alongside_publishes_nothing(tmp_path):
    target, site = folders(tmp_path)

    @contextlib.contextmanager
    def alongside(staging):
        yield
        raise OSError("people's files failed")

    with pytest.raises(OSError, match="people's files failed"):
        publish(target, lambda staging: (staging / "month.txt").write_text("month"),
                commit=lambda: pytest.fail("committed although a file failed"),
                also=[(site, lambda s: (s / "index.html").write_text("site"))], alongside=alongside)
    assert [p.name for p in target.iterdir()] == ["old.txt"] and [p.name for p in site.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03", "site"]
