"""The rules in force (一綱, contract section 11): every run stores the scoring rules it used with its periods; a
re-run under changed rules warns, naming each key with both values; an imported period has none; the briefs end
with an appendix of the rules, rendered again the same from the stored brief."""

import re

import pytest
from click.testing import CliRunner

from conftest import ITEMS, complete_march, read_book, without_no_letter_warnings, write_book, write_company
from pbbatch.briefs.sections import Table, brief_blocks
from pbbatch.cli import cli
from pbbatch.core.catalogue import label
from pbbatch.core.config import default_config, load_config
from pbbatch.core.rules import changed_rules, rules_in_force
from pbbatch.core.rules_text import describe_rules
from pbbatch.history import store as history

CHANGED = {
    "zh-Hant": "banding.shares：存檔 [0.2, 0.7, 0.1]，現在 [0.3, 0.6, 0.1]",
    "zh-Hans": "banding.shares：存档 [0.2, 0.7, 0.1]，现在 [0.3, 0.6, 0.1]",
    "en": "banding.shares: stored [0.2, 0.7, 0.1], now [0.3, 0.6, 0.1]",
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def company(tmp_path, settings: str = ""):
    folder = write_company(tmp_path, settings=settings)
    complete_march(folder / "inbox")
    return folder


def run(folder):
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def stored_rules(folder) -> dict:
    return history.load_data(folder / "output" / "history.sqlite", "rules")


def report_warnings(folder, locale: str) -> list[tuple[str, str, str]]:
    """(file, cell, message) of each warning of the processing report's problems sheet."""
    path = folder / "output" / "2026-03" / f"{label('file.report', locale)}_2026-03.xlsx"
    sheet = read_book(path, label("report.sheet.problems", locale), dtype=str, keep_default_na=False)
    rows = sheet[sheet.iloc[:, 3] == label("level.warning", locale)]
    rows = without_no_letter_warnings(rows, sheet.columns[4])  # every 目標考核表 of a letter-less year has one
    return [tuple(r) for r in rows.iloc[:, [0, 2, 4]].values.tolist()]


def test_a_run_stores_the_rules_it_used_with_the_month_and_the_quarter(tmp_path):
    folder = company(tmp_path, "[banding]\nshares = [0.3, 0.6, 0.1]\n")
    run(folder)
    rules = rules_in_force(load_config(folder / "config.toml"))
    assert stored_rules(folder) == {"2026-03": rules, "2026-Q1": rules}
    assert rules["banding.shares"] == [0.3, 0.6, 0.1]
    assert rules["branches.items"] == [{"code": c, "name": n, "points": p, "owner": o} for c, n, p, o in ITEMS]
    assert not [k for k in rules if k.startswith(("limits.", "paths.", "locale", "organization.", "site."))]


@pytest.mark.parametrize("locale", CHANGED)
def test_a_rerun_under_a_changed_rule_warns_with_both_values_and_goes_on(tmp_path, locale):
    folder = company(tmp_path, f'locale = "{locale}"\n')
    run(folder)
    config = folder / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f'locale = "{locale}"\n', f'locale = "{locale}"\n[banding]\nshares = [0.3, 0.6, 0.1]\n'), encoding="utf-8")
    result = run(folder)
    assert CHANGED[locale] in result.output
    assert [(file, cell) for file, cell, text in report_warnings(folder, locale) if CHANGED[locale] in text] == [
        ("config.toml", "banding.shares")]
    assert len([line for line in result.output.splitlines() if "banding.shares" in line]) == 1  # month and quarter
    assert {p: r["banding.shares"] for p, r in stored_rules(folder).items()} == {
        "2026-03": [0.3, 0.6, 0.1], "2026-Q1": [0.3, 0.6, 0.1]}


def test_a_rerun_under_the_same_rules_does_not_warn(tmp_path):
    folder = company(tmp_path)
    run(folder)
    result = run(folder)
    assert "config.toml" not in result.output
    assert report_warnings(folder, "zh-Hant") == []


def test_a_changed_key_work_item_is_named_by_its_code(tmp_path):
    config = default_config(tmp_path)
    before = rules_in_force(config)
    now = {**before, "branches.items": [dict(i) for i in before["branches.items"]]}
    now["branches.items"][2]["points"] = 15
    assert changed_rules(before, now) == [("branches.items[K03].points", 10, 15)]
    assert changed_rules(before, before) == []


def test_an_imported_period_has_no_rules(tmp_path):
    folder = company(tmp_path)
    run(folder)
    header = ["期間", "單位編號", "排名", "綜合得分", "一票否決", "負責人"]
    seed = write_book(folder / "seed.xlsx", {"歷史": [header, ["2026-03", "D01", 1, 90, "", "王明"]]})
    result = CliRunner().invoke(cli, ["history", "import", str(seed), "--config", str(folder / "config.toml")])
    assert result.exit_code == 0, result.output
    assert list(stored_rules(folder)) == ["2026-Q1"]  # the imported month's rules are not recorded


def appendix(html: str) -> str:
    return html[html.index(label("rules.appendix")):]


def appendix_blocks(data: dict, locale: str) -> list:
    """The blocks of the brief of `data` from the appendix's heading on."""
    blocks = brief_blocks(data, locale)
    return blocks[[getattr(b, "text", None) for b in blocks].index(label("rules.appendix", locale)):]


def test_the_appendix_lists_the_weights_the_run_used_and_is_written_again_the_same(tmp_path):
    folder = company(tmp_path, "[departments.weights]\ntarget = 0.5\nleader = 0.2\nservice = 0.15\nmutual = 0.15\n")
    run(folder)
    brief = folder / "output" / "2026-03" / "部門講評會材料_2026-03.html"
    written = brief.read_text(encoding="utf-8")
    assert "目標績效 50%、領導評價 20%、服務基層評價 15%、部門互評 15%" in appendix(written)

    config = folder / "config.toml"  # today's config no longer says so: the brief keeps the rules it was made with
    config.write_text(config.read_text(encoding="utf-8").replace("target = 0.5\nleader = 0.2", "target = 0.4\nleader = 0.3"),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", "--period", "2026-03", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert brief.read_text(encoding="utf-8") == written

    other = company(tmp_path / "default")
    run(other)
    default = (other / "output" / "2026-03" / "部門講評會材料_2026-03.html").read_text(encoding="utf-8")
    assert "目標績效 40%、領導評價 30%" in appendix(default)


def test_the_branch_appendix_lists_the_items_with_points_and_owners(tmp_path):
    folder = company(tmp_path)
    run(folder)
    data = history.load_brief(folder / "output" / "history.sqlite", "2026-Q1", "branches")
    items = [b for b in appendix_blocks(data, "zh-Hant") if isinstance(b, Table)][-1]
    assert [c.title for c in items.columns] == ["項目編號", "項目名稱", "分值", "考評部門"]
    assert [r.cells for r in items.rows] == [("K01", "政治建設", "40", "D01 組織部"), ("K02", "組織建設", "30", "D02 宣傳部"),
                                             ("K03", "作風建設", "30", "D01 組織部")]


@pytest.mark.parametrize("locale", CHANGED)
def test_the_appendix_speaks_the_locale(tmp_path, locale):
    folder = company(tmp_path)
    run(folder)
    for period, kind in (("2026-03", "departments"), ("2026-Q1", "branches")):
        data = history.load_brief(folder / "output" / "history.sqlite", period, kind)
        rules = appendix_blocks(data, locale)[1]
        assert [r.cells for r in rules.rows] == describe_rules(data["rules"], locale, kind)
        assert len(rules.rows) == (8 if kind == "branches" else 6)
        assert rules.columns[0].title == label("rules.rule", locale)
        if locale == "en":  # nothing in Chinese but the users' own names (items and their owners)
            assert not HAN.search(" ".join(" ".join(r.cells) for r in rules.rows))


@pytest.mark.parametrize("shares, coefficients, said", [
    ("[0.2, 0.7, 0.1]", "[1.2, 1.0, 0.8]", "各板塊按 2:7:1 分檔，薪酬係數分別為 120%、100%、80%。"),
    ("[0.3, 0.6, 0.1]", "[1.3, 1.0, 0.7]", "各板塊按 3:6:1 分檔，薪酬係數分別為 130%、100%、70%。"),
    ("[0.25, 0.65, 0.1]", "[1.2, 1.0, 0.8]", "各板塊按 25%:65%:10% 分檔，薪酬係數分別為 120%、100%、80%。"),
])
def test_the_overview_states_the_banding_the_run_used(tmp_path, shares, coefficients, said):
    """The overview and the appendix must not disagree: both say the run's shares and coefficients."""
    folder = company(tmp_path, f"[banding]\nshares = {shares}\ncoefficients = {coefficients}\n")
    run(folder)
    brief = (folder / "output" / "2026-03" / "部門講評會材料_2026-03.html").read_text(encoding="utf-8")
    assert said in brief


def test_a_brief_stored_without_rules_states_the_banding_its_text_then_gave():
    from pbbatch.briefs.sections import Paragraph

    data = {"kind": "departments", "period": "2026-03", "organization": "甲", "committee": "乙", "draft": False,
            "overview": {"units": 1, "files": 1, "accepted": 1, "rejected": 0, "missing": 0},
            "weights": {"target": 0.4, "leader": 0.3, "service": 0.15, "mutual": 0.15}, "blocks": [],
            "commended": [], "reflection": [], "vetoes": [], "adjustments": [], "outstanding": [], "payout": None}
    texts = [b.text for b in brief_blocks(data, "en") if isinstance(b, Paragraph)]
    assert any("split 2:7:1 into pay coefficients of 120%, 100%, 80%" in t for t in texts)
