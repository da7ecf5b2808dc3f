"""End to end through the command line: exit codes, outputs, atomicity, and that inputs are never touched."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import pbbatch.outputs.write
from pbbatch.history import store as history
from conftest import (
    without_no_letter_warnings,
    ITEMS_TOML,
    UNITS,
    adjustments,
    complete_march,
    read_book,
    targets,
    vetoes,
    write_company,
    write_form,
    write_registry,
)
from pbbatch.cli import cli

RANKING_HEADER = ["板塊", "排名", "單位編號", "單位名稱", "負責人", "目標績效", "領導評價", "服務基層評價", "部門互評",
                  "加減分", "綜合得分", "一票否決", "檔次", "薪酬係數", "檢查反思", "資料缺失"]


@pytest.fixture
def company(tmp_path):
    return write_company(tmp_path)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def outputs(folder: Path, period="2026-03"):
    ranking = read_book(folder / "output" / period / f"部門月度考核_{period}.xlsx", sheet_name=None,
                            engine="calamine", dtype=str, keep_default_na=False)
    report = read_book(folder / "output" / period / f"處理報告_{period}.xlsx", sheet_name=None,
                           engine="calamine", dtype=str, keep_default_na=False)
    return ranking, report


def test_every_command_has_help():
    commands = list(cli.commands)
    assert {"init", "templates", "check", "run"} <= set(commands)
    for name in commands:
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output, name
    assert invoke("--help").exit_code == 0


def test_a_complete_month_exits_0_with_every_contract_column(company):
    complete_march(company / "inbox")
    result = invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert result.exit_code == 0, result.output
    ranking, report = outputs(company)
    assert list(ranking["排名"].columns) == RANKING_HEADER
    rows = ranking["排名"].set_index("單位編號")
    assert rows.loc["D01", ["板塊", "排名", "單位名稱", "負責人", "綜合得分", "檔次", "薪酬係數", "檢查反思"]].tolist() == [
        "黨務", "1", "組織部", "王明", "89.25", "B", "1", ""]
    assert rows.loc["D02", ["排名", "檢查反思"]].tolist() == ["2", "是"]
    assert rows.loc["D03", ["排名", "檢查反思"]].tolist() == ["1", ""]  # alone in its block and not vetoed: not 墊底
    assert list(report) == ["文件", "問題", "未報送"]
    assert set(report["文件"]["狀態"]) == {"接收"}
    assert report["未報送"].empty


def test_missing_and_rejected_submissions_exit_1_and_the_rest_is_still_processed(company):
    inbox = company / "inbox"
    complete_march(inbox)
    (inbox / "ratings_部門互評_D03.xlsx").unlink()  # D03's mutual rating never came
    (inbox / "targets_D02.xlsx").unlink()
    targets(inbox, "D02", [["重點目標", "宣傳報道", 100, "完成", 120]])  # score above points: rejected
    result = invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert result.exit_code == 1
    ranking, report = outputs(company)
    missing = report["未報送"][["表單類型", "評價類型", "填報單位編號", "原因"]].values.tolist()
    assert missing == [["目標考核表", "", "D02", "已退回，需重新報送"], ["評分表", "部門互評", "D03", "未收到"]]
    problems = without_no_letter_warnings(report["問題"])[["文件", "工作表", "儲存格", "級別"]].values.tolist()
    assert problems == [["targets_D02.xlsx", "數據", "E2", "錯誤"]]
    rows = ranking["排名"].set_index("單位編號")
    assert rows.loc["D02", "資料缺失"] == "目標績效" and rows.loc["D02", "目標績效"] == "0"
    # the other files still count: D01's mutual score now comes from D02's form alone
    assert rows.loc["D01", ["部門互評", "綜合得分"]].tolist() == ["90", "89.4"]


def test_vetoed_department_is_c_and_last_in_its_block(company):
    inbox = company / "inbox"
    complete_march(inbox)
    vetoes(inbox, "D03", [["D01", "安全目標", "井下違章", "2026-03-09", "安監部"]])
    assert invoke("run", "--period", "2026-03", "--config", company / "config.toml").exit_code == 0
    rows = outputs(company)[0]["排名"].set_index("單位編號")
    assert rows.loc["D01", ["排名", "一票否決", "檔次", "薪酬係數", "檢查反思"]].tolist() == ["2", "是", "C", "0.8", "是"]
    assert rows.loc["D02", ["排名", "檢查反思"]].tolist() == ["1", ""]


def test_user_text_is_never_written_as_a_formula(company):
    units = [*UNITS[:2], ["D03", "=HYPERLINK(\"http://x\",\"點我\")", "黨群部門", "群團", "+張強", ""], *UNITS[3:]]
    write_registry(company / "名冊.xlsx", units=units)
    complete_march(company / "inbox")
    adjustments(company / "inbox", "D01", [["D03", "綜合業務", -2, "=1+1", "2026-03-03"],
                                            ["D03", "其他", 1, "@SUM(A1)", None]])
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    path = company / "output" / "2026-03" / "部門月度考核_2026-03.xlsx"
    book = openpyxl.load_workbook(path)
    texts = {c.value: c.data_type for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert texts['=HYPERLINK("http://x","點我")'] == "s"
    assert texts["+張強"] == "s" and texts["=1+1"] == "s" and texts["@SUM(A1)"] == "s"
    assert not any(t == "f" for t in texts.values())


def test_inputs_are_never_modified(company):
    complete_march(company / "inbox")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (company / "inbox").iterdir()}
    mtimes = {p.name: p.stat().st_mtime_ns for p in (company / "inbox").iterdir()}
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (company / "inbox").iterdir()} == before
    assert {p.name: p.stat().st_mtime_ns for p in (company / "inbox").iterdir()} == mtimes


def test_a_failed_run_leaves_the_previous_outputs_and_history_whole(company, monkeypatch):
    complete_march(company / "inbox")
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    folder = company / "output" / "2026-03"
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    stored = history.load(company / "output" / "history.sqlite", ["2026-03", "2026-Q1"])
    (company / "inbox" / "targets_D02.xlsx").unlink()  # the failed run would have changed D02's result

    def broken(folder, *args):
        (folder / "half-written.xlsx").write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr(pbbatch.outputs.write, "branch_and_brief_files", broken)
    failed = invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert failed.exit_code == 2 and "RuntimeError: disk full" in failed.output  # a message, not a traceback
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in (company / "output").iterdir()) == [".pbbatch.lock", "2026-03", "history.sqlite", "site"]
    after = history.load(company / "output" / "history.sqlite", ["2026-03", "2026-Q1"])
    assert after.equals(stored)


def test_the_same_inputs_give_byte_identical_outputs(company):
    complete_march(company / "inbox")
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    first = {p.name: p.read_bytes() for p in (company / "output" / "2026-03").rglob("*") if p.is_file()}
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert {p.name: p.read_bytes() for p in (company / "output" / "2026-03").rglob("*") if p.is_file()} == first


def test_bad_config_exits_2_naming_the_key_and_writes_nothing(company):
    (company / "config.toml").write_text('[banding]\nrounding = "nearest"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(company / "config.toml")])
    assert result.exit_code == 2
    assert "banding.rounding" in result.output
    assert not (company / "output").exists()


def test_bad_registry_exits_2(company):
    (company / "名冊.xlsx").write_bytes(b"not a workbook")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(company / "config.toml")])
    assert result.exit_code == 2 and "名冊.xlsx" in result.output
    assert not (company / "output" / "2026-03").exists()


def test_a_second_run_while_one_holds_the_lock_exits_2(company):
    from pbbatch.core.config import load_config
    from pbbatch.outputs.publish import workspace_lock

    complete_march(company / "inbox")
    with workspace_lock(load_config(company / "config.toml").output):
        result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(company / "config.toml")])
    assert result.exit_code == 2 and ".pbbatch.lock" in result.output
    assert invoke("run", "--period", "2026-03", "--config", company / "config.toml").exit_code == 0  # released


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_does_not_keep_the_workspace_lock(tmp_path):
    """A worker forked while the run holds the lock, and still alive after the run let go of it (killed, say),
    must not keep the next run out."""
    from pbbatch.outputs.publish import workspace_lock

    child_waits, release_child = os.pipe()
    with workspace_lock(tmp_path):
        child = os.fork()
        if child == 0:
            os.read(child_waits, 1)
            os._exit(0)
    try:
        probe = ("import sys; from pathlib import Path; from pbbatch.outputs.publish import WorkspaceLocked, workspace_lock\n"
                 "try:\n    with workspace_lock(Path(sys.argv[1])): pass\nexcept WorkspaceLocked: sys.exit(2)")
        assert subprocess.run([sys.executable, "-c", probe, str(tmp_path)], timeout=60).returncode == 0
    finally:
        os.write(release_child, b"x")
        os.waitpid(child, 0)


def test_the_same_process_cannot_take_the_workspace_lock_twice(tmp_path):
    from pbbatch.outputs.publish import WorkspaceLocked, workspace_lock

    with workspace_lock(tmp_path):
        with pytest.raises(WorkspaceLocked):
            with workspace_lock(tmp_path):
                pass
    with workspace_lock(tmp_path):  # and the failed attempt did not free it, nor leave it taken
        pass


def test_check_prints_the_outcome_and_writes_nothing_but_the_board(company):
    complete_march(company / "inbox")
    (company / "inbox" / "ratings_領導評價_L02.xlsx").unlink()
    result = invoke("check", "--period", "2026-03", "--config", company / "config.toml")
    assert result.exit_code == 1
    assert "接收 14" in result.output and "L02 吳經理: 未收到" in result.output  # 9 monthly + 5 quarterly
    written = sorted(p.relative_to(company / "output").as_posix() for p in (company / "output").rglob("*"))
    assert written == [".pbbatch.lock", "site", "site/board.html"]  # the lock is a file held, not written to


def test_run_defaults_to_the_previous_calendar_month(company, monkeypatch):
    from pbbatch.core.periods import Month

    monkeypatch.setattr("pbbatch.cli.previous_calendar_month", lambda: Month(2026, 3))
    complete_march(company / "inbox")
    assert invoke("run", "--config", company / "config.toml").exit_code == 0
    assert (company / "output" / "2026-03").is_dir()


def test_a_bad_period_exits_2(company):
    result = CliRunner().invoke(cli, ["run", "--period", "March", "--config", str(company / "config.toml")])
    assert result.exit_code == 2 and "March" in result.output


def test_english_locale_names_files_sheets_and_headers_in_english(company):
    (company / "config.toml").write_text('locale = "en"\n' + ITEMS_TOML, encoding="utf-8")
    complete_march(company / "inbox")
    assert invoke("run", "--period", "2026-03", "--config", company / "config.toml").exit_code == 0
    folder = company / "output" / "2026-03"
    assert sorted(p.name for p in folder.iterdir()) == ["branch_brief_2026-Q1.docx", "branch_brief_2026-Q1.html",
                                                      "branch_quarterly_2026-Q1.xlsx",
                                                      "department_brief_2026-03.docx", "department_brief_2026-03.html",
                                                      "department_monthly_2026-03.xlsx",
                                                      "processing_report_2026-03.xlsx",
                                                      "rectification_ledger_2026-03.xlsx",
                                                      "rectification_notices"]  # the low-ranked branch's reminder
    sheets = read_book(folder / "department_monthly_2026-03.xlsx")
    assert list(sheets["Ranking"].columns)[:6] == ["Block", "Rank", "Unit code", "Unit", "Head", "Targets"]
    assert "Pay coefficient" in sheets["Ranking"].columns


SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def test_an_english_run_names_columns_in_words_never_by_internal_key(company):
    """English headers and messages say 'Unit code', not 'unit_id'; the aliases are still accepted as input."""
    (company / "config.toml").write_text('locale = "en"\n' + ITEMS_TOML, encoding="utf-8")
    complete_march(company / "inbox")
    targets(company / "inbox", "D01", [["key", "", 50, "", 40]], name="blank_target.xlsx", 版本=2)
    write_form(company / "inbox" / "english.xlsx", {"form": "adjustments", "period": "2026-03", "submitter_id": ""},
               ["unit_id", "category", "points", "reason", "date"], [["D01", "safety", "x", "", "2026-03-05"]])
    result = invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert result.exit_code == 1
    folder = company / "output" / "2026-03"
    report = pd.read_excel(folder / "processing_report_2026-03.xlsx", sheet_name=None, engine="calamine")
    problems = without_no_letter_warnings(report["Problems"], "Message")
    assert set(problems["File"]) == {"blank_target.xlsx", "english.xlsx"}  # the English aliases were read
    assert "'Submitter code' is blank." in list(problems["Message"])
    words = [*problems["Message"], *problems["Sheet"].dropna()]
    for book in folder.glob("*.xlsx"):
        for name, sheet in pd.read_excel(book, sheet_name=None, engine="calamine", header=None).items():
            words += [name, *sheet.iloc[0].dropna().astype(str)]
    for brief in folder.glob("*.html"):
        words += re.findall(r"<th[^>]*>([^<]*)</th>", brief.read_text(encoding="utf-8"))
    assert [w for w in words if SNAKE_CASE.search(w)] == []


def test_empty_flags_are_blank_cells_not_empty_text(company):
    complete_march(company / "inbox")
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    book = openpyxl.load_workbook(company / "output" / "2026-03" / "部門月度考核_2026-03.xlsx")
    sheet = book["排名"]
    header = [c.value for c in sheet[1]]
    row = [c for c in sheet[2]]  # D01: not vetoed, no reflection, nothing missing
    for name in ("一票否決", "檢查反思", "資料缺失"):
        cell = row[header.index(name)]
        assert cell.value is None and cell.data_type == "n", name


def test_every_detail_figure_names_its_source_file(company):
    complete_march(company / "inbox")
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    folder = company / "output" / "2026-03"
    branches = read_book(folder / "支部季度考核_2026-Q1.xlsx", sheet_name=None, engine="calamine", dtype=str,
                             keep_default_na=False)
    items = branches["項目得分"].set_index(["單位編號", "項目編號"])
    assert items.loc[("B01", "K01"), ["自評得分", "自評來源", "部門考評得分", "考評來源"]].tolist() == [
        "38", "self_B01.xlsx", "36", "dept_eval_D01.xlsx"]
    assert branches["民主測評"].set_index("單位編號").loc["B01", "來源文件"] == "democratic_D01.xlsx"
    departments = read_book(folder / "部門月度考核_2026-03.xlsx", sheet_name=None, engine="calamine")
    for name in ("目標績效明細", "評分來源", "加減分明細", "一票否決明細"):
        assert "來源文件" in departments[name].columns, name


def test_timings_go_to_standard_error_and_quiet_is_accepted(company):
    complete_march(company / "inbox")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--quiet", "--timings", "--config",
                                      str(company / "config.toml")])
    assert result.exit_code == 0
    stages = [line.split("\t")[1] for line in result.stderr.splitlines() if line.startswith("timing\t")]
    assert stages == ["intake", "rectification", "departments", "branches", "briefs data", "write outputs", "site",
                      "history"]
    assert "timing\t" not in result.stdout


def test_the_progress_line_shows_only_on_a_terminal_after_a_second(capsys):
    from pbbatch.cli import TerminalProgress

    quiet = TerminalProgress("讀取文件")  # pytest's stderr is no terminal
    quiet(1, 2)
    quiet.close()
    assert capsys.readouterr().err == ""
    shown = TerminalProgress("讀取文件", after=0.0)
    shown.enabled = True
    shown(1, 2)
    shown(2, 2)
    shown.close()
    assert capsys.readouterr().err == "\r讀取文件 1/2\r讀取文件 2/2\n"
    late = TerminalProgress("讀取文件", after=3600)
    late.enabled = True
    late(1, 2)
    assert capsys.readouterr().err == ""  # a short run shows nothing


def test_every_command_takes_config(tmp_path):
    def leaves(group, prefix=()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from leaves(command, (*prefix, name))
            else:
                yield (*prefix, name), command

    for path, command in leaves(cli):
        assert "--config" in {opt for p in command.params for opt in getattr(p, "opts", [])}, path


def test_init_makes_a_working_folder_and_never_overwrites(tmp_path):
    result = invoke("init", tmp_path / "ws", "--config", "公司設定.toml")
    assert result.exit_code == 0
    folder = tmp_path / "ws"
    assert sorted(p.name for p in folder.iterdir()) == ["inbox", "output", "公司設定.toml", "名冊.xlsx"]
    (folder / "名冊.xlsx").write_bytes(b"mine")
    again = invoke("init", folder, "--config", "公司設定.toml")
    assert again.exit_code == 0 and (folder / "名冊.xlsx").read_bytes() == b"mine"
    assert invoke("check", "--period", "2026-02", "--config", folder / "公司設定.toml").exit_code in (1, 2)



def test_init_in_simplified_writes_simplified_comments_and_a_registry_that_runs(tmp_path):
    from pbbatch.core.catalogue import _SIMPLIFY
    from pbbatch.core.config import load_config
    from pbbatch.intake.registry_file import load_registry

    result = invoke("init", tmp_path / "ws", "--locale", "zh-Hans")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "ws"
    assert sorted(p.name for p in folder.iterdir()) == ["config.toml", "inbox", "output", "名册.xlsx"]
    text = (folder / "config.toml").read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    assert len(comments) >= 8 and all(re.search(r"[\u4e00-\u9fff]", c) for c in comments)
    traditional = {chr(c) for c in _SIMPLIFY}
    assert [c for c in text if c in traditional] == []  # comments and sample values alike
    config = load_config(folder / "config.toml")
    assert config.locale == "zh-Hans" and config.registry == folder / "名册.xlsx"
    book = pd.read_excel(config.registry, sheet_name=None, engine="calamine", dtype=str)
    assert list(book) == ["单位", "评价人"] and list(book["单位"].columns)[:2] == ["单位编号", "单位名称"]
    assert {"党群部门", "基层党支部"} == set(book["单位"]["类别"])
    assert not [c for c in "".join(book["单位"].fillna("").values.ravel()) if c in traditional]
    registry = load_registry(config.registry, config.locale)
    assert len(registry.units) > 20
    made = invoke("templates", "--period", "2026-03", "--config", folder / "config.toml")
    assert made.exit_code == 0 and "份空白表单" in made.output
    checked = invoke("check", "--period", "2026-03", "--config", folder / "config.toml")
    assert checked.exit_code == 1 and "未报送" in checked.output  # nothing in the inbox yet


def test_init_in_english_writes_the_registry_with_the_contract_aliases(tmp_path):
    assert invoke("init", tmp_path, "--locale", "en").exit_code == 0
    text = (tmp_path / "config.toml").read_text(encoding="utf-8")
    assert 'locale = "en"' in text and not re.search(r"#.*[\u4e00-\u9fff]", text)
    book = pd.read_excel(tmp_path / "registry.xlsx", sheet_name=None, engine="calamine", dtype=str)
    assert list(book) == ["units", "raters"] and list(book["units"].columns)[:3] == ["unit_id", "unit_name", "kind"]
    assert set(book["units"]["kind"]) == {"department", "branch"}

def test_templates_for_a_month_or_only_a_quarter(company):
    config = company / "config.toml"
    assert invoke("templates", "--period", "2026-02", "--out", company / "feb", "--config", config).exit_code == 0
    assert invoke("templates", "--period", "2026-Q1", "--out", company / "q1", "--config", config).exit_code == 0
    february = sorted(p.name for p in (company / "feb").iterdir())
    quarter = sorted(p.name for p in (company / "q1").iterdir())
    assert february and all("2026-02" in name for name in february)
    assert quarter and all("2026-Q1" in name for name in quarter)
    assert any(name.startswith("支部自評表") for name in quarter) and not any("評分表" in n for n in quarter)
    assert invoke("templates", "--period", "soon", "--config", config).exit_code == 2


def test_the_files_are_the_same_when_nothing_is_written_in_a_forked_process(company, monkeypatch):
    complete_march(company / "inbox")
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    folder = company / "output" / "2026-03"
    forked = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    monkeypatch.setattr(pbbatch.outputs.write.multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # Windows
    invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == forked


def test_an_item_owner_missing_from_the_registry_is_a_bad_config_value(company):
    """Contract 5: a bad value is an error naming the key, exit 2, nothing written. An item whose owner is no
    active department could be scored by nobody; checked at quarter end, when the items are used."""
    (company / "config.toml").write_text(ITEMS_TOML.replace('owner = "D02"', 'owner = "D99"'), encoding="utf-8")
    complete_march(company / "inbox")
    result = invoke("run", "--period", "2026-03", "--config", company / "config.toml")
    assert result.exit_code == 2
    assert "branches.items[1].owner" in result.output and "D99" in result.output
    assert not (company / "output" / "2026-03").exists()
    targets(company / "inbox", "D01", [["重點目標", "黨員發展", 100, "完成", 90]], period="2026-02", name="feb.xlsx")
    assert invoke("run", "--period", "2026-02", "--config", company / "config.toml").exit_code != 2


def _commands(group, path=()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_help_describes_every_command_and_option_in_chinese_and_english():
    """Contract 6: --help describes each command and option in Chinese as well as English."""
    han, latin = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"[A-Za-z]{3}")
    seen = []
    for path, command in [((), cli), *_commands(cli)]:
        ctx = click.Context(command, info_name=path[-1] if path else "pbbatch")
        texts = {"": command.help, "(short)": command.get_short_help_str(limit=200)}
        texts |= {p.opts[0]: p.help for p in command.get_params(ctx) if isinstance(p, click.Option)}
        for where, text in texts.items():
            seen.append((path, where))
            assert text and han.search(text) and latin.search(text), (path, where, text)
    assert ((), "--help") in seen and (("run",), "--period") in seen and (("history", "list"), "--config") in seen


def test_a_missing_config_says_where_it_looked_and_what_to_do_in_chinese_and_english(tmp_path):
    """Contract 6: a missing or unreadable config says so in Chinese and English, with the folder it looked in
    and what to do: --config or pbbatch init."""
    for name in ("check", "run", "templates", "brief"):
        result = CliRunner().invoke(cli, [name, "--period", "2026-03", "--config", str(tmp_path / "nope.toml")])
        assert result.exit_code == 2, name
        assert str(tmp_path) in result.output and "--config" in result.output and "pbbatch init" in result.output
        assert "找不到設定檔" in result.output and "not found" in result.output
    (tmp_path / "bad.toml").write_text("locale = ", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--period", "2026-03", "--config", str(tmp_path / "bad.toml")])
    assert result.exit_code == 2 and "格式錯誤" in result.output and "not valid TOML" in result.output
    assert str(tmp_path) in result.output
