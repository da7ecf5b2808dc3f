"""Writing the site into a folder: every page from the history's contents, and the collection board."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pbbatch.core.config import Config
from pbbatch.intake.read import Intake
from pbbatch.site.board import board_page, empty_board_page
from pbbatch.history import store
from pbbatch.history.store import RUN_SOURCE
from pbbatch.site.contents import Contents, load_contents, overlaid
from pbbatch.site.links import (
    BOARD, PERIOD_FOLDER, UNIT_FOLDER, YEAR_FOLDER, folder_files, output_folder_of, period_files, year_files,
)
from pbbatch.site.pages import home_page, period_page, result_periods, unit_ids, unit_names, unit_page, units_page
from pbbatch.site.render import Renderer, site_title
from pbbatch.site.rectification import findings_section, ledger_page, public_ledger
from pbbatch.site.rules import rules_page
from pbbatch.site.tables import Page, Texts
from pbbatch.site.targets import targets_sections, year_targets
from pbbatch.site.year import computed_years, year_page


def _renderer(config: Config, nav: bool = True) -> Renderer:
    x = Texts(config.locale)
    return Renderer(x, site_title(config.site_title, Config.site_title, x), nav)


def site_pages(contents: Contents, config: Config, pending: dict[str, list[str]] | None = None) -> Iterable[Page]:
    """Every page but the board. `pending`: the files of output folders not yet published (a run's own), by
    folder name."""
    x, pending = Texts(config.locale), pending or {}
    listed: dict[str, set[str]] = {}

    def files(period: str) -> list[str]:
        folder = output_folder_of(period)
        if folder not in listed:
            listed[folder] = folder_files(config.output, folder, pending)
        return period_files(period, listed[folder])

    names = unit_names(contents)
    title = _renderer(config).common["site_title"]
    ledger = public_ledger(contents, config.require_verification)
    targets = year_targets(contents)
    extra = [lambda unit_id, x, root: [s for s in [findings_section(ledger, unit_id, x, root)] if s],
             lambda unit_id, x, root: targets_sections(targets, unit_id, x)]
    yield home_page(contents, x, files, title)
    yield units_page(contents, x, names)
    yield ledger_page(ledger, x, names)
    yield rules_page(contents, x)
    for period in result_periods(contents):
        yield period_page(contents, period, x, files, names)
    for unit_id in unit_ids(contents):
        yield unit_page(contents, unit_id, x, names, extra)
    for year in computed_years(contents):
        yield year_page(contents, year, x, year_files(year, folder_files(config.output, year, pending)))


def build_site(folder: Path, contents: Contents, config: Config, pending: dict[str, list[str]] | None = None,
               board: str | None = None) -> None:
    """Every page into `folder` (a new, empty staging folder), and the board: `board` (the HTML of the run's own
    board) or, failing that, the board already published, or one that says no check has been made yet."""
    render = _renderer(config)
    for sub in (UNIT_FOLDER, PERIOD_FOLDER, YEAR_FOLDER):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for page in site_pages(contents, config, pending):
        (folder / page.path).write_text(render(page), encoding="utf-8")
    if board is None:
        published = config.output / "site" / BOARD
        board = published.read_text(encoding="utf-8") if published.is_file() else \
            render(empty_board_page(Texts(config.locale)))
    (folder / BOARD).write_text(board, encoding="utf-8")


def write_run_site(folder: Path, config: Config, intake: Intake, results, briefs: list[dict], data: dict,
                   pending: dict[str, list[str]]) -> None:
    """A run's site, before its commit: from the store overlaid with what the commit will store (results,
    briefs, data as for store.replace_periods), with the run's board. `pending`: the run's own output files."""
    contents = overlaid(load_contents(config.history), results, RUN_SOURCE, briefs, data)
    build_site(folder, contents, config, pending, board=board_html(intake, config))


def write_year_site(folder: Path, config: Config, data: dict, pending: dict[str, list[str]]) -> None:
    """The site after a year is computed, before its commit: the store overlaid with the year's data (as for
    store.replace_periods), the year's files (`pending`, by folder) not yet published."""
    empty = pd.DataFrame(columns=store.COLUMNS)
    build_site(folder, overlaid(load_contents(config.history), empty, RUN_SOURCE, [], data), config, pending)


def board_html(intake: Intake, config: Config, checked_at: dt.datetime | None = None, nav: bool = True) -> str:
    page = board_page(intake, Texts(config.locale), checked_at or dt.datetime.now().replace(microsecond=0))
    return _renderer(config, nav)(page)


def write_board(site: Path, intake: Intake, config: Config, checked_at: dt.datetime | None = None) -> Path:
    """The board alone, replaced atomically in a published site (`pbbatch check`); in a site that was never built,
    a board without the links to pages that are not there."""
    site.mkdir(parents=True, exist_ok=True)
    html = board_html(intake, config, checked_at, nav=(site / "index.html").is_file())
    target = site / BOARD
    partial = site / f".{BOARD}.partial"
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)
    return target
