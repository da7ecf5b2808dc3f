"""The command line: a thin layer that calls the library and turns its errors into clean messages."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from .catalogue import DEFAULT_LOCALE, label, message
from .config import ConfigError, load_config
from .expected import missing_reason
from .periods import parse_month, parse_period, previous_calendar_month
from .pipeline import EXIT_NOTHING_WRITTEN, Intake, RunError, read_inbox, run

config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("config.toml"),
    show_default=True, help="The config file; paths in it are relative to its folder.",
)


def _fail(messages: list[str]) -> None:
    for line in messages:
        click.echo(line, err=True)
    raise SystemExit(EXIT_NOTHING_WRITTEN)


def _config(path: Path):
    try:
        return load_config(path)
    except ConfigError as exc:
        _fail(exc.messages)


def _month(value: str | None, locale: str):
    if value is None:
        return previous_calendar_month()
    try:
        return parse_month(value)
    except ValueError:
        _fail([message("run.bad_period", locale, value=value)])


@click.group()
@click.version_option(package_name="pbbatch")
def cli() -> None:
    """pbbatch: the monthly batch of party-building target performance management (黨建目標績效管理)."""


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--config", "config_name", default="config.toml", show_default=True,
              help="The name of the config file to create in FOLDER.")
def init(folder: Path, config_name: str) -> None:
    """Make a ready working folder FOLDER: config.toml, a sample 名冊.xlsx, inbox/ and output/.

    Nothing already there is overwritten."""
    from .workspace import create_workspace

    created, existing = create_workspace(folder, Path(config_name).name)
    for path in existing:
        click.echo(message("cli.init_exists", DEFAULT_LOCALE, path=path), err=True)
    click.echo(message("cli.init_done", DEFAULT_LOCALE, path=folder))


@cli.command()
@click.option("--period", required=True, help="A month, e.g. 2026-03 (at quarter end with the quarter's forms), "
                                             "or a quarter, e.g. 2026-Q1 (only the quarter's forms).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the forms (default: <output>/blank_forms/<period>).")
@config_option
def templates(period: str, out_dir: Path | None, config_path: Path) -> None:
    """Write the blank forms expected for PERIOD, one per submitter, pre-filled and ready to hand out."""
    from .blank_forms import write_blank_forms
    from .registry import RegistryError, load_registry

    config = _config(config_path)
    chosen = parse_period(period)
    if chosen is None:
        _fail([message("run.bad_period", config.locale, value=period)])
    try:
        registry = load_registry(config.registry, config.locale)
    except RegistryError as exc:
        _fail(exc.messages)
    out_dir = out_dir or config.output / label("file.forms_folder", config.locale) / str(chosen)
    paths = write_blank_forms(registry, config, chosen, out_dir)
    click.echo(message("cli.forms_written", config.locale, count=len(paths), path=out_dir))


@cli.command()
@click.option("--period", required=True, help="The month to check, e.g. 2026-03.")
@config_option
def check(period: str, config_path: Path) -> None:
    """Read and validate the inbox; print what is accepted, rejected and missing. Writes nothing."""
    config = _config(config_path)
    try:
        intake = read_inbox(config, _month(period, config.locale))
    except RunError as exc:
        _fail(exc.messages)
    _print_intake(intake, config.locale)
    raise SystemExit(intake.exit_code)


@cli.command(name="run")
@click.option("--period", default=None, help="The month to run, e.g. 2026-03 (default: the previous month).")
@click.option("--quiet", is_flag=True, help="No progress line, even on a terminal.")
@click.option("--timings", is_flag=True, help="Print the wall time of each pipeline stage to standard error.")
@config_option
def run_command(period: str | None, quiet: bool, timings: bool, config_path: Path) -> None:
    """The monthly batch: validate, score, rank and write every output for the month."""
    config = _config(config_path)
    progress = None if quiet else TerminalProgress(message("cli.reading", config.locale))
    try:
        result = run(config, _month(period, config.locale), progress)
    except RunError as exc:
        _fail(exc.messages)
    finally:
        if progress:
            progress.close()
    _print_intake(result.intake, config.locale)
    click.echo(message("cli.written", config.locale))
    for path in result.files:
        click.echo(f"  {path}")
    if timings:
        for stage, seconds in result.timings.items():
            click.echo(f"timing\t{stage}\t{seconds:.3f}", err=True)
    raise SystemExit(result.exit_code)


class TerminalProgress:
    """'Reading files 120/900' on standard error, only on a terminal and only once a run has taken a second."""

    def __init__(self, text: str, after: float = 1.0):
        import time

        self.text, self.after, self.start, self.shown = text, after, time.monotonic(), False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        import time

        if self.enabled and (self.shown or time.monotonic() - self.start >= self.after):
            self.shown = True
            click.echo(f"\r{self.text} {done}/{total}", nl=False, err=True)

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)


@cli.command()
@click.option("--period", required=True, help="A month already run, e.g. 2026-03.")
@config_option
def brief(period: str, config_path: Path) -> None:
    """Write the review-meeting briefs of a month already run again (and its quarter's at quarter end),
    from the stored results, in the configured locale, without reading the inbox."""
    from .pipeline import rewrite_briefs

    config = _config(config_path)
    try:
        paths = rewrite_briefs(config, _month(period, config.locale))
    except RunError as exc:
        _fail(exc.messages)
    click.echo(message("cli.written", config.locale))
    for path in paths:
        click.echo(f"  {path}")


@cli.group(name="history")
def history_group() -> None:
    """The stored results that the streak rules and the quarterly payout read."""


@history_group.command(name="list")
@config_option
def history_list(config_path: Path) -> None:
    """Show the stored periods, where each came from, and how many units each holds."""
    from .pipeline import stored_history

    config = _config(config_path)
    try:
        stored = stored_history(config)
    except RunError as exc:
        _fail(exc.messages)
    if stored.empty:
        click.echo(message("history.empty", config.locale))
    for row in stored.itertuples(index=False):
        click.echo(f"{row.period}\t{row.units}\t{row.source}")


@history_group.command(name="remove")
@click.argument("period")
@click.option("--yes", is_flag=True, help="Remove without asking first.")
@config_option
def history_remove(period: str, yes: bool, config_path: Path) -> None:
    """Remove the stored results of PERIOD (a month such as 2026-03, or a quarter such as 2026-Q1), to undo a
    wrong run. Says what will go and asks first; the period's output folder is left alone."""
    from .pipeline import remove_history, stored_period

    config = _config(config_path)
    try:
        chosen, units, source = stored_period(config, period)
        click.echo(message("history.will_remove", config.locale, period=chosen, units=units, source=source))
        if not yes and not click.confirm(message("history.confirm_remove", config.locale), default=False):
            click.echo(message("history.kept", config.locale))
            raise SystemExit(1)
        remove_history(config, chosen)
    except RunError as exc:
        _fail(exc.messages)
    click.echo(message("history.removed", config.locale, period=chosen))


@history_group.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
def history_import(file: Path, config_path: Path) -> None:
    """Seed the history from earlier results in FILE (a sheet with 期間, 單位編號, 排名, 綜合得分, 一票否決, 負責人,
    and for branches 排名靠後 and 墊底). All or nothing: any bad row and nothing is stored."""
    from .pipeline import import_history

    config = _config(config_path)
    try:
        frame, problems = import_history(config, file)
    except RunError as exc:
        _fail(exc.messages)
    for p in problems:
        click.echo(f"{p.file} {'!'.join(x for x in (p.sheet, p.cell) if x)} {p.message}", err=True)
    if problems:
        click.echo(message("history.nothing_stored", config.locale), err=True)
        raise SystemExit(1)
    periods = "、".join(sorted(set(frame["period"])))
    click.echo(message("history.imported", config.locale, rows=len(frame), periods=periods))


def main() -> None:
    """The `pbbatch` program. When it ends, the collector's last pass over the run's objects (a tenth of a
    second at the benchmark's 10x) is skipped: the process exit frees them anyway."""
    try:
        cli(prog_name="pbbatch")
    finally:
        gc.freeze()


def _print_intake(intake: Intake, locale: str) -> None:
    click.echo(message(
        "cli.summary", locale, period=intake.month, files=len(intake.outcomes), accepted=intake.count("accepted"),
        rejected=intake.count("rejected"), superseded=intake.count("superseded"),
        other_period=intake.count("skipped", "skip.other_period"),
        skipped=intake.count("skipped") - intake.count("skipped", "skip.other_period"),
        missing=len(intake.missing),
    ))
    problems = [p for o in intake.outcomes for p in o.problems]
    if problems:
        click.echo(message("cli.problems", locale))
        for p in problems:
            where = "!".join(x for x in (p.sheet, p.cell) if x)
            click.echo(f"  [{label('level.' + p.level, locale)}] {p.file} {where} {p.message}")
    if len(intake.missing):
        click.echo(message("cli.missing", locale))
        for m in intake.missing.itertuples(index=False):
            form = label(f"form.{m.form}", locale) + (f"/{label('rating.' + m.rating_type, locale)}" if m.rating_type else "")
            code = m.submitter_id or m.subject_id
            who = intake.registry.name_of(code)
            arrived = f" ({m.file})" if m.file else ""
            click.echo(f"  {form} {m.period} {code} {who}: {missing_reason(m.reason, m.detail, locale)}{arrived}")
