"""The year's files (contract section 10): `pbbatch annual --year` and the December run write 年度考核_<YYYY>.xlsx
and 年度講評會材料_<YYYY>.html/.docx under <output>/<YYYY>/, read back here as a clerk would read them."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
from click.testing import CliRunner

from conftest import (
    UNITS, dept_eval, democratic, full_month, read_book, self_eval, vetoes,
    write_company,
)
from pbbatch.cli import cli
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.history import store as history

UNIT_ROWS = [["D01", "=HYPERLINK(\"x\")", "黨群部門", "黨務", "王明", ""], ["D02", "宣傳部<b>&</b>", "黨群部門", "黨務", "李華", ""],
             ["D03", "工會", "黨群部門", "群團", "張強", ""], *UNITS[3:]]


def stored_year(folder, year=2026, veto=("2026-05", "D02")):
    rows = []
    for m in range(1, 13):
        period = f"{year}-{m:02d}"
        for unit, total in (("D01", 90.0 + m / 100), ("D02", 85.0), ("D03", 80.0)):
            vetoed = (period, unit) == veto
            rows.append({"period": period, "unit_id": unit, "rank": 1, "total": total, "band": "C" if vetoed else "B",
                         "coefficient": 1.0, "vetoed": vetoed, "low": False, "last": vetoed, "head": ""})
    for q in range(1, 5):
        for unit, total, head in (("B01", 88.0, "趙剛"), ("B02", 86.0, "錢進")):
            rows.append({"period": f"{year}-Q{q}", "unit_id": unit, "rank": 1, "total": total, "band": "B",
                         "coefficient": None, "vetoed": False, "low": False, "last": False, "head": head})
    staff = {f"{year}-{m:02d}": [
        {"staff_id": "S01", "name": "黃小明", "unit_id": "D01", "score": 77.77, "rank": 1, "band": "B", "personal": 1.0,
         "unit_factor": 1.0, "pay": 1.0, "missing": False},
        {"staff_id": "S02", "name": "<i>周</i>", "unit_id": "D01", "score": 77.77, "rank": 1, "band": "B",
         "personal": 1.0, "unit_factor": 1.0, "pay": 1.0, "missing": False}] for m in range(1, 13)}
    data = {(p, "staff"): v for p, v in staff.items()}
    data[(veto[0], "vetoes")] = [{"unit_id": veto[1], "category": "安全目標", "date": f"{veto[0]}-12"}]
    config = load_config(folder / "config.toml")
    history.replace_periods(config.history, pd.DataFrame(rows), "test", data=data)
    return config


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_annual_writes_the_workbook_and_the_brief_and_they_read_back(tmp_path):
    folder = write_company(tmp_path, units=UNIT_ROWS, settings="[annual]\nexcellent_staff = 1\nadvanced_branches = 1\n")
    config = stored_year(folder)
    result = invoke("annual", "--year", "2026", "--config", str(folder / "config.toml"))
    assert result.exit_code == 0, result.output
    out = folder / "output" / "2026"
    assert sorted(p.name for p in out.iterdir()) == ["年度考核_2026.xlsx", "年度講評會材料_2026.docx",
                                                     "年度講評會材料_2026.html"]
    book = read_book(out / "年度考核_2026.xlsx")
    assert list(book) == ["部門年度排名", "支部年度排名", "個人年度排名", "評先選優", "評優資格"]
    ranking = book["部門年度排名"]
    assert list(ranking["單位編號"]) == ["D01", "D02", "D03"]
    assert ranking.loc[0, "年度得分"] == 90.07 and ranking.loc[1, "一票否決"] == "是" and ranking.loc[1, "檔次"] == "C"
    assert ranking.loc[0, "12月"] == 90.12
    eligibility = book["評優資格"].fillna("")
    lines = dict(zip(eligibility["單位編號"] + eligibility["工號"], eligibility["評優資格"]))
    assert lines["D02"] == "不能評優：2026-05 一票否決（安全目標）"
    assert lines["D01S01"] == "可評優"
    assert lines["D01S02"] == "可評優"
    assert len(eligibility) == 3 + 2 + 2
    awards = book["評先選優"].fillna("")
    assert list(zip(awards["獲評"], awards["單位編號"], awards["工號"])) == [
        ("優秀黨群部門", "D01", ""), ("優秀黨群部門", "D03", ""), ("先進黨支部", "B01", ""), ("優秀黨務工作者", "D01", "S01"),
        ("優秀黨務工作者", "D01", "S02")]  # a tie at the quota of one
    # a name that looks like a formula stays text
    sheet = openpyxl.load_workbook(out / "年度考核_2026.xlsx")["部門年度排名"]
    assert sheet["D2"].value == '=HYPERLINK("x")' and sheet["D2"].data_type == "s"

    html = (out / "年度講評會材料_2026.html").read_text(encoding="utf-8")
    assert "宣傳部&lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>&" not in html
    assert "&lt;i&gt;周&lt;/i&gt;" in html and "黃小明" in html  # the awarded people's names
    assert "77.77" not in html  # never a person's score
    assert "不能評優：2026-05 一票否決（安全目標）" in html
    assert "90.12" in html  # D01's December in the trend
    docx = zipfile.ZipFile(io.BytesIO((out / "年度講評會材料_2026.docx").read_bytes())).read("word/document.xml")
    text = docx.decode("utf-8")
    assert "年度黨建目標績效考核講評會材料" in text and "77.77" not in text and "不能評優" in text


def test_the_year_in_english(tmp_path):
    folder = write_company(tmp_path, settings='locale = "en"\n')
    stored_year(folder)
    assert invoke("annual", "--year", "2026年度", "--config", str(folder / "config.toml")).exit_code == 0
    out = folder / "output" / "2026"
    book = read_book(out / "annual_assessment_2026.xlsx")
    eligibility = book["Eligibility"].fillna("")
    assert "Not eligible: 2026-05 one-vote veto (safety target)" in set(eligibility["Eligibility"])
    html = (out / "annual_brief_2026.html").read_text(encoding="utf-8")
    assert "excellent department" in html.lower() and "Dec" in html


def test_a_bad_year_or_a_year_with_nothing_stored_writes_nothing(tmp_path):
    folder = write_company(tmp_path)
    result = invoke("annual", "--year", "26", "--config", str(folder / "config.toml"))
    assert result.exit_code == 2 and "無法識別年份「26」" in result.output
    stored_year(folder, year=2025)
    result = invoke("annual", "--year", "2026", "--config", str(folder / "config.toml"))
    assert result.exit_code == 2 and "沒有 2026 年的任何結果" in result.output
    assert not (folder / "output" / "2026").exists()


def december(inbox):
    full_month(inbox, "2026-12")
    for b, scores in (("B01", {"K01": 38, "K02": 27, "K03": 28}), ("B02", {"K01": 36, "K02": 29, "K03": 25})):
        self_eval(inbox, b, scores, period="2026-Q4")
    dept_eval(inbox, "D01", ["K01 政治建設", "K03"], {"B01": [36, 27], "B02": [38, 24]}, period="2026-Q4")
    dept_eval(inbox, "D02", ["K02"], {"B01": [26], "B02": [28]}, period="2026-Q4")
    democratic(inbox, "D01", [["B01", "", 30, 28, 20, 6, 2, 0, 0], ["B02", "", 25, 24, 10, 10, 3, 1, 0]],
               period="2026-Q4")
    vetoes(inbox, "D01", [["D03", "精神文明", "通報批評", "2026-12-03", "紀委"]], period="2026-12")


def test_the_december_run_writes_the_year_with_its_own_veto_category(tmp_path):
    from pbbatch.run import run

    folder = write_company(tmp_path)
    stored_year(folder)
    december(folder / "inbox")
    config = load_config(folder / "config.toml")
    result = run(config, Month(2026, 12))
    out = folder / "output" / "2026"
    assert out / "年度考核_2026.xlsx" in result.files and (out / "年度講評會材料_2026.html").exists()
    stored = history.load_data(config.history, "vetoes", ["2026-12"])
    assert stored == {"2026-12": [{"unit_id": "D03", "category": "精神文明", "date": "2026-12-03"}]}
    eligibility = read_book(out / "年度考核_2026.xlsx")["評優資格"].fillna("")
    line = eligibility.loc[eligibility["單位編號"] == "D03", "評優資格"].iloc[0]
    assert line == "不能評優：2026-12 一票否決（精神文明）"
    ranking = read_book(out / "年度考核_2026.xlsx")["部門年度排名"]
    assert ranking.loc[ranking["單位編號"] == "D01", "計入期數"].iloc[0] == 12  # December from this run


def test_a_november_run_does_not_write_the_year(tmp_path):
    from pbbatch.run import run

    folder = write_company(tmp_path)
    full_month(folder / "inbox", "2026-11")
    run(load_config(folder / "config.toml"), Month(2026, 11))
    assert not (folder / "output" / "2026").exists()


def test_a_december_whose_year_fails_says_the_month_stands(tmp_path, monkeypatch):
    import pbbatch.outputs.annual

    folder = write_company(tmp_path)
    december(folder / "inbox")

    def broken(*args):
        raise KeyError("a bug in the year")

    monkeypatch.setattr(pbbatch.outputs.annual, "write_year_files", broken)
    result = invoke("run", "--period", "2026-12", "--config", str(folder / "config.toml"))
    assert result.exit_code == 2
    assert "2026-12 的結果已寫出並存入歷史記錄，但 2026 年度考核未能寫出" in result.output and "a bug in the year" in result.output
    assert (folder / "output" / "2026-12").is_dir() and not (folder / "output" / "2026").exists()


def test_the_brief_says_where_one_unit_s_missing_period_shows(tmp_path):
    """The line of periods left out names those with no unit's result; one unit's missing month is 缺 in the
    trend, and the line says so: a clerk reading it alone took D03's July for counted."""
    folder = write_company(tmp_path, units=UNIT_ROWS)
    config = stored_year(folder)
    with history.connect(config.history) as connection, connection:
        connection.execute("DELETE FROM results WHERE period = '2026-07' AND unit_id = 'D03'")
        connection.execute("DELETE FROM results WHERE period = '2026-12'")
    assert invoke("annual", "--year", "2026", "--config", str(folder / "config.toml")).exit_code == 0
    html = (folder / "output" / "2026" / "年度講評會材料_2026.html").read_text(encoding="utf-8")
    assert "所有單位都沒有結果、未計入平均的期間：2026-12。" in html
    assert "個別單位沒有結果的期間，在下面的趨勢表中標為「缺」" in html
    ranking = read_book(folder / "output" / "2026" / "年度考核_2026.xlsx")["部門年度排名"].set_index("單位編號")
    assert pd.isna(ranking.loc["D03", "7月"]) and ranking.loc["D03", "年度得分"] == 80.0
