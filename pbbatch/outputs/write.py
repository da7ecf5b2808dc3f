"""Writing every output of a run into a folder, on both cores: a forked process writes the departments' workbook
and the processing report while this one writes the branches' workbook and the briefs, and the two share the
letters to branches; the individual results are written by a process of their own alongside the site (see
people_files_alongside). A failure in a forked process comes back here as its own exception."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from pbbatch.assess.month import Assessment
from pbbatch.assess.staff import StaffMonth
from pbbatch.briefs.notices import letter_names, planned_letters, prepare_notices_folder, write_letter
from pbbatch.briefs.word import prepare_blank
from pbbatch.briefs.write import write_briefs
from pbbatch.core.config import Config
from pbbatch.core.faults import named_as_published
from pbbatch.core.processes import become_child, collector_frozen, signals_held_back
from pbbatch.core.records import Problem
from pbbatch.core.stopwatch import Stopwatch
from pbbatch.intake.read import Intake
from pbbatch.outputs.staff import write_staff_files
from pbbatch.outputs.workbooks import (
    branch_workbook,
    department_workbook,
    department_workbook_name,
    ledger_workbook,
    report_workbook,
    report_workbook_name,
)


def write_outputs(folder: Path, published: Path, intake: Intake, assessment: Assessment, briefs: list[dict],
                  config: Config, clock: Stopwatch | None = None, notes: list[Problem] = (),
                  letters: dict | None = None) -> list[str]:
    """Every file of the run into `folder` (the staging folder of `published`); returns their names. An OSError
    names the file where it would have been published. `notes`: the run's own problems, for the processing
    report. The letters to branches, a document each, are shared out between the two processes as each becomes
    free (a large company has hundreds)."""
    clock = clock or Stopwatch()
    planned = planned_letters(letters["notices"], letters["reminders"], config.locale) if letters else []
    target = prepare_notices_folder(folder, planned, config.locale)
    shared = SharedTurns(len(planned))

    def letters_in_turn() -> None:
        for i in shared.turns():
            write_letter(target, planned[i], config)

    def job() -> None:
        department_files(folder, intake, assessment, config, notes)
        letters_in_turn()

    if planned:
        prepare_blank(config.locale)  # both writers make letters: the blank once, here, inherited by the fork
    with named_as_published(folder, published), in_background(job) as wait_for_writer:
        with clock("write outputs"):
            written = branch_and_brief_files(folder, intake, assessment, briefs, config)
            letters_in_turn()
            wait_for_writer()
    return [department_workbook_name(intake.month, config), report_workbook_name(intake.month, config), *written,
            *letter_names(planned, config.locale)]


@contextlib.contextmanager
def people_files_alongside(folder: Path, published: Path, staff: StaffMonth, config: Config,
                           clock: Stopwatch | None = None) -> Iterator[Callable[[], None]]:
    """The individual results (§9, staff_file_names) written into `folder` by a forked process while the block
    runs; yields `go`, which lets it begin. They are the only outputs that grow with the company's people, and
    nothing else needs them: the run writes its site meanwhile, which keeps one core of the two busy, and the
    process uses the other. It is forked before the other writers and waits for `go`: forked when the site
    begins, every page of memory the site then touched was copied (the process still held the original), which
    cost the site 0.1 s. Leaving the block lets it begin if it has not, and waits for the files (an error of
    theirs is raised here); a block that fails kills the process."""
    clock = clock or Stopwatch()
    ready = multiprocessing.get_context("fork").Event() if _CAN_FORK else None  # without fork: written at once

    def job() -> None:
        if ready is not None:
            ready.wait()
        write_staff_files(folder, staff, config)

    go = ready.set if ready is not None else (lambda: None)
    with named_as_published(folder, published), in_background(job) as wait_for_writer:
        yield go
        go()
        with clock("people's files (waited for)"):
            wait_for_writer()


def department_files(folder: Path, intake: Intake, assessment: Assessment, config: Config,
                     notes: list[Problem] = ()) -> list[str]:
    """The departments' workbook and the processing report."""
    a = assessment
    return [department_workbook(folder, intake, a.departments, a.payout, config, a.draft),
            report_workbook(folder, intake, config, notes)]


def branch_and_brief_files(folder: Path, intake: Intake, assessment: Assessment, briefs: list[dict],
                           config: Config) -> list[str]:
    """The branches' workbook (quarter-end months), the briefs and the rectification ledger."""
    a = assessment
    names = [branch_workbook(folder, intake, a.branches, config, a.draft)] if a.branches is not None else []
    names += write_briefs(folder, briefs, config.locale)
    names.append(ledger_workbook(folder, a.rectification, intake.registry, config))
    return names


class SharedTurns:
    """Indexes 0..count-1 handed out one at a time to whichever process asks next, this one or a process forked
    after it was made: each index goes to exactly one of them."""

    def __init__(self, count: int):
        self.count = count
        self.next = multiprocessing.get_context("fork" if _CAN_FORK else "spawn").Value("i", 0)

    def turns(self) -> Iterator[int]:
        while True:
            with self.next.get_lock():
                i = self.next.value
                self.next.value = i + 1
            if i >= self.count:
                return
            yield i


_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()


class BackgroundFailed(RuntimeError):
    """The forked writer ended without saying why (killed, say)."""


@contextlib.contextmanager
def in_background(job: Callable[[], object]) -> Iterator[Callable[[], None]]:
    """Runs `job` in a forked process while the block runs; yields a function that waits for it and raises the
    job's own exception if it failed, called at the block's end if not before. Without fork, runs the job first,
    here. Either way the job has ended when the block is left: if the block fails or is stopped, the job's work
    is not wanted and the process is killed rather than waited for."""
    if "fork" not in multiprocessing.get_all_start_methods():
        job()
        yield lambda: None
        return
    reader, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_as_child, args=(job, os.getpid(), sender))

    def wait() -> None:
        process.join()
        if process.exitcode != 0:
            if reader.poll():
                raise reader.recv()
            raise BackgroundFailed(f"writing in a background process failed (exit code {process.exitcode})")

    try:
        with signals_held_back():  # fork runs hooks that would swallow the exception a signal raises
            with collector_frozen():  # the child never walks the parent's objects: no page is copied for it
                process.start()
        yield wait
        wait()
    except BaseException:
        if process.pid is not None:
            process.kill()  # a no-op once the job has ended
            process.join()
        raise
    finally:
        sender.close()
        reader.close()


def _as_child(job: Callable[[], object], parent: int, sender) -> None:
    become_child(parent, quiet=False)
    try:
        job()
    except Exception as exc:  # sent to the parent, which raises it; no traceback printed here
        try:
            sender.send(exc)
        except Exception:  # an exception that cannot be pickled: its text, then
            sender.send(BackgroundFailed(f"{type(exc).__name__}: {exc}"))
        os._exit(1)
