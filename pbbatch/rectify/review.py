"""The checks of 整改回執表 and 整改驗收表 that need the whole ledger (contract section 8): run once every file is
read, since a receipt may answer a finding of a 專項督查表 read in the same run. Problems go at their cells, and a
file with an error is rejected as any other."""

from __future__ import annotations

import datetime as dt

from pbbatch.core.errors import Label
from pbbatch.core.periods import Month, Quarter
from pbbatch.core.records import ACCEPTED, REJECTED, Context, Outcome
from pbbatch.intake.checks import Checker
from pbbatch.intake.workbook import cell_ref
from pbbatch.rectify.ledger import build_ledger, run_records
from pbbatch.rectify.status import replay

DATE_COLUMN = {"fix_report": "done_on", "fix_check": "checked_on"}


def review_fix_forms(outcomes: list[Outcome], ctx: Context, earlier: dict[str, list[dict]]) -> list[Outcome]:
    """Each accepted receipt and check against the ledger up to the run's month (`earlier`: the stored records,
    rectify.ledger.stored_before): an unknown 整改編號, a receipt for another branch's finding, a date before the
    finding or after the form's period are errors; a receipt for a finding already closed is a warning."""
    fix_files = [o for o in outcomes if o.status == ACCEPTED and o.form in DATE_COLUMN and o.row_count]
    if not fix_files:
        return outcomes
    config = ctx.config
    run = run_records(outcomes, config.fix_default_days)
    ledger = build_ledger(earlier, {**run, "receipts": [], "checks": []}, ctx.month)
    findings = {f["finding_id"]: f for f in ledger.findings.to_dict("records")}
    for outcome in fix_files:
        check = Checker(outcome, ctx)
        for i in range(outcome.row_count):
            _check_row(outcome, i, findings, check, ctx)
        check.finish()
        if outcome.has_errors:
            outcome.status, outcome.columns = REJECTED, None
    _warn_closed(outcomes, ctx, earlier)
    return outcomes


def _cell(outcome: Outcome, i: int, key: str) -> str:
    return cell_ref(int(outcome.columns["row"][i]) - 1, outcome.positions[key])


def _check_row(outcome: Outcome, i: int, findings: dict[str, dict], check: Checker, ctx: Context) -> None:
    from pbbatch.rectify.ids import id_key

    sheet, registry = outcome.data_sheet, ctx.registry
    typed = outcome.columns["finding_id"][i]
    finding = findings.get(id_key(typed))
    if finding is None:
        check.error(sheet, _cell(outcome, i, "finding_id"), "rect.unknown_id", value=str(typed), month=str(ctx.month))
        return
    if outcome.form == "fix_report" and finding["branch_id"] != outcome.submitter_id:
        check.error(sheet, _cell(outcome, i, "finding_id"), "rect.other_branch", value=finding["finding_id"],
                    branch=f"{finding['branch_id']} {registry.name_of(finding['branch_id'])}",
                    submitter=f"{outcome.submitter_id} {registry.name_of(outcome.submitter_id)}")
    key = DATE_COLUMN[outcome.form]
    day, column = outcome.columns[key][i], Label(f"{outcome.form}.{key}")
    last = _last_day(outcome.period)
    if day < finding["date"]:
        check.error(sheet, _cell(outcome, i, key), "rect.before_finding", column=column, value=day.isoformat(),
                    finding_id=finding["finding_id"], date=finding["date"].isoformat())
    elif day > last:
        check.error(sheet, _cell(outcome, i, key), "rect.after_period", column=column, value=day.isoformat(),
                    period=str(outcome.period), last=last.isoformat())


def _last_day(period: Month | Quarter) -> dt.date:
    return (period.months[-1] if isinstance(period, Quarter) else period).last_day


def _warn_closed(outcomes: list[Outcome], ctx: Context, earlier: dict[str, list[dict]]) -> None:
    """A warning at each of the run's receipts that came after its finding was closed: recorded, but it changes
    nothing (docs/decisions.md)."""
    run = run_records(outcomes, ctx.config.fix_default_days)  # without the files just rejected
    ledger = build_ledger(earlier, run, ctx.month)
    _, ignored = replay(ledger, ctx.month.last_day, ctx.config.require_verification)
    by_file = {o.file: o for o in outcomes if o.status == ACCEPTED and o.form == "fix_report"}
    for index, closed_on in ignored.items():
        receipt = ledger.receipts.loc[index]
        outcome = by_file.get(receipt["file"])
        if outcome is None or receipt["period"] != str(outcome.period):
            continue  # a stored receipt of an earlier run: warned about then
        i = list(outcome.columns["row"]).index(receipt["row"])
        check = Checker(outcome, ctx)
        check.warn(outcome.data_sheet, _cell(outcome, i, "finding_id"), "rect.already_closed",
                   value=receipt["finding_id"], closed_on=closed_on.isoformat())
        check.finish()
