"""The ledger's records: findings from the counted 專項督查表 rows, receipts (整改回執表) and checks (整改驗收表),
as JSON-ready dicts; what the history store keeps of a run, and the ledger a run sees (stored + its own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pbbatch.core.periods import Month, Quarter, parse_period
from pbbatch.core.records import ACCEPTED, Outcome
from pbbatch.rectify.ids import assign_ids, content_hash, id_key

NAMES = ("findings", "receipts", "checks")  # the names of the history store's data
FINDING_FIELDS = ["finding_id", "hash", "branch_id", "item_id", "date", "finding", "deduction", "fix_by", "deadline",
                  "submitter_id", "period", "file", "row"]
RECEIPT_FIELDS = ["finding_id", "action", "done_on", "evidence", "submitter_id", "period", "file", "row"]
CHECK_FIELDS = ["finding_id", "verdict", "checked_on", "note", "submitter_id", "period", "file", "row"]
FIELDS = {"findings": FINDING_FIELDS, "receipts": RECEIPT_FIELDS, "checks": CHECK_FIELDS}
DATES = {"findings": ("date", "fix_by", "deadline"), "receipts": ("done_on",), "checks": ("checked_on",)}
# What makes two receipts (checks) the same one, sent twice or counted in two stored periods.
SAME_EVENT = {"receipts": ["finding_id", "action", "done_on", "evidence"],
              "checks": ["finding_id", "verdict", "checked_on", "note"]}
FORM_OF = {"findings": "spot_checks", "receipts": "fix_report", "checks": "fix_check"}


def period_end(text: str) -> dt.date:
    period = parse_period(text)
    return (period.months[-1] if isinstance(period, Quarter) else period).last_day


def own_periods(month: Month) -> list[str]:
    """The periods a run of `month` stores: the month, and at quarter end its quarter."""
    return [str(month)] + ([str(month.quarter)] if month.ends_quarter else [])


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _text(value) -> str:
    return "" if value is None else str(value)


def _by_recency(outcomes: list[Outcome], form: str) -> list[Outcome]:
    """The form's accepted files, oldest first (highest 版本, latest 填報日期 last), so a later one's row wins."""
    chosen = [o for o in outcomes if o.status == ACCEPTED and o.form == form and o.row_count]
    return sorted(chosen, key=lambda o: (o.version, o.filled_on or dt.date.min, o.mtime, o.file))


def run_records(outcomes: list[Outcome], default_days: int) -> dict[str, list[dict]]:
    """The findings, receipts and checks of the run's counted files; findings without their 整改編號 yet (the
    numbers are given over the whole ledger, see ids.assign_ids)."""
    records: dict[str, list[dict]] = {name: [] for name in NAMES}
    for name in NAMES:
        for o in _by_recency(outcomes, FORM_OF[name]):
            columns = o.columns
            for i in range(o.row_count):
                row = {key: columns[key][i] for key in columns if key != "row"}
                source = {"submitter_id": o.submitter_id, "period": str(o.period), "file": o.file,
                          "row": int(columns["row"][i])}
                records[name].append({**_record(name, row, default_days), **source})
    return records


def _record(name: str, row: dict, default_days: int) -> dict:
    if name == "findings":
        date, fix_by = row["date"], row.get("fix_by")
        deadline = fix_by or date + dt.timedelta(days=default_days)
        return {"finding_id": "", "hash": content_hash(row["branch_id"], date, _text(row.get("item_id")), row["finding"]),
                "branch_id": row["branch_id"], "item_id": _text(row.get("item_id")), "date": _iso(date),
                "finding": _text(row["finding"]), "deduction": float(row["deduction"]), "fix_by": _iso(fix_by),
                "deadline": _iso(deadline)}
    if name == "receipts":
        return {"finding_id": id_key(row["finding_id"]), "action": _text(row["action"]), "done_on": _iso(row["done_on"]),
                "evidence": _text(row.get("evidence"))}
    return {"finding_id": id_key(row["finding_id"]), "verdict": row["verdict"], "checked_on": _iso(row["checked_on"]),
            "note": _text(row.get("note"))}


def to_store(records: dict[str, list[dict]], month: Month) -> dict[tuple[str, str], list[dict]]:
    """What the history keeps of the run, by (period, name): the month's own files under the month; at quarter
    end the quarter's files and the quarter's earlier months' (which the quarter-end run counts) under the
    quarter. Every name is stored, empty too, so a re-run without a withdrawn file forgets it."""
    periods = own_periods(month)
    stored = {(p, name): [] for p in periods for name in NAMES}
    for name in NAMES:
        for record in records[name]:
            period = str(month) if record["period"] == str(month) else periods[-1]
            stored[(period, name)].append(record)
    return stored


@dataclass(frozen=True)
class Ledger:
    """Every finding, receipt and check a run sees, one frame each (FIELDS; dates as datetime.date)."""

    month: Month
    findings: pd.DataFrame
    receipts: pd.DataFrame
    checks: pd.DataFrame

    @property
    def as_of(self) -> dt.date:
        return self.month.last_day

    def finding(self, finding_id: str) -> dict | None:
        found = self.findings[self.findings["finding_id"] == finding_id]
        return None if found.empty else found.iloc[0].to_dict()


def stored_before(stored: dict[str, dict[str, list]], month: Month, include_own: bool = False) -> dict[str, list[dict]]:
    """The stored records a run of `month` builds on: periods ending by the month's end, less the run's own
    periods (which it stores anew) unless `include_own`; oldest period first."""
    own = set() if include_own else set(own_periods(month))
    result: dict[str, list[dict]] = {}
    for name in NAMES:
        periods = sorted((p for p in stored.get(name, {}) if p not in own and period_end(p) <= month.last_day),
                         key=lambda p: (period_end(p), p))
        result[name] = [r for p in periods for r in stored[name][p]]
    return result


def build_ledger(earlier: dict[str, list[dict]], run: dict[str, list[dict]], month: Month) -> Ledger:
    """The ledger as a run of `month` sees it: the earlier stored records and the run's own. A finding held by
    several rows (a file counted in two stored periods, an unchanged resubmission) is one finding, its latest
    row giving the deduction and deadline; receipts and checks naming no finding of the ledger are left out."""
    by_hash: dict[str, dict] = {}
    for record in [*earlier["findings"], *run["findings"]]:
        by_hash[record["hash"]] = record
    ids = assign_ids([(dt.date.fromisoformat(r["date"]), h) for h, r in by_hash.items()])
    findings = _frame("findings", [{**r, "finding_id": ids[h]} for h, r in by_hash.items()])
    findings = findings.sort_values(["date", "finding_id"], kind="stable").reset_index(drop=True)
    known = set(findings["finding_id"])
    events = {}
    for name in ("receipts", "checks"):
        frame = _frame(name, [r for r in [*earlier[name], *run[name]] if r["finding_id"] in known])
        events[name] = frame.drop_duplicates(SAME_EVENT[name], keep="last").reset_index(drop=True)
    return Ledger(month, findings, events["receipts"], events["checks"])


def _frame(name: str, records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=FIELDS[name]).astype(object)
    for column in DATES[name]:
        frame[column] = [dt.date.fromisoformat(v) if isinstance(v, str) else None for v in frame[column]]
    return frame
