"""The information site (contract section 11, issue 15): pages that parse, links that stay inside the output
folder, nothing from outside, the history's own figures, escaped user text, no personal data, the rules page,
the collection board after a check, and a failed run leaving the previous site whole."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import UNITS, complete_march, ratings, write_company
from pbbatch.cli import cli
from pbbatch.core.config import load_config
from pbbatch.core.rules import rules_in_force
from pbbatch.history import store

BAD_RATING = "ratings_領導評價_L02.xlsx"


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--config", str(folder / "config.toml")])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small company after a March run with L02's leader ratings rejected (a score of 105 in C3)."""
    folder = write_company(tmp_path_factory.mktemp("site"))
    complete_march(folder / "inbox")
    ratings(folder / "inbox", "L02", "領導評價", {"D01": 84, "D02": 105, "D03": 76})
    result = run(folder, "run", "--period", "2026-03")
    assert result.exit_code == 1, result.output
    return folder


def site_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "output" / "site").rglob("*") if p.is_file())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local_targets(page: Path) -> list[str]:
    found = soup(page).find_all(lambda tag: tag.has_attr("href") or tag.has_attr("src"))
    return [tag.get("href") or tag.get("src") for tag in found]


def test_the_run_builds_the_site_and_says_where(built):
    site = built / "output" / "site"
    names = {p.relative_to(site).as_posix() for p in site_files(built)}
    assert {"index.html", "units.html", "ledger.html", "rules.html", "board.html", "periods/2026-03.html",
            "periods/2026-Q1.html", "units/D01.html", "units/B02.html"} <= names


def test_every_page_parses_and_every_local_link_resolves_inside_the_output_folder(built):
    output = (built / "output").resolve()
    pages = [p for p in site_files(built) if p.suffix == ".html"]
    assert len(pages) > 10
    for page in pages:
        document = soup(page)
        assert document.find("html") is not None and document.find("title").text.strip(), page
        for target in local_targets(page):
            parts = urlsplit(target)
            assert not parts.scheme and not parts.netloc, (page, target)
            if not parts.path:
                continue  # an anchor on the same page
            resolved = (page.parent / unquote(parts.path)).resolve()
            assert resolved.is_relative_to(output), (page, target)
            assert resolved.is_file(), (page, target)


def test_the_home_page_links_the_periods_briefs_and_workbooks(built):
    hrefs = [unquote(h) for h in local_targets(built / "output" / "site" / "index.html")]
    for name in ("部門講評會材料_2026-03.html", "部門月度考核_2026-03.xlsx", "支部講評會材料_2026-Q1.docx",
                 "支部季度考核_2026-Q1.xlsx"):
        assert f"../2026-03/{name}" in hrefs
    assert not any("處理報告" in h for h in hrefs)  # validation messages belong on the board


def test_nothing_is_fetched_from_outside(built):
    for path in site_files(built):
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, path
        assert "fetch(" not in text and "XMLHttpRequest" not in text, path


def test_a_unit_pages_figures_are_the_history_stores(built):
    config = load_config(built / "config.toml")
    stored = store.load(config.history, ["2026-03", "2026-Q1"])
    assert len(stored) == 5
    for r in stored.itertuples():
        page = soup(built / "output" / "site" / "units" / f"{r.unit_id}.html")
        rows = page.find("table", id="history").find("tbody").find_all("tr")
        cells = [[td.get_text(strip=True) for td in row.find_all("td")] for row in rows]
        assert [[c[1], c[2], c[3]] for c in cells] == [[str(r.rank), f"{r.total:.2f}", r.band]]
        assert page.find("svg") is not None


def test_the_home_page_marks_a_draft_and_ranks_by_block(built):
    page = soup(built / "output" / "site" / "index.html")
    headings = [h.get_text(strip=True) for h in page.find_all(["h2", "h3"])]
    assert any(h.startswith("【試算稿】") and "2026年3月" in h for h in headings)
    assert {"黨務", "群團"} <= set(headings)
    assert page.find(class_="draft") is not None


def test_the_run_writes_the_board_of_its_period_with_the_rejected_cell(built):
    text = soup(built / "output" / "site" / "board.html").get_text(" ", strip=True)
    assert BAD_RATING in text and "數據!C3" in text and "105" in text


def test_a_check_rewrites_only_the_board_and_says_where(built, tmp_path):
    site = built / "output" / "site"
    before = {p: p.read_bytes() for p in site_files(built) if p.name != "board.html"}
    ratings(built / "inbox", "L01", "領導評價", {"D01": "九十", "D02": 80, "D03": 70}, name="ratings_bad_L01.xlsx",
            版本=2)
    result = run(built, "check", "--period", "2026-03")
    (built / "inbox" / "ratings_bad_L01.xlsx").unlink()
    assert str(site / "board.html") in result.output
    assert {p: p.read_bytes() for p in site_files(built) if p.name != "board.html"} == before
    board = soup(site / "board.html")
    rejected = [row for row in board.find_all("tr") if "ratings_bad_L01.xlsx" in row.get_text()]
    assert rejected and "數據!C2" in rejected[0].get_text() and "退回" in rejected[0].get_text()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", board.get_text())  # when it was checked


def test_a_check_before_any_run_writes_a_board_that_links_nowhere(tmp_path):
    folder = write_company(tmp_path)
    ratings(folder / "inbox", "L02", "領導評價", {"D01": 84, "D02": 105, "D03": 76})
    result = run(folder, "check", "--period", "2026-03")
    board = folder / "output" / "site" / "board.html"
    assert result.exit_code == 1 and str(board) in result.output
    assert local_targets(board) == [] and "數據!C3" in board.read_text(encoding="utf-8")


def test_user_text_is_escaped(tmp_path):
    units = [[*UNITS[0][:1], "<script>alert(1)</script>&組織部", *UNITS[0][2:]], *UNITS[1:]]
    folder = write_company(tmp_path, units=units)
    complete_march(folder / "inbox")
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    for path in site_files(folder):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;組織部" in (folder / "output/site/units/D01.html").read_text(
        encoding="utf-8")


def test_no_personal_scores_or_pay_appear(built):
    config = load_config(built / "config.toml")
    person = {"staff_id": "S0001", "name": "私人甲", "unit_id": "D01", "score": 77.7, "rank": 1, "band": "A",
              "personal": 1.1, "unit_factor": 1.2, "pay": 1.3210, "missing": []}
    february = store.load(config.history, ["2026-03"]).assign(period="2026-02")
    store.replace_periods(config.history, february, store.RUN_SOURCE, data={("2026-02", "staff"): [person]})
    try:
        assert run(built, "site").exit_code == 0
        assert (built / "output" / "site" / "periods" / "2026-02.html").is_file()
        for path in site_files(built):
            text = path.read_text(encoding="utf-8")
            assert "私人甲" not in text and "S0001" not in text and "1.321" not in text, path
    finally:
        store.remove_period(config.history, "2026-02")
        run(built, "site")


def test_the_rules_page_shows_each_periods_rules_and_what_changed(tmp_path):
    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    config = load_config(folder / "config.toml")
    stored = store.load(config.history, ["2026-03", "2026-Q1"])
    february = stored[stored["period"] == "2026-03"].assign(period="2026-02")
    rules = rules_in_force(config)
    later = {**rules, "ratings.trim_above": 6}
    store.replace_periods(config.history, february, "往期成績.xlsx")
    store.replace_periods(config.history, stored, store.RUN_SOURCE,
                          data={("2026-03", "rules"): later, ("2026-Q1", "rules"): later})
    assert run(folder, "site").exit_code == 0
    page = soup(folder / "output" / "site" / "rules.html")
    text = page.get_text(" ", strip=True)
    assert "未記錄考核規則" in text  # 2026-02, seeded without rules
    assert "departments.weights" not in text and "[" not in text  # in words, not as the config file writes them
    trim = [row for row in page.find_all("tr") if "去掉最高分和最低分" in row.get_text()]
    assert [td.get_text(strip=True) for td in trim[0].find_all("td")][2] == ""  # nothing earlier to differ from
    assert "多於 6 人" in trim[0].find_all("td")[1].get_text()
    assert "三違幫教、精神文明、安全目標" in text and "K01" in text
    store.replace_periods(config.history, february, store.RUN_SOURCE, data={("2026-02", "rules"): rules})
    assert run(folder, "site").exit_code == 0
    page = soup(folder / "output" / "site" / "rules.html")
    trim = [row for row in page.find_all("tr") if "去掉最高分和最低分" in row.get_text()]
    now, before = [td.get_text(strip=True) for td in trim[0].find_all("td")][1:]
    assert "多於 6 人" in now and "多於 5 人" in before and "band-changed" in trim[0].get("class", [])
    weights = [row for row in page.find_all("tr") if "部門綜合得分權重" in row.get_text()]
    assert [td.get_text(strip=True) for td in weights[0].find_all("td")][2] == ""  # unchanged: no earlier wording


def test_a_run_stores_the_rules_the_rules_page_shows(built):
    text = soup(built / "output" / "site" / "rules.html").get_text(" ", strip=True)
    assert "目標績效 40%、領導評價 30%" in text and "未記錄" not in text


def test_the_site_command_rebuilds_from_the_history_alone_and_keeps_the_board(built):
    site = built / "output" / "site"
    board = (site / "board.html").read_bytes()
    (site / "units" / "D01.html").unlink()
    result = run(built, "site")
    assert result.exit_code == 0 and str(site / "index.html") in result.output
    assert (site / "units" / "D01.html").is_file() and (site / "board.html").read_bytes() == board


def test_the_site_speaks_the_configured_locale(tmp_path):
    folder = write_company(tmp_path, settings='locale = "en"\n')
    complete_march(folder / "inbox")
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    home = soup(folder / "output" / "site" / "index.html").get_text(" ", strip=True)
    assert "Collection board" in home and "Departments' ranking, March 2026" in home
    assert soup(folder / "output" / "site" / "index.html").find("html")["lang"] == "en"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fault", ["writer", "site"])
def test_a_failed_run_leaves_the_previous_site_outputs_and_history_whole(tmp_path, monkeypatch, fault):
    import pbbatch.outputs.write
    import pbbatch.site.build

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    output = folder / "output"
    before = {name: data for name, data in snapshot(output).items() if "history-backups" not in name}

    def broken(*args, **kwargs):
        raise KeyError("an injected fault")

    target = (pbbatch.outputs.write, "branch_and_brief_files") if fault == "writer" else \
        (pbbatch.site.build, "build_site")
    monkeypatch.setattr(*target, broken)
    ratings(folder / "inbox", "L01", "領導評價", {"D01": 10, "D02": 10, "D03": 10}, 版本=2)
    result = run(folder, "run", "--period", "2026-03")
    assert result.exit_code == 2 and "an injected fault" in result.output
    after = {name: data for name, data in snapshot(output).items() if "history-backups" not in name}
    assert after == before
    assert not [p for p in output.iterdir() if p.name.startswith(".") and p.name != ".pbbatch.lock"]
