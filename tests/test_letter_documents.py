"""`pbbatch letters --year` (contract section 7): one printable letter per department, DOCX and HTML, holding
its targets by category, the veto categories and the banding and pay rules from config, and signature blocks."""

from pathlib import Path

import docx
from bs4 import BeautifulSoup
from click.testing import CliRunner

from pbbatch.cli import cli
from conftest import write_company
from test_letters import GOOD_LETTER, letter


def letters_command(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["letters", *args, "--config", str(folder / "config.toml")])


def test_one_letter_per_department_with_its_targets(tmp_path):
    folder = write_company(tmp_path / "co", settings='[veto]\ncategories = ["安全目標", "精神文明"]\n')
    rows = [*GOOD_LETTER[:1], ["D01", "共性目標", "學習 <b>&</b>", 40, "全年", "=1+1", "王明"], *GOOD_LETTER[2:]]
    letter(folder / "inbox", rows)
    result = letters_command(folder, "--year", "2026年")
    assert result.exit_code == 0, result.output
    out = folder / "output" / "目標責任書_2026"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"目標責任書_2026_{u}_{n}.{x}" for u, n in (("D01", "組織部"), ("D02", "宣傳部"),
                                                                  ("D03", "工會")) for x in ("docx", "html"))
    soup = BeautifulSoup((out / "目標責任書_2026_D01_組織部.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "長平公司 2026年度黨群工作方針目標責任書"
    assert soup.find("b") is None  # the target's text is text, not markup
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("table:not(.parties) tbody tr")]
    assert cells == [["1", "黨員發展", "60", "全年", "發展黨員 5 名", "王明"],
                     ["2", "學習 <b>&</b>", "40", "全年", "=1+1", "王明"]]
    assert [h.get_text() for h in soup.find_all("h3")] == ["重點目標（1 項）", "共性目標（1 項）"]
    text = soup.get_text()
    assert "中共長平公司委員會" in text and "王明" in text and "（蓋章）" in text and "日期" in text
    assert "安全目標、精神文明" in text and "2:7:1" in text and "120%、100%、80%" in text
    d03 = BeautifulSoup((out / "目標責任書_2026_D03_工會.html").read_text(encoding="utf-8"), "html.parser")
    months = [tr.find_all("td")[3].get_text() for tr in d03.select("table:not(.parties) tbody tr")]
    assert months == ["1-2,4-5,7-8,10-11", "3,6,9,12"]  # 共性目標 before 安全績效目標, as the contract lists them
    word = docx.Document(out / "目標責任書_2026_D02_宣傳部.docx")
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "長平公司 2026年度黨群工作方針目標責任書" in paragraphs and "李華" in paragraphs
    table_text = [[c.text for c in row.cells] for t in word.tables[:2] for row in t.rows]
    assert ["1", "宣傳報道", "100", "1-6", "每月 10 篇", "李華"] in table_text
    assert ["3", "學習", "30", "7-12", "", ""] in table_text


def test_the_same_letters_give_the_same_bytes(tmp_path):
    folder = write_company(tmp_path / "co")
    letter(folder / "inbox", GOOD_LETTER)
    letters_command(folder, "--year", "2026", "--out", str(tmp_path / "a"))
    letters_command(folder, "--year", "2026", "--out", str(tmp_path / "b"))
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_english_letters(tmp_path):
    folder = write_company(tmp_path / "co", settings='locale = "en"\n')
    letter(folder / "inbox", GOOD_LETTER)
    assert letters_command(folder, "--year", "2026").exit_code == 0
    html = next((folder / "output" / "target_letters_2026").glob("*D03*.html")).read_text(encoding="utf-8")
    assert "Responsibility Letter 2026" in html and "Party A (party committee)" in html and "3,6,9,12" in html


def test_a_year_without_letters_says_so_and_writes_nothing(tmp_path):
    folder = write_company(tmp_path / "co")
    letter(folder / "inbox", GOOD_LETTER, period="2025")
    result = letters_command(folder, "--year", "2026")
    assert result.exit_code == 2
    assert "2026" in result.output and "pbbatch templates --period 2026" in result.output
    assert not (folder / "output").exists() or not any((folder / "output").iterdir())


def test_a_bad_year_is_refused(tmp_path):
    folder = write_company(tmp_path / "co")
    result = letters_command(folder, "--year", "2026-03")
    assert result.exit_code == 2 and "2026-03" in result.output
