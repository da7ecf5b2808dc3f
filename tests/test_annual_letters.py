"""The year compares §7's responsibility letters with the stored target scores: each target scored in full, in
part or not at all; without letters of the year the sheet is left out."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import read_book, write_company
from pbbatch.annual.targets import letter_months
from pbbatch.cli import cli
from pbbatch.core.config import load_config
from pbbatch.history import store as history


@pytest.mark.parametrize("value, expected", [("全年", list(range(1, 13))), ("1-6", [1, 2, 3, 4, 5, 6]),
                                             ("3,6,9,12", [3, 6, 9, 12]), ("3、6月", [3, 6]), ([1, "7-8"], [1, 7, 8]),
                                             ("all", list(range(1, 13)))])
def test_letter_months(value, expected):
    assert letter_months(value) == expected


def test_the_letters_compared_with_the_results(tmp_path):
    folder = write_company(tmp_path)
    config = load_config(folder / "config.toml")
    rows = [{"period": f"2026-{m:02d}", "unit_id": "D01", "rank": 1, "total": 90.0, "band": "B", "coefficient": 1.0,
             "vetoed": False, "low": False, "last": False, "head": ""} for m in (1, 2, 3)]
    letters = [{"unit_id": "D01", "category": "重點目標", "target": "黨員發展", "points": 60, "months": "1-3"},
               {"unit_id": "D01", "category": "共性目標", "target": "學習", "points": 40, "months": "全年"},
               {"unit_id": "D01", "category": "共性目標", "target": "調研", "points": 10, "months": "2"},
               {"unit_id": "D01", "category": "共性目標", "target": "總結", "points": 10, "months": "12"}]
    scores = {m: [{"unit_id": "D01", "target": "黨員發展", "points": 60, "score": 60},
                  {"unit_id": "D01", "target": "學習", "points": 40, "score": 36 if m == "2026-02" else 40},
                  {"unit_id": "D01", "target": "調研", "points": 10, "score": 0}] for m in ("2026-01", "2026-02", "2026-03")}
    data = {("2026", "targets"): letters, **{(m, "target_scores"): v for m, v in scores.items()}}
    history.replace_periods(config.history, pd.DataFrame(rows), "test", data=data)
    assert CliRunner().invoke(cli, ["annual", "--year", "2026", "--config", str(folder / "config.toml")]).exit_code == 0
    sheet = read_book(folder / "output" / "2026" / "年度考核_2026.xlsx", "目標完成情況").fillna("")
    outcome = dict(zip(sheet["目標內容"], sheet["完成情況"]))
    assert outcome == {"黨員發展": "全部得分", "學習": "部分得分", "調研": "未得分", "總結": "無考核結果"}
    study = sheet[sheet["目標內容"] == "學習"].iloc[0]
    assert (study["得分合計"], study["應得分合計"], study["已計分月份"]) == (116, 120, "1、2、3")
    assert study["未計分月份"] == "4、5、6、7、8、9、10、11、12"
