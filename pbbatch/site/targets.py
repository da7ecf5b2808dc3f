"""A department's responsibility-letter targets on its page (contract sections 7 and 11): each year's counted
letter rows (§7 stores them under "targets", period "2026"), and how far each was met over the months it was
scored, by annual.targets.letter_results from the target scores each run stores ("target_scores"). The letter's
file and cell stay off the site."""

from __future__ import annotations

import pandas as pd

from pbbatch.annual.stored import LETTERS, TARGET_SCORES, YearInput, months_of
from pbbatch.annual.targets import letter_results
from pbbatch.core.forms import target_category_text
from pbbatch.history.store import COLUMNS
from pbbatch.site.contents import Contents
from pbbatch.site.tables import Cell, Row, Section, Table, Texts, _number


def year_targets(contents: Contents) -> dict[str, pd.DataFrame]:
    """year -> letter_results of the year, for every year with letters stored."""
    found = {}
    for year, rows in contents.named(LETTERS).items():
        if not rows or not year.isdigit():
            continue
        scores = {m: v for m, v in contents.named(TARGET_SCORES).items() if m in months_of(int(year))}
        stored = YearInput(int(year), pd.DataFrame(columns=COLUMNS), letters=rows, target_scores=scores)
        found[year] = letter_results(stored)
    return found


def months_text(x: Texts, months: list[int]) -> str:
    """[3, 4, 5, 9] as 3-5、9月: consecutive months as a span."""
    spans: list[list[int]] = []
    for m in months:
        if spans and m == spans[-1][-1] + 1:
            spans[-1].append(m)
        else:
            spans.append([m])
    text = x.m("brief.list_sep").join(f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans)
    return x.m("site.months", months=text) if months else ""


def targets_sections(targets: dict[str, pd.DataFrame], unit_id: str, x: Texts) -> list[Section]:
    sections = []
    for year in sorted(targets, reverse=True):
        mine = targets[year][targets[year]["unit_id"] == unit_id]
        if mine.empty:
            continue
        columns = [x.column("targets.category"), x.column("targets.target"), x.column("targets.points", "num"),
                   x.column("letter.months"), x.column("letter.scored"), x.column("letter.score", "num"),
                   x.column("letter.possible", "num"), x.column("letter.outcome")]
        rows = [Row([Cell(target_category_text(r.category, x.locale)), Cell(r.target, cls="text"), Cell(f"{r.points:g}", cls="num"),
                     Cell(months_text(x, r.months)), Cell(months_text(x, r.scored)),
                     Cell(_number(r.score) if r.scored else "", cls="num"),
                     Cell(_number(r.possible) if r.scored else "", cls="num"), Cell(x.t(f"outcome.{r.outcome}"))])
                for r in mine.itertuples(index=False)]
        sections.append(Section(x.m("site.targets_title", year=year),
                                Table(columns, rows, id=f"targets-{year}")))
    return sections
