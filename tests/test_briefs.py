"""The review-meeting briefs as HTML: structure, who is named where, escaping, self-containment, locales."""

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from conftest import ITEMS_TOML, UNITS, adjustments, complete_march, spot_checks, vetoes, write_company
from pbbatch.cli import cli

HOSTILE = '<script>alert("x")</script> & =SUM(A1)'


@pytest.fixture
def company(tmp_path):
    units = [*UNITS[:2], ["D03", HOSTILE, "黨群部門", "群團", "張強", ""], *UNITS[3:]]
    write_company(tmp_path, units)
    inbox = tmp_path / "inbox"
    complete_march(inbox)
    vetoes(inbox, "D01", [["D02", "安全目標", "井下<違章> & 事故", "2026-03-09", "安監部"]])
    adjustments(inbox, "D01", [["D01", "綜合業務", 2, "宣傳報道獲省級表彰", "2026-03-05"]])
    spot_checks(inbox, "D01", [["2026-02-11", "B02", "K01", "三會一課記錄不全 <b>", 2, "2026-03-31"]], period="2026-02")
    return tmp_path


def run(company, locale=None):
    if locale:
        config = company / "config.toml"
        config.write_text(f'locale = "{locale}"\n' + ITEMS_TOML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(company / "config.toml")])
    assert result.exit_code == 0, result.output
    return company / "output" / "2026-03"


class Text(HTMLParser):
    """The document's visible text by section, and every tag and attribute seen."""

    def __init__(self):
        super().__init__()
        self.sections, self.tags, self.attrs, self._in = {}, [], [], None
        self.current = "head"

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self._in = tag

    def handle_data(self, data):
        if self._in in ("style", "title"):
            return
        if self._in == "h2":
            self.current = data.strip()
            self.sections.setdefault(self.current, [])
            return
        self.sections.setdefault(self.current, []).append(data)

    def handle_endtag(self, tag):
        self._in = None

    def text(self, section):
        return "".join(self.sections.get(section, []))


def parse(path):
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_department_brief_names_each_unit_where_it_belongs(company):
    doc = parse(run(company) / "部門講評會材料_2026-03.html")
    assert list(doc.sections)[1:] == ["一、總體情況", "二、考核排名", "三、表揚", "四、檢查反思", "五、一票否決", "六、加減分",
                                       "七、未報送及退回", "八、季度兌現", "附：本期適用的考核規則"]
    assert "本月參加考核的黨群部門 3 個" in doc.text("一、總體情況")
    ranking = doc.text("二、考核排名")
    assert "組織部" in ranking and "宣傳部" in ranking and "黨務" in ranking and "群團" in ranking
    # 宣傳部 (vetoed); D03, alone in its block and not vetoed, is not 墊底 (contract v2 §3)
    assert doc.text("四、檢查反思").count("在公司月度績效講評會上作檢查反思") == 1
    assert "宣傳部" in doc.text("四、檢查反思") and "組織部" not in doc.text("四、檢查反思")
    assert "井下<違章> & 事故" in doc.text("五、一票否決")
    assert "宣傳報道獲省級表彰" in doc.text("六、加減分")
    assert doc.text("七、未報送及退回").strip() == "無"


def test_branch_brief_sections_and_findings(company):
    doc = parse(run(company) / "支部講評會材料_2026-Q1.html")
    assert list(doc.sections)[1:] == ["一、總體情況", "二、考核排名", "三、獎勵", "四、誡勉談話與崗位淘汰", "五、一票否決",
                                       "六、專項督查問題及整改要求", "七、整改落實情況", "八、重點工作薄弱項目",
                                       "九、未報送及退回", "附：本期適用的考核規則"]
    assert "第 1 名" in doc.text("三、獎勵") and "3,000" in doc.text("三、獎勵")
    findings = doc.text("六、專項督查問題及整改要求")
    assert "機電科黨支部" in findings and "三會一課記錄不全 <b>" in findings and "2026-03-31" in findings
    assert "本季度新增專項督查問題" in doc.text("七、整改落實情況") and "機電科黨支部" in doc.text("七、整改落實情況")
    assert "K0" in doc.text("八、重點工作薄弱項目")
    assert "基層黨支部2026年第一季度" in doc.text("head")


def test_hostile_text_is_escaped_never_markup(company):
    folder = run(company)
    for name in ("部門講評會材料_2026-03.html", "支部講評會材料_2026-Q1.html"):
        html = (folder / name).read_text(encoding="utf-8")
        assert "<script" not in html and "<b>" not in html
    html = (folder / "部門講評會材料_2026-03.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; =SUM(A1)" in html


def test_briefs_fetch_nothing_and_run_nothing(company):
    folder = run(company)
    for name in ("部門講評會材料_2026-03.html", "支部講評會材料_2026-Q1.html"):
        doc = parse(folder / name)
        assert "script" not in doc.tags and "link" not in doc.tags and "img" not in doc.tags
        urls = [v for k, v in doc.attrs if k in ("src", "href")]
        assert urls == []
        html = (folder / name).read_text(encoding="utf-8")
        assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", html)


def test_print_rules_are_in_place(company):
    html = (run(company) / "部門講評會材料_2026-03.html").read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "counter(page)" in html
    assert "thead { display: table-header-group; }" in html and "break-inside: avoid" in html
    assert "<svg" in html and "SimSun" in html and "Noto Serif CJK" in html and "Songti SC" in html


def test_english_brief_leaves_no_chinese_label(company):
    folder = run(company, "en")
    users_text = {u[1] for u in UNITS} | {u[4] for u in UNITS} | {HOSTILE, "井下<違章> & 事故", "安全目標", "安監部",
                  "宣傳報道獲省級表彰", "三會一課記錄不全 <b>", "黨務", "群團", "長平公司", "中共長平公司委員會",
                  "政治建設", "組織建設", "作風建設"}
    for name in ("department_brief_2026-03.html", "branch_brief_2026-Q1.html"):
        text = "".join("".join(parts) for parts in parse(folder / name).sections.values())
        for user in sorted(users_text, key=len, reverse=True):
            text = text.replace(user, "")
        assert not re.search(r"[\u4e00-\u9fff]", text), re.findall(r".{0,20}[\u4e00-\u9fff].{0,20}", text)[:5]


def test_brief_is_written_again_from_the_store_in_another_locale(company):
    folder = run(company)
    (folder / "部門講評會材料_2026-03.html").unlink()
    (company / "inbox" / "targets_D01.xlsx").unlink()  # the inbox is not read again
    (company / "config.toml").write_text('locale = "zh-Hans"\n' + ITEMS_TOML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", "--period", "2026-03", "--config", str(company / "config.toml")])
    assert result.exit_code == 0, result.output
    html = (folder / "部门讲评会材料_2026-03.html").read_text(encoding="utf-8")
    assert "一、总体情况" in html and "组织部" not in html  # labels simplified; unit names stay as written
    assert "組織部" in html
    assert (folder / "支部讲评会材料_2026-Q1.html").exists()


def test_brief_for_a_period_never_run(company):
    result = CliRunner().invoke(cli, ["brief", "--period", "2026-05", "--config", str(company / "config.toml")])
    assert result.exit_code == 2 and "2026-05" in result.output


def test_each_brief_counts_only_its_own_forms(company):
    from conftest import ratings

    ratings(company / "inbox", "L02", "領導評價", {"D01": 101, "D02": 80, "D03": 70}, name="bad_leader.xlsx", 版本=2)
    CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(company / "config.toml")])
    folder = company / "output" / "2026-03"
    departments = parse(folder / "部門講評會材料_2026-03.html")
    branches = parse(folder / "支部講評會材料_2026-Q1.html")
    assert "退回 1 份" in departments.text("一、總體情況") and "L02" in departments.text("七、未報送及退回")
    assert "bad_leader.xlsx" not in departments.text("七、未報送及退回")  # file names belong in the report
    assert "退回 0 份" in branches.text("一、總體情況") and "bad_leader.xlsx" not in branches.text("九、未報送及退回")
    # 2 self-evaluations, 2 department evaluations, 1 democratic, and the spot check, veto and adjustment forms
    assert "收到文件 8 份" in branches.text("一、總體情況")


def test_weakest_items_name_the_owning_department(company):
    doc = parse(run(company) / "支部講評會材料_2026-Q1.html")
    assert "D01 組織部" in doc.text("八、重點工作薄弱項目") or "D02 宣傳部" in doc.text("八、重點工作薄弱項目")
