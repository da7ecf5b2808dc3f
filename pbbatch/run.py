"""The batch, top to bottom: intake -> validate -> choose -> score -> rank -> consequences -> write.

This module reads the inbox and runs the rest, monthly.py, which is imported only once the reading processes
have started: it brings pandas, and nothing before it needs it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pbbatch.core.catalogue import message
from pbbatch.core.config import Config
from pbbatch.intake.expected import expected_submissions, item_owner_problems, missing_submissions
from pbbatch.core.faults import HistoryError, fault_message
from pbbatch.intake.inbox import take_in_all
from pbbatch.core.periods import Month
from pbbatch.outputs.publish import WorkspaceLocked, workspace_lock
from pbbatch.core.registry import Registry, RegistryError, load_registry
from pbbatch.intake.select import choose_submissions
from pbbatch.intake.validate import ACCEPTED, REJECTED, SUPERSEDED, Context, Outcome
from pbbatch.intake.workbook import SHEET_ROW_ALLOWANCE, Limits, UnreadableWorkbook, read_workbook

if TYPE_CHECKING:
    import pandas as pd

    from pbbatch.monthly import RunResult

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING_WRITTEN = 0, 1, 2
# Earlier results are one row per unit and period: years of a large company exceed a form's row limit.
HISTORY_LIMITS = Limits(rows=1_048_576 - SHEET_ROW_ALLOWANCE, columns=200, cells=20_000_000)
Progress = Callable[[int, int], None]  # (files done, files in all): called as the inbox is read


class RunError(Exception):
    """Nothing can be done (exit 2); `messages` say why, in the output locale."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Intake:
    month: Month
    registry: Registry
    outcomes: list[Outcome]
    missing: pd.DataFrame

    @property
    def exit_code(self) -> int:
        rejected = any(o.status == REJECTED for o in self.outcomes)
        return EXIT_PROBLEMS if rejected or len(self.missing) else EXIT_OK

    def release_rows(self, forms: tuple[str, ...]) -> None:
        """Lets go of the accepted rows of these forms once the stages have counted them: at 100x the ratings
        are 140 MB that the writer process would otherwise inherit."""
        for outcome in self.outcomes:
            if outcome.form in forms:
                outcome.columns = None

    def count(self, status: str, reason: str | None = None) -> int:
        return sum(o.status == status and (reason is None or o.reason == reason) for o in self.outcomes)


def read_inbox(config: Config, month: Month, progress: Progress | None = None,
               meanwhile: Callable[[], object] | None = None) -> Intake:
    """Read and validate every file, choose what counts, and list what is missing. Writes nothing.
    `meanwhile` is called while the files are being read (see take_in_all)."""
    if not config.inbox.is_dir():
        raise RunError([message("run.no_inbox", config.locale, path=config.inbox)])
    try:
        registry = load_registry(config.registry, config.locale)
    except RegistryError as exc:
        raise RunError(exc.messages) from None
    if month.ends_quarter:  # the quarter's key work items are scored by their owners: each must exist
        owner_problems = item_owner_problems(registry, config)
        if owner_problems:
            raise RunError(owner_problems)
    context = Context(registry=registry, config=config, month=month)
    outcomes = choose_submissions(take_in_all(config.inbox, context, progress, meanwhile), config.locale)
    missing = missing_submissions(expected_submissions(registry, month, config), outcomes, registry)
    return Intake(month=month, registry=registry, outcomes=outcomes, missing=missing)


class Stopwatch:
    """Wall time per named stage, for `run --timings` and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.laps[stage] = self.laps.get(stage, 0.0) + time.perf_counter() - start


@contextlib.contextmanager
def locked(config: Config) -> Iterator[None]:
    """The workspace lock; held by another run, it is a RunError (exit 2) saying so."""
    try:
        with workspace_lock(config.output):
            yield
    except WorkspaceLocked as exc:
        raise RunError([message("run.locked", config.locale, path=exc.path)]) from None


@contextlib.contextmanager
def faults_as_messages(config: Config) -> Iterator[None]:
    """A full disk, a read-only folder, a damaged or busy history: a RunError saying what and where."""
    try:
        yield
    except (HistoryError, OSError) as exc:
        text = fault_message(exc, config.locale, config.output)
        if text is None:
            raise
        raise RunError([text]) from None


def run(config: Config, month: Month, progress: Progress | None = None) -> RunResult:
    """The monthly batch: everything of contract section 4, published atomically under <output>/<period>/."""
    clock = Stopwatch()
    with faults_as_messages(config), locked(config):
        with clock("intake"):
            intake = read_inbox(config, month, progress, meanwhile=_stages)
        refuse_an_empty_month(intake, config)
        return _stages().assess_and_publish(intake, config, clock)


def refuse_an_empty_month(intake: Intake, config: Config) -> None:
    """A month in which no file of its own (or of its quarter) was accepted is a mistyped or forgotten --period,
    not a month of zeros: nothing is written or stored (contract section 4)."""
    if intake.count(ACCEPTED) + intake.count(SUPERSEDED):
        return
    seen = sorted({str(o.period) for o in intake.outcomes if o.reason == "skip.other_period"})
    raise RunError([message("run.nothing_accepted", config.locale, period=intake.month, inbox=config.inbox,
                            seen="、".join(seen) or "—")])


def _stages():
    """The stages after intake, and pandas with them: 0.25 s of imports, done while the reading processes work
    (this process only waits for them then), not before they start."""
    from pbbatch import monthly

    return monthly


def rewrite_briefs(config: Config, month: Month) -> list[Path]:
    """Writes the stored briefs of the month (and its quarter) again, in the configured locale, without reading
    the inbox: for a locale change, or a brief lost or spoiled."""
    from pbbatch.history import store as history
    from pbbatch.briefs.write import write_briefs

    kinds = [(str(month), "departments")] + ([(str(month.quarter), "branches")] if month.ends_quarter else [])
    with faults_as_messages(config):
        briefs = [history.load_brief(config.history, period, kind) for period, kind in kinds]
    if any(b is None for b in briefs):
        raise RunError([message("brief.not_stored", config.locale, period=month)])
    folder = config.output / str(month)
    with faults_as_messages(config), locked(config):
        folder.mkdir(parents=True, exist_ok=True)
        return [folder / name for name in write_briefs(folder, briefs, config.locale)]


def stored_period(config: Config, text: str) -> tuple[str, int, str]:
    """The stored month or quarter that `text` names: (period, units, source); a RunError if it is none."""
    from pbbatch.history import store as history
    from pbbatch.core.periods import parse_period

    period = parse_period(text)
    if period is None or period.kind not in ("month", "quarter"):
        raise RunError([message("history.bad_period", config.locale, value=text)])
    stored = stored_history(config)
    row = stored[stored["period"] == str(period)]
    if row.empty:
        raise RunError([message("history.not_stored", config.locale, period=period)])
    return str(period), int(row["units"].iloc[0]), str(row["source"].iloc[0])


def remove_history(config: Config, period: str) -> int:
    """Removes a stored period (after the caller has confirmed it); its output folder is left alone."""
    from pbbatch.history import store as history

    with locked(config), faults_as_messages(config):
        history.back_up(config.history)  # removing is undone by restoring this copy
        return history.remove_period(config.history, period)


def import_history(config: Config, path: Path) -> tuple[pd.DataFrame, list]:
    """Seed the history store from a workbook of earlier results; nothing is stored if any row is bad."""
    from pbbatch.history.seed import parse_history

    try:
        registry = load_registry(config.registry, config.locale)
        book = read_workbook(path, limits=HISTORY_LIMITS)
    except RegistryError as exc:
        raise RunError(exc.messages) from None
    except UnreadableWorkbook as exc:
        raise RunError([f"{path.name}: " + exc.text(config.locale)]) from None
    frame, problems = parse_history(book, registry, config.locale, config.band_coefficients)
    if problems or frame.empty:
        return frame, problems
    with faults_as_messages(config), locked(config):
        from pbbatch.history import store as history

        history.replace_periods(config.history, frame, path.name)
    return frame, []


def stored_history(config: Config) -> pd.DataFrame:
    """The stored periods, where each came from and how many units each holds."""
    from pbbatch.history import store as history

    with faults_as_messages(config):
        return history.stored_periods(config.history)
