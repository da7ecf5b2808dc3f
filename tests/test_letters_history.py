"""Each run keeps the year's counted targets in the history (name "targets", period "2026"), for the year's
results and the site; a run that counts no letter leaves them as they are."""

from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.history.store import load_data
from pbbatch.run import run
from conftest import complete_march, write_company
from test_letters import letter

MARCH_LETTER = [
    ["D01", "重點目標", "黨員發展", 60, "全年", "發展黨員 5 名", "王明"],
    ["D01", "共性目標", "學習", 40, "全年", "", ""],
    ["D02", "重點目標", "宣傳報道", 100, "全年", "", ""],
    ["D03", "安全績效目標", "安全", 50, "全年", "", ""],
    ["D03", "共性目標", "學習", 50, "全年", "", ""],
]


def test_a_run_stores_the_counted_targets_of_its_year(tmp_path):
    folder = write_company(tmp_path / "co")
    complete_march(folder / "inbox")
    letter(folder / "inbox", MARCH_LETTER)
    config = load_config(folder / "config.toml")
    result = run(config, Month(2026, 3))
    assert result.exit_code == 0, [p for o in result.intake.outcomes for p in o.problems]
    stored = load_data(config.history, "targets")
    assert list(stored) == ["2026"]
    assert [(r["unit_id"], r["target"], r["points"], r["months"]) for r in stored["2026"]][:2] == [
        ("D01", "黨員發展", 60.0, list(range(1, 13))), ("D01", "學習", 40.0, list(range(1, 13)))]
    assert stored["2026"][0]["standard"] == "發展黨員 5 名" and stored["2026"][0]["file"] == "letter.xlsx"
    home = (config.output / "site" / "index.html").read_text(encoding="utf-8")
    assert "2026年3月" in home and "2026年<" not in home  # the year is stored for its data, not listed as a run
    (folder / "inbox" / "letter.xlsx").unlink()  # an inbox cleared of the year's earlier files
    run(config, Month(2026, 3))
    assert [r["target"] for r in load_data(config.history, "targets")["2026"]][:1] == ["黨員發展"]


def test_a_run_of_a_year_without_letters_stores_no_targets(tmp_path):
    folder = write_company(tmp_path / "co")
    complete_march(folder / "inbox")
    config = load_config(folder / "config.toml")
    run(config, Month(2026, 3))
    assert load_data(config.history, "targets") == {}
