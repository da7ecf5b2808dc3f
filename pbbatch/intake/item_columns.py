"""The 部門考評表's item columns: one score column per key work item, headed by the item's code, optionally
followed by its name (`K02` or `K02 組織建設`).

The one place that knows them: it finds them in the header row, checks the scores a row gives them and makes
the wide rows long, one (branch, item, score) row per score. A row keeps each score under its item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pbbatch.core.config import BranchItem
from pbbatch.core.forms import ITEM_ID, Column
from pbbatch.core.registry import code_key
from pbbatch.intake.checks import Checker, Row, check_bound
from pbbatch.intake.workbook import Cell, cell_ref, is_blank


@dataclass(frozen=True)
class ItemColumns:
    column: Column  # what each item column holds (forms.FormSpec.item_scores), its bound included
    positions: dict[BranchItem, int]  # the item columns found, in the header's order

    @classmethod
    def read(cls, column: Column, header: list[Cell], header_row: int, sheet: str, check: Checker) -> ItemColumns:
        """The item columns of the header row. An error when a column for an item this department owns is
        missing, or a column is headed like an item code (`K11 新項目` where the items are K01-K10) but names no
        configured item: its scores would otherwise be dropped as an extra column's are. The columns found are
        read all the same, so their cells are checked in the same run."""
        items = check.ctx.config.branch_items
        codes = [(item, _header_text(item.code)) for item in items]
        shapes = {_code_shape(code) for _, code in codes}
        found: dict[BranchItem, int] = {}
        for c, text in enumerate(header):
            if not isinstance(text, str) or is_blank(text):
                continue
            folded = _header_text(text)
            matched = False
            for item, code in codes:
                rest = folded[len(code):]
                if folded.startswith(code) and not (rest[:1].isascii() and rest[:1].isalnum()):
                    found.setdefault(item, c)
                    matched = True
            if not matched and _code_shape(folded.split(maxsplit=1)[0]) in shapes:
                check.error(sheet, cell_ref(header_row, c), "data.unknown_item", value=text.strip(),
                            allowed="、".join(i.code for i in items))
        submitter = code_key(check.outcome.submitter_id)
        missing = [i.code for i in items if code_key(i.owner) == submitter and i not in found]
        if missing and submitter:
            check.error(sheet, cell_ref(header_row, 0), "data.missing_item_columns", items="、".join(missing))
        return cls(column, found)

    def owned(self, submitter: str) -> list[BranchItem]:
        """The columns of the items the submitter (its code_key) owns, in the header's order."""
        return [i for i in self.positions if code_key(i.owner) == submitter]

    def check_scores(self, row: Row, sheet: str, check: Checker, submitter: str, reported: set[str]) -> None:
        """Each score of the row within its item's points; a score for an item another department owns is an
        error, once per item (`reported`). `submitter` is '' when the 填報單位編號 did not read: owner unknown."""
        for item in self.positions:
            if row.values[item] is None:
                continue
            if submitter and code_key(item.owner) != submitter:
                if item.code not in reported:
                    reported.add(item.code)
                    check.error(sheet, row.refs[item], "data.not_owner", item=item.code, owner=item.owner)
                continue
            check_bound(row, self.column, sheet, check, item, item.points)

    def long(self, rows: list[Row], kept: list[str]) -> dict[str, list]:
        """One row per score given: the row's `kept` columns, the item's code, the score and the sheet row
        (1-based), column by column."""
        cells = [(*(r.values[k] for k in kept), item.code, value, r.index + 1)
                 for r in rows for item in self.positions if (value := r.values[item]) is not None]
        names = [*kept, ITEM_ID, self.column.key, "row"]
        return {name: [c[i] for c in cells] for i, name in enumerate(names)}


def _header_text(text: str) -> str:
    """Width and case folded, but spaces kept: they separate an item code from its name (`K01 Political work`)."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _code_shape(code: str) -> str:
    """A code with each run of digits as one '0': K01 and K11 share a shape, 備註 and Kpi have others."""
    return re.sub(r"\d+", "0", code)
