"""The rectification ledger (整改台賬) as a table in the locale: every finding ever opened, overdue first."""

from __future__ import annotations

import pandas as pd

from pbbatch.core.catalogue import label
from pbbatch.core.registry import Registry


def ledger_table(statuses: pd.DataFrame, registry: Registry, locale: str) -> pd.DataFrame:
    t = statuses
    verdicts = t["verdict"].map(lambda v: label(f"verdict.{v}", locale) if v else "")
    return pd.DataFrame({
        label("rect.finding_id", locale): t["finding_id"],
        label("out.unit_id", locale): t["branch_id"],
        label("out.unit_name", locale): t["branch_id"].map(registry.name_of),
        label("item.code", locale): t["item_id"],
        label("finding.finding", locale): t["finding"],
        label("detail.date", locale): t["date"],
        label("finding.deduction", locale): t["deduction"],
        label("rect.deadline", locale): t["deadline"],
        label("rect.status", locale): t["status"].map(lambda s: label(f"rect.status.{s}", locale)),
        label("rect.action", locale): t["action"],
        label("rect.done_on", locale): t["done_on"],
        label("rect.evidence", locale): t["evidence"],
        label("rect.verdict", locale): verdicts,
        label("rect.checked_on", locale): t["checked_on"],
        label("rect.check_note", locale): t["check_note"],
        label("rect.closed_on", locale): t["closed_on"],
    })  # where each finding came from is in the branch workbook's 專項督查 sheet: the ledger prints on A4
