"""The collection board (報送情況): per submitter and form, what came and whether it counts, every problem with its
sheet, cell and message, what is missing and what came instead, and when the inbox was checked. The one page of
the site with validation messages: its readers are the submitters."""

from __future__ import annotations

import datetime as dt

from pbbatch.core.records import SKIPPED, Outcome
from pbbatch.intake.expected import missing_detail, missing_reason
from pbbatch.intake.read import Intake
from pbbatch.site.links import BOARD
from pbbatch.site.tables import Cell, Page, Row, Section, Table, Texts


def _form(x: Texts, form: str, rating_type: str | None) -> str:
    text = x.t(f"form.{form}")
    return f"{text}/{x.t('rating.' + rating_type)}" if rating_type else text


def _problems(x: Texts, outcome: Outcome) -> tuple[str, ...]:
    return tuple(f"[{x.t('level.' + p.level)}] {p.where(x.locale)} {p.render(x.locale)}".replace("  ", " ")
                 for p in outcome.problems)


def _outcome_cells(x: Texts, o: Outcome) -> list[Cell]:
    note = o.note_text(x.locale)
    items = _problems(x, o) + ((note,) if note else ())
    status = x.t(f"file_status.{o.status}")
    return [Cell(str(o.period or ""), cls="nowrap"), Cell(status, cls=f"status-{o.status}"), Cell(o.file, cls="text"),
            Cell("", cls="text", items=items)]


def board_page(intake: Intake, x: Texts, checked_at: dt.datetime) -> Page:
    registry = intake.registry
    by_submitter: dict[str, list[tuple[str, list[Cell]]]] = {}
    unattributed: list[Outcome] = []
    for o in intake.outcomes:
        if o.reason == "skip.other_period":  # said where it matters: as what came instead of a missing one
            continue
        if not (o.form and o.submitter_id) or o.status == SKIPPED:
            unattributed.append(o)
            continue
        by_submitter.setdefault(o.submitter_id, []).append(
            (o.form, [Cell(_form(x, o.form, o.rating_type)), *_outcome_cells(x, o)]))
    for m in intake.missing.itertuples(index=False):
        who = m.submitter_id or m.subject_id
        instead = missing_reason(m.reason, str(m.detail) if m.reason == "other_period" else "", x.locale)
        detail = missing_detail(m.detail, x.locale) if m.reason in ("rejected", "unreadable", "not_workbook") else ""
        form = _form(x, m.form, m.rating_type)
        if m.subject_id and not m.submitter_id:
            form = x.m("site.board_covering", form=form, unit=f"{m.subject_id} {registry.name_of(m.subject_id)}")
        by_submitter.setdefault(who, []).append(
            (m.form, [Cell(form), Cell(str(m.period), cls="nowrap"), Cell(x.t("report.sheet.missing"), cls="status-missing"),
                      Cell(m.file or "", cls="text"), Cell(instead, cls="text", items=(detail,) if detail else ())]))
    columns = [x.column("report.submitter_name"), x.column("report.form"), x.column("report.period"),
               x.column("report.status"), x.column("report.file"), Cell(x.t("site.board_problems"))]
    rows = []
    for code in sorted(by_submitter):
        who = f"{code} {registry.name_of(code)}".strip()
        for _, cells in sorted(by_submitter[code], key=lambda item: item[0]):
            rows.append(Row([Cell(who, cls="name"), *cells], filter=who))
    to_do = [r for r in rows if r.cells[3].cls in ("status-rejected", "status-missing")]
    sections = [Section(x.t("site.board_to_do"), Table(columns, to_do) if to_do else None,
                        lines=[] if to_do else [x.t("brief.none")]),
                Section(x.t("site.board_by_submitter"), Table(columns, rows, id="board", filterable=True),
                        lines=[] if rows else [x.t("brief.none")])]
    if unattributed:
        other_columns = [x.column("report.file"), x.column("report.status"), Cell(x.t("site.board_problems"))]
        other = [Row([Cell(o.file, cls="text"), Cell(x.t(f"file_status.{o.status}"), cls=f"status-{o.status}"),
                      Cell(o.note_text(x.locale), cls="text", items=_problems(x, o))]) for o in unattributed]
        sections.append(Section(x.t("site.board_other_files"), Table(other_columns, other)))
    lines = [x.m("site.board_checked", period=x.period(str(intake.month)), time=checked_at.strftime("%Y-%m-%d %H:%M:%S")),
             x.m("site.board_summary", files=len(intake.outcomes) - intake.count(SKIPPED, "skip.other_period"),
                 accepted=intake.count("accepted"),
                 rejected=intake.count("rejected"), missing=len(intake.missing)),
             x.m("site.board_hint")]
    return Page(BOARD, x.t("site.board"), sections, lines=lines)


def empty_board_page(x: Texts) -> Page:
    """The board before any check: says how to fill it, so that the site's link to it always leads somewhere."""
    return Page(BOARD, x.t("site.board"), [], lines=[x.m("site.board_never")])

