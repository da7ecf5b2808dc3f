#!/usr/bin/env python3
"""Writes input_samples/history_2025.xlsx: the sample company's whole 2025, for `pbbatch annual --year 2025`.

    python input_samples/make_history_2025.py

- the departments' twelve months, ranked and banded within their 板塊 the way the batch does it
  (pbbatch.assess.ranking), each around its usual level (YEAR_LEVELS) with seeded noise: 巡察辦公室 (D11) trails
  黨務板塊 in most months, so it is banded C more than `annual.max_c_months` times; 安全監察部 (D06) is vetoed in
  2025-05 (seeded, so without a category);
- the branches' four quarters: 2025-Q2..Q4 copied from 往期成績.xlsx (so importing both files, in either order,
  stores the same rows), 2025-Q1 added. 綜採一隊黨支部 (B01) is last in 2025-Q3 and 2025-Q4 under the same
  secretary: 誡勉談話 in 2025-Q4.

Deterministic: a fixed random seed, fixed workbook properties, zip entry times and modification time.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the pbbatch next to this folder, even without `pip install -e`

import python_calamine  # noqa: E402
import xlsxwriter  # noqa: E402

from pbbatch.assess.ranking import assign_bands, competition_rank  # noqa: E402
from pbbatch.core.config import default_config  # noqa: E402
from pbbatch.intake.registry_file import load_registry  # noqa: E402
from pbbatch.outputs.xlsx import WORKBOOK_OPTIONS  # noqa: E402

OUT = HERE / "history_2025.xlsx"
EARLIER = HERE / "往期成績.xlsx"
HEADER = ["期間", "單位編號", "單位名稱", "負責人", "排名", "綜合得分", "一票否決", "檔次", "薪酬係數", "排名靠後", "墊底"]
VETO = ("2025-05", "D06")
LEVELS = {"D01": 91, "D02": 88, "D03": 89, "D04": 87, "D11": 85.5, "D05": 90, "D07": 88, "D08": 86, "D12": 85,
          "D06": 92, "D09": 87, "D10": 86}
FIRST_QUARTER = ["B02", "B14", "B04", "B10", "B15", "B05", "B01", "B06", "B11", "B03", "B07", "B09", "B13", "B08"]
CST = dt.timezone(dt.timedelta(hours=8))


def department_months(registry, config) -> list[list]:
    units = registry.of_kind("department")
    names, heads = dict(zip(units["unit_id"], units["unit_name"])), dict(zip(units["unit_id"], units["head"]))
    rng = random.Random(20250101)
    rows = []
    for m in range(1, 13):
        period = f"2025-{m:02d}"
        frame = units.assign(total=[round(LEVELS[u] + rng.uniform(-2.5, 2.5), 2) for u in units["unit_id"]],
                             vetoed=[(period, u) == VETO for u in units["unit_id"]])
        ranked = assign_bands(frame.assign(rank=competition_rank(frame, "block", [])), "block", config)
        for r in ranked.itertuples(index=False):
            rows.append([period, r.unit_id, names[r.unit_id], heads[r.unit_id], int(r.rank), float(r.total),
                         "是" if r.vetoed else "", r.band, float(r.coefficient), "", "是" if r.last else ""])
    return rows


def branch_quarters(registry) -> list[list]:
    units = registry.of_kind("branch")
    names, heads = dict(zip(units["unit_id"], units["unit_name"])), dict(zip(units["unit_id"], units["head"]))
    rows = [[("2025-Q1"), unit, names[unit], heads[unit], rank, round(95.5 - 0.9 * rank - 0.3 * (rank > 12), 2), "", "",
             None, "是" if rank > 12 else "", "是" if rank == 14 else ""] for rank, unit in enumerate(FIRST_QUARTER, 1)]
    earlier = python_calamine.CalamineWorkbook.from_path(str(EARLIER)).get_sheet_by_index(0).to_python()
    at = {name: i for i, name in enumerate(earlier[0])}
    for row in earlier[1:]:
        if str(row[at["期間"]]).startswith("2025-Q"):
            rows.append([None if row[at[h]] == "" and h == "薪酬係數" else
                         int(row[at[h]]) if h == "排名" else row[at[h]] for h in HEADER])
    return rows


def write(rows: list[list]) -> None:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    book.set_properties({"created": dt.datetime(2026, 1, 5)})
    sheet = book.add_worksheet("往期成績")
    for c, text in enumerate(HEADER):
        sheet.write_string(0, c, text)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    book.close()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(info, src.read(entry.filename))
    OUT.write_bytes(out.getvalue())
    stamp = dt.datetime(2026, 1, 5, 8, 30, tzinfo=CST).timestamp()
    os.utime(OUT, (stamp, stamp))


def main() -> None:
    registry = load_registry(HERE / "名冊.xlsx")
    write(department_months(registry, default_config(HERE)) + branch_quarters(registry))
    print(f"Wrote {OUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
