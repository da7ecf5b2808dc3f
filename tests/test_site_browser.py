"""The site in a real browser (issue 15): headless Chromium, the Debian package, driven through Playwright's Python
API (no browser downloaded), opens the pages from file:// as a double-click would, with no console error or page
error, and finds the chart and the ranking table; the optional filter script works. In CI (the CI variable set)
a missing Chromium or Playwright fails the test instead of skipping it: .ci/run installs Chromium."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from conftest import complete_march, spot_checks, write_company
from pbbatch.cli import cli


def _unavailable(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if executable is None:
        _unavailable("no chromium on this machine")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = write_company(tmp_path_factory.mktemp("browser"))
    complete_march(folder / "inbox")
    spot_checks(folder / "inbox", "D01", [["2026-01-10", "B01", "K01", "學習記錄缺失", 2, "2026-02-10"],
                                          ["2026-03-20", "B02", "K02", "制度未公示", 1, "2026-04-20"]])
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 0, result.output
    return folder / "output" / "site"


def open_page(browser, path):
    """The page from file://, and every console error and page error it raised."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


def test_the_home_page_shows_the_rankings_without_errors(browser, site):
    page, errors = open_page(browser, site / "index.html")
    tables = page.locator("table")
    assert tables.count() >= 3  # two blocks of departments and the branches, then the periods
    first = tables.first
    assert first.is_visible()
    assert first.locator("tbody tr").count() == 2 and "組織部" in first.inner_text()
    page.close()
    assert errors == []


def test_a_unit_page_shows_its_chart_and_table_without_errors(browser, site):
    page, errors = open_page(browser, site / "units" / "D01.html")
    chart = page.locator("svg.chart")
    assert chart.count() == 1 and chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    assert page.locator("svg.chart circle").count() == 2  # the total and the rank of March
    assert page.locator("#history tbody tr").count() == 1
    page.close()
    assert errors == []


def test_the_filter_box_narrows_a_long_list(browser, site):
    page, errors = open_page(browser, site / "units.html")
    box = page.locator("input.filter").first
    assert box.is_visible()  # shown by the script; hidden without it
    rows = page.locator("#units-departments tbody tr")
    assert rows.count() == 3
    box.fill("宣傳")
    visible = [rows.nth(i).is_visible() for i in range(rows.count())]
    assert visible == [False, True, False]
    page.close()
    assert errors == []


def test_the_ledger_page_opens_from_the_nav_without_errors(browser, site):
    page, errors = open_page(browser, site / "index.html")
    page.locator("nav a[href='ledger.html']").click()
    page.wait_for_load_state("load")
    rows = page.locator("#ledger tbody tr")
    assert rows.count() == 2 and "逾期" in rows.first.inner_text() and "學習記錄缺失" in rows.first.inner_text()
    page.close()
    assert errors == []
