"""The command line: a thin layer that calls the library and turns its errors into clean messages."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from pbbatch.core.catalogue import DEFAULT_LOCALE, LOCALES, help_text, label, message, visible
from pbbatch.core.config import ConfigError, load_config
from pbbatch.intake.expected import missing_reason
from pbbatch.core.records import CORRECTED
from pbbatch.core.periods import Month, parse_month, parse_period, previous_calendar_month
from pbbatch.core.errors import PbbatchError
from pbbatch.intake.read import EXIT_NOTHING_WRITTEN, Intake
from pbbatch.run import check_inbox, run
from pbbatch.core.processes import Stopped, stop_on_signals, stop_received

OPTION_SEP = " / "


class BilingualCommand(click.Command):
    """A command whose --help option is described in Chinese and English like every other option."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = help_text("opt.help", OPTION_SEP)
        return option


class BilingualGroup(BilingualCommand, click.Group):
    command_class = BilingualCommand
    group_class = type  # subgroups are of this class too


def described(key: str) -> dict:
    """The help and short help of command `key`, from the catalogue."""
    return {"help": help_text(key), "short_help": help_text(f"{key}.short", OPTION_SEP)}


config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("config.toml"),
    show_default=True, help=help_text("opt.config", OPTION_SEP),
)


def _echo(line: str, err: bool = False) -> None:
    """A line to the terminal, inert: text from files (names, cells) can carry escape sequences that would
    rewrite what is already on the screen."""
    click.echo(visible(line), err=err)


def _fail(lines: list[str]) -> None:
    """The lines on standard error, and exit 2: nothing was written."""
    for line in lines:
        _echo(line, err=True)
    raise SystemExit(EXIT_NOTHING_WRITTEN)


_stop_locale = DEFAULT_LOCALE  # the locale of the config in use, for the message when a signal stops a command


def _config(path: Path):
    global _stop_locale
    try:
        config = load_config(path)
    except ConfigError as exc:
        _fail(exc.shown())
    _stop_locale = config.locale
    return config


def _stopped(exc: Stopped, text: str) -> None:
    click.echo(text, err=True)
    raise SystemExit(exc.exit_code)


def _month(value: str | None, locale: str):
    if value is None:
        return previous_calendar_month()
    try:
        return parse_month(value)
    except ValueError:
        _fail([message("run.bad_period", locale, value=value)])


@click.group(cls=BilingualGroup, **described("cli"))
@click.version_option(package_name="pbbatch", help=help_text("opt.version", OPTION_SEP))
def cli() -> None:
    pass


@cli.command(**described("init"))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--config", "config_name", default="config.toml", show_default=True,
              help=help_text("opt.init_config", OPTION_SEP))
@click.option("--locale", type=click.Choice(LOCALES), default=DEFAULT_LOCALE, show_default=True,
              help=help_text("opt.init_locale", OPTION_SEP))
def init(folder: Path, config_name: str, locale: str) -> None:
    from pbbatch.setup.workspace import create_workspace

    created, existing = create_workspace(folder, Path(config_name).name, locale)
    for path in existing:
        click.echo(message("cli.init_exists", locale, path=path), err=True)
    click.echo(message("cli.init_done", locale, path=folder))


@cli.command(**described("templates"))
@click.option("--period", required=True, help=help_text("opt.templates_period", OPTION_SEP))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=help_text("opt.templates_out", OPTION_SEP))
@config_option
def templates(period: str, out_dir: Path | None, config_path: Path) -> None:
    from pbbatch.setup.blank_forms import write_blank_forms
    from pbbatch.intake.read import read_letters
    from pbbatch.intake.registry_file import load_registry

    config = _config(config_path)
    chosen = parse_period(period)
    if chosen is None:
        _fail([message("run.bad_period", config.locale, value=period)])
    try:
        registry = load_registry(config.registry)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    out_dir = out_dir or config.output / label("file.forms_folder", config.locale) / str(chosen)
    try:  # a month's 目標考核表 carry the targets of the year's counted responsibility letters
        letters = read_letters(config, chosen, registry) if isinstance(chosen, Month) else None
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    paths = write_blank_forms(registry, config, chosen, out_dir, letters=letters)
    click.echo(message("cli.forms_written", config.locale, count=len(paths), path=out_dir))


@cli.command(**described("check"))
@click.option("--period", required=True, help=help_text("opt.check_period", OPTION_SEP))
@config_option
def check(period: str, config_path: Path) -> None:
    config = _config(config_path)
    try:
        intake = check_inbox(config, _month(period, config.locale))
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    _print_intake(intake, config.locale)
    _write_board(config, intake)
    raise SystemExit(intake.exit_code)


def _write_board(config, intake: Intake) -> None:
    """The site's collection board: where it is, or why it was not updated. The check's own status stands."""
    from pbbatch.run import write_check_board

    try:
        path = write_check_board(config, intake)
    except PbbatchError as exc:
        for line in exc.render(config.locale):
            _echo(line, err=True)
        return
    if path is None:
        click.echo(message("cli.board_locked", config.locale, path=config.output), err=True)
    else:
        click.echo(message("cli.board_written", config.locale, path=path))


@cli.command(name="run", **described("run"))
@click.option("--period", default=None, help=help_text("opt.run_period", OPTION_SEP))
@click.option("--quiet", is_flag=True, help=help_text("opt.quiet", OPTION_SEP))
@click.option("--timings", is_flag=True, help=help_text("opt.timings", OPTION_SEP))
@config_option
def run_command(period: str | None, quiet: bool, timings: bool, config_path: Path) -> None:
    config = _config(config_path)
    month = _month(period, config.locale)
    progress = None if quiet else TerminalProgress(message("cli.reading", config.locale))
    try:
        result = run(config, month, progress)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    except Stopped as exc:
        if progress:
            progress.close()
        _stopped(exc, message("run.stopped", config.locale, signal=exc.name, path=config.output / str(month)))
    finally:
        if progress:
            progress.close()
    _print_intake(result.intake, config.locale)
    if result.notes:
        click.echo(message("cli.rules_changed", config.locale))
    for note in result.notes:
        _echo(message("cli.rule_change", config.locale, level=label(f"level.{note.level}", config.locale),
                      file=note.file, text=note.render(config.locale)))
    click.echo(message("cli.written", config.locale))
    for path in result.files:
        click.echo(f"  {path}")
    click.echo(message("cli.site_written", config.locale, path=config.output / "site" / "index.html"))
    if result.draft:
        click.echo(message("cli.draft", config.locale))
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
            self.shown = False
            click.echo("", err=True)


@cli.command(**described("brief"))
@click.option("--period", required=True, help=help_text("opt.brief_period", OPTION_SEP))
@config_option
def brief(period: str, config_path: Path) -> None:
    from pbbatch.run import rewrite_briefs

    config = _config(config_path)
    try:
        paths = rewrite_briefs(config, _month(period, config.locale))
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    click.echo(message("cli.written", config.locale))
    for path in paths:
        click.echo(f"  {path}")


@cli.command(**described("annual"))
@click.option("--year", "year_text", required=True, help=help_text("opt.annual_year", OPTION_SEP))
@config_option
def annual(year_text: str, config_path: Path) -> None:
    from pbbatch.annual.stored import parse_year
    from pbbatch.run import write_year

    config = _config(config_path)
    year = parse_year(year_text)
    if year is None:
        _fail([message("annual.bad_year", config.locale, value=year_text)])
    try:
        paths = write_year(config, year)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    click.echo(message("cli.written", config.locale))
    for path in paths:
        click.echo(f"  {path}")


@cli.command(name="site", **described("site"))
@config_option
def site_command(config_path: Path) -> None:
    from pbbatch.run import rebuild_site

    config = _config(config_path)
    try:
        folder = rebuild_site(config)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    click.echo(message("cli.site_written", config.locale, path=folder / "index.html"))


@cli.command(**described("notices"))
@click.option("--period", required=True, help=help_text("opt.notices_period", OPTION_SEP))
@config_option
def notices(period: str, config_path: Path) -> None:
    from pbbatch.run import rewrite_notices

    config = _config(config_path)
    try:
        paths = rewrite_notices(config, _month(period, config.locale))
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    folder = paths[0].parent if paths else config.output / period
    click.echo(message("cli.notices_written", config.locale, count=len(paths) // 2, path=folder))


@cli.command(**described("letters"))
@click.option("--year", required=True, help=help_text("opt.letters_year", OPTION_SEP))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=help_text("opt.letters_out", OPTION_SEP))
@config_option
def letters(year: str, out_dir: Path | None, config_path: Path) -> None:
    from pbbatch.run import write_year_letters

    config = _config(config_path)
    try:
        folder, count = write_year_letters(config, year, out_dir)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    click.echo(message("cli.letters_written", config.locale, count=count, path=folder))


@cli.group(name="history", **described("history"))
def history_group() -> None:
    pass


@history_group.command(name="list", **described("history.list"))
@config_option
def history_list(config_path: Path) -> None:
    from pbbatch.history import store as history
    from pbbatch.run import stored_history

    config = _config(config_path)
    try:
        stored = stored_history(config)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    if stored.empty:
        click.echo(message("history.empty", config.locale))
        return
    click.echo("\t".join(label(f"history.{column}", config.locale) for column in ("period", "units", "source")))
    for row in stored.itertuples(index=False):
        source = label("history.from_run", config.locale) if row.source == history.RUN_SOURCE else row.source
        click.echo(f"{row.period}\t{row.units}\t{visible(str(source))}")


@history_group.command(name="remove", **described("history.remove"))
@click.argument("period")
@click.option("--yes", is_flag=True, help=help_text("opt.yes", OPTION_SEP))
@config_option
def history_remove(period: str, yes: bool, config_path: Path) -> None:
    """Remove the stored results of PERIOD (a month such as 2026-03, or a quarter such as 2026-Q1), to undo a
    wrong run. Says what will go and asks first; the period's output folder is left alone."""
    from pbbatch.run import remove_history, stored_period

    config = _config(config_path)
    try:
        chosen, units, source = stored_period(config, period)
        click.echo(message("history.will_remove", config.locale, period=chosen, units=units, source=source))
        if not yes and not click.confirm(message("history.confirm_remove", config.locale), default=False):
            click.echo(message("history.kept", config.locale))
            raise SystemExit(1)
        remove_history(config, chosen)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    click.echo(message("history.removed", config.locale, period=chosen))


@history_group.command(name="import", **described("history.import"))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
def history_import(file: Path, config_path: Path) -> None:
    from pbbatch.run import import_history

    config = _config(config_path)
    try:
        frame, problems = import_history(config, file)
    except PbbatchError as exc:
        _fail(exc.render(config.locale))
    for p in problems:
        _echo(f"{p.file} {p.where(config.locale)} {p.render(config.locale)}", err=True)
    if problems:
        click.echo(message("history.nothing_stored", config.locale), err=True)
        raise SystemExit(1)
    periods = "、".join(sorted(set(frame["period"])))
    click.echo(message("history.imported", config.locale, rows=len(frame), periods=periods))


def main() -> None:
    """The `pbbatch` program. SIGINT, SIGTERM and SIGHUP stop it cleanly, with the exit status 128 + the signal's
    number (130, 143, 129). When it ends, the collector's last pass over the run's objects (a tenth of a
    second at the benchmark's 10x) is skipped: the process exit frees them anyway."""
    stop_on_signals()
    try:
        cli(prog_name="pbbatch")
    except Stopped as exc:
        _stopped(exc, message("cli.stopped", _stop_locale, signal=exc.name))
    except SystemExit as exc:
        swallowed = stop_received()
        if swallowed is not None and exc.code != 128 + swallowed:  # the command went on: still say it was stopped
            _stopped(Stopped(swallowed), message("cli.stopped", _stop_locale, signal=Stopped(swallowed).name))
        raise
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
    problems = [(p, o) for o in intake.outcomes for p in o.problems]
    if problems:
        click.echo(message("cli.problems", locale))
        for p, o in problems:
            corrected = f" ({o.note_text(locale)})" if o.status == CORRECTED else ""
            _echo(f"  [{label('level.' + p.level, locale)}] {p.file} {p.where(locale)} {p.render(locale)}{corrected}")
    if len(intake.missing):
        click.echo(message("cli.missing", locale))
        for m in intake.missing.itertuples(index=False):
            form = label(f"form.{m.form}", locale) + (f"/{label('rating.' + m.rating_type, locale)}" if m.rating_type else "")
            code = m.submitter_id or m.subject_id
            who = intake.registry.name_of(code)
            arrived = f" ({m.file})" if m.file else ""
            _echo(f"  {form} {m.period} {code} {who}: {missing_reason(m.reason, m.detail, locale)}{arrived}")
