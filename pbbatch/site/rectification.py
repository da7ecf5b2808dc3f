"""The public part of the rectification ledger (contract sections 8 and 11): every stored finding with its status
at the end of the latest stored month, replayed by pbbatch.rectify itself, on a page of its own (整改台賬) and on
each branch's page. Only what a finding says about a unit: no 佐證 (evidence paths), no receipt's or check's
wording, no file names or validation messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pbbatch.core.periods import Month, parse_period
from pbbatch.rectify.ledger import NAMES, build_ledger, stored_before
from pbbatch.rectify.status import OVERDUE, statuses
from pbbatch.site.contents import Contents
from pbbatch.site.links import LEDGER, unit_href
from pbbatch.site.tables import FILTER_FROM, Cell, Page, Row, Section, Table, Texts


@dataclass(frozen=True)
class PublicLedger:
    month: str | None  # the month the statuses are at the end of; None when no month is stored
    rows: list[dict]  # finding_id, branch_id, item_id, finding, date, deadline, status, reported_on, checked_on

    def of_branch(self, branch_id: str) -> list[dict]:
        return [r for r in self.rows if r["branch_id"] == branch_id]


def latest_month(contents: Contents) -> Month | None:
    months = [m for m in map(parse_period, set(contents.by_period) | set(contents.sources)) if isinstance(m, Month)]
    return max(months, default=None)


def require_verification(contents: Contents, month: Month, configured: bool) -> bool:
    """As the run of the month was configured (its stored rules); the current config for a month without them."""
    rules = contents.named("rules").get(str(month)) or {}
    return bool(rules.get("rectification.require_verification", configured))


def public_ledger(contents: Contents, configured_verification: bool) -> PublicLedger:
    month = latest_month(contents)
    stored = {name: contents.named(name) for name in NAMES}
    if month is None or not any(stored.values()):
        return PublicLedger(None if month is None else str(month), [])
    records = stored_before(stored, month, include_own=True)
    empty = {name: [] for name in NAMES}
    ledger = build_ledger(records, empty, month)
    frame = statuses(ledger, require_verification(contents, month, configured_verification))
    rows = [{"finding_id": r.finding_id, "branch_id": r.branch_id, "item_id": r.item_id or "", "finding": r.finding,
             "date": _day(r.date), "deadline": _day(r.deadline), "status": r.status, "reported_on": _day(r.reported_on),
             "checked_on": _day(r.checked_on)}
            for r in frame.itertuples(index=False)]
    return PublicLedger(str(month), rows)


def _day(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def _status_cell(x: Texts, status: str) -> Cell:
    return Cell(x.t(f"rect.status.{status}"), cls=f"status-{status}")


def _as_of(x: Texts, ledger: PublicLedger) -> str:
    return x.m("site.ledger_as_of", period=x.period(ledger.month))


def ledger_page(ledger: PublicLedger, x: Texts, names: dict[str, str]) -> Page:
    """Every finding, overdue first (the ledger's order), each branch linked to its page."""
    root = ""
    if not ledger.rows:
        return Page(LEDGER, x.t("site.ledger"), [Section(x.t("site.ledger_none"))],
                    lines=[_as_of(x, ledger)] if ledger.month else [])
    columns = [x.column("rect.finding_id"), x.column("out.unit_name"), x.column("rect.item"),
               x.column("fix_report.finding"), x.column("rect.deadline"), x.column("rect.status")]
    rows = [Row([Cell(r["finding_id"], cls="nowrap"),
                 Cell(names.get(r["branch_id"], r["branch_id"]), unit_href(r["branch_id"], root), "name"),
                 Cell(r["item_id"]), Cell(r["finding"], cls="text"), Cell(r["deadline"], cls="nowrap"),
                 _status_cell(x, r["status"])],
                "overdue" if r["status"] == OVERDUE else "",
                f"{r['finding_id']} {r['branch_id']} {names.get(r['branch_id'], '')}")
            for r in ledger.rows]
    overdue = sum(r["status"] == OVERDUE for r in ledger.rows)
    lines = [_as_of(x, ledger), x.m("site.ledger_counts", findings=len(rows), overdue=overdue)]
    table = Table(columns, rows, id="ledger", filterable=len(rows) > FILTER_FROM)
    return Page(LEDGER, x.t("site.ledger"), [Section(x.t("site.ledger_findings"), table)], lines=lines)


def findings_section(ledger: PublicLedger, branch_id: str, x: Texts, root: str) -> Section | None:
    """A branch's findings on its page; None for a unit the ledger never named."""
    mine = ledger.of_branch(branch_id)
    if not mine:
        return None
    columns = [x.column("rect.finding_id"), x.column("rect.item"), x.column("fix_report.finding"),
               x.column("detail.date"), x.column("rect.deadline"), x.column("rect.status"),
               x.column("site.receipt_on"), x.column("rect.checked_on")]
    rows = [Row([Cell(r["finding_id"], cls="nowrap"), Cell(r["item_id"]), Cell(r["finding"], cls="text"),
                 Cell(r["date"], cls="nowrap"), Cell(r["deadline"], cls="nowrap"), _status_cell(x, r["status"]),
                 Cell(r["reported_on"], cls="nowrap"), Cell(r["checked_on"], cls="nowrap")],
                "overdue" if r["status"] == OVERDUE else "")
            for r in mine]
    return Section(x.t("site.findings"), Table(columns, rows, id="findings"), lines=[_as_of(x, ledger)],
                   links=[Cell(x.t("site.ledger"), f"{root}{LEDGER}")])
