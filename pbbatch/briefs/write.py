"""Writing the review-meeting briefs (講評會材料) of a period, from their data (data.py) through their sections
(sections.py)."""

from __future__ import annotations

import os
from pathlib import Path

from pbbatch.briefs.render import render_blocks
from pbbatch.briefs.sections import brief_blocks
from pbbatch.core.catalogue import label

FILE_LABELS = {"departments": "file.dept_brief", "branches": "file.branch_brief"}


def brief_stem(data: dict, locale: str) -> str:
    return f"{label(FILE_LABELS[data['kind']], locale)}_{data['period']}"


def write_briefs(folder: Path, briefs: list[dict], locale: str) -> list[str]:
    """Writes each brief as HTML and as a Word document (.docx) into `folder`, both from the same blocks, each file
    replaced atomically; returns the names."""
    from pbbatch.briefs.word import docx_bytes

    names = []
    for data in map(upgraded, briefs):
        stem, blocks = brief_stem(data, locale), brief_blocks(data, locale)
        html = render_blocks(blocks, locale)
        names.append(_replace(folder / f"{stem}.html", lambda path: path.write_text(html, encoding="utf-8")))
        document = docx_bytes(blocks, locale, data["period"])
        names.append(_replace(folder / f"{stem}.docx", lambda path: path.write_bytes(document)))
    return names


def upgraded(data: dict) -> dict:
    """A brief stored before drafts were marked (it listed `missing` and `rejected`) in today's shape: its
    outstanding submissions without file names, and a draft when anything was outstanding or missing."""
    if "outstanding" in data:
        return data
    from pbbatch.briefs.data import draft_of, outstanding_row

    outstanding = [outstanding_row(x["form"], x["rating_type"], x["submitter_id"] or x["subject_id"],
                                   x["submitter_name"] or x["subject_name"], x["reason"])
                   for x in data.get("missing", [])]
    rows = [dict(r) for r in data["rows"]] if "rows" in data else None
    blocks = [{**b, "rows": [dict(r) for r in b["rows"]]} for b in data.get("blocks", [])]
    every_row = rows if rows is not None else [r for b in blocks for r in b["rows"]]
    draft = draft_of(every_row, outstanding, bool(outstanding or data.get("rejected")))
    upgraded = {**data, "draft": draft, "outstanding": outstanding, "blocks": blocks}
    return upgraded if rows is None else {**upgraded, "rows": rows}


def _replace(target: Path, write) -> str:
    partial = target.with_name(f".{target.name}.partial")
    write(partial)
    os.replace(partial, target)
    return target.name
