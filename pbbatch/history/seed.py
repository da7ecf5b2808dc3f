"""`pbbatch history import`: seed the history store from earlier results kept in a workbook.

All or nothing: one bad row and nothing is stored, so a half-seeded history can never break a streak unseen.
"""

from __future__ import annotations

import pandas as pd

from pbbatch.core.catalogue import fold, matcher
from pbbatch.core.errors import Label, Labels
from pbbatch.core.numeric import parse_number
from pbbatch.core.periods import Month, parse_period
from pbbatch.core.registry import BRANCH, DEPARTMENT, Registry
from pbbatch.core.records import ERROR, Problem
from pbbatch.intake.workbook import RawWorkbook, cell_ref, cell_text, find_header, is_blank
from pbbatch.core.scores import BANDS

HEADERS = {  # history column -> catalogue label
    "period": "out.period", "unit_id": "out.unit_id", "rank": "out.rank", "total": "out.total",
    "vetoed": "out.vetoed", "head": "out.head", "low": "out.low", "last": "out.last", "band": "out.band",
    "coefficient": "out.coefficient",
}
REQUIRED = ["period", "unit_id", "rank", "total", "vetoed", "head"]
_TRUE = {fold(t) for t in ("是", "yes", "y", "true", "1", "✓")}
_FALSE = {fold(t) for t in ("否", "no", "n", "false", "0")}


def parse_history(book: RawWorkbook, registry: Registry,
                  band_coefficients: tuple[float, float, float]) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows as the batch itself would have stored them: a vetoed unit is low-ranked, last and in band C
    (contract 3), and a department month with a band but no 薪酬係數 is paid the band's coefficient."""
    problems: list[Problem] = []
    columns = matcher(list(HEADERS.values()))
    for sheet, rows in book.sheets.items():
        header, found = find_header(rows, columns, [HEADERS[k] for k in REQUIRED])
        if header is not None:
            coefficients = dict(zip(BANDS, band_coefficients))
            return _rows(book.name, sheet, rows, header, found, registry, coefficients, problems), problems
    headers = Labels(tuple(HEADERS[k] for k in REQUIRED))
    problems.append(Problem(book.name, "", "", ERROR, "history.no_table", {"headers": headers}))
    return pd.DataFrame(), problems


def _rows(file, sheet, rows, header, found, registry, coefficients, problems) -> pd.DataFrame:
    position = {key: found[lab] for key, lab in HEADERS.items() if lab in found}

    def fail(r: int, key: str, code: str, **fields) -> None:
        cell = cell_ref(r, position.get(key, 0))
        problems.append(Problem(file, sheet, cell, ERROR, code, fields))

    records = []
    for r in range(header + 1, len(rows)):
        row = rows[r]
        raw = {k: (row[c] if c < len(row) else "") for k, c in position.items()}
        if all(is_blank(raw.get(k, "")) for k in ("period", "unit_id")):
            continue
        before = len(problems)
        for key in ("period", "unit_id", "rank", "total"):
            if is_blank(raw.get(key, "")):
                fail(r, key, "data.blank_required", column=Label(HEADERS[key]))
        if len(problems) > before:
            continue
        period = parse_period(raw["period"])
        if period is None:
            fail(r, "period", "info.bad_period", value=cell_text(raw["period"]))
        kind = DEPARTMENT if isinstance(period, Month) else BRANCH
        unit = registry.find_unit(raw["unit_id"])
        unit_id = unit.code
        if unit.state == "inactive":
            unit_id = cell_text(raw["unit_id"])  # a unit since closed still has its history
        elif unit_id is None:
            fail(r, "unit_id", "data.unknown_unit", value=cell_text(raw["unit_id"]))
        elif period is not None and registry.kind_of(unit_id) != kind:
            fail(r, "unit_id", "history.wrong_kind", value=unit_id, expected=Label(f"kind.{kind}"))
        rank = parse_number(raw["rank"])
        if rank is None or not rank.is_integer() or rank < 1:
            fail(r, "rank", "history.bad_rank", column=Label("out.rank"), value=cell_text(raw["rank"]))
        total = parse_number(raw["total"])
        if total is None:
            fail(r, "total", "data.not_number", column=Label("out.total"), value=cell_text(raw["total"]))
        flags = {}
        for key in ("vetoed", "low", "last"):
            value = raw.get(key, "")
            flags[key] = None if is_blank(value) else (True if fold(value) in _TRUE else
                                                       False if fold(value) in _FALSE else "bad")
            if flags[key] == "bad":
                fail(r, key, "history.bad_flag", column=Label(HEADERS[key]), value=cell_text(value))
        if kind == BRANCH and period is not None:
            for key in ("low", "last"):
                if key not in position:
                    fail(r, key, "data.no_header", missing=Label(HEADERS[key]))
            if is_blank(raw.get("head", "")):
                fail(r, "head", "data.blank_required", column=Label("out.head"))
        vetoed = bool(flags["vetoed"])
        band = _band(raw.get("band", ""), vetoed)
        if band == "bad":
            fail(r, "band", "history.bad_band", column=Label("out.band"), value=cell_text(raw["band"]))
        coefficient = coefficients.get(band) if kind == DEPARTMENT else None
        if not is_blank(raw.get("coefficient", "")):
            coefficient = parse_number(raw["coefficient"])
            if coefficient is None:
                fail(r, "coefficient", "data.not_number", column=Label("out.coefficient"),
                     value=cell_text(raw["coefficient"]))
        if len(problems) > before:
            continue
        records.append({
            "period": str(period), "unit_id": unit_id, "rank": int(rank), "total": total,
            "band": band, "coefficient": coefficient,
            "vetoed": vetoed, "low": vetoed or bool(flags["low"]), "last": vetoed or bool(flags["last"]),
            "head": cell_text(raw.get("head", "")),
        })
    return pd.DataFrame(records)


def _band(value: object, vetoed: bool) -> str | None:
    """'A', 'B' or 'C' (a vetoed unit's is C, written or not); None when not given; 'bad' otherwise."""
    if is_blank(value):
        return "C" if vetoed else None
    band = next((b for b in BANDS if fold(value) == fold(b)), "bad")
    return "bad" if vetoed and band != "C" else band
