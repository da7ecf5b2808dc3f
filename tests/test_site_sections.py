"""The site's pages of contract section 11 beyond the rankings: each branch's rectification findings, the public
rectification ledger (整改台賬), the year's page once it is computed, and each department's targets. Only public,
unit-level data: no 佐證 paths, no validation messages, no person's name or score."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import complete_march, spot_checks, write_company, write_form
from pbbatch.cli import cli
from pbbatch.core.catalogue import label
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.history import store
from pbbatch.rectify.ledger import NAMES
from pbbatch.rectify.month import stored_rectification

RECEIPT_HEADER = ["整改編號", "整改措施", "完成日期", "佐證材料"]
EVIDENCE = r"\\fileserver\佐證\B02-秘密.pdf"


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--config", str(folder / "config.toml")])


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def table_rows(page: BeautifulSoup, table_id: str) -> list[list[str]]:
    table = page.find("table", id=table_id)
    assert table is not None, table_id
    return [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]


def finding_ids(folder: Path) -> dict[str, str]:
    config = load_config(folder / "config.toml")
    stored = store.load_data(config.history, "findings")
    return {f["finding"]: f["finding_id"] for rows in stored.values() for f in rows}


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """March 2026 with three findings of the quarter: one overdue at the month's end, one open, one reported
    by B02's receipt (whose 佐證 is a path on a file server)."""
    folder = write_company(tmp_path_factory.mktemp("fixes"))
    inbox = folder / "inbox"
    complete_march(inbox)
    spot_checks(inbox, "D01", [["2026-03-20", "B02", "K02", "制度未公示", 1, "2026-04-20"],
                               ["2026-01-10", "B01", "K01", "學習記錄缺失", 2, "2026-02-10"],
                               ["2026-02-05", "B02", "K03", "<b>台賬</b>不全", 1, "2026-04-30"]])
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    ids = finding_ids(folder)
    write_form(inbox / "receipt_B02.xlsx", {"表單類型": "整改回執表", "期間": "2026-03", "填報單位編號": "B02"},
               RECEIPT_HEADER, [[ids["<b>台賬</b>不全"], "補齊台賬", "2026-03-15", EVIDENCE]])
    result = run(folder, "run", "--period", "2026-03")
    assert result.exit_code == 0, result.output
    return folder


def the_ledger_by_rectify(folder: Path) -> dict[str, str]:
    """finding_id -> status label at the end of March, by pbbatch.rectify itself."""
    config = load_config(folder / "config.toml")
    stored = {name: store.load_data(config.history, name) for name in NAMES}
    statuses = stored_rectification(stored, config, Month(2026, 3)).statuses
    return {f: label(f"rect.status.{s}", "zh-Hant") for f, s in zip(statuses["finding_id"], statuses["status"])}


def test_a_branch_page_lists_its_findings_with_the_ledgers_status_of_the_latest_month(fixed):
    site = fixed / "output" / "site"
    expected = the_ledger_by_rectify(fixed)
    assert sorted(expected.values()) == sorted(["逾期", "整改中", "已報整改"])
    ledger = {row[0]: row for row in table_rows(soup(site / "ledger.html"), "ledger")}
    seen = {}
    for branch in ("B01", "B02"):
        for row in table_rows(soup(site / "units" / f"{branch}.html"), "findings"):
            seen[row[0]] = row
            assert row[5] == ledger[row[0]][-1]  # the unit page's status is the ledger page's
    assert {f: row[5] for f, row in seen.items()} == expected
    ids = finding_ids(fixed)
    reported = seen[ids["<b>台賬</b>不全"]]
    assert reported[1:5] == ["K03", "<b>台賬</b>不全", "2026-02-05", "2026-04-30"] and reported[6] == "2026-03-15"
    assert table_rows(soup(site / "units" / "D01.html"), "history")  # a department has no findings section
    assert soup(site / "units" / "D01.html").find("table", id="findings") is None


def test_the_ledger_page_is_linked_from_every_page_and_lists_the_overdue_finding_first(fixed):
    site = fixed / "output" / "site"
    page = soup(site / "ledger.html")
    rows = table_rows(page, "ledger")
    assert [r[-1] for r in rows] == ["逾期", "整改中", "已報整改"]
    assert rows[0][1:4] == ["綜採一隊黨支部", "K01", "學習記錄缺失"] and rows[0][4] == "2026-02-10"
    assert "2026年3月" in page.find("main").get_text()  # as of which month
    for path in (site / "index.html", site / "units" / "B01.html", site / "periods" / "2026-Q1.html"):
        hrefs = [a["href"] for a in soup(path).find("nav").find_all("a")]
        assert any(h.endswith("ledger.html") for h in hrefs), path


def test_no_evidence_path_or_escaped_text_leaks_into_the_site(fixed):
    for path in (fixed / "output" / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "秘密.pdf" not in text and "fileserver" not in text, path
        assert "<b>台賬" not in text, path  # a finding's text is escaped
    assert "&lt;b&gt;台賬&lt;/b&gt;不全" in (fixed / "output/site/ledger.html").read_text(encoding="utf-8")


def assert_site_is_self_contained(output: Path) -> None:
    """Every page of output/site parses, fetches nothing from outside and links only to files inside `output`."""
    from test_site import local_targets
    from urllib.parse import unquote, urlsplit

    for page in (output / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, page
        for target in local_targets(page):
            parts = urlsplit(target)
            assert not parts.scheme and not parts.netloc, (page, target)
            if parts.path:
                resolved = (page.parent / unquote(parts.path)).resolve()
                assert resolved.is_relative_to(output.resolve()) and resolved.is_file(), (page, target)


def test_the_finding_pages_are_self_contained(fixed):
    assert_site_is_self_contained(fixed / "output")


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """A whole stored 2026 (test_annual_outputs.stored_year: D02 vetoed in May, two people of D01 with their
    scores), then `pbbatch annual --year 2026`."""
    from test_annual_outputs import UNIT_ROWS, stored_year

    folder = write_company(tmp_path_factory.mktemp("year"), units=UNIT_ROWS,
                           settings="[annual]\nexcellent_staff = 1\nadvanced_branches = 1\n")
    stored_year(folder)
    result = run(folder, "annual", "--year", "2026")
    assert result.exit_code == 0, result.output
    return folder


def test_the_year_page_shows_the_rankings_awards_and_ineligible_units_and_no_person(year):
    site = year / "output" / "site"
    page = soup(site / "years" / "2026.html")
    text = page.get_text(" ", strip=True)
    awards = table_rows(page, "awards")
    assert [(r[0], r[2]) for r in awards] == [("優秀黨群部門", "=HYPERLINK(\"x\")"), ("優秀黨群部門", "工會"),
                                             ("先進黨支部", "綜採一隊黨支部")]
    ineligible = table_rows(page, "ineligible")
    assert ["宣傳部<b>&</b>", "不能評優：2026-05 一票否決（安全目標）"] in [r[1:] for r in ineligible]
    departments = table_rows(page, "year-departments-0")
    assert departments[0][:2] == ["1", "=HYPERLINK(\"x\")"] and "90.07" in departments[0]
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "../../2026/%E5%B9%B4%E5%BA%A6%E8%80%83%E6%A0%B8_2026.xlsx" in hrefs
    assert any(h.endswith("years/2026.html") for h in (a["href"] for a in soup(site / "index.html").find_all("a")))
    assert "優秀黨務工作者" in text  # said to be in the brief, not listed here
    for path in site.rglob("*.html"):
        content = path.read_text(encoding="utf-8")
        assert "黃小明" not in content and "周</i>" not in content and "S01" not in content, path
        assert "77.77" not in content, path
    assert_site_is_self_contained(year / "output")


def test_the_year_stays_on_the_site_when_it_is_built_again_from_the_history(year):
    (year / "output" / "site" / "years" / "2026.html").unlink()
    assert run(year, "site").exit_code == 0
    assert "不能評優：2026-05 一票否決（安全目標）" in (year / "output/site/years/2026.html").read_text(encoding="utf-8")
    config = load_config(year / "config.toml")
    stored = store.load_data(config.history, "annual")["2026"]
    assert "黃小明" not in str(stored) and "S01" not in str(stored) and "77.77" not in str(stored)


def test_a_department_page_lists_its_targets_and_how_far_each_was_met(tmp_path):
    """The year's counted letter rows as §7 stores them ("targets", period "2026"), against the target scores
    each run stores: D01's March 目標考核表 scored 黨員發展 54 of 60."""
    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    config = load_config(folder / "config.toml")
    letter = [{"unit_id": "D01", "category": "key", "target": "黨員發展", "points": 60.0, "months": [3, 4, 5],
               "file": "letter_D01_秘.xlsx", "cell": "數據!C2"},
              {"unit_id": "D01", "category": "common", "target": "學習", "points": 40.0, "months": list(range(1, 13)),
               "file": "letter_D01_秘.xlsx", "cell": "數據!C3"}]
    import pandas as pd
    store.replace_periods(config.history, pd.DataFrame(columns=store.COLUMNS), store.RUN_SOURCE,
                          data={("2026", "targets"): letter})
    assert run(folder, "site").exit_code == 0
    page = soup(folder / "output" / "site" / "units" / "D01.html")
    rows = table_rows(page, "targets-2026")
    assert rows[0] == ["重點目標", "黨員發展", "60", "3-5月", "3月", "54.00", "60.00", "部分得分"]
    assert rows[1][:4] == ["共性目標", "學習", "40", "1-12月"] and rows[1][-1] == "部分得分"
    assert soup(folder / "output" / "site" / "units" / "D02.html").find("table", id="targets-2026") is None
    assert "letter_D01_秘" not in (folder / "output" / "site" / "units" / "D01.html").read_text(encoding="utf-8")
    assert not (folder / "output" / "site" / "periods" / "2026.html").exists()  # a year is no period of results


def test_a_month_run_again_after_the_year_keeps_the_years_page_and_its_targets(tmp_path):
    """The year's summary and §7's targets share the period "2026"; storing one must not wipe the other."""
    import pandas as pd

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    config = load_config(folder / "config.toml")
    letter = [{"unit_id": "D01", "category": "key", "target": "黨員發展", "points": 60.0, "months": [3],
               "file": "letter.xlsx", "cell": "數據!C2"}]
    store.replace_periods(config.history, pd.DataFrame(columns=store.COLUMNS), store.RUN_SOURCE,
                          data={("2026", "targets"): letter})
    assert run(folder, "annual", "--year", "2026").exit_code == 0
    assert store.load_data(config.history, "targets", ["2026"]) == {"2026": letter}  # kept by the year's commit
    assert run(folder, "run", "--period", "2026-03").exit_code == 0
    site = folder / "output" / "site"
    assert (site / "years" / "2026.html").is_file()
    assert table_rows(soup(site / "units" / "D01.html"), "targets-2026")[0][1] == "黨員發展"
