"""`pbbatch letters --year`: one printable responsibility letter per department of the year's counted letters,
DOCX and HTML, under <output>/目標責任書_<year>/."""

from __future__ import annotations

from pathlib import Path

from pbbatch.core.catalogue import alias
from pbbatch.core.config import Config
from pbbatch.core.registry import Registry
from pbbatch.intake.letters import Letters
from pbbatch.letters.content import letter_of
from pbbatch.letters.html import render_letter
from pbbatch.letters.word import letter_docx
from pbbatch.setup.blank_forms import unique_name


def letters_folder(config: Config, year: int) -> Path:
    return config.output / f"{alias('letter.folder', config.locale)}_{year}"


def write_letters(letters: Letters, registry: Registry, config: Config, out_dir: Path) -> list[Path]:
    """Writes each department's letter (in the order the letters list the departments); returns the paths.
    Only file names made of the code and the registry's name, made safe for every file system."""
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths = []
    for unit_id in letters.units():
        letter = letter_of(unit_id, letters, registry, config)
        stem = f"{alias('form.target_letter', config.locale)}_{letters.year}_{unit_id}_{registry.name_of(unit_id)}"
        html = out_dir / unique_name(stem, ".html", taken)
        html.write_text(render_letter(letter, config.locale), encoding="utf-8")
        docx = out_dir / (html.stem + ".docx")
        docx.write_bytes(letter_docx(letter))
        paths += [docx, html]
    return paths
