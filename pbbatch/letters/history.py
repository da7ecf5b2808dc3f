"""The counted targets kept in the history (name "targets", per year period "2026": a list of rows), so that
the year's results (section 10) and the site (section 11) can compare what was agreed with what was achieved."""

from __future__ import annotations

from pathlib import Path

from pbbatch.intake.letters import Letters

NAME = "targets"


def targets_data(letters: Letters, history_path: Path) -> dict[tuple[str, str], list[dict]]:
    """What a run stores: the year's counted targets; an empty list when the letters are gone but targets of
    the year were stored before (a withdrawn letter must not linger); nothing for a year that never had any."""
    from pbbatch.history.store import load_data

    year = str(letters.year)
    if letters.targets or load_data(history_path, NAME, [year]):
        return {(year, NAME): letters.as_json()}
    return {}
