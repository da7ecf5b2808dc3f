"""Writing the review-meeting briefs (講評會材料) of a period, from their data (brief_data.py)."""

from __future__ import annotations

import os
from pathlib import Path

from .brief_render import render_branch_brief, render_department_brief
from .catalogue import label

KINDS = {"departments": ("file.dept_brief", render_department_brief),
         "branches": ("file.branch_brief", render_branch_brief)}


def brief_stem(data: dict, locale: str) -> str:
    return f"{label(KINDS[data['kind']][0], locale)}_{data['period']}"


def write_briefs(folder: Path, briefs: list[dict], locale: str) -> list[str]:
    """Writes each brief as HTML and as a Word document (.docx) into `folder`, each file replaced atomically;
    returns the names."""
    from .brief_docx import write_docx

    names = []
    for data in briefs:
        stem = brief_stem(data, locale)
        html = KINDS[data["kind"]][1](data, locale)
        names.append(_replace(folder / f"{stem}.html", lambda path: path.write_text(html, encoding="utf-8")))
        names.append(_replace(folder / f"{stem}.docx", lambda path: write_docx(data, locale, path)))
    return names


def _replace(target: Path, write) -> str:
    partial = target.with_name(f".{target.name}.partial")
    write(partial)
    os.replace(partial, target)
    return target.name
