"""The bundled sample company (input_samples/): `pbbatch run --period 2026-03` shows every kind of outcome,
and nothing else: one rejected file, one superseded, two skipped, two missing submissions, one warning, a
vetoed department and a vetoed branch in band C.

input_samples/README.md says which file demonstrates what; regenerate with `python input_samples/make_samples.py`.
"""

import shutil
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from pbbatch.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "input_samples"
MARCH = "2026-03/"
REJECTED = MARCH + "評分表_領導評價_2026-03_L04_何秀英.xlsx"
SUPERSEDED = MARCH + "目標考核表_2026-03_D02_宣傳部.xlsx"
RESUBMISSION = MARCH + "目標考核表_2026-03_D02_宣傳部_第2版.xlsx"
SKIPPED = {MARCH + "~$目標考核表_2026-03_D02_宣傳部_第2版.xlsx", MARCH + "說明.txt"}
POINTS_95 = MARCH + "目標考核表_2026-03_D05_工會.xlsx"


def read(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None, engine="calamine", dtype=str, keep_default_na=False)


def test_sample_company_march_shows_every_outcome(tmp_path):
    shutil.copytree(SAMPLES / "inbox", tmp_path / "inbox")
    shutil.copy2(SAMPLES / "名冊.xlsx", tmp_path / "名冊.xlsx")
    (tmp_path / "config.toml").write_text('[paths]\ninbox = "inbox"\nregistry = "名冊.xlsx"\n', encoding="utf-8")

    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(tmp_path / "config.toml")],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.output

    out = tmp_path / "output" / "2026-03"
    report = read(out / "處理報告_2026-03.xlsx")
    files = report["文件"].set_index("文件")["狀態"]
    march = files[files.index.str.startswith(MARCH)]
    assert list(files[files == "退回"].index) == [REJECTED]
    assert list(files[files == "被取代"].index) == [SUPERSEDED]
    assert files[RESUBMISSION] == "接收"
    assert set(march[march == "略過"].index) == SKIPPED
    assert set(march[~march.index.isin(SKIPPED | {REJECTED, SUPERSEDED})]) == {"接收"}
    # January and February files are read too (their 加減分表 count toward the quarter), never rejected.
    assert set(files[files.index.str.startswith(("2026-01/", "2026-02/"))]) <= {"略過", "接收"}
    assert set(files[files.index.str.startswith("2026-Q1/")]) == {"接收"}  # the branches' quarterly forms

    problems = report["問題"]
    errors = problems[problems["級別"] == "錯誤"]
    assert errors[["文件", "工作表", "儲存格"]].values.tolist() == [[REJECTED, "數據", "C8"]]
    assert "105" in errors["說明"].iloc[0]
    warnings = problems[problems["級別"] == "警告"]
    assert warnings[["文件", "儲存格"]].values.tolist() == [[POINTS_95, "C5"]]
    assert "95" in warnings["說明"].iloc[0]

    missing = report["未報送"]
    assert sorted(missing[["評價類型", "填報單位編號", "原因"]].values.tolist()) == [
        ["服務基層評價", "B11", "未收到"],
        ["領導評價", "L04", "已退回，需重新報送"],
    ]

    ranking = read(out / "部門月度考核_2026-03.xlsx")["排名"]
    rows = ranking.set_index("單位編號")
    assert list(ranking.loc[ranking["一票否決"] == "是", "單位編號"]) == ["D07"]
    assert rows.loc["D07", ["板塊", "排名", "檔次", "薪酬係數"]].tolist() == ["群團板塊", "4", "C", "0.8"]
    # The veto, not the total, puts 團委 last: a department with a lower total still ranks above it.
    group = ranking[ranking["板塊"] == "群團板塊"]
    assert (group["綜合得分"].astype(float) < float(rows.loc["D07", "綜合得分"])).any()
    for block, bands in ranking.groupby("板塊")["檔次"]:
        if len(bands) >= 4:
            assert set(bands) == {"A", "B", "C"}, block
    assert (ranking["資料缺失"] == "").all()

    branches = read(out / "支部季度考核_2026-Q1.xlsx")["排名"]
    assert list(branches.loc[branches["一票否決"] == "是", "單位編號"]) == ["B01"]
    assert branches.set_index("單位編號").loc["B01", "檔次"] == "C"
    assert set(branches["檔次"]) == {"A", "B", "C"}
    assert (branches["資料缺失"] == "").all()
