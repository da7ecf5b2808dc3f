"""The bundled sample company (input_samples/): after `pbbatch history import input_samples/往期成績.xlsx`,
`pbbatch run --period 2026-03` shows every kind of outcome, and nothing else: the year's responsibility letter
(目標責任書) counted, two rejected files (a score out of range, and a 目標考核表 that leaves out a target of the
letter), one superseded, two skipped, three missing submissions, one warning, a vetoed department and a vetoed
branch in band C; and, with the seeded history, the branches' rewards, a removal (崗位淘汰) for B01 and an admonishment
(誡勉談話) for the branch ranked 13th, each department's movement since February, and a quarterly payout
(季度兌現) of three real months.

input_samples/README.md says which file demonstrates what; regenerate with `python input_samples/make_samples.py`.
"""

import shutil
from pathlib import Path

import pandas as pd

from conftest import read_book
from click.testing import CliRunner

from pbbatch.history import store as history
from pbbatch.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "input_samples"
DOC_SAMPLES = Path(__file__).resolve().parent.parent / "docs" / "samples"
MARCH = "2026-03/"
REJECTED = MARCH + "評分表_領導評價_2026-03_L04_何秀英.xlsx"
SUPERSEDED = MARCH + "目標考核表_2026-03_D02_宣傳部.xlsx"
RESUBMISSION = MARCH + "目標考核表_2026-03_D02_宣傳部_第2版.xlsx"
SKIPPED = {MARCH + "~$目標考核表_2026-03_D02_宣傳部_第2版.xlsx", MARCH + "說明.txt"}
POINTS_95 = MARCH + "目標考核表_2026-03_D05_工會.xlsx"  # leaves out a 5-point target of the letter: rejected
LETTER = "2026/目標責任書_2026_D03_黨委辦公室.xlsx"
SEED = "往期成績.xlsx"
CONFIG = """[paths]
inbox = "inbox"
registry = "名冊.xlsx"
output = "output"
history = "output/history.sqlite"

[branches]
low_share = 0.15
"""  # the root config.toml, relative to the copy


def read(path: Path) -> dict[str, pd.DataFrame]:
    return read_book(path, sheet_name=None, engine="calamine", dtype=str, keep_default_na=False)


def test_sample_company_march_shows_every_outcome(tmp_path):
    shutil.copytree(SAMPLES / "inbox", tmp_path / "inbox")
    for name in ("名冊.xlsx", SEED):
        shutil.copy2(SAMPLES / name, tmp_path / name)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")

    runner = CliRunner()
    seeded = runner.invoke(cli, ["history", "import", str(tmp_path / SEED), "--config", str(config)],
                           catch_exceptions=False)
    assert seeded.exit_code == 0, seeded.output
    seed_periods = ["2025-Q2", "2025-Q3", "2025-Q4", "2026-01", "2026-02"]
    stored = history.load(tmp_path / "output" / "history.sqlite", seed_periods)
    assert sorted(set(stored["period"])) == seed_periods

    result = runner.invoke(cli, ["run", "--period", "2026-03", "--config", str(config)], catch_exceptions=False)
    assert result.exit_code == 1, result.output

    out = tmp_path / "output" / "2026-03"
    report = read(out / "處理報告_2026-03.xlsx")
    files = report["文件"].set_index("文件")["狀態"]
    march = files[files.index.str.startswith(MARCH)]
    assert sorted(files[files == "退回"].index) == sorted([REJECTED, POINTS_95])
    assert list(files[files == "被取代"].index) == [SUPERSEDED]
    assert files[RESUBMISSION] == "接收" and files[LETTER] == "接收"
    assert set(march[march == "略過"].index) == SKIPPED
    assert set(march[~march.index.isin(SKIPPED | {REJECTED, SUPERSEDED, POINTS_95})]) == {"接收"}
    # January and February files are read too (their 加減分表 count toward the quarter), never rejected.
    assert set(files[files.index.str.startswith(("2026-01/", "2026-02/"))]) <= {"略過", "接收"}
    assert set(files[files.index.str.startswith("2026-Q1/")]) == {"接收"}  # the branches' quarterly forms

    problems = report["問題"]
    errors = problems[problems["級別"] == "錯誤"]
    assert errors[["文件", "工作表", "儲存格"]].values.tolist() == [[POINTS_95, "數據", "B10"], [REJECTED, "數據", "C8"]]
    assert "職工書屋和文體活動陣地管理" in errors["說明"].iloc[0] and "5 分" in errors["說明"].iloc[0]
    assert "105" in errors["說明"].iloc[1]
    warnings = problems[problems["級別"] == "警告"]
    assert warnings[["文件", "儲存格"]].values.tolist() == [[POINTS_95, "C5"]]
    assert "95" in warnings["說明"].iloc[0]

    missing = report["未報送"]
    assert sorted(missing[["評價類型", "填報單位編號", "原因"]].values.tolist()) == [
        ["", "D05", "已退回，需重新報送"],
        ["服務基層評價", "B11", "未收到本期的表（最近收到的是 2026-02 的表）"],  # what did come from B11: February's
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
    assert list(ranking.loc[ranking["資料缺失"] != "", "單位編號"]) == ["D05"]  # its target form was rejected

    branches = read(out / "支部季度考核_2026-Q1.xlsx")["排名"]
    assert list(branches.loc[branches["一票否決"] == "是", "單位編號"]) == ["B01"]
    assert branches.set_index("單位編號").loc["B01", "檔次"] == "C"
    assert set(branches["檔次"]) == {"A", "B", "C"}
    assert (branches["資料缺失"] == "").all()

    # The seeded history: B01 was last in 2025-Q3 and 2025-Q4 under the same secretary, and last again (vetoed):
    # 崗位淘汰. The branch ranked 13th was low in 2025-Q4 but not in 2025-Q3: 誡勉談話 only.
    by_rank = branches.set_index("排名")
    assert by_rank.loc[["1", "2", "3"], "獎勵金額"].astype(float).tolist() == [3000, 2000, 1000]
    assert (branches.loc[~branches["排名"].isin(["1", "2", "3"]), "獎勵金額"].isin(["", "0"])).all()
    assert list(branches.loc[branches["崗位淘汰"] == "是", "單位編號"]) == ["B01"]
    assert by_rank.loc["14", "單位編號"] == "B01"
    thirteenth = by_rank.loc["13"]
    assert thirteenth["單位編號"] != "B01"
    assert thirteenth["排名靠後"] == "是" and thirteenth["誡勉談話"] == "是" and thirteenth["崗位淘汰"] != "是"
    assert set(branches.loc[branches["誡勉談話"] == "是", "單位編號"]) == {thirteenth["單位編號"], "B01"}
    assert list(branches.loc[branches["排名靠後"] == "是", "單位編號"]) == [thirteenth["單位編號"], "B01"]

    # February is seeded: three real monthly coefficients, none counted as 1.0; every department has moved (or not).
    payout = read(out / "部門月度考核_2026-03.xlsx")["季度兌現"]
    assert {"2026-01", "2026-02", "2026-03"} <= set(payout.columns)
    assert (payout[["2026-01", "2026-02", "2026-03"]] != "").all().all()
    assert (payout["說明"] == "").all()
    brief = history.load_brief(tmp_path / "output" / "history.sqlite", "2026-03", "departments")
    rows = [row for block in brief["blocks"] for row in block["rows"]]
    assert len(rows) == 12 and all(row["movement"] is not None for row in rows)

    # docs/samples shows these briefs to readers of the README: they must be what the batch writes now (to make
    # them again, see docs/samples/README.md).
    shown = sorted(DOC_SAMPLES.glob("*.html"))
    assert len(shown) == 2
    for sample in shown:
        assert (out / sample.name).read_text(encoding="utf-8") == sample.read_text(encoding="utf-8"), sample.name
