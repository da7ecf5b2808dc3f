"""Problems, notes and errors are records (a code and its fields), worded where they are shown: one run's
records read in one locale show in every locale as if the run had been made in it (issue 14, point 2)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from conftest import ratings, targets, vetoes, with_items, write_book
from pbbatch.core.catalogue import LOCALES
from pbbatch.core.config import ConfigError, parse_config
from pbbatch.core.errors import Label, Message, PbbatchError
from pbbatch.core.faults import HistoryError
from pbbatch.core.periods import Month
from pbbatch.core.records import ERROR, Problem
from pbbatch.intake.read import read_inbox
from pbbatch.intake.registry_file import load_registry
from pbbatch.outputs.tables import files_table, missing_table, problems_table

def bad_inbox(inbox) -> None:
    """Files whose problems and notes name labels (columns, sheets, kinds, allowed values), a superseded
    file, a repeated accumulating one, a corrected rejected one, and a file that is no workbook."""
    targets(inbox, "D01", [["亂類", "黨員發展", 60, "", 54], ["共性目標", "", 40, "", 50]])
    ratings(inbox, "L01", "領導評價", {"D01": 101, "D02": "八十", "D03": 70}, name="leader_L01_v1.xlsx")
    ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": 70}, name="leader_L01_v2.xlsx", 版本=2)
    ratings(inbox, "B01", "服務基層評價", {"D01": 90, "D02": 80, "D03": 70}, name="service_B01.xlsx")
    ratings(inbox, "B01", "服務基層評價", {"D01": 91, "D02": 80, "D03": 70}, name="service_B01_v2.xlsx", 版本=2)
    ratings(inbox, "L02", "服務基層評價", {"D01": 90}, name="wrong_kind_L02.xlsx")
    vetoes(inbox, "D02", [["D03", "亂", "事由", "2026-03-05", "D02"]], name="veto_a.xlsx")
    vetoes(inbox, "D01", [["D03", "安全目標", "事由", "2026-03-05", "D01"]], name="veto_b.xlsx")
    (inbox / "veto_b_copy.xlsx").write_bytes((inbox / "veto_b.xlsx").read_bytes())
    write_book(inbox / "no_info_D02.xlsx", {"數據": [["x"]]})
    (inbox / "D03_目標.xls").write_bytes(b"old")


def test_problem_holds_a_code_and_fields_not_a_worded_message():
    assert [f.name for f in dataclasses.fields(Problem)] == ["file", "sheet", "cell", "level", "code", "fields"]
    p = Problem("a.xlsx", Label("sheet.data"), "C5", ERROR, "data.blank_required", {"column": Label("ratings.score")})
    assert pickle.loads(pickle.dumps(p)) == p  # it crosses from the reading processes
    assert [p.render(locale) for locale in LOCALES] == ["「得分」必須填寫。", "「得分」必须填写。", "'Score' must be filled in."]
    assert [p.where(locale) for locale in LOCALES] == ["數據!C5", "数据!C5", "Data!C5"]


def test_one_runs_records_show_in_every_locale_as_if_read_in_it(workspace):
    config = with_items(workspace)
    bad_inbox(config.inbox)
    read = {locale: read_inbox(dataclasses.replace(config, locale=locale), Month(2026, 3)) for locale in LOCALES}
    intake = read["zh-Hant"]
    assert {o.status for o in intake.outcomes} >= {"rejected", "superseded", "skipped", "corrected"}
    for locale in LOCALES:
        same = read[locale]
        for made, expected in (
            (problems_table(intake.outcomes, locale), problems_table(same.outcomes, locale)),
            (files_table(intake.outcomes, intake.registry, locale), files_table(same.outcomes, same.registry, locale)),
            (missing_table(intake.missing, intake.registry, locale), missing_table(same.missing, same.registry, locale)),
        ):
            assert made.equals(expected), (locale, made.compare(expected) if made.shape == expected.shape else made)
    english = problems_table(intake.outcomes, "en")
    texts = set(english.iloc[:, 4])
    assert "'Score' is 101; it must be between 0 and 100." in texts
    assert "Unknown value '亂類' in 'Category'; expected one of: key、common、safety." \
        in texts
    assert "Form info" in set(english.iloc[:, 1])  # the sheet a file lacks, named in English
    assert not texts & set(problems_table(intake.outcomes, "zh-Hant").iloc[:, 4])
    notes = set(files_table(intake.outcomes, intake.registry, "en").iloc[:, 9]) - {""}
    assert "Corrected by leader_L01_v2.xlsx; nothing left to do." in notes
    assert not notes & set(files_table(intake.outcomes, intake.registry, "zh-Hans").iloc[:, 9])


def test_errors_hold_records_and_are_worded_in_any_locale(tmp_path):
    with pytest.raises(ConfigError) as info:
        parse_config({"locale": "en", "limits": {"rows": 0}, "bogus": 1}, tmp_path)
    error = info.value
    assert isinstance(error, PbbatchError) and error.locale == "en"
    assert all(isinstance(m, Message) for m in error.messages)
    assert error.render("en") == ["limits.rows: must be between 1 and ∞.", "bogus: unknown key."]
    assert error.render("zh-Hans") == ["limits.rows：应在 1 至 ∞ 之间。", "bogus：未知的配置项。"]
    assert pickle.loads(pickle.dumps(error)).render("en") == error.render("en")

    write_book(tmp_path / "名冊.xlsx", {"單位": [["單位編號", "單位名稱", "類別"], ["D01", "組織部", "亂"]],
                                      "評價人": [["評價人編號", "姓名"], ["L01", ""]]})
    with pytest.raises(PbbatchError) as info:
        load_registry(tmp_path / "名冊.xlsx", "zh-Hant")
    assert info.value.render("en") == [
        "名冊.xlsx '單位' C2: Unknown value '亂' in 'Kind'; expected one of: department、branch.",
        "名冊.xlsx '評價人' B2: 'Name' must be filled in.",
        "The registry lists no active unit.",
    ]
    assert info.value.render("zh-Hans")[1] == "名冊.xlsx 「評價人」B2：「姓名」必须填写。"
    with pytest.raises(PbbatchError) as info:
        load_registry(tmp_path / "none.xlsx", "zh-Hant")
    assert info.value.render("en") == [f"Registry {tmp_path / 'none.xlsx'} not found."]


def test_a_history_fault_is_worded_where_it_is_shown(tmp_path):
    error = HistoryError("history.busy", tmp_path / "history.sqlite")
    assert isinstance(error, PbbatchError)
    assert error.render("en")[0].startswith(f"The history {tmp_path / 'history.sqlite'} is in use by another program")
    assert error.render("zh-Hans")[0].startswith(f"历史记录 {tmp_path / 'history.sqlite'} 正被另一个程序使用")


def test_the_period_kind_in_a_message_is_a_word_not_a_title():
    # "must be a month", as before the kinds became catalogue labels (not "must be a Month")
    p = Problem("t.xlsx", "填報信息", "B2", ERROR, "info.wrong_period_kind",
                {"form": Label("form.targets"), "expected": Label("period_kind.month"), "value": "2026-Q1"})
    assert p.render("en") == "The period of targets form must be a month; found '2026-Q1'."
    assert p.render("zh-Hans") == "目标考核表的期间应为月份，此处填了「2026-Q1」。"
