"""Acceptance of §7 (targets and responsibility letters) and §8's notices on a company written from the contract
alone: 紅嶺礦業, five departments in two blocks, five branches, its own registry and config, every form filled in
with openpyxl as a clerk fills it, run month by month (January to June 2026) through the CLI. Every expected
figure and text is worked out here by hand from the contract (and docs/decisions.md where the contract is silent),
never by calling pbbatch."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import clerk_book as write_book
from pbbatch.cli import cli

# ---------------------------------------------------------------------------------------------------------------
# The company

ORGANIZATION = "紅嶺礦業"
DEPARTMENTS = {  # code: (name, block, head)
    "DW1": ("黨委辦公室", "黨建綜合", "鄭思遠"), "XC2": ("宣傳統戰部", "黨建綜合", "何嘉慧"),
    "JJ3": ("紀檢部", "黨建綜合", "蘇文清"), "GH4": ("工會", "群團工作", "馮大勇"), "TW5": ("團委", "群團工作", "葉小青"),
}
BRANCHES = {  # code: (name, secretary)
    "ZB01": ("綜採隊黨支部", "唐振國"), "ZB02": ("掘進一隊黨支部", "羅永紅"), "ZB03": ("運輸隊黨支部", "梁國棟"),
    "ZB04": ("洗煤廠黨支部", "宋春燕"), "ZB05": ("後勤中心黨支部", "韋立軍"),
}
RATERS = [("L01", "楊書記", "黨委書記", 1), ("L02", "趙經理", "總經理", 1)]
ITEMS = [("K1", "組織建設", 40, "DW1"), ("K2", "宣傳思想", 30, "XC2"), ("K3", "黨風廉政", 30, "JJ3")]
VETO_CATEGORIES = ["安全生產事故", "違反廉潔紀律", "三違幫教"]
MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]

CONFIG = f"""locale = "zh-Hant"
[organization]
name = "{ORGANIZATION}"
committee = "中共紅嶺礦業委員會"
[paths]
inbox = "inbox"
output = "output"
registry = "名冊.xlsx"
history = "output/history.sqlite"
[banding]
shares = [0.3, 0.6, 0.1]
coefficients = [1.25, 1.0, 0.75]
[veto]
categories = {VETO_CATEGORIES!r}
[rectification]
default_days = 15
overdue_deduction = 3
""".replace("'", '"') + "".join(
    f'[[branches.items]]\ncode = "{c}"\nname = "{n}"\npoints = {p}\nowner = "{o}"\n' for c, n, p, o in ITEMS)

# ---------------------------------------------------------------------------------------------------------------
# §7: the year's responsibility letters as the clerks typed them. Rows: (unit, category, target, points, months,
# standard, owner). The party committee office (DW1) sends one letter for four departments; 團委 (TW5) its own.

OFFICE_LETTER = [
    ("DW1", "重點目標", "黨建工作責任制落實", 50, "全年", "季度檢查全部達標", "鄭思遠"),
    ("DW1", "共性目標", "理論學習", 30, "1-6", "每月集中學習不少於2次", "鄭思遠"),
    ("DW1", "共性目標", "調查研究", 30, "7-12", "形成調研報告1篇", "鄭思遠"),
    ("DW1", "安全績效目標", "安全宣教", 20, "全年", "無安全責任事故", "鄭思遠"),
    ("XC2", "重點目標", "意識形態陣地建設", 40, "全年", "陣地管理無差錯", "何嘉慧"),
    ("XC2", "共性目標", "季度宣傳報道", 20, "3,6,9,12", "每季度上級媒體刊發2篇", "何嘉慧"),
    ("XC2", "共性目標", "網站維護", 20, "1，2，4，5，7，8，10，11", "每週更新", "何嘉慧"),
    ("XC2", "安全績效目標", "安全文化宣傳", 40, "全年", "每月安全專欄1期", "何嘉慧"),
    ("JJ3", "重點目標", "廉政風險防控", 60, "全年", "風險點全覆蓋", "蘇文清"),
    ("JJ3", "共性目標", "警示教育", 25, "1～6月", "每季度1次", "蘇文清"),
    ("JJ3", "共性目標", "專項監督", 25, "7至12月", "專項檢查2次", "蘇文清"),
    ("JJ3", "安全績效目標", "安全監督執紀", 15, "全年", "問責到位", "蘇文清"),
    ("GH4", "重點目標", "職工之家建設", 70, "全年", "達到省級標準", "馮大勇"),
    ("GH4", "共性目標", "送溫暖活動", 30, "1、2", "走訪困難職工全覆蓋", "馮大勇"),
    ("GH4", "共性目標", "職工文體活動", 30, "3-12", "每月1項", "馮大勇"),
]
YOUTH_LETTER = [
    ("TW5", "重點目標", "青年安全監督崗", 50, "全年", "監督崗每月上崗", "葉小青"),
    ("TW5", "共性目標", "青年理論學習", 25, "1-3、7-9", "青年大學習參學率90%", "葉小青"),
    ("TW5", "共性目標", "志願服務", 25, "4-6，10-12", "每月志願活動1次", "葉小青"),
    ("TW5", "安全績效目標", "青工安全培訓", 25, "全年", "培訓合格率100%", "葉小青"),
]

# Worked out by hand from the months above: each department's targets (category, target, points, standard).
DW1_ALL = [("重點目標", "黨建工作責任制落實", 50, "季度檢查全部達標"), ("共性目標", "理論學習", 30, "每月集中學習不少於2次"),
           ("安全績效目標", "安全宣教", 20, "無安全責任事故")]
XC2_MONTHLY = [("重點目標", "意識形態陣地建設", 40, "陣地管理無差錯"), ("共性目標", "網站維護", 20, "每週更新"),
               ("安全績效目標", "安全文化宣傳", 40, "每月安全專欄1期")]
XC2_QUARTER_END = [("重點目標", "意識形態陣地建設", 40, "陣地管理無差錯"), ("共性目標", "季度宣傳報道", 20, "每季度上級媒體刊發2篇"),
                   ("安全績效目標", "安全文化宣傳", 40, "每月安全專欄1期")]
JJ3_FIRST_HALF = [("重點目標", "廉政風險防控", 60, "風險點全覆蓋"), ("共性目標", "警示教育", 25, "每季度1次"),
                  ("安全績效目標", "安全監督執紀", 15, "問責到位")]
GH4_WINTER = [("重點目標", "職工之家建設", 70, "達到省級標準"), ("共性目標", "送溫暖活動", 30, "走訪困難職工全覆蓋")]
GH4_REST = [("重點目標", "職工之家建設", 70, "達到省級標準"), ("共性目標", "職工文體活動", 30, "每月1項")]
TW5_STUDY = [("重點目標", "青年安全監督崗", 50, "監督崗每月上崗"), ("共性目標", "青年理論學習", 25, "青年大學習參學率90%"),
             ("安全績效目標", "青工安全培訓", 25, "培訓合格率100%")]
TW5_SERVICE = [("重點目標", "青年安全監督崗", 50, "監督崗每月上崗"), ("共性目標", "志願服務", 25, "每月志願活動1次"),
               ("安全績效目標", "青工安全培訓", 25, "培訓合格率100%")]
EXPECTED_TARGETS = {  # month -> department -> targets
    1: {"DW1": DW1_ALL, "XC2": XC2_MONTHLY, "JJ3": JJ3_FIRST_HALF, "GH4": GH4_WINTER, "TW5": TW5_STUDY},
    2: {"DW1": DW1_ALL, "XC2": XC2_MONTHLY, "JJ3": JJ3_FIRST_HALF, "GH4": GH4_WINTER, "TW5": TW5_STUDY},
    3: {"DW1": DW1_ALL, "XC2": XC2_QUARTER_END, "JJ3": JJ3_FIRST_HALF, "GH4": GH4_REST, "TW5": TW5_STUDY},
    4: {"DW1": DW1_ALL, "XC2": XC2_MONTHLY, "JJ3": JJ3_FIRST_HALF, "GH4": GH4_REST, "TW5": TW5_SERVICE},
    5: {"DW1": DW1_ALL, "XC2": XC2_MONTHLY, "JJ3": JJ3_FIRST_HALF, "GH4": GH4_REST, "TW5": TW5_SERVICE},
    6: {"DW1": DW1_ALL, "XC2": XC2_QUARTER_END, "JJ3": JJ3_FIRST_HALF, "GH4": GH4_REST, "TW5": TW5_SERVICE},
}

# The target forms that go wrong (month, department): what the clerk did.
OMITTED = (2, "XC2")     # leaves out 網站維護 (20) in February; a corrected version 2 comes later, Feb is run again
EXTRA = (3, "JJ3")       # adds 廉政談話 (10) in March; corrected by version 2 before the March run
POINTS_OFF = (4, "GH4")  # writes 職工文體活動 with 25 points in April instead of the letter's 30; never corrected

# ---------------------------------------------------------------------------------------------------------------
# §8: spot-check findings (form period, 日期, branch, item, 問題描述, 扣分, 整改期限), receipts and checks.

FINDINGS = {
    "F1": ("2026-01", dt.date(2026, 1, 8), "ZB01", "K1", "支部委員會會議記錄缺頁", 2, dt.date(2026, 1, 31)),
    "F2": ("2026-01", dt.date(2026, 1, 15), "ZB02", "K2", "宣傳欄內容未更新", 1, None),
    "F3": ("2026-02", dt.date(2026, 2, 10), "ZB03", "K3", "黨費收繳台賬不清", 3, dt.date(2026, 3, 31)),
    "F4": ("2026-03", dt.date(2026, 3, 20), "ZB04", "K1", "主題黨日活動未開展", 2, None),
    "F5": ("2026-05", dt.date(2026, 5, 6), "ZB05", "K2", "黨員教育培訓缺記錄", 4, dt.date(2026, 6, 20)),
    "F6": ("2026-Q2", dt.date(2026, 6, 12), "ZB02", "K1", "發展黨員程序不規範", 1, dt.date(2026, 7, 15)),
}
RECEIPTS = {  # form month -> [(branch, finding, 完成日期)]: a branch learns a 整改編號 from the published ledger
    "2026-02": [("ZB01", "F1", dt.date(2026, 1, 25)), ("ZB02", "F2", dt.date(2026, 2, 5))],
    "2026-03": [("ZB03", "F3", dt.date(2026, 3, 15))],
    "2026-05": [("ZB03", "F3", dt.date(2026, 5, 5)), ("ZB04", "F4", dt.date(2026, 5, 8))],
    "2026-06": [("ZB05", "F5", dt.date(2026, 6, 18))],
}
CHECKS = {  # form month -> [(finding, 驗收結論, 驗收日期)]
    "2026-02": [("F1", "通過", dt.date(2026, 2, 3))],
    "2026-03": [("F2", "通過", dt.date(2026, 3, 2))],
    "2026-04": [("F3", "不通過", dt.date(2026, 4, 3))],
    "2026-05": [("F3", "通過", dt.date(2026, 5, 10))],
    "2026-06": [("F4", "通過", dt.date(2026, 6, 3))],
}
BRANCH_VETO = ("ZB01", "安全生產事故", dt.date(2026, 3, 5))  # a quarter-period 一票否決表 of 2026-Q1

# Branch scores by quarter: 自評 per item, the owners' 部門考評 per item; democratic the same for all.
SELF = {(q, b): [36, 27, 27] for q in (1, 2) for b in BRANCHES}
SELF[2, "ZB04"] = [30, 20, 20]        # Z 70
SELF[2, "ZB05"] = [36, 26, 25.5]      # Z 87.5: makes up exactly for ZB05's 7 points of spot checks (0.1 × 17.5)
DEPT_SCORES = {
    (1, "ZB01"): [38, 28, 28], (1, "ZB02"): [36, 27, 27], (1, "ZB03"): [34, 26, 26], (1, "ZB04"): [35, 25, 25],
    (1, "ZB05"): [33, 25, 25],
    (2, "ZB01"): [38, 28, 28], (2, "ZB02"): [36, 27, 27], (2, "ZB03"): [35, 26, 26], (2, "ZB04"): [32, 24, 24],
    (2, "ZB05"): [32, 24, 24],
}
DEMOCRATIC = (45, 40, 30, 10, 0, 0, 0)  # eligible, present, excellent, good, fair, poor, abstain -> P 95


# ---------------------------------------------------------------------------------------------------------------
# Writing workbooks as a clerk fills them: 填報信息, then 數據 with a title row above the header.

TARGET_HEADER = ["目標類別", "目標內容", "分值", "完成情況", "得分"]
LETTER_HEADER = ["單位編號", "目標類別", "目標內容", "分值", "考核月份", "考核標準", "責任人"]
RATING_HEADER = ["被評單位編號", "被評單位名稱", "得分", "備註"]


def write_form(path: Path, form: str, period: str, submitter: str, header: list[str], rows: list[list[object]],
               rating_type: str | None = None, version: int = 1, filled_on: dt.date | None = None) -> None:
    info = [["表單類型", form], ["期間", period], ["填報單位編號", submitter]]
    if rating_type:
        info.append(["評價類型", rating_type])
    info += [["填報人", "陳幹事"], ["版本", version]]
    if filled_on:
        info.append(["填報日期", filled_on])
    write_book(path, {"填報信息": info, "數據": [[f"{form}（{period}）"], header, *rows]})


def write_registry(path: Path) -> None:
    units = [["單位編號", "單位名稱", "類別", "板塊", "負責人", "狀態"]]
    units += [[c, n, "黨群部門", block, head, "在冊"] for c, (n, block, head) in DEPARTMENTS.items()]
    units += [[c, n, "基層黨支部", None, head, None] for c, (n, head) in BRANCHES.items()]
    write_book(path, {"單位": units, "評價人": [["評價人編號", "姓名", "職務", "權重"], *map(list, RATERS)]})


def write_letter(path: Path, submitter: str, rows, version: int = 1) -> None:
    write_form(path, "目標責任書", "2026年度", submitter, LETTER_HEADER, [list(r) for r in rows], version=version)


def target_rows(month: int, department: str) -> list[list[object]]:
    """The department's target form as the clerk fills it: every target of the month, scored a little under."""
    return [[cat, target, points, "已完成", points - 1] for cat, target, points, _ in EXPECTED_TARGETS[month][department]]


def write_target_forms(folder: Path, month: int) -> None:
    period = MONTHS[month - 1]
    for d in DEPARTMENTS:
        rows = target_rows(month, d)
        if (month, d) == OMITTED:
            rows = [r for r in rows if r[1] != "網站維護"]
        elif (month, d) == EXTRA:
            write_form(folder / f"目標考核_{d}_v2.xlsx", "目標考核表", period, d, TARGET_HEADER, rows, version=2,
                       filled_on=dt.date(2026, month + 1, 3))
            rows = rows + [["共性目標", "廉政談話", 10, "已完成", 10]]
        elif (month, d) == POINTS_OFF:
            rows = [[c, t, 25 if t == "職工文體活動" else p, n, 24 if t == "職工文體活動" else s] for c, t, p, n, s in rows]
        write_form(folder / f"目標考核_{d}.xlsx", "目標考核表", period, d, TARGET_HEADER, rows,
                   filled_on=dt.date(2026, month + 1, 1))


def write_month(inbox: Path, month: int, finding_ids: dict[str, str]) -> None:
    period = MONTHS[month - 1]
    folder = inbox / period
    write_target_forms(folder, month)
    for d in DEPARTMENTS:
        rows = [[o, DEPARTMENTS[o][0], 85, ""] for o in DEPARTMENTS if o != d]
        write_form(folder / f"互評_{d}.xlsx", "評分表", period, d, RATING_HEADER, rows, "部門互評")
    for rater, *_ in RATERS:
        rows = [[d, DEPARTMENTS[d][0], 88, ""] for d in DEPARTMENTS]
        write_form(folder / f"領導評價_{rater}.xlsx", "評分表", period, rater, RATING_HEADER, rows, "領導評價")
    for b in BRANCHES:
        rows = [[d, DEPARTMENTS[d][0], 90, ""] for d in DEPARTMENTS]
        write_form(folder / f"服務基層_{b}.xlsx", "評分表", period, b, RATING_HEADER, rows, "服務基層評價")
    spot_header = ["日期", "支部編號", "項目編號", "問題描述", "扣分", "整改期限"]
    quarter = f"2026-Q{(month - 1) // 3 + 1}" if month % 3 == 0 else None
    for form_period in (period, quarter):
        rows = [[day, branch, item, text, deduction, fix_by]
                for p, day, branch, item, text, deduction, fix_by in FINDINGS.values() if p == form_period]
        if rows:
            write_form(folder / f"專項督查_{form_period}.xlsx", "專項督查表", form_period, "JJ3", spot_header, rows)
    for branch, finding, done in RECEIPTS.get(period, []):
        write_form(folder / f"整改回執_{branch}.xlsx", "整改回執表", period, branch, ["整改編號", "整改措施", "完成日期", "佐證材料"],
                   [[finding_ids[finding], "已按要求整改", done, "整改照片"]])
    if period in CHECKS:
        write_form(folder / "整改驗收.xlsx", "整改驗收表", period, "JJ3", ["整改編號", "驗收結論", "驗收日期", "說明"],
                   [[finding_ids[f], verdict, day, ""] for f, verdict, day in CHECKS[period]])
    if month % 3 == 0:
        write_quarter(folder, month // 3)


def write_quarter(folder: Path, quarter: int) -> None:
    period = f"2026-Q{quarter}"
    for b in BRANCHES:
        write_form(folder / f"支部自評_{b}.xlsx", "支部自評表", period, b, ["項目編號", "項目名稱", "分值", "自評得分", "說明"],
                   [[code, name, points, score, ""] for (code, name, points, _), score in zip(ITEMS, SELF[quarter, b])])
    for i, (code, name, _, owner) in enumerate(ITEMS):
        write_form(folder / f"部門考評_{owner}.xlsx", "部門考評表", period, owner, ["支部編號", "支部名稱", f"{code} {name}", "備註"],
                   [[b, BRANCHES[b][0], DEPT_SCORES[quarter, b][i], ""] for b in BRANCHES])
    write_form(folder / "民主測評.xlsx", "民主測評表", period, "DW1",
               ["支部編號", "支部名稱", "應參評人數", "實參評人數", "優秀", "良好", "一般", "較差", "棄權"],
               [[b, BRANCHES[b][0], *DEMOCRATIC] for b in BRANCHES])
    if quarter == 1:
        branch, category, day = BRANCH_VETO
        write_form(folder / "一票否決_Q1.xlsx", "一票否決表", period, "JJ3", ["單位編號", "否決類別", "事由", "發生日期", "認定部門"],
                   [[branch, category, "發生一般安全事故", day, "安監處"]])


def ledger_ids(output: Path, period: str) -> dict[str, str]:
    """The 整改編號 of each finding, copied off the month's published 整改台賬 by its text, as a branch clerk does."""
    rows = sheet_rows(output / period / f"整改台賬_{period}.xlsx", None, "整改編號")
    return {key: r["整改編號"] for r in rows for key, f in FINDINGS.items() if r.get("問題描述") == f[4]}


def sheet_rows(path: Path, sheet: str | None, header_cell: str) -> list[dict]:
    book = load_workbook(path, read_only=True)
    rows = list((book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if header_cell in row)
    return [dict(zip(rows[at], row)) for row in rows[at + 1:] if any(c is not None for c in row)]


def run(config: Path, period: str):
    return CliRunner().invoke(cli, ["run", "--period", period, "--quiet", "--config", str(config)])


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hongling")
    config = folder / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    write_registry(folder / "名冊.xlsx")
    inbox, output = folder / "inbox", folder / "output"
    write_letter(inbox / "2026" / "目標責任書_黨委辦公室.xlsx", "DW1", OFFICE_LETTER)
    write_letter(inbox / "2026" / "目標責任書_團委.xlsx", "TW5", YOUTH_LETTER)
    ids: dict[str, str] = {}
    runs, kept = {}, {}
    for month in range(1, 7):
        period = MONTHS[month - 1]
        write_month(inbox, month, ids)
        runs[period] = run(config, period)
        if month == OMITTED[0]:  # the February report as first published, then the correction and the re-run
            kept["first"] = folder / "first_feb"
            shutil.copytree(output / period, kept["first"])
            rows = target_rows(month, OMITTED[1])
            write_form(inbox / period / f"目標考核_{OMITTED[1]}_更正.xlsx", "目標考核表", period, OMITTED[1], TARGET_HEADER,
                       rows, version=2, filled_on=dt.date(2026, 3, 6))
            runs[period + " again"] = run(config, period)
        ids.update(ledger_ids(output, period))
    return {"folder": folder, "config": config, "output": output, "runs": runs, "ids": ids, "kept": kept}


# A second, small workspace: letters with mistakes (2026), and a year without any letter (2027) run under the
# default config and under one with targets.require_letter = true.

BAD_UNION_LETTER = [  # from 工會 (GH4): rows 3-5 of its 數據 sheet
    ("ZB01", "重點目標", "支部共建", 50, "全年", "", ""),           # a branch, not a department: A3
    ("GH4", "重點目標", "職工之家建設", 70, "13月", "", ""),         # no 13th month: E4
    ("GH4", "共性目標", "送溫暖活動", 30, "abc", "", ""),           # not months at all: E5
]
AUDIT_LETTER = [  # from 紀檢部 (JJ3): its own 100 points (rows 3-6), then 理論學習 of DW1 that the office letter has
    ("JJ3", "重點目標", "廉政風險防控", 60, "全年", "", ""), ("JJ3", "共性目標", "警示教育", 25, "1-6", "", ""),
    ("JJ3", "共性目標", "專項監督", 25, "7-12", "", ""), ("JJ3", "安全績效目標", "安全監督執紀", 15, "全年", "", ""),
    ("DW1", "共性目標", "理論學習", 30, "1-6", "", ""),                # the same (unit, target) as the office's: C7
]
PRESS_LETTER = [  # from 宣傳統戰部 (XC2): November has 80 points (網站維護 leaves it out): at A3
    ("XC2", "重點目標", "意識形態陣地建設", 40, "全年", "", ""), ("XC2", "共性目標", "季度宣傳報道", 20, "3,6,9,12", "", ""),
    ("XC2", "共性目標", "網站維護", 20, "1,2,4,5,7,8,10", "", ""), ("XC2", "安全績效目標", "安全文化宣傳", 40, "全年", "", ""),
]
STRICT_CONFIG = CONFIG.replace('output = "output"', 'output = "output_strict"').replace(
    'history = "output/history.sqlite"', 'history = "output_strict/history.sqlite"')
STRICT_CONFIG += "[targets]\nrequire_letter = true\n"


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hongling_letters")
    (folder / "config.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "strict.toml").write_text(STRICT_CONFIG, encoding="utf-8")
    write_registry(folder / "名冊.xlsx")
    inbox = folder / "inbox"
    write_letter(inbox / "2026" / "責任書_1_工會.xlsx", "GH4", BAD_UNION_LETTER)
    write_letter(inbox / "2026" / "責任書_2_黨委辦.xlsx", "DW1", [r for r in OFFICE_LETTER if r[0] == "DW1"])
    write_letter(inbox / "2026" / "責任書_3_紀檢.xlsx", "JJ3", AUDIT_LETTER)
    write_letter(inbox / "2026" / "責任書_4_宣傳.xlsx", "XC2", PRESS_LETTER)
    write_form(inbox / "2026-01" / "目標考核_DW1.xlsx", "目標考核表", "2026-01", "DW1", TARGET_HEADER, target_rows(1, "DW1"))
    write_form(inbox / "2027-01" / "目標考核_DW1.xlsx", "目標考核表", "2027-01", "DW1", TARGET_HEADER, target_rows(1, "DW1"))
    write_form(inbox / "2027-01" / "互評_XC2.xlsx", "評分表", "2027-01", "XC2", RATING_HEADER,  # so 2027-01 has a run
               [[o, DEPARTMENTS[o][0], 85, ""] for o in DEPARTMENTS if o != "XC2"], "部門互評")
    runs = {"2026-01": run(folder / "config.toml", "2026-01"), "2027-01": run(folder / "config.toml", "2027-01"),
            "2027-01 strict": run(folder / "strict.toml", "2027-01")}
    return {"folder": folder, "runs": runs}


# ---------------------------------------------------------------------------------------------------------------
# Reading what pbbatch published, as a clerk reads it.

def report(folder: Path, period: str) -> dict[str, list[dict]]:
    path = folder / f"處理報告_{period}.xlsx"
    return {"文件": sheet_rows(path, "文件", "SHA-256"), "問題": sheet_rows(path, "問題", "儲存格"),
            "未報送": sheet_rows(path, "未報送", "原因")}


def statuses(rep: dict, prefix: str) -> dict[str, str]:
    return {r["文件"]: r["狀態"] for r in rep["文件"] if r["文件"].split("/")[-1].startswith(prefix)}


def errors(rep: dict) -> dict[tuple[str, str, str], str]:
    return {(r["文件"], r["工作表"], r["儲存格"]): r["說明"] for r in rep["問題"] if r["級別"] == "錯誤"}


def missing_targets(rep: dict) -> set[str]:
    return {r["填報單位編號"] for r in rep["未報送"] if r["表單類型"] == "目標考核表"}


def page_text(path: Path) -> str:
    from bs4 import BeautifulSoup
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


def html_rows(path: Path) -> list[list[str]]:
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["td", "th"])] for tr in soup.find_all("tr")]


def docx_content(path: Path) -> tuple[str, list[list[str]]]:
    import docx
    document = docx.Document(str(path))
    rows = [[" ".join(c.text.split()) for c in row.cells] for table in document.tables for row in table.rows]
    paragraphs = [p.text for p in document.paragraphs] + [" ".join(r) for r in rows]
    return " ".join(" ".join(paragraphs).split()), rows


def as_date(value) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


# ---------------------------------------------------------------------------------------------------------------
# The runs

def test_every_month_runs_with_the_exit_status_its_inbox_calls_for(company):
    """0 when everything is in and accepted (a rejected file corrected by an accepted one included, decisions.md
    已更正); 1 while a target form stays rejected (February before its correction, April)."""
    got = {period: result.exit_code for period, result in company["runs"].items()}
    assert got == {"2026-01": 0, "2026-02": 1, "2026-02 again": 0, "2026-03": 0, "2026-04": 1, "2026-05": 0,
                   "2026-06": 0}, {p: r.output[-800:] for p, r in company["runs"].items()}


# §7 1. The letters' targets, month by month, as the pre-filled 目標考核表 of `pbbatch templates` shows them --------

@pytest.fixture(scope="module")
def blank_forms(company):
    forms = {}
    for month in range(1, 7):
        out = company["folder"] / "blank" / MONTHS[month - 1]
        result = CliRunner().invoke(cli, ["templates", "--period", MONTHS[month - 1], "--out", str(out),
                                          "--config", str(company["config"])])
        assert result.exit_code == 0, result.output
        for d in DEPARTMENTS:
            found = [p for p in out.glob("*.xlsx") if p.name.startswith(f"目標考核表_{MONTHS[month - 1]}_{d}")]
            assert len(found) == 1, (month, d, sorted(p.name for p in out.glob("*.xlsx")))
            forms[month, d] = found[0]
    return forms


def test_prefilled_target_forms_hold_each_months_letter_targets(blank_forms):
    """全年, 1-6, 3,6,9,12, 7-12, full-width commas, 、, ～ and 至 all read as the months they say: each department's
    form of each month holds exactly the letter rows whose months include it (TW5's from its own letter)."""
    for (month, d), path in blank_forms.items():
        book = load_workbook(path)
        info = {row[0]: row[1] for row in book["填報信息"].iter_rows(values_only=True)}
        assert (info["表單類型"], info["期間"], info["填報單位編號"]) == ("目標考核表", MONTHS[month - 1], d)
        sheet = book["數據"]
        rows = list(sheet.iter_rows(values_only=True))
        at = next(i for i, row in enumerate(rows) if "目標類別" in row)
        column = {name: j for j, name in enumerate(rows[at]) if name}
        got = [tuple(row[column[h]] for h in ("目標類別", "目標內容", "分值", "考核標準"))
               for row in rows[at + 1:] if row[column["目標內容"]]]
        assert sorted(got) == sorted(EXPECTED_TARGETS[month][d]), (month, d)


def test_prefilled_targets_are_locked_and_only_progress_and_score_open(blank_forms):
    for (month, d), path in blank_forms.items():
        sheet = load_workbook(path)["數據"]
        assert sheet.protection.sheet, (month, d)
        header = next(row for row in sheet.iter_rows() if any(c.value == "目標類別" for c in row))
        column = {c.value: c.column for c in header if c.value}
        for r in range(header[0].row + 1, header[0].row + 1 + len(EXPECTED_TARGETS[month][d])):
            for name in ("目標類別", "目標內容", "分值", "考核標準"):
                assert sheet.cell(r, column[name]).protection.locked, (month, d, r, name)
            for name in ("完成情況", "得分"):
                assert not sheet.cell(r, column[name]).protection.locked, (month, d, r, name)


# §7 2. The checked target forms ---------------------------------------------------------------------------------

def test_target_forms_that_match_the_letter_are_accepted_and_the_others_rejected_at_their_cell(company):
    first_feb = report(company["kept"]["first"], "2026-02")
    reports = {period: report(company["output"] / period, period) for period in MONTHS}
    expected_rejected = {"2026-02": "XC2", "2026-04": "GH4"}
    for period, rep in [("2026-02", first_feb)] + [(p, reports[p]) for p in MONTHS if p != "2026-02"]:
        got = statuses(rep, "目標考核_")
        own = {f: s for f, s in got.items() if f.startswith(period)}
        bad = expected_rejected.get(period)
        if period == "2026-03":
            assert own == {**{f"2026-03/目標考核_{d}.xlsx": "接收" for d in DEPARTMENTS},
                           "2026-03/目標考核_JJ3.xlsx": "已更正", "2026-03/目標考核_JJ3_v2.xlsx": "接收"}
        else:
            assert own == {f"{period}/目標考核_{d}.xlsx": "退回" if d == bad else "接收" for d in DEPARTMENTS}, period
        assert missing_targets(rep) == ({bad} if bad else set()), period
    assert set(errors(first_feb)) == {("2026-02/目標考核_XC2.xlsx", "數據", "B5")}
    omitted = errors(first_feb)["2026-02/目標考核_XC2.xlsx", "數據", "B5"]  # the first empty row, where it belongs
    assert "網站維護" in omitted and "20" in omitted
    march = errors(reports["2026-03"])
    assert set(march) == {("2026-03/目標考核_JJ3.xlsx", "數據", "B6")}
    assert "廉政談話" in march["2026-03/目標考核_JJ3.xlsx", "數據", "B6"]
    assert all(t in march["2026-03/目標考核_JJ3.xlsx", "數據", "B6"] for t in ("廉政風險防控", "警示教育", "安全監督執紀"))
    april = errors(reports["2026-04"])
    assert set(april) == {("2026-04/目標考核_GH4.xlsx", "數據", "C4")}
    assert "職工文體活動" in april["2026-04/目標考核_GH4.xlsx", "數據", "C4"]
    assert "30" in april["2026-04/目標考核_GH4.xlsx", "數據", "C4"]
    for period in ("2026-01", "2026-05", "2026-06"):
        assert errors(reports[period]) == {}, period


def test_a_corrected_target_form_is_accepted_and_no_longer_blamed(company):
    """February run again with XC2's version 2: the first file is 已更正 naming the second, nothing is missing, and
    the brief no longer lists XC2's target form as outstanding."""
    feb = report(company["output"] / "2026-02", "2026-02")
    own = {f: s for f, s in statuses(feb, "目標考核_XC2").items() if f.startswith("2026-02/")}
    assert own == {"2026-02/目標考核_XC2.xlsx": "已更正", "2026-02/目標考核_XC2_更正.xlsx": "接收"}
    note = next(r["備註"] for r in feb["文件"] if r["文件"] == "2026-02/目標考核_XC2.xlsx")
    assert "目標考核_XC2_更正.xlsx" in note
    assert missing_targets(feb) == set() and feb["未報送"] == []
    brief = page_text(company["output"] / "2026-02" / "部門講評會材料_2026-02.html")
    first_brief = page_text(company["kept"]["first"] / "部門講評會材料_2026-02.html")
    assert "試算稿" in first_brief and "宣傳統戰部 目標考核表" in first_brief.split("未報送及退回")[1]
    assert "試算稿" not in brief and "未報送及退回 無" in brief
    april = report(company["output"] / "2026-04", "2026-04")
    assert [r["原因"] for r in april["未報送"] if r["表單類型"] == "目標考核表"] == ["已退回，需重新報送"]


# §7 3. Mistakes in the letters ----------------------------------------------------------------------------------

def test_letter_mistakes_are_errors_at_their_cells(mistakes):
    """A branch as a letter's unit, 13月 and abc as months, DW1's 理論學習 in a second counted letter (the later
    file by name, at its 目標內容, naming the first), November at 80 points (at the unit's first 單位編號 of the
    last file listing it). The office letter, right on its own, counts: DW1's January form is checked against it."""
    rep = report(mistakes["folder"] / "output" / "2026-01", "2026-01")
    assert statuses(rep, "責任書_") == {"2026/責任書_1_工會.xlsx": "退回", "2026/責任書_2_黨委辦.xlsx": "接收",
                                       "2026/責任書_3_紀檢.xlsx": "退回", "2026/責任書_4_宣傳.xlsx": "退回"}
    assert statuses(rep, "目標考核_DW1") == {"2026-01/目標考核_DW1.xlsx": "接收", "2027-01/目標考核_DW1.xlsx": "略過"}
    got = errors(rep)
    assert set(got) == {("2026/責任書_1_工會.xlsx", "數據", "A3"), ("2026/責任書_1_工會.xlsx", "數據", "E4"),
                        ("2026/責任書_1_工會.xlsx", "數據", "E5"), ("2026/責任書_3_紀檢.xlsx", "數據", "C7"),
                        ("2026/責任書_4_宣傳.xlsx", "數據", "A3")}
    assert "ZB01" in got["2026/責任書_1_工會.xlsx", "數據", "A3"]
    assert "13月" in got["2026/責任書_1_工會.xlsx", "數據", "E4"]
    assert "abc" in got["2026/責任書_1_工會.xlsx", "數據", "E5"]
    duplicate = got["2026/責任書_3_紀檢.xlsx", "數據", "C7"]
    assert "DW1" in duplicate and "理論學習" in duplicate and "責任書_2_黨委辦.xlsx" in duplicate
    short = got["2026/責任書_4_宣傳.xlsx", "數據", "A3"]
    assert "XC2" in short and "11" in short and "80" in short


# §7 6. A year without a letter ----------------------------------------------------------------------------------

def test_a_target_form_without_a_letter_is_a_warning_by_default_and_an_error_when_required(mistakes):
    folder = mistakes["folder"]
    assert mistakes["runs"]["2027-01"].exit_code == 1  # missing forms of the month, not the target form
    default = report(folder / "output" / "2027-01", "2027-01")
    assert statuses(default, "目標考核_DW1")["2027-01/目標考核_DW1.xlsx"] == "接收"
    notes = [r for r in default["問題"] if r["文件"] == "2027-01/目標考核_DW1.xlsx"]
    assert [(r["工作表"], r["級別"]) for r in notes] == [("數據", "警告")] and "2027" in notes[0]["說明"]
    assert "DW1" not in missing_targets(default)

    assert mistakes["runs"]["2027-01 strict"].exit_code == 1
    strict = report(folder / "output_strict" / "2027-01", "2027-01")
    assert statuses(strict, "目標考核_DW1")["2027-01/目標考核_DW1.xlsx"] == "退回"
    notes = [r for r in strict["問題"] if r["文件"] == "2027-01/目標考核_DW1.xlsx"]
    assert [(r["工作表"], r["級別"]) for r in notes] == [("數據", "錯誤")] and "2027" in notes[0]["說明"]
    assert "DW1" in missing_targets(strict)


# §7 4. The printable letters ------------------------------------------------------------------------------------

MONTHS_WRITTEN = {  # 考核月份 as the printed letter writes them back (decisions.md: 全年 or 1-6,9)
    "黨建工作責任制落實": "全年", "理論學習": "1-6", "調查研究": "7-12", "安全宣教": "全年", "意識形態陣地建設": "全年",
    "季度宣傳報道": "3,6,9,12", "網站維護": "1-2,4-5,7-8,10-11", "安全文化宣傳": "全年", "廉政風險防控": "全年",
    "警示教育": "1-6", "專項監督": "7-12", "安全監督執紀": "全年", "職工之家建設": "全年", "送溫暖活動": "1-2",
    "職工文體活動": "3-12", "青年安全監督崗": "全年", "青年理論學習": "1-3,7-9", "志願服務": "4-6,10-12", "青工安全培訓": "全年",
}


@pytest.fixture(scope="module")
def letters(company):
    result = CliRunner().invoke(cli, ["letters", "--year", "2026", "--config", str(company["config"])])
    assert result.exit_code == 0, result.output
    return company["output"] / "目標責任書_2026"


def test_one_letter_per_department_in_docx_and_html(letters):
    files = sorted(p.name for p in letters.iterdir())
    assert len(files) == 2 * len(DEPARTMENTS)
    for d in DEPARTMENTS:
        assert sorted(Path(f).suffix for f in files if d in f) == [".docx", ".html"], d


def test_the_letters_say_what_the_contract_lists(letters):
    """Title, parties, each target with points, months and standard, the veto categories, the 3:6:1 split and the
    125% / 75% coefficients of this company's config, and the signature blocks: in the HTML and in the DOCX."""
    rows_of = {d: [r for r in OFFICE_LETTER + YOUTH_LETTER if r[0] == d] for d in DEPARTMENTS}
    for d, (name, _, head) in DEPARTMENTS.items():
        html = next(letters.glob(f"*{d}*.html"))
        docx_path = next(letters.glob(f"*{d}*.docx"))
        docx_text, docx_rows = docx_content(docx_path)
        for text, rows in ((page_text(html), html_rows(html)), (docx_text, docx_rows)):
            assert f"{ORGANIZATION} 2026年度黨群工作方針目標責任書" in text, d
            for party in ("中共紅嶺礦業委員會", name, head):
                assert party in text, (d, party)
            for _, category, target, points, _, standard, owner in rows_of[d]:
                assert any(target in row and str(points) in row and MONTHS_WRITTEN[target] in row and standard in row
                           for row in rows), (d, target, rows)
            assert all(c in text for c in ("重點目標", "共性目標")), d
            others = {r[2] for r in OFFICE_LETTER + YOUTH_LETTER if r[0] != d} - {r[2] for r in rows_of[d]}
            assert not [t for t in others if any(row and row[1:2] == [t] for row in rows)], d
            assert all(c in text for c in VETO_CATEGORIES), d
            assert "3:6:1" in text and all(s in text for s in ("30%", "60%", "10%")), d
            assert "125%" in text and "75%" in text and "120%" not in text and "80%" not in text, d
            assert "蓋章" in text and text.count("日期") >= 2 and text.count("簽字") >= 2, d


# §8 5. Findings, notices and reminders over two quarters ----------------------------------------------------------
# Worked out by hand from FINDINGS, RECEIPTS and CHECKS: a finding without 整改期限 is due 15 days (config) after its
# 日期; a receipt reports, a passed check closes, a failed check reopens; not closed by the end of its deadline is
# 逾期 from the next day, reported or not (decisions.md). A notice goes to each branch with a finding 整改中 or 逾期,
# listing its findings not closed; a branch whose findings only await their check gets none.

DEADLINE = {"F1": dt.date(2026, 1, 31), "F2": dt.date(2026, 1, 30), "F3": dt.date(2026, 3, 31),
            "F4": dt.date(2026, 4, 4), "F5": dt.date(2026, 6, 20), "F6": dt.date(2026, 7, 15)}
STATUS = {  # finding -> status at the end of Jan..Jun (None: not found yet)
    "F1": ["整改中", "已銷號", "已銷號", "已銷號", "已銷號", "已銷號"],  # reported 01-25 (seen in Feb), passed 02-03
    "F2": ["逾期", "逾期", "已銷號", "已銷號", "已銷號", "已銷號"],      # due 01-30; reported late 02-05; passed 03-02
    "F3": [None, "整改中", "已報整改", "逾期", "已銷號", "已銷號"],     # reported 03-15; failed 04-03; passed 05-10
    "F4": [None, None, "整改中", "逾期", "逾期", "已銷號"],           # due 04-04; reported late 05-08; passed 06-03
    "F5": [None, None, None, None, "整改中", "逾期"],                # reported 06-18, unchecked at its deadline 06-20
    "F6": [None, None, None, None, None, "整改中"],                 # the Q2 form's finding, due 07-15
}
NOTICES = {"2026-01": {"ZB01": ["F1"], "ZB02": ["F2"]}, "2026-02": {"ZB02": ["F2"], "ZB03": ["F3"]},
           "2026-03": {"ZB04": ["F4"]},  # ZB03's F3 only awaits its check
           "2026-04": {"ZB03": ["F3"], "ZB04": ["F4"]}, "2026-05": {"ZB04": ["F4"], "ZB05": ["F5"]},
           "2026-06": {"ZB02": ["F6"], "ZB05": ["F5"]}}


def test_ledger_status_at_each_month_end(company):
    ids = company["ids"]
    assert set(ids) == set(FINDINGS) and len(set(ids.values())) == len(FINDINGS)
    for month, period in enumerate(MONTHS):
        rows = {r["整改編號"]: r for r in sheet_rows(company["output"] / period / f"整改台賬_{period}.xlsx", None, "整改編號")}
        expected = {ids[f]: s[month] for f, s in STATUS.items() if s[month]}
        assert {i: r["整改狀態"] for i, r in rows.items()} == expected, period
        for f in (f for f, s in STATUS.items() if s[month]):
            assert (rows[ids[f]]["單位編號"], as_date(rows[ids[f]]["整改期限"])) == (FINDINGS[f][2], DEADLINE[f]), (period, f)


def test_notices_go_each_month_to_the_branches_with_findings_to_fix(company):
    ids = company["ids"]
    for period, expected in NOTICES.items():
        folder = company["output"] / period / "整改通知書"
        notices = {p.stem: p for p in folder.glob("整改通知書_*.html")}
        got = {stem.split("_")[1] for stem in notices}
        assert got == set(expected), period
        assert {p.stem for p in folder.glob("整改通知書_*.docx")} == set(notices), period
        for stem, path in notices.items():
            branch = stem.split("_")[1]
            text = page_text(path)
            assert BRANCHES[branch][0] in text, (period, branch)
            for f in expected[branch]:
                assert ids[f] in text and DEADLINE[f].isoformat() in text, (period, branch, f)
            others = [ids[f] for f in ids if f not in expected[branch]]
            assert not [i for i in others if i in text], (period, branch)


def branch_rows(company, quarter: int) -> dict[str, dict]:
    period = MONTHS[quarter * 3 - 1]
    return {r["單位編號"]: r for r in sheet_rows(company["output"] / period / f"支部季度考核_2026-Q{quarter}.xlsx", "排名",
                                              "綜合得分")}


# Branch totals by hand (§3): 0.10·Z + 0.40·D + 0.25·P + 0.25·C, P = (30·100 + 10·80) / 40 = 95 for every branch.
# Q1: C = 100 − the quarter's 扣分 (ZB01 2, ZB02 1, ZB03 3, ZB04 2); nothing overdue on 03-31. ZB01 is vetoed.
#   ZB01 9 + 37.6 + 23.75 + 24.5 = 94.85 (vetoed: last) · ZB02 9 + 36 + 23.75 + 24.75 = 93.5
#   ZB03 9 + 34.4 + 23.75 + 24.25 = 91.4 · ZB04 9 + 34 + 23.75 + 24.5 = 91.25 · ZB05 9 + 33.2 + 23.75 + 25 = 90.95
# Q2: ZB02 loses 1 (F6); ZB05 loses 4 (F5) + 3 (F5 overdue on 06-30, config's overdue_deduction) = 93.
#   ZB01 9 + 37.6 + 23.75 + 25 = 95.35 · ZB02 9 + 36 + 23.75 + 24.75 = 93.5 · ZB03 9 + 34.8 + 23.75 + 25 = 92.55
#   ZB04 7 + 32 + 23.75 + 25 = 87.75 · ZB05 8.75 + 32 + 23.75 + 23.25 = 87.75: tied on total, D and P, both rank 4.
# Low-ranked (n 5, k = max(1, round_half_up(0.5)) = 1): rank > 4, vetoed, or holding the worst rank.
BRANCH_RANKING = {
    1: {"ZB02": (1, 93.5, 99), "ZB03": (2, 91.4, 97), "ZB04": (3, 91.25, 98), "ZB05": (4, 90.95, 100),
        "ZB01": (5, 94.85, 98)},
    2: {"ZB01": (1, 95.35, 100), "ZB02": (2, 93.5, 99), "ZB03": (3, 92.55, 100), "ZB04": (4, 87.75, 100),
        "ZB05": (4, 87.75, 93)},
}
LOW_RANKED = {1: {"ZB01"}, 2: {"ZB04", "ZB05"}}


def test_branch_ranking_by_hand(company):
    for quarter, expected in BRANCH_RANKING.items():
        rows = branch_rows(company, quarter)
        assert {b: (r["排名"], r["綜合得分"], r["專項督查"]) for b, r in rows.items()} == expected, quarter
        assert {b for b, r in rows.items() if r["排名靠後"] == "是"} == LOW_RANKED[quarter], quarter
        assert {b for b, r in rows.items() if r["一票否決"] == "是"} == ({"ZB01"} if quarter == 1 else set())
    overdue = [r for r in sheet_rows(company["output"] / "2026-06" / "支部季度考核_2026-Q2.xlsx", "專項督查", "問題描述")
               if company["ids"]["F5"] in str(r["問題描述"])]
    assert [(r["單位編號"], r["扣分"], as_date(r["日期"])) for r in overdue] == [("ZB05", 3, dt.date(2026, 6, 30))]


def test_reminders_go_at_quarter_end_exactly_to_the_low_ranked_branches(company):
    for period in MONTHS:
        reminders = {p.stem.split("_")[1] for p in (company["output"] / period / "整改通知書").glob("提示函_*.html")}
        quarter = int(period[-2:]) // 3 if period[-2:] in ("03", "06") else None
        assert reminders == (LOW_RANKED[quarter] if quarter else set()), period
    for quarter, period in ((1, "2026-03"), (2, "2026-06")):
        for branch in LOW_RANKED[quarter]:
            text = page_text(next((company["output"] / period / "整改通知書").glob(f"提示函_{branch}_*.html")))
            assert BRANCHES[branch][0] in text and all(code in text for code, *_ in ITEMS), (period, branch)


def test_notices_command_writes_the_same_notices_again_from_the_stored_ledger(company):
    """`pbbatch notices` (§6, §8) for a month past and a quarter end: the same files, byte for byte."""
    for period in ("2026-04", "2026-06"):
        folder = company["output"] / period / "整改通知書"
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        result = CliRunner().invoke(cli, ["notices", "--period", period, "--config", str(company["config"])])
        assert result.exit_code == 0, result.output
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, period
