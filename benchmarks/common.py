"""What generate.py and run.py share: the layout of a synthetic company's folder, its marker, small helpers."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

PERIOD = "2026-03"  # a quarter-end month: the run also assesses the branches' 2026-Q1
DEFAULT_WORK = Path("/tmp/pbbench")
DEFAULT_SCALES = (1, 10, 100)

# A company folder, as its config.toml names the paths (relative to the config's folder).
CONFIG = "config.toml"
REGISTRY = "名冊.xlsx"
INBOX = "inbox"
OUTPUT = "output"
HISTORY = "output/history.sqlite"
MARKER = "generated.json"  # written last: its presence means the folder is complete
GENERATOR_VERSION = 1  # bump when the generated content changes, so old folders are made again


def scale_dir(work: Path, scale: int, staff: int = 0) -> Path:
    return Path(work) / (f"{scale}x-staff{staff}" if staff else f"{scale}x")


def read_marker(folder: Path) -> dict | None:
    try:
        return json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_complete(folder: Path, scale: int) -> bool:
    marker = read_marker(folder)
    return bool(marker) and marker.get("scale") == scale and marker.get("version") == GENERATOR_VERSION


def write_marker(folder: Path, facts: dict) -> None:
    facts = {**facts, "version": GENERATOR_VERSION}
    (Path(folder) / MARKER).write_text(json.dumps(facts, ensure_ascii=False, indent=2), encoding="utf-8")


def inbox_workbooks(folder: Path) -> list[Path]:
    return sorted((Path(folder) / INBOX).glob("*.xlsx"))


def megabytes(nbytes: float) -> float:
    return nbytes / 1e6


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
