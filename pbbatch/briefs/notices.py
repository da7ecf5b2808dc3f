"""The letters to branches (contract section 8): a 整改通知書 to each branch with findings to fix, and at quarter
end a 提示函 to each 排名靠後 branch naming its weakest key work items. Their data is plain (JSON-ready), their
text made here as blocks in the locale, laid out as the briefs are (HTML and Word)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pbbatch.assess.branches import BranchQuarter
from pbbatch.briefs.render import render_blocks
from pbbatch.briefs.sections import (NAME, NUMBER, TEXT, Column, Lines, Paragraph, Row, Signature, Table, Title,
                                     period_text)
from pbbatch.core.catalogue import label, message
from pbbatch.core.config import Config
from pbbatch.core.periods import Month
from pbbatch.core.registry import Registry
from pbbatch.rectify.status import CLOSED, OPEN, OVERDUE

WEAKEST = 3  # the items a 提示函 names
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def notice_records(statuses: pd.DataFrame, registry: Registry, month: Month) -> list[dict]:
    """One notice per branch with a finding to fix (整改中 or 逾期) at the month's end: every finding of the branch
    not yet closed, those awaiting their check (已報整改) included."""
    due = set(statuses.loc[statuses["status"].isin([OPEN, OVERDUE]), "branch_id"])
    not_closed = statuses[statuses["branch_id"].isin(due) & (statuses["status"] != CLOSED)]
    by_branch: dict[str, list[dict]] = {}
    for r in not_closed.itertuples(index=False):  # one pass: a large company has hundreds of branches
        by_branch.setdefault(r.branch_id, []).append({
            "finding_id": r.finding_id, "date": r.date.isoformat(), "item_id": r.item_id, "finding": r.finding,
            "deadline": r.deadline.isoformat(), "status": r.status})
    heads = _heads(registry)
    return [{"unit_id": branch, "unit_name": registry.name_of(branch), "head": heads.get(branch, ""),
             "as_of": month.last_day.isoformat(), "period": str(month), "findings": by_branch[branch]}
            for branch in sorted(due)]


def _heads(registry: Registry) -> dict[str, str]:
    return {code: "" if pd.isna(head) else str(head)
            for code, head in zip(registry.units["unit_id"], registry.units["head"])}


def letters_of(rectification, branches: BranchQuarter | None, registry: Registry, config: Config) -> dict:
    """The run's letters' data: {"notices": [...], "reminders": [...]} (reminders at quarter end only)."""
    return {"notices": notice_records(rectification.statuses, registry, rectification.month),
            "reminders": [] if branches is None else reminder_records(branches, registry, config)}


def reminder_records(branches: BranchQuarter, registry: Registry, config: Config) -> list[dict]:
    """One reminder per 排名靠後 branch: its rank, and the key work items where its department score was the
    lowest share of the item's points (an item not scored counts 0, as in D)."""
    scores = branches.dept_eval.groupby(["branch_id", "item_id"])["score"].sum()
    vetoes = branches.vetoes.groupby("unit_id")["category"].agg(lambda c: sorted(set(c))).to_dict()
    ranking = branches.ranking
    reminders = []
    for r in ranking[ranking["low"]].itertuples(index=False):
        items = [{"code": i.code, "name": i.name, "points": i.points,
                  "score": float(scores.get((r.unit_id, i.code), 0.0)),
                  "share": float(scores.get((r.unit_id, i.code), 0.0)) / i.points}
                 for i in config.branch_items if i.points]
        items.sort(key=lambda i: (i["share"], i["code"]))
        reminders.append({"unit_id": r.unit_id, "unit_name": r.unit_name, "head": r.head,
                          "period": str(branches.quarter), "rank": int(r.rank), "count": len(ranking),
                          "items": items[:WEAKEST], "vetoes": vetoes.get(r.unit_id, [])})
    return reminders


def notice_blocks(notice: dict, config: Config, locale: str) -> list:
    m = lambda code, **f: message(code, locale, **f)  # noqa: E731
    t = lambda key: label(key, locale)  # noqa: E731
    columns = (Column(t("rect.finding_id"), width=1.7), Column(t("detail.date"), width=1.3),
               Column(t("rect.item"), width=0.8), Column(t("finding.finding"), TEXT, 4.0),
               Column(t("rect.deadline"), width=1.3), Column(t("rect.status"), width=1.0))
    rows = [Row((f["finding_id"], f["date"], f["item_id"], f["finding"], f["deadline"], t(f"rect.status.{f['status']}")),
                "C" if f["status"] == OVERDUE else None) for f in notice["findings"]]
    return [Title(m("rect.notice_title", organization=config.organization_name),
                  m("brief.issued", committee=config.committee)),
            Lines((m("rect.notice_to", branch=notice["unit_name"], head=notice["head"]),)),
            Paragraph(m("rect.notice_body", date=notice["as_of"])),
            Table(columns, rows, fixed=True),
            Paragraph(m("rect.notice_send")),
            Paragraph(m("rect.notice_overdue", deduction=f"{config.overdue_deduction:g}")),
            _signature(config, locale)]


def reminder_blocks(reminder: dict, config: Config, locale: str) -> list:
    m = lambda code, **f: message(code, locale, **f)  # noqa: E731
    t = lambda key: label(key, locale)  # noqa: E731
    columns = (Column(t("item.code"), width=1.0), Column(t("item.name"), NAME, 2.4), Column(t("item.points"), NUMBER, 0.8),
               Column(t("rect.weak_score"), NUMBER, 1.4), Column(t("rect.weak_share"), NUMBER, 1.0))
    rows = [Row((i["code"], i["name"], f"{i['points']:g}", f"{i['score']:g}", f"{i['share']:.1%}")) for i in reminder["items"]]
    return [Title(m("rect.reminder_title", organization=config.organization_name),
                  m("brief.issued", committee=config.committee)),
            Lines((m("rect.notice_to", branch=reminder["unit_name"], head=reminder["head"]),)),
            Paragraph(m("rect.reminder_body", quarter=period_text(reminder["period"], locale), rank=reminder["rank"],
                        count=reminder["count"])),
            Table(columns, rows, fixed=True),  # right under the body, whose last sentence announces it
            *([Paragraph(m("rect.reminder_vetoed", categories=m("brief.list_sep").join(reminder["vetoes"])))]
              if reminder.get("vetoes") else []),  # reminders stored before had no vetoes
            _signature(config, locale)]


def _signature(config: Config, locale: str) -> Signature:
    """Signed by the party committee, dated by hand when sealed."""
    return Signature((config.committee, label("rect.sign_date", locale)))


def notices_folder(locale: str) -> str:
    return label("file.notices_folder", locale)


@dataclass(frozen=True)
class Letter:
    """One notice or reminder to a branch: its file name's stem (without .html / .docx) and what it says."""

    stem: str
    kind: str  # "file.notice" or "file.reminder"
    data: dict


def planned_letters(notices: list[dict], reminders: list[dict], locale: str) -> list[Letter]:
    letters = [("file.notice", n) for n in notices] + [("file.reminder", r) for r in reminders]
    return [Letter(_UNSAFE.sub("", f"{label(kind, locale)}_{d['unit_id']}_{d['unit_name']}").strip(" ."), kind, d)
            for kind, d in letters]


def letter_names(letters: list[Letter], locale: str) -> list[str]:
    """The files of `letters`, relative to the period's folder."""
    sub = notices_folder(locale)
    return [f"{sub}/{letter.stem}.{ext}" for letter in letters for ext in ("html", "docx")]


def prepare_notices_folder(folder: Path, letters: list[Letter], locale: str) -> Path:
    """`folder`/整改通知书/ emptied of earlier letters, made only when there are letters to write."""
    target = folder / notices_folder(locale)
    if target.is_dir():
        for old in target.iterdir():
            if old.is_file():
                old.unlink()
    if letters:
        target.mkdir(parents=True, exist_ok=True)
    return target


def write_letter(target: Path, letter: Letter, config: Config) -> None:
    """The letter as HTML and .docx in `target` (prepare_notices_folder)."""
    from pbbatch.briefs.word import docx_bytes

    locale = config.locale
    make = notice_blocks if letter.kind == "file.notice" else reminder_blocks
    blocks = make(letter.data, config, locale)
    (target / f"{letter.stem}.html").write_text(render_blocks(blocks, locale), encoding="utf-8")
    (target / f"{letter.stem}.docx").write_bytes(docx_bytes(blocks, locale, letter.data["period"]))


def write_notices(folder: Path, notices: list[dict], reminders: list[dict], config: Config) -> list[str]:
    """Each notice and reminder as HTML and .docx into `folder`/整改通知書/ (replacing what was there); returns
    the names relative to `folder`."""
    letters = planned_letters(notices, reminders, config.locale)
    target = prepare_notices_folder(folder, letters, config.locale)
    for letter in letters:
        write_letter(target, letter, config)
    return letter_names(letters, config.locale)
