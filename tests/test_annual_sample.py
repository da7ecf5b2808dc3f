"""The sample year: `pbbatch history import input_samples/history_2025.xlsx` then `pbbatch annual --year 2025`
shows awards and units not eligible, as input_samples/README.md says."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import read_book
from pbbatch.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "input_samples"


def test_the_seeded_2025_shows_awards_and_ineligible_units(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f"[paths]\nregistry = '{SAMPLES / '名冊.xlsx'}'\ninbox = '{tmp_path}'\n"
                      "[branches]\nlow_share = 0.15\n", encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(cli, ["history", "import", str(SAMPLES / "history_2025.xlsx"), "--config", str(config)])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(cli, ["annual", "--year", "2025", "--config", str(config)])
    assert result.exit_code == 0, result.output
    book = read_book(tmp_path / "output" / "2025" / "年度考核_2025.xlsx")
    awards = book["評先選優"]
    assert list(zip(awards["獲評"], awards["單位名稱"])) == [
        ("優秀黨群部門", "組織部"), ("優秀黨群部門", "工會"), ("優秀黨群部門", "武裝保衛部"),
        ("先進黨支部", "機關第一黨支部"), ("先進黨支部", "綜採二隊黨支部"), ("先進黨支部", "調度室黨支部")]
    lines = dict(zip(book["評優資格"]["單位名稱"], book["評優資格"]["評優資格"]))
    assert lines["安全監察部"] == "不能評優：2025-05 一票否決"
    assert lines["綜採一隊黨支部"] == "不能評優：2025-Q4 誡勉談話"
    assert lines["巡察辦公室"].startswith("不能評優：檔次 C 共 7 次")
    assert sum(line != "可評優" for line in lines.values()) == 6
