"""The rating sheets of the departments' workbook: a row per department, a column per rater, dropped scores
struck through, and a list of the rating files."""

import datetime as dt

import numpy as np
import openpyxl
import pandas as pd

import pbbatch.outputs.xlsx as xlsx
from pbbatch.assess.departments import DepartmentMonth
from pbbatch.core.periods import Month
from pbbatch.assess.scoring import mark_all_ratings
from pbbatch.outputs.tables import rating_grid, rating_sources


def month_with(ratings: list[tuple[str, str, str, float]], registry) -> DepartmentMonth:
    """(rating type, rater, ratee, score) rows, marked as the scoring marks them (trimmed above 2 raters)."""
    frame = pd.DataFrame(ratings, columns=["rating_type", "submitter_id", "ratee_id", "score"])
    files = frame.groupby(["rating_type", "submitter_id"], sort=False).size().reset_index(name="count")
    files.insert(2, "file", [f"{kind}_{rater}.xlsx" for kind, rater in zip(files["rating_type"], files["submitter_id"])])
    ranking = pd.DataFrame({"unit_id": ["D02", "D01", "D03"], "leader": [81.0, 87.0, 0.0],
                            "service": [80.0, 90.0, 85.0], "mutual": [84.5, 89.0, 77.5]})
    empty = pd.DataFrame()
    return DepartmentMonth(Month(2026, 3), ranking, empty, mark_all_ratings(frame, 2), files, empty, empty, empty)


SERVICE = [("service", "B01", "D01", 88.0), ("service", "B02", "D01", 92.0), ("service", "B09", "D01", 70.0),
           ("service", "B01", "D02", 82.0), ("service", "B02", "D02", 78.0)]


def test_one_row_per_department_in_ranking_order_and_one_column_per_rater(registry):
    grid = rating_grid(month_with(SERVICE, registry), registry, "service", "zh-Hant")
    assert grid.lead["單位編號"].tolist() == ["D02", "D01", "D03"]
    assert grid.headers == ["B01 綜採一隊黨支部", "B02 機電科黨支部", "B09 "]  # B09 is no longer in the registry
    np.testing.assert_array_equal(grid.values, [[82, 78, np.nan], [88, 92, 70], [np.nan] * 3])


def test_above_the_threshold_the_dropped_scores_are_struck_and_listed(registry):
    grid = rating_grid(month_with(SERVICE, registry), registry, "service", "zh-Hant")
    assert grid.struck.tolist() == [[False] * 3, [False, True, True], [False] * 3]  # D01: 92 high, 70 low
    lead = grid.lead.set_index("單位編號")
    assert lead.loc["D01", ["評分人數", "去掉最高分", "去掉最低分", "服務基層評價"]].tolist() == [3, 92, 70, 90]
    assert lead.loc["D02", "評分人數"] == 2 and pd.isna(lead.loc["D02", "去掉最高分"])
    assert lead.loc["D03", "評分人數"] == 0


def test_leaders_are_never_dropped_and_their_weight_is_in_the_header(registry):
    leaders = [("leader", "L01", "D01", 90.0), ("leader", "L02", "D01", 84.0), ("leader", "L01", "D02", 80.0)]
    grid = rating_grid(month_with(leaders, registry), registry, "leader", "zh-Hant")
    assert grid.headers == ["L01 周書記 (權重 2)", "L02 吳經理 (權重 1)"]
    assert list(grid.lead.columns) == ["單位編號", "單位名稱", "評分人數", "領導評價"]
    assert not grid.struck.any()


def test_the_sources_list_each_rating_file_once(registry):
    result = month_with([("leader", "L01", "D01", 90.0), ("leader", "L01", "D02", 80.0)] + SERVICE, registry)
    sources = rating_sources(result, registry, "zh-Hant")
    assert sources.astype(object).where(sources.notna(), None).values.tolist() == [
        ["領導評價", "L01", "周書記", 2.0, 2, "leader_L01.xlsx"],
        ["服務基層評價", "B01", "綜採一隊黨支部", None, 2, "service_B01.xlsx"],
        ["服務基層評價", "B02", "機電科黨支部", None, 2, "service_B02.xlsx"],
        ["服務基層評價", "B09", "", None, 1, "service_B09.xlsx"],
    ]


def grid(rows: int, columns: int):
    from pbbatch.outputs.tables import Grid

    values = np.arange(rows * columns, dtype=float).reshape(rows, columns)
    values[0, 1] = np.nan
    struck = np.zeros(values.shape, dtype=bool)
    struck[-1, -1] = True
    lead = pd.DataFrame({"編號": [f"D{i}" for i in range(rows)], "得分": [1.5] * rows})
    return Grid(lead, [f"R{c}" for c in range(columns)], values, struck)


def test_the_grid_is_written_as_numbers_with_empty_cells_left_empty(tmp_path):
    xlsx.write_workbook(tmp_path / "g.xlsx", [xlsx.GridSheet("明細", grid(2, 3))], dt.datetime(2026, 3, 1))
    ws = openpyxl.load_workbook(tmp_path / "g.xlsx")["明細"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["編號", "得分", "R0", "R1", "R2"], ["D0", 1.5, 0, None, 2], ["D1", 1.5, 3, 4, 5]]
    assert ws["E3"].font.strike and not ws["D3"].font.strike
    assert ws.freeze_panes == "C2"


def test_a_grid_wider_than_a_sheet_continues_with_the_lead_repeated(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_COLUMNS", 4)  # the two lead columns and two grid columns a sheet
    xlsx.write_workbook(tmp_path / "g.xlsx", [xlsx.GridSheet("明細", grid(2, 5))], dt.datetime(2026, 3, 1))
    book = openpyxl.load_workbook(tmp_path / "g.xlsx")
    assert book.sheetnames == ["明細", "明細 (2)", "明細 (3)"]
    assert [[c.value for c in row] for row in book["明細 (3)"].iter_rows()] == [
        ["編號", "得分", "R4"], ["D0", 1.5, 4], ["D1", 1.5, 9]]
    assert book["明細 (3)"]["C3"].font.strike
    assert [c.value for c in book["明細 (2)"][1]] == ["編號", "得分", "R2", "R3"]
