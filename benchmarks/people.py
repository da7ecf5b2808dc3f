"""What the individual assessment (contract §9) adds to a run: the same company without and with people.

    python benchmarks/people.py [--scale 10] [--staff 20] [--pairs 12] [--work /tmp/pbbench]

Generates both companies if missing (generate.py: with --staff N the registry has a 人員 sheet of N people per
unit and every unit sends its 個人考評表), then runs `pbbatch run` on them in alternation, --pairs times, which
goes first alternating: each pair runs back to back, so a machine that slows down or speeds up over the minutes
weighs on both sides of a pair alike. Both write into one output folder (work/people-output), emptied and synced
to disk before each run: the disk's state weighs on both alike too. Prints each pair's ratio, the medians (wall
and CPU), and each stage's median difference, and writes the same to benchmarks/results-people.md. Exits 1 if a
run fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

import generate
from common import CONFIG, DEFAULT_WORK, HISTORY, OUTPUT, scale_dir
from run import environment, measure, run_command

RESULTS = Path(__file__).resolve().parent / "results-people.md"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--staff", type=int, default=20, help="people per unit")
    parser.add_argument("--pairs", type=int, default=12)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    folders = [scale_dir(args.work, args.scale), scale_dir(args.work, args.scale, args.staff)]
    for folder, staff in zip(folders, (0, args.staff)):
        generate.ensure(args.scale, folder, staff=staff)
    shared = args.work / "people-output"
    for folder in folders:
        write_shared_config(folder, shared)
    pairs, stages, cpu = [], {0: [], 1: []}, {0: [], 1: []}
    for n in range(1, args.pairs + 1):
        pair = [0.0, 0.0]
        for side in (0, 1) if n % 2 else (1, 0):  # which goes first alternates: no side always runs second
            folder = folders[side]
            shutil.rmtree(shared, ignore_errors=True)
            os.sync()  # the deletion's and the last run's disk work done now, not inside the next run's time
            sample = measure(run_command(folder, SHARED_CONFIG), folder, None, None)
            if sample.returncode != 0:
                print(f"{folder}: the run exited {sample.returncode}\n{sample.stderr[-2000:]}", file=sys.stderr)
                return 1
            pair[side] = sample.seconds
            cpu[side].append(sample.cpu_seconds)
            stages[side].append(sample.timings())
        pairs.append(tuple(pair))
        print(f"pair {n}: {pair[0]:.2f} s, with people {pair[1]:.2f} s, +{pair[1] / pair[0] - 1:.1%}", flush=True)
    text = report(pairs, stages, cpu, args, argv)
    print(text)
    args.results.write_text(text, encoding="utf-8")
    return 0


SHARED_CONFIG = "config-people-benchmark.toml"


def write_shared_config(folder: Path, shared: Path) -> None:
    """The company's config with its output (and history) in `shared`, one folder for both companies. Where the
    files are created matters on its own: on this ext4 disk, two company folders aged by hundreds of runs
    created the site's 460 files 0.1-0.17 s apart, one way or the other, whatever the run wrote into them."""
    text = (folder / CONFIG).read_text(encoding="utf-8")
    paths = {"output": shared, "history": shared / Path(HISTORY).relative_to(OUTPUT)}
    for key, default in (("output", OUTPUT), ("history", HISTORY)):
        line = f'{key} = "{default}"'
        if line not in text:
            raise SystemExit(f"{folder / CONFIG}: no line {line!r} to point at {shared}")
        text = text.replace(line, f"{key} = {json.dumps(str(paths[key]))}")
    (folder / SHARED_CONFIG).write_text(text, encoding="utf-8")


def report(pairs: list[tuple[float, float]], stages: dict[int, list[dict]], cpu: dict[int, list[float]], args,
           argv: list[str]) -> str:
    ratios = sorted(b / a - 1 for a, b in pairs)
    cpu_ratios = sorted(b / a - 1 for a, b in zip(cpu[0], cpu[1]))
    names = list(dict.fromkeys(name for side in stages.values() for laps in side for name in laps))
    rows = []
    for name in names:
        before, after = (statistics.median(laps.get(name, 0.0) for laps in stages[side]) for side in (0, 1))
        rows.append(f"| {name} | {before:.2f} | {after:.2f} | {after - before:+.2f} |")
    return "\n".join([
        "# What the individual assessment adds to a run", "",
        f"{environment()}.", "",
        f"Command: `python benchmarks/people.py {' '.join(argv)}`".rstrip() + f". The {args.scale}x company, "
        f"without people and with {args.staff} per unit, run in alternation ({len(pairs)} pairs, wall-clock).", "",
        f"- median run without people: {statistics.median(a for a, _ in pairs):.2f} s; with: "
        f"{statistics.median(b for _, b in pairs):.2f} s",
        f"- median of the pairs' ratios: **+{statistics.median(ratios):.1%}** (each pair: "
        + ", ".join(f"{r:+.1%}" for r in ratios) + ")",
        f"- CPU seconds (user + system, worker processes included), median without: {statistics.median(cpu[0]):.2f}; "
        f"with: {statistics.median(cpu[1]):.2f}; median of the pairs' ratios: +{statistics.median(cpu_ratios):.1%}", "",
        "| stage (median s) | without | with | difference |", "|---:|---:|---:|---:|", *rows, "",
    ])


if __name__ == "__main__":
    sys.exit(main())
