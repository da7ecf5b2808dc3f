"""The counted targets kept in the history (name "targets", per year period "2026": a list of rows), so that
the year's results (section 10) and the site (section 11) can compare what was agreed with what was achieved."""

from __future__ import annotations

from pbbatch.intake.letters import Letters

NAME = "targets"


def targets_data(letters: Letters) -> dict[tuple[str, str], list[dict]]:
    """What a run stores: the year's counted targets, when it counted any. A run that counts none leaves what
    is stored alone: an inbox cleared of earlier months' files must not wipe the year's agreed targets."""
    return {(str(letters.year), NAME): letters.as_json()} if letters.targets else {}
