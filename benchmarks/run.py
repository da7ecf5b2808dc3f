"""Times `pbbatch run` on the synthetic companies against a floor: just reading every cell of the same inbox.

    python benchmarks/run.py [--scales 1 10 100] [--repeat 5] [--work /tmp/pbbench]

For each scale, generates the company if it is missing (generate.py), then times whole processes, alternated
floor, read_excel, run, floor, read_excel, run ...: the floor is one `python -c` that imports pandas and
python_calamine and reads every sheet of every inbox workbook with python-calamine; read_excel is the same reading
done the usual pandas way, `pandas.read_excel(..., engine="calamine")`, a second reference; the run is
`python -m pbbatch run --period 2026-03 --quiet --timings`, with the previous run's output and history deleted
first. Wall time is measured around each child,
its own peak RSS with os.wait4. Prints the medians, and writes the same tables to benchmarks/results.md.
Exits 1 if a run fails (with the generated inbox, every file is accepted and nothing is missing: exit 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import generate
from common import CONFIG, DEFAULT_SCALES, DEFAULT_WORK, HISTORY, INBOX, OUTPUT, PERIOD, megabytes, median, \
    scale_dir

RESULTS = Path(__file__).resolve().parent / "results.md"
BIG_SCALE = 10  # above this, one repetition by default

FLOOR_CODE = """\
import sys
from pathlib import Path
import pandas, python_calamine
paths, rows, unreadable = sorted(Path(sys.argv[1]).glob("*.xlsx")), 0, 0
for path in paths:
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            rows += len(book.get_sheet_by_name(name).to_python())
    except Exception:  # a broken file costs its attempt; pbbatch rejects it
        unreadable += 1
print(len(paths), rows, unreadable)
"""

# The same reading as most pandas programs do it: a DataFrame per sheet. Not the floor (it costs pandas' frame
# building as well), but what "reading the files" usually means, so the ratio to it is printed too.
READ_EXCEL_CODE = """\
import sys
from pathlib import Path
import pandas
paths, rows, unreadable = sorted(Path(sys.argv[1]).glob("*.xlsx")), 0, 0
for path in paths:
    try:
        for frame in pandas.read_excel(path, sheet_name=None, header=None, engine="calamine").values():
            rows += len(frame)
    except Exception:  # as in the floor
        unreadable += 1
print(len(paths), rows, unreadable)
"""


# ---------------------------------------------------------------- one child process


@dataclass
class Sample:
    seconds: float
    peak_mb: float  # the child's maximum resident set size (or that of its largest reaped descendant)
    cpu_seconds: float  # user + system, the descendants it reaped (pbbatch's worker processes) included
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    def timings(self) -> dict[str, float]:
        """pbbatch's `timing\\t<stage>\\t<seconds>` lines."""
        laps = {}
        for line in self.stderr.splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[0] == "timing":
                laps[parts[1]] = float(parts[2])
        return laps


def _limit_memory(limit_bytes: int | None):
    if not limit_bytes:
        return None
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def measure(command: list[str], cwd: Path, timeout: float | None, memory_limit: int | None) -> Sample:
    """Runs `command` to its end; wall time around the child, its peak RSS from wait4 (KiB on Linux)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, preexec_fn=_limit_memory(memory_limit))
        timed_out = threading.Event()
        timer = threading.Timer(timeout, lambda: (timed_out.set(), child.kill())) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        if timer:
            timer.cancel()
        out.seek(0)
        err.seek(0)
        return Sample(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, child.returncode,
                      out.read().decode(errors="replace"), err.read().decode(errors="replace"), timed_out.is_set())


def floor_command(folder: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR_CODE, str(folder / INBOX)]


def read_excel_command(folder: Path) -> list[str]:
    return [sys.executable, "-c", READ_EXCEL_CODE, str(folder / INBOX)]


def run_command(folder: Path, config: str = CONFIG) -> list[str]:
    return [sys.executable, "-m", "pbbatch", "run", "--period", PERIOD, "--quiet", "--timings",
            "--config", str(folder / config)]


def clear_outputs(folder: Path) -> None:
    """The previous run's output and history, so that every run does the same work."""
    shutil.rmtree(folder / OUTPUT, ignore_errors=True)
    (folder / HISTORY).unlink(missing_ok=True)


# ---------------------------------------------------------------- one scale


@dataclass
class ScaleResult:
    scale: int
    facts: dict  # the generator's marker: workbooks, rows, bytes, seconds ...
    floors: list[Sample] = field(default_factory=list)
    read_excels: list[Sample] = field(default_factory=list)
    runs: list[Sample] = field(default_factory=list)
    failure: str = ""

    def floor_seconds(self) -> float | None:
        return median([s.seconds for s in self.floors])

    def read_excel_seconds(self) -> float | None:
        return median([s.seconds for s in self.read_excels])

    def run_seconds(self) -> float | None:
        return median([s.seconds for s in self.runs if s.returncode == 0])

    def run_cpu_seconds(self) -> float | None:
        return median([s.cpu_seconds for s in self.runs if s.returncode == 0])

    def stage_seconds(self) -> dict[str, float]:
        good = [s.timings() for s in self.runs if s.returncode == 0]
        stages = list(dict.fromkeys(stage for laps in good for stage in laps))
        return {stage: median([laps[stage] for laps in good if stage in laps]) for stage in stages}


def _failure(what: str, sample: Sample) -> str:
    if sample.timed_out:
        return f"{what} stopped after {sample.seconds:.1f} s (--timeout)"
    # pbbatch prints its summary, then the problems and what is missing; a crash ends in a traceback on stderr.
    head = sample.stdout.strip().splitlines()[:12]
    errors = [line for line in sample.stderr.strip().splitlines() if not line.startswith("timing\t")][-8:]
    return f"{what} exited {sample.returncode} after {sample.seconds:.1f} s:\n" + "\n".join(head + errors)


def bench_scale(scale: int, folder: Path, repeat: int, timeout: float | None, memory_limit: int | None,
                staff: int = 0) -> ScaleResult:
    result = ScaleResult(scale, generate.ensure(scale, folder, staff=staff))
    references = (("floor", floor_command, result.floors), ("read_excel", read_excel_command, result.read_excels))
    for n in range(1, repeat + 1):
        for what, command, samples in references:
            sample = measure(command(folder), folder, timeout, memory_limit)
            _report(scale, what, n, repeat, sample)
            if sample.returncode != 0:
                result.failure = _failure(what, sample)
                return result
            samples.append(sample)
        clear_outputs(folder)
        run = measure(run_command(folder), folder, timeout, memory_limit)
        _report(scale, "run", n, repeat, run)
        result.runs.append(run)
        if run.returncode != 0:
            result.failure = _failure("pbbatch run", run)
            break
    return result


def _report(scale: int, what: str, n: int, repeat: int, sample: Sample) -> None:
    status = "" if sample.returncode == 0 else f", exit {sample.returncode}"
    print(f"  {scale}x {what} {n}/{repeat}: {sample.seconds:.2f} s (CPU {sample.cpu_seconds:.2f} s), "
          f"peak {sample.peak_mb:,.0f} MB{status}", flush=True)


# ---------------------------------------------------------------- tables


def _number(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _ratio(run: float | None, reference: float | None) -> str:
    return _number(run / reference if run and reference else None, 1)


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[c]) for r in rows)) if rows else len(h) for c, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|", *map(line, rows)])


def figures_table(results: list[ScaleResult]) -> str:
    headers = ["scale", "workbooks", "data rows", "inbox MB", "generation s", "repeats", "floor s", "read_excel s",
               "run s", "run/floor", "run/read_excel", "run CPU s", "floor peak MB", "run peak MB"]
    rows = []
    for r in results:
        floor, read_excel, run = r.floor_seconds(), r.read_excel_seconds(), r.run_seconds()
        rows.append([
            f"{r.scale}x", f"{r.facts['workbooks']:,}", f"{r.facts['rows']:,}", _number(megabytes(r.facts["bytes"]), 1),
            _number(r.facts["seconds"], 1), f"{len(r.runs)}", _number(floor), _number(read_excel), _number(run),
            _ratio(run, floor), _ratio(run, read_excel), _number(r.run_cpu_seconds(), 1),
            _number(max((s.peak_mb for s in r.floors), default=None), 0),
            _number(max((s.peak_mb for s in r.runs), default=None), 0),
        ])
    return markdown_table(headers, rows)


def stages_table(results: list[ScaleResult]) -> str:
    per_scale = [r.stage_seconds() for r in results]
    stages = list(dict.fromkeys(stage for laps in per_scale for stage in laps))
    rows = [[stage, *(_number(laps.get(stage)) for laps in per_scale)] for stage in stages]
    return markdown_table(["stage (median s)", *(f"{r.scale}x" for r in results)], rows)


def environment() -> str:
    return (f"{dt.date.today().isoformat()}, nproc {len(os.sched_getaffinity(0))}, Python {platform.python_version()}, "
            f"pandas {version('pandas')}, python-calamine {version('python-calamine')}, "
            f"xlsxwriter {version('xlsxwriter')}, {platform.system()} {platform.machine()}")


def report(results: list[ScaleResult], argv: list[str]) -> str:
    failures = [f"- {r.scale}x: " + r.failure.replace("\n", "\n      ") for r in results if r.failure]
    parts = [
        "# pbbatch benchmark results", "",
        f"{environment()}.", "",
        f"Command: `python benchmarks/run.py {' '.join(argv)}`".rstrip() + ". floor = one process reading every "
        "sheet of every inbox workbook with python-calamine (after importing pandas); read_excel = the same files "
        "read with `pandas.read_excel(path, sheet_name=None, header=None, engine=\"calamine\")`; run = `pbbatch "
        "run --period 2026-03 --quiet --timings`. Times are wall-clock medians over the repeats; run CPU s = user + "
        "system time of pbbatch and the worker processes it reaps; peak MB = the largest ru_maxrss of the repeats "
        "as os.wait4 reports it: the largest single process (pbbatch or one of its workers), not their sum.", "",
        figures_table(results), "",
        "Pipeline stages (pbbatch `--timings`):", "",
        stages_table(results), "",
    ]
    if failures:
        parts += ["Failures:", "", *failures, ""]
    return "\n".join(parts)


# ---------------------------------------------------------------- main


def _physical_memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=list(DEFAULT_SCALES))
    parser.add_argument("--repeat", type=int, default=None,
                        help=f"repetitions per scale (default 5 up to {BIG_SCALE}x, 1 above)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where the companies are generated")
    parser.add_argument("--timeout", type=float, default=None, help="stop a child after this many seconds")
    parser.add_argument("--memory-limit-gb", type=float, default=round(_physical_memory() * 2 / 3 / 2**30),
                        help="address-space limit of each child, so a runaway run fails instead of swapping the "
                             "machine (default: 2/3 of RAM; 0 = none)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the Markdown file to write")
    parser.add_argument("--staff", type=int, default=0,
                        help="people per unit in the registry's 人員 sheet, each unit sending its 個人考評表 (§9)")
    args = parser.parse_args(argv)
    memory_limit = int(args.memory_limit_gb * 2**30) or None
    results: list[ScaleResult] = []
    for scale in args.scales:
        repeat = args.repeat or (5 if scale <= BIG_SCALE else 1)
        print(f"{scale}x: {repeat} repetition(s)", flush=True)
        results.append(bench_scale(scale, scale_dir(args.work, scale, args.staff), repeat, args.timeout, memory_limit,
                                   args.staff))
        args.results.write_text(report(results, argv), encoding="utf-8")  # after each scale: a later one may fail
        if results[-1].failure:
            print(f"  FAILED: {results[-1].failure}", flush=True)
    print()
    print(environment())
    print(figures_table(results))
    print()
    print(stages_table(results))
    print(f"\nwritten to {args.results}")
    return 1 if any(r.failure for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
