"""Builders for the workbooks the tests feed to pbbatch: small, explicit, written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import settings

# Property tests are about rules, not speed: no per-example deadline (a loaded CI machine is slow), and the same
# examples on every run so a red build can be reproduced.
settings.register_profile("pbbatch", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("pbbatch")

from pbbatch.core.config import default_config
from pbbatch.intake.registry_file import load_registry
from pbbatch.outputs.xlsx import write_text

UNIT_HEADER = ["單位編號", "單位名稱", "類別", "板塊", "負責人", "狀態"]
RATER_HEADER = ["評價人編號", "姓名", "職務", "權重"]

UNITS = [
    ["D01", "組織部", "黨群部門", "黨務", "王明", ""],
    ["D02", "宣傳部", "黨群部門", "黨務", "李華", ""],
    ["D03", "工會", "黨群部門", "群團", "張強", ""],
    ["B01", "綜採一隊黨支部", "基層黨支部", "", "趙剛", ""],
    ["B02", "機電科黨支部", "基層黨支部", "", "錢進", "在冊"],
    ["B09", "舊支部", "基層黨支部", "", "孫退", "撤銷"],
]
RATERS = [["L01", "周書記", "黨委書記", 2], ["L02", "吳經理", "總經理", 1]]


def write_book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Each sheet's rows from A1; strings stay strings (never formulas), None leaves a cell empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    write_text(sheet, r, c, value, None)  # as a clerk's text, even one like <r>..</r>
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


def clerk_book(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """A workbook as a clerk's Excel saves it (openpyxl: shared strings, typed cells), each sheet's rows from A1:
    the acceptance tests write their companies with it, not with pbbatch's own writer."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_registry(path: Path, units=UNITS, raters=RATERS) -> Path:
    return write_book(path, {"單位": [UNIT_HEADER, *units], "評價人": [RATER_HEADER, *raters]})


def write_form(path: Path, info: dict[str, object], header: list[str], rows: list[list[object]],
               above: list[list[object]] = ()) -> Path:
    info_rows = [[k, v] for k, v in info.items()]
    return write_book(path, {"填報信息": info_rows, "數據": [*above, header, *rows]})


TARGET_HEADER = ["目標類別", "目標內容", "分值", "完成情況", "得分"]
RATING_HEADER = ["被評單位編號", "被評單位名稱", "得分", "備註"]
ADJUST_HEADER = ["單位編號", "類別", "分值", "事由", "日期"]
VETO_HEADER = ["單位編號", "否決類別", "事由", "發生日期", "認定部門"]


def targets(inbox: Path, unit: str, rows, period="2026-03", name=None, **info) -> Path:
    return write_form(inbox / (name or f"targets_{unit}.xlsx"),
                      {"表單類型": "目標考核表", "期間": period, "填報單位編號": unit, **info}, TARGET_HEADER, rows)


def ratings(inbox: Path, rater: str, kind: str, scores: dict[str, object], period="2026-03", name=None,
            **info) -> Path:
    rows = [[ratee, "", score, ""] for ratee, score in scores.items()]
    return write_form(inbox / (name or f"ratings_{kind}_{rater}.xlsx"),
                      {"表單類型": "評分表", "期間": period, "填報單位編號": rater, "評價類型": kind, **info},
                      RATING_HEADER, rows)


def adjustments(inbox: Path, submitter: str, rows, period="2026-03", name=None) -> Path:
    return write_form(inbox / (name or f"adjustments_{submitter}.xlsx"),
                      {"表單類型": "加減分表", "期間": period, "填報單位編號": submitter}, ADJUST_HEADER, rows)


def vetoes(inbox: Path, submitter: str, rows, period="2026-03", name=None) -> Path:
    return write_form(inbox / (name or f"vetoes_{submitter}.xlsx"),
                      {"表單類型": "一票否決表", "期間": period, "填報單位編號": submitter}, VETO_HEADER, rows)


def full_month(inbox: Path, period: str = "2026-03") -> None:
    """Every expected monthly submission of the small company, all valid."""
    p = {"period": period, "name": None}

    def named(stem: str) -> dict:
        return {**p, "name": f"{stem}_{period}.xlsx"} if period != "2026-03" else p

    targets(inbox, "D01", [["重點目標", "黨員發展", 60, "完成", 54], ["共性目標", "學習", 40, "完成", 36]],
            **named("targets_D01"))
    targets(inbox, "D02", [["重點目標", "宣傳報道", 100, "完成", 80]], **named("targets_D02"))
    targets(inbox, "D03", [["安全績效目標", "安全", 50, "", 50], ["共性目標", "學習", 50, "", 45]], **named("targets_D03"))
    ratings(inbox, "L01", "領導評價", {"D01": 90, "D02": 80, "D03": 70}, **named("leader_L01"))
    ratings(inbox, "L02", "領導評價", {"D01": 84, "D02": 86, "D03": 76}, **named("leader_L02"))
    ratings(inbox, "B01", "服務基層評價", {"D01": 88, "D02": 82, "D03": 90}, **named("service_B01"))
    ratings(inbox, "B02", "服務基層評價", {"D01": 92, "D02": 78, "D03": 80}, **named("service_B02"))
    ratings(inbox, "D01", "部門互評", {"D02": 85, "D03": 80}, **named("mutual_D01"))
    ratings(inbox, "D02", "部門互評", {"D01": 90, "D03": 75}, **named("mutual_D02"))
    ratings(inbox, "D03", "部門互評", {"D01": 88, "D02": 84}, **named("mutual_D03"))


@pytest.fixture
def workspace(tmp_path: Path):
    """A config rooted in tmp_path with the small registry and an empty inbox."""
    write_registry(tmp_path / "名冊.xlsx")
    (tmp_path / "inbox").mkdir()
    return default_config(tmp_path)


@pytest.fixture
def registry(workspace):
    return load_registry(workspace.registry, "zh-Hant")


SELF_HEADER = ["項目編號", "項目名稱", "分值", "自評得分", "說明"]
DEMOCRATIC_HEADER = ["支部編號", "支部名稱", "應參評人數", "實參評人數", "優秀", "良好", "一般", "較差", "棄權"]
SPOT_HEADER = ["日期", "支部編號", "項目編號", "問題描述", "扣分", "整改期限"]
# A small set of key work items for the small company: D01 owns K01 and K03, D02 owns K02.
ITEMS = (("K01", "政治建設", 40, "D01"), ("K02", "組織建設", 30, "D02"), ("K03", "作風建設", 30, "D01"))


def with_items(config, items=ITEMS):
    import dataclasses

    from pbbatch.core.config import BranchItem

    return dataclasses.replace(config, branch_items=tuple(BranchItem(*i) for i in items))


def self_eval(inbox: Path, branch: str, scores: dict[str, object], period="2026-Q1", name=None) -> Path:
    rows = [[item, "", None, score, ""] for item, score in scores.items()]
    return write_form(inbox / (name or f"self_{branch}.xlsx"),
                      {"表單類型": "支部自評表", "期間": period, "填報單位編號": branch}, SELF_HEADER, rows)


def dept_eval(inbox: Path, department: str, items: list[str], scores: dict[str, list[object]], period="2026-Q1",
              name=None) -> Path:
    header = ["支部編號", "支部名稱", *items, "備註"]
    rows = [[branch, "", *values, ""] for branch, values in scores.items()]
    return write_form(inbox / (name or f"dept_eval_{department}.xlsx"),
                      {"表單類型": "部門考評表", "期間": period, "填報單位編號": department}, header, rows)


def democratic(inbox: Path, submitter: str, rows, period="2026-Q1", name=None) -> Path:
    return write_form(inbox / (name or f"democratic_{submitter}.xlsx"),
                      {"表單類型": "民主測評表", "期間": period, "填報單位編號": submitter}, DEMOCRATIC_HEADER, rows)


def spot_checks(inbox: Path, submitter: str, rows, period="2026-Q1", name=None) -> Path:
    return write_form(inbox / (name or f"spot_{submitter}.xlsx"),
                      {"表單類型": "專項督查表", "期間": period, "填報單位編號": submitter}, SPOT_HEADER, rows)


def full_quarter(inbox: Path) -> None:
    """Every quarterly submission of the small company for 2026-Q1 (with ITEMS), all valid."""
    self_eval(inbox, "B01", {"K01": 38, "K02": 27, "K03": 28})
    self_eval(inbox, "B02", {"K01": 36, "K02": 29, "K03": 25})
    dept_eval(inbox, "D01", ["K01 政治建設", "K03"], {"B01": [36, 27], "B02": [38, 24]})
    dept_eval(inbox, "D02", ["K02"], {"B01": [26], "B02": [28]})
    democratic(inbox, "D01", [["B01", "", 30, 28, 20, 6, 2, 0, 0], ["B02", "", 25, 24, 10, 10, 3, 1, 0]])


ITEMS_TOML = "".join(
    f'[[branches.items]]\ncode = "{c}"\nname = "{n}"\npoints = {p}\nowner = "{o}"\n\n' for c, n, p, o in ITEMS
)


def write_company(folder: Path, units=UNITS, settings: str = "") -> Path:
    """The small company in `folder`: 名冊.xlsx, an empty inbox/ and a config.toml with ITEMS as the key work
    items, after `settings` (more TOML). Returns the folder."""
    write_registry(folder / "名冊.xlsx", units=units)
    (folder / "inbox").mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(settings + ITEMS_TOML, encoding="utf-8")
    return folder


def complete_march(inbox: Path) -> None:
    """Everything the small company owes in 2026-03, which ends 2026-Q1: the month's and the quarter's forms."""
    full_month(inbox)
    full_quarter(inbox)


DRAFT_MARKS = ("【試算稿】", "【试算稿】", "[DRAFT]")


def read_book(path, sheet_name=None, **kwargs):
    """An output workbook as pandas reads it (calamine), with a draft's banner row above a sheet's header
    skipped, so that the header is the header whether the run was a draft or final."""
    import pandas as pd

    kwargs.setdefault("engine", "calamine")
    sheets = pd.read_excel(path, sheet_name=None, **kwargs)
    for name, frame in sheets.items():
        if len(frame.columns) and str(frame.columns[0]).startswith(DRAFT_MARKS):
            sheets[name] = pd.read_excel(path, sheet_name=name, header=1, **kwargs)
    return sheets if sheet_name is None else sheets[sheet_name]


@pytest.fixture
def ctx(registry, workspace):
    """What validation needs: the small registry, the test items, the run month 2026-03."""
    from pbbatch.core.periods import Month
    from pbbatch.core.records import Context

    return Context(registry, with_items(workspace), Month(2026, 3))


def take(path, ctx):
    """One file through intake: its status, its problems as rows, and the outcome."""
    from pbbatch.intake.inbox import InboxFile, take_in

    out = take_in(InboxFile(path, path.name, None), ctx)
    return out.status, [p.row() for p in out.problems], out


NO_LETTER_WORDS = ("目標責任書", "目标责任书", "responsibility letter")


def without_no_letter_warnings(problems, message_column="說明"):
    """A report's 問題 rows but the warnings that no responsibility letter lists a department (contract v2
    §7: every 目標考核表 of a year without a letter gets one), for tests about something else."""
    mentions = problems[message_column].astype(str).apply(lambda text: any(w in text for w in NO_LETTER_WORDS))
    return problems[~mentions]
