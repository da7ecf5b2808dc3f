"""A realistic sample registry (名冊) for 長平公司: used by `pbbatch init`, the tests and sample generators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import xlsxwriter

from pbbatch.core.catalogue import alias as label  # the registry is an input: its spelling is the contract's
from pbbatch.core.registry import RATER_COLUMNS, STAFF_COLUMNS, UNIT_COLUMNS
from pbbatch.outputs.xlsx import WORKBOOK_OPTIONS, text_width

ORGANIZATION = "長平公司"


class SampleUnit(NamedTuple):
    unit_id: str
    unit_name: str
    kind: str  # department | branch
    block: str
    head: str
    status: str = "active"  # active | inactive


class SampleRater(NamedTuple):
    rater_id: str
    name: str
    title: str
    weight: float


# The default config's branch items K01-K10 are owned by D01-D06, so those codes must stay.
DEPARTMENTS = [
    SampleUnit("D01", "組織部", "department", "黨務板塊", "王建國"),
    SampleUnit("D02", "宣傳部", "department", "黨務板塊", "李志強"),
    SampleUnit("D03", "黨委辦公室", "department", "黨務板塊", "張海燕"),
    SampleUnit("D04", "紀委辦公室", "department", "黨務板塊", "劉國華"),
    SampleUnit("D05", "工會", "department", "群團板塊", "陳立新"),
    SampleUnit("D06", "安全監察部", "department", "綜合板塊", "楊文斌"),
    SampleUnit("D07", "團委", "department", "群團板塊", "趙麗娟"),
    SampleUnit("D08", "企業文化中心", "department", "群團板塊", "黃永明"),
    SampleUnit("D09", "武裝保衛部", "department", "綜合板塊", "周建軍"),
    SampleUnit("D10", "信訪辦公室", "department", "綜合板塊", "吳秀蘭"),
    SampleUnit("D11", "巡察辦公室", "department", "黨務板塊", "徐德勝"),
    SampleUnit("D12", "女工委員會", "department", "群團板塊", "孫紅梅"),
]

BRANCHES = [
    SampleUnit("B01", "綜採一隊黨支部", "branch", "生產板塊", "高明亮"),
    SampleUnit("B02", "綜採二隊黨支部", "branch", "生產板塊", "郭振東"),
    SampleUnit("B03", "掘進一隊黨支部", "branch", "生產板塊", "馮小軍"),
    SampleUnit("B04", "掘進二隊黨支部", "branch", "生產板塊", "韓長青"),
    SampleUnit("B05", "機電科黨支部", "branch", "輔助板塊", "曹志剛"),
    SampleUnit("B06", "通風科黨支部", "branch", "輔助板塊", "彭海濤"),
    SampleUnit("B07", "運輸隊黨支部", "branch", "輔助板塊", "蔣文華"),
    SampleUnit("B08", "洗煤廠黨支部", "branch", "輔助板塊", "蔡建平"),
    SampleUnit("B09", "地測科黨支部", "branch", "", "丁衛東"),
    SampleUnit("B10", "調度室黨支部", "branch", "", "任曉紅"),
    SampleUnit("B11", "供應科黨支部", "branch", "", "袁志成"),
    SampleUnit("B12", "安裝隊黨支部", "branch", "生產板塊", "鄧國慶", "inactive"),  # merged into 機電科
    SampleUnit("B13", "後勤服務中心黨支部", "branch", "", "沈玉梅"),
    SampleUnit("B14", "機關第一黨支部", "branch", "", "羅健"),
    SampleUnit("B15", "機關第二黨支部", "branch", "", "梁春燕"),
]

UNITS = DEPARTMENTS + BRANCHES

RATERS = [
    SampleRater("L01", "馬振華", "黨委書記", 2),
    SampleRater("L02", "郭志遠", "總經理", 1.5),
    SampleRater("L03", "林建民", "黨委副書記", 1),
    SampleRater("L04", "何秀英", "紀委書記", 1),
    SampleRater("L05", "鄭國強", "工會主席", 1),
]

# People of a few units (§9), for input_samples: a department, the vetoed 團委, the vetoed 綜採一隊 and 機電科.
# 工號 with leading zeros, as payroll systems often have them.
STAFF = [
    ("0101", "劉明遠", "D01", "組織幹事"), ("0102", "陳思雨", "D01", "組織員"), ("0103", "楊光輝", "D01", "黨建專員"),
    ("0104", "趙欣然", "D01", "幹事"), ("0105", "孫浩然", "D01", "幹事"),
    ("0701", "周曉東", "D07", "幹事"), ("0702", "吳雅婷", "D07", "幹事"), ("0703", "鄭宇航", "D07", "青年工作專員"),
    ("1101", "馮建軍", "B01", "支部委員"), ("1102", "韓立新", "B01", "組織委員"), ("1103", "曹國棟", "B01", "宣傳委員"),
    ("1104", "彭志遠", "B01", "紀檢委員"),
    ("1501", "蔣德明", "B05", "支部委員"), ("1502", "蔡文靜", "B05", "組織委員"), ("1503", "丁振宇", "B05", "宣傳委員"),
]

# Every Traditional character of the sample's names (units, people, company, items, veto categories, the site's
# title) and its
# Simplified form: `pbbatch init --locale zh-Hans` writes the sample in Simplified. Sample data only, not a
# general converter.
_SIMPLIFIED = str.maketrans(
    "組織黨務塊國傳強辦紀張劉華會團陳監綜楊趙麗業黃裝衛軍訪吳蘭勝員孫紅採隊產東進馮韓長機電輔剛風濤運輸蔣廠測調曉應鄧慶後羅關馬書記遠總經鄭設違幫標網",
    "组织党务块国传强办纪张刘华会团陈监综杨赵丽业黄装卫军访吴兰胜员孙红采队产东进冯韩长机电辅刚风涛运输蒋厂测调晓应邓庆后罗关马书记远总经郑设违帮标网",
)


def simplified(text: str) -> str:
    return text.translate(_SIMPLIFIED)


ACTIVE_DEPARTMENTS = [u for u in DEPARTMENTS if u.status == "active"]
ACTIVE_BRANCHES = [u for u in BRANCHES if u.status == "active"]


def write_sample_registry(path: Path, locale: str = "zh-Hant", staff: bool = False) -> Path:
    """Writes the sample 名冊.xlsx (sheets 單位 and 評價人, and with `staff` 人員; headers and values in `locale`,
    names too in Simplified); returns `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.set_properties({"title": label("sheet.units", locale), "company": ORGANIZATION, "author": "pbbatch",
                         "created": dt.datetime(2026, 1, 1)})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    cell = {"text": book.add_format({"border": 1, "num_format": "@"}), "number": book.add_format({"border": 1})}
    names = simplified if locale == "zh-Hans" else str
    units = [
        [u.unit_id, names(u.unit_name), label(f"kind.{u.kind}", locale), names(u.block), names(u.head),
         label(f"status.{u.status}", locale)]
        for u in UNITS
    ]
    raters = [[r.rater_id, names(r.name), names(r.title), r.weight] for r in RATERS]
    _write_table(book.add_worksheet(label("sheet.units", locale)), UNIT_COLUMNS, units, locale, header, cell)
    _write_table(book.add_worksheet(label("sheet.raters", locale)), RATER_COLUMNS, raters, locale, header, cell)
    if staff:
        people = [[i, names(n), u, names(post), label("status.active", locale)] for i, n, u, post in STAFF]
        _write_table(book.add_worksheet(label("sheet.staff", locale)), STAFF_COLUMNS, people, locale, header, cell)
    book.close()
    return path


def _write_table(ws, columns: list[str], rows: list[list], locale: str, header, cell: dict) -> None:
    titles = [label(c, locale) for c in columns]
    for c, title in enumerate(titles):
        ws.write_string(0, c, title, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)):
                ws.write_number(r, c, value, cell["number"])
            else:
                ws.write_string(r, c, value, cell["text"])  # codes stay text: "007" keeps its zeros
    for c, title in enumerate(titles):
        width = max([text_width(title)] + [text_width(str(row[c])) for row in rows])
        ws.set_column(c, c, width + 3)
    ws.freeze_panes(1, 0)
