#!/usr/bin/env python3
"""Rebuilds the sample company's inputs: input_samples/名冊.xlsx, input_samples/inbox/ and input_samples/往期成績.xlsx.

    python input_samples/make_samples.py

The inbox gets one sub-folder per month (2026-01, 2026-02, 2026-03), one for the quarter (2026-Q1), whose
forms the 2026-03 run reads to assess the branches, and one for the year (2026): the party committee office's
目標責任書, which every department's monthly 目標考核表 must follow.

Every form starts as the blank form `pbbatch templates` hands out (pbbatch.setup.blank_forms.write_blank_forms,
written to a temporary folder) and is filled in with openpyxl, the way a clerk fills it in Excel; its layout is
never built here. At quarter end (2026-03) write_blank_forms also writes the quarter's forms (支部自評表,
部門考評表, 民主測評表, 專項督查表, period 2026-Q1), which go to inbox/2026-Q1/.

It also writes 往期成績.xlsx, the earlier results that `pbbatch history import` seeds (write_history_seed).

The output is deterministic: fixed random seeds, fixed workbook properties and zip timestamps, and fixed file
modification times (os.utime, China Standard Time). Running the script twice gives byte-identical files.

What each file demonstrates is described in input_samples/README.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import os
import random
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the pbbatch next to this folder, even without `pip install -e`

import xlsxwriter  # noqa: E402

from pbbatch.setup.blank_forms import BlankForm, form_file_stem, write_blank_forms  # noqa: E402
from pbbatch.setup.blank_layout import HEADER_ROW  # noqa: E402
from pbbatch.core.catalogue import LABELS, fold, label, matcher, variants  # noqa: E402
from pbbatch.core.config import default_config  # noqa: E402
from pbbatch.setup.demo import DEPARTMENTS, RATERS, write_sample_registry  # noqa: E402
from pbbatch.core.forms import FORMS, INFO_LABELS, RATING_TYPES  # noqa: E402
from pbbatch.core.periods import Month, Year  # noqa: E402
from pbbatch.intake.registry_file import load_registry  # noqa: E402
from pbbatch.outputs.xlsx import WORKBOOK_OPTIONS  # noqa: E402

REGISTRY = HERE / "名冊.xlsx"
INBOX = HERE / "inbox"
MONTHS = (Month(2026, 1), Month(2026, 2), Month(2026, 3))
QUARTER_END = Month(2026, 3)  # its run also assesses the branches for 2026-Q1
LOCALE = "zh-Hant"
CST = dt.timezone(dt.timedelta(hours=8))  # file times are set as China Standard Time, whatever the machine's zone
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIRST_DATA_ROW = HEADER_ROW + 2  # openpyxl rows are 1-based: the header is row 4, data starts on row 5
SEED = 20260301

HEADS = {u.unit_id: u.head for u in DEPARTMENTS}
NAMES = {u.unit_id: u.unit_name for u in DEPARTMENTS}

# ---------------------------------------------------------------- the story of 2026-03 (see README.md)

MISSING_SERVICE = "B11"  # 供應科黨支部 never sends its 服務基層評價 for March
REJECTED_LEADER = "L04"  # 何秀英 (紀委書記) types 105 for 紀委辦公室: rejected, not resent
REJECTED_RATEE, REJECTED_SCORE = "D04", 105
RESUBMITTED = "D02"  # 宣傳部 sends its 目標考核表 twice: 版本 2 supersedes 版本 1
POINTS_95 = "D05"  # 工會 leaves out its 5-point target in March: the letter holds it, so the form is rejected
DROPPED_TARGET = "職工書屋和文體活動陣地管理"
VETOED = "D07"  # 團委: the team it is responsible for (綜採一隊) has a minor injury on 12 March
VETOED_BRANCH = "B01"  # 綜採一隊黨支部, where the accident happened: vetoed for the quarter
ACCIDENT_DAY = dt.date(2026, 3, 12)

# ---------------------------------------------------------------- 目標考核表: each department's targets
# (category, target, points, progress note with {m} = month and {n} = a count drawn from `n`, n range)

FIRST_TOPIC = ("common", "落實「第一議題」制度，開展部門理論學習", "組織集中學習{n}次，傳達學習上級會議精神", (2, 4))
THREE_MEETINGS = ("common", "組織「三會一課」，按時召開支部委員會和黨小組會", "召開支委會{n}次、黨小組會2次，黨員按時參加", (1, 2))
TWO_DUTIES = ("common", "落實黨風廉政建設「一崗雙責」", "開展部門廉政提醒談話{n}次，簽訂廉潔承諾書", (1, 2))
PRACTICAL = ("common", "開展「我為群眾辦實事」實踐活動", "辦結職工急難愁盼事項{n}件，回訪滿意", (3, 8))
PARTNER_TEAM = ("safety", "包保區隊安全生產，杜絕輕傷及以上事故", "部門人員下井{n}次參加包保區隊安全活動，區隊安全生產平穩", (4, 8))


def _t(entry: tuple, points: float) -> tuple:
    return (entry[0], entry[1], points, entry[2], entry[3])


TARGETS: dict[str, list[tuple]] = {
    "D01": [
        ("key", "完成黨員發展計劃，全年發展黨員45名", 20, "{m}月確定發展對象{n}名，完成政治審查和公示", (3, 7)),
        ("key", "推進基層黨支部標準化規範化建設", 20, "完成{n}個支部標準化建設驗收，問題清單已反饋", (2, 4)),
        ("key", "督導基層支部「三會一課」和主題黨日", 15, "抽查{n}個支部「三會一課」記錄，通報存在問題", (4, 8)),
        ("key", "做好黨費收繳、使用和管理", 10, "{m}月黨費按時足額收繳，台賬核對無誤", None),
        _t(FIRST_TOPIC, 10),
        ("common", "按時報送黨建信息，檔案資料及時歸檔", 10, "報送黨建信息{n}篇，檔案按時歸檔", (4, 9)),
        ("safety", "部門人員下井不少於規定次數，參加包保區隊班前會", 15, "部門人員下井{n}次，參加包保區隊班前會", (6, 12)),
    ],
    "D02": [
        ("key", "在集團公司及以上媒體刊發稿件", 25, "{m}月在上級媒體刊發稿件{n}篇", (5, 12)),
        ("key", "開展形勢任務教育和「安全生產開門紅」宣傳", 20, "深入區隊宣講{n}場，製作宣傳展板", (3, 6)),
        ("key", "落實意識形態工作責任制", 15, "開展輿情研判{n}次，宣傳陣地管理無問題", (1, 3)),
        ("key", "運營公司微信公眾號和視頻號", 15, "發布推文{n}條，閱讀量穩步提升", (15, 30)),
        _t(FIRST_TOPIC, 10),
        ("safety", "開展安全警示教育宣傳", 15, "播放安全警示教育片{n}場，覆蓋全部生產區隊", (2, 5)),
    ],
    "D03": [
        ("key", "做好黨委會議籌備和決策事項督辦", 30, "籌備黨委會{n}次，督辦事項按期辦結", (1, 3)),
        ("key", "公文處理和信息報送", 20, "辦理公文{n}件，無差錯、無延誤", (30, 60)),
        ("key", "落實保密工作責任", 15, "開展涉密載體檢查{n}次，無洩密事件", (1, 2)),
        _t(THREE_MEETINGS, 15),
        ("safety", "部門負責人下井帶班和安全檢查", 20, "部門負責人下井{n}次，發現問題已移交整改", (4, 8)),
    ],
    "D04": [
        ("key", "強化監督執紀問責", 25, "開展專項監督檢查{n}次，發現問題已督促整改", (2, 4)),
        ("key", "節假日期間作風紀律監督檢查", 15, "{m}月開展作風紀律明察暗訪{n}次", (2, 5)),
        ("key", "信訪舉報件按期辦結", 20, "受理信訪舉報{n}件，按期辦結率100%", (0, 3)),
        ("key", "推進廉潔風險防控和廉潔文化建設", 15, "排查廉潔風險點{n}個，制定防控措施", (5, 12)),
        _t(TWO_DUTIES, 10),
        _t(PARTNER_TEAM, 15),
    ],
    "D05": [
        ("key", "籌備召開公司第三屆職工代表大會第五次會議", 20, "{m}月徵集職工提案{n}件，會議籌備按計劃推進", (10, 30)),
        ("key", "開展困難職工幫扶和「兩節」送溫暖", 20, "走訪慰問困難職工{n}戶，慰問金全部發放到位", (10, 40)),
        ("key", "組織「安全高效」勞動競賽和班組建設", 20, "勞動競賽按月兌現，評選優秀班組{n}個", (2, 5)),
        ("key", DROPPED_TARGET, 5, "職工書屋開放正常，新增圖書{n}冊", (50, 200)),
        _t(PRACTICAL, 15),
        ("safety", "開展群眾安全監督員活動", 20, "群監員上報隱患{n}條，全部整改閉環", (10, 25)),
    ],
    "D06": [
        ("key", "安全隱患排查治理閉環管理", 25, "排查隱患{n}條，整改閉環率100%", (40, 90)),
        ("key", "查處「三違」並落實幫教", 20, "查處「三違」{n}人次，全部完成幫教", (3, 9)),
        ("key", "安全生產標準化動態檢查", 15, "組織標準化動態檢查{n}次，通報問題已整改", (2, 4)),
        ("key", "開展「安全生產開門紅」專項行動", 10, "專項行動按方案推進，督查{n}個區隊", (4, 8)),
        _t(FIRST_TOPIC, 10),
        ("safety", "礦井安全生產零死亡、零重傷", 20, "{m}月礦井安全生產平穩，無重傷及以上事故", None),
    ],
    "D07": [
        ("key", "推進「青年安全監督崗」活動", 25, "青安崗員查處隱患{n}條，全部移交整改", (15, 40)),
        ("key", "組織青年突擊隊參與重點工程攻堅", 15, "青年突擊隊參與重點工程{n}項", (1, 3)),
        ("key", "做好團員發展和「推優入黨」", 15, "推薦優秀團員作為入黨積極分子{n}名", (1, 4)),
        ("key", "開展青年志願服務活動", 15, "開展志願服務活動{n}次", (2, 5)),
        _t(THREE_MEETINGS, 10),
        ("safety", "組織青安崗員開展隱患排查，協助包保的綜採一隊抓好安全管理", 20,
         "青安崗員下井{n}次，協助綜採一隊排查隱患", (4, 8)),
    ],
    "D08": [
        ("key", "推進企業文化理念宣貫落地", 25, "開展企業文化宣講{n}場", (2, 5)),
        ("key", "組織職工群眾性文化活動", 20, "{m}月組織群眾性文化活動{n}場", (1, 3)),
        ("key", "編印《長平礦工報》和內部刊物", 20, "編印礦工報{n}期，按時發放到區隊", (2, 4)),
        _t(FIRST_TOPIC, 15),
        ("safety", "開展安全文化建設，製作安全文化作品", 20, "製作安全微視頻{n}部，在班前會播放", (1, 3)),
    ],
    "D09": [
        ("key", "加強礦區治安綜合治理", 20, "開展治安巡邏{n}次，礦區治安穩定", (20, 40)),
        ("key", "監督火工品管理", 25, "檢查火工品庫房及井下發放{n}次，賬物相符", (8, 15)),
        ("key", "完成年度民兵整組", 15, "民兵整組按計劃推進，完成編組{n}個", (1, 3)),
        ("key", "消防安全檢查", 15, "檢查消防設施{n}處，隱患已整改", (20, 50)),
        _t(THREE_MEETINGS, 10),
        ("safety", "要害部位安全防範，杜絕治安和刑事案件", 15, "要害部位門禁和監控運行正常，無案件發生", None),
    ],
    "D10": [
        ("key", "信訪事項按期辦結", 35, "受理信訪事項{n}件，按期辦結", (3, 10)),
        ("key", "開展矛盾糾紛排查化解", 25, "排查矛盾糾紛{n}起，化解在基層", (2, 6)),
        ("common", "落實領導幹部接訪日制度", 20, "安排公司領導接訪{n}次", (2, 4)),
        _t(PARTNER_TEAM, 20),
    ],
    "D11": [
        ("key", "完成年度巡察計劃", 30, "{m}月對{n}個黨支部開展常規巡察", (1, 2)),
        ("key", "督辦巡察反饋問題整改", 25, "督辦整改問題{n}項，整改完成率逐月提高", (5, 15)),
        ("key", "加強巡察隊伍和巡察人才庫建設", 15, "組織巡察業務培訓{n}次", (1, 2)),
        _t(TWO_DUTIES, 15),
        ("safety", "部門人員下井不少於規定次數", 15, "部門人員下井{n}次，參加包保區隊安全檢查", (3, 6)),
    ],
    "D12": [
        ("key", "開展女職工建功立業和「巾幗文明崗」創建", 25, "組織巾幗文明崗評比，{n}個崗位參評", (3, 6)),
        ("key", "維護女職工特殊權益", 20, "開展女職工健康講座{n}場，組織「兩癌」篩查", (1, 2)),
        ("key", "開展家屬安全協管「賢內助」活動", 20, "組織礦嫂安全協管員下井慰問{n}次", (1, 3)),
        _t(PRACTICAL, 15),
        _t(PARTNER_TEAM, 20),
    ],
}

SHORTFALLS = (
    "，個別工作進度滯後於計劃",
    "，台賬資料不夠規範，正在完善",
    "，部分任務順延至下月完成",
    "，上級檢查指出問題，已制定整改措施",
)

# How reliably each department meets its targets in full (share of targets scored at full points).
DILIGENCE = {"D01": 0.75, "D02": 0.6, "D03": 0.7, "D04": 0.5, "D05": 0.65, "D06": 0.7,
             "D07": 0.55, "D08": 0.35, "D09": 0.5, "D10": 0.3, "D11": 0.4, "D12": 0.6}

# ---------------------------------------------------------------- 評分表: each department's reputation
# (as seen by the leaders, by the branches it serves, by the other departments)

TENDENCY = {
    "D01": (91, 87, 89), "D02": (88, 86, 89), "D03": (91, 83, 88), "D04": (86, 82, 84), "D11": (86, 81, 85),
    "D05": (87, 93, 89), "D07": (87, 90, 88), "D08": (83, 86, 84), "D12": (86, 90, 87),
    "D06": (92, 81, 86), "D09": (85, 86, 85), "D10": (82, 85, 82),
}
LEADER_BIAS = {"L01": -2, "L02": 1, "L03": 0, "L04": -1, "L05": 2}
PRAISE = ("深入基層指導及時", "服務基層主動熱情", "工作亮點突出", "協調配合積極")
CRITICISM = ("下基層指導次數偏少", "反饋問題回復不及時", "工作標準有待提高", "協調配合不夠主動")

# ---------------------------------------------------------------- 加減分表 and 一票否決表

# (unit, category, points, reason, day of month)
ADJUSTMENTS = {
    (1, "D06"): [
        ("D09", "safety", 2, "元旦、春節期間火工品庫房安全檢查零隱患，受集團公司通報表揚", 20),
        ("D10", "safety", -2, "包保區隊安全檢查發現隱患未按期整改閉環", 14),
        ("B03", "safety", -3, "掘進一隊迎頭臨時支護不及時，被集團公司安全檢查通報", 22),
    ],
    (1, "D03"): [
        ("D02", "business", 3, "稿件《長平公司打好安全生產開門紅》被《中國煤炭報》頭版刊發", 16),
        ("D11", "business", -2, "巡察情況報告未按期報送黨委", 28),
    ],
    (2, "D06"): [
        ("D05", "safety", 1, "節後復工復產安全培訓組織到位", 26),
        ("D08", "safety", -2, "部門負責人2月份下井次數少於規定", 27),
        ("B01", "safety", -2, "綜採一隊1名職工「三違」，幫教未及時落實", 11),
    ],
    (2, "D03"): [
        ("D04", "business", 2, "春節期間作風紀律監督檢查經驗被集團公司紀委轉發", 20),
        ("D12", "other", -1, "黨委督辦事項逾期1天辦結", 25),
    ],
    (3, "D06"): [
        ("D10", "safety", -3, "「兩會」期間包保區隊發生一起無人員傷亡的機電事故", 8),
        ("D01", "safety", 2, "組織黨員安全示範崗創建，成效明顯", 18),
        ("D09", "safety", 1, "井下火工品專項整治按期完成", 24),
        ("B05", "safety", -2, "機電科供電系統隱患整改超期", 20),
    ],
    (3, "D03"): [
        ("D01", "business", 3, "黨建工作經驗在集團公司黨建工作會議上作交流發言", 25),
        ("D04", "business", -2, "黨委督辦事項回復不及時", 10),
        ("D12", "other", 2, "「三八」國際婦女節系列活動獲集團公司女工委表彰", 9),
    ],
}

VETOES = {
    (3, "D06"): [
        (VETOED, "安全目標", "包保的綜採一隊3月12日發生一起輕傷事故，安全目標未完成，"
                            "按《黨建目標績效考核辦法》一票否決", ACCIDENT_DAY.day, "安全監察部"),
        (VETOED_BRANCH, "安全目標", "3月12日綜採工作面發生一起輕傷事故，支部安全目標未完成，一票否決",
         ACCIDENT_DAY.day, "安全監察部"),
    ],
}

# ---------------------------------------------------------------- 2026-Q1: the branches' quarterly forms

# How well each branch's party work goes (share of the points it earns), and its 黨員 count (民主測評 ballots).
BRANCH_QUALITY = {
    "B01": (0.93, 46), "B02": (0.95, 52), "B03": (0.86, 38), "B04": (0.90, 35), "B05": (0.92, 41),
    "B06": (0.89, 27), "B07": (0.87, 33), "B08": (0.84, 44), "B09": (0.85, 19), "B10": (0.91, 22),
    "B11": (0.88, 17), "B13": (0.83, 29), "B14": (0.94, 36), "B15": (0.90, 31),
}
OWNER_BIAS = {"D01": -0.01, "D02": 0.0, "D03": 0.01, "D04": -0.02, "D05": 0.02, "D06": -0.03}
ITEM_NOTES = {
    "K01": "落實「第一議題」制度，組織黨員集中學習{n}次",
    "K02": "開展形勢任務教育{n}場，職工思想穩定",
    "K03": "按時召開「三會一課」，確定發展對象{n}名",
    "K04": "支委聯繫班組，解決職工急難愁盼問題{n}件",
    "K05": "開展警示教育{n}次，無違紀違規問題",
    "K06": "修訂完善支部工作制度{n}項",
    "K07": "開展廉政談話{n}人次，簽訂廉潔承諾書",
    "K08": "評選「文明職工」{n}名",
    "K09": "支持工會、團組織開展「安康杯」競賽和青安崗活動",
    "K10": "黨員安全示範崗{n}個，黨員身邊無事故",
}
ACCIDENT_NOTE = "3月12日綜採工作面發生一起輕傷事故，安全目標未完成"
SPOT_CHECKER = "D01"  # 組織部 leads the party committee's joint inspection team (聯合督導組)
SPOT_CHECKS = [  # (date, branch, item, finding, deduction, fix by)
    (dt.date(2026, 1, 22), "B13", "K07", "廉潔承諾書簽訂不全，缺3名黨員", 1, dt.date(2026, 2, 5)),
    (dt.date(2026, 2, 26), "B03", "K03", "「三會一課」記錄不完整，2月份黨小組會無記錄", 2, dt.date(2026, 3, 10)),
    (dt.date(2026, 3, 18), "B08", "K06", "支部工作制度未按要求公示", 1, dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 18), "B10", "K01", "「第一議題」學習記錄缺失1次", 2, dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 25), "B09", "K02", "形勢任務教育未覆蓋全部班組", 1.5, dt.date(2026, 4, 10)),
    (dt.date(2026, 3, 25), "B13", "K04", "職工反映的澡堂熱水問題未及時協調解決", 2, dt.date(2026, 4, 10)),
]
# The rectification of those findings by the end of 2026-03 (contract section 8), one of each status: B13's
# 廉潔承諾書 reported and passed (已銷號); B10's 第一議題 the same; B03's 三會一課 reported, failed its check and not
# fixed by its deadline (逾期 at quarter end: 2 more 扣分 in C); B08's 公示 reported, awaiting its check
# (已報整改); B09's and B13's March findings not yet due (整改中).
RECEIPTS = {  # branch: [(finding index in SPOT_CHECKS, action, done on, evidence)]
    "B13": [(0, "補簽廉潔承諾書3份，支部書記與3名黨員逐一談話", dt.date(2026, 2, 3), "承諾書複印件、談話記錄")],
    "B03": [(1, "補記2月份黨小組會記錄", dt.date(2026, 3, 6), "黨小組會記錄本")],
    "B08": [(2, "支部工作制度已在黨員活動室上牆公示", dt.date(2026, 3, 27), "公示照片2張")],
    "B10": [(3, "補學「第一議題」並補記學習記錄", dt.date(2026, 3, 24), "學習記錄、簽到表")],
}
CHECKS = [  # (finding index, verdict, checked on, note): by the joint inspection team (SPOT_CHECKER)
    (0, "通過", dt.date(2026, 2, 4), "承諾書已補齊"),
    (1, "不通過", dt.date(2026, 3, 9), "補記內容與會議簽到不符，需重新組織黨小組會"),
    (3, "通過", dt.date(2026, 3, 30), "學習記錄完整"),
]


def finding_numbers() -> list[str]:
    """The 整改編號 pbbatch gives each of SPOT_CHECKS (pbbatch.rectify.ids), in their order."""
    from pbbatch.rectify.ids import assign_ids, content_hash

    hashes = [content_hash(branch, date, item, text) for date, branch, item, text, *_ in SPOT_CHECKS]
    numbers = assign_ids([(f[0], h) for f, h in zip(SPOT_CHECKS, hashes)])
    return [numbers[h] for h in hashes]


def open_findings(month: Month) -> dict[str, list[tuple[str, str, str]]]:
    """What the receipts of `month` list: in March, every finding of the quarter (the ledger at February's end
    would hold none yet: the 專項督查表 comes at quarter end, and the clerk hands the receipts out with it)."""
    if month != QUARTER_END:
        return {}
    found: dict[str, list[tuple[str, str, str]]] = {}
    for number, (_, branch, _, text, _, fix_by) in zip(finding_numbers(), SPOT_CHECKS):
        found.setdefault(branch, []).append((number, text, fix_by.isoformat()))
    return found

LOCK_FILE_BYTES = b"\x08" + "宣傳部幹事".encode("utf-16-le") + b"\x00" * 46 + b"\x20\x00" * 8  # an Office owner file
NOTE = """3月份黨建目標績效考核資料收集情況說明（組織部 2026年4月6日）

1. 宣傳部目標考核表已重新報送（版本 2），以版本 2 為準，版本 1 不再使用。
2. 紀委書記的領導評價表中「紀委辦公室」一項填寫了 105 分，超出 0-100 的範圍，已退回，請修改後重新報送。
3. 供應科黨支部的服務基層評價表尚未報送，已電話催報。
4. 工會目標考核表漏填了目標責任書中的一項目標（分值合計 95 分），已退回，請按責任書補報。
5. 團委包保的綜採一隊3月12日發生一起輕傷事故，安全監察部已報送一票否決表（團委、綜採一隊黨支部）。
6. 一季度支部自評表、部門考評表、民主測評表和專項督查表已收齊，放在 2026-Q1 文件夾。
7. 四個支部報來了整改回執表，聯合督導組報來了整改驗收表：掘進一隊黨支部的整改驗收不通過，須重新整改。
"""


# ---------------------------------------------------------------- writing a filled form


def _fixed_time(day: dt.date, minutes: int) -> float:
    """A modification time in China Standard Time: 08:30 on `day` plus `minutes`."""
    return (dt.datetime(day.year, day.month, day.day, 8, 30, tzinfo=CST) + dt.timedelta(minutes=minutes)).timestamp()


def _reproducible(data: bytes, modified: dt.datetime) -> bytes:
    """The same workbook with fixed zip entry times and a fixed 'modified' property (openpyxl stamps 'now')."""
    stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            content = src.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp + rb"\g<2>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()


class Form:
    """One blank form opened with openpyxl: set 填報信息 values and data cells, then save it somewhere."""

    def __init__(self, template: Path):
        self.book = openpyxl.load_workbook(template)
        self.info, self.data = self.book.worksheets[0], self.book.worksheets[1]

    def set_info(self, key: str, value: object) -> None:
        rows = [r for r in range(1, self.info.max_row + 1) if self.info.cell(r, 1).value in variants(key)]
        if not rows:
            raise KeyError(f"no {key} label in the blank form")
        self.info.cell(rows[0], 2).value = value

    def fill_rows(self, rows: list[tuple]) -> None:
        for r, row in enumerate(rows, start=FIRST_DATA_ROW):
            for c, value in enumerate(row, start=1):
                self.data.cell(r, c).value = value

    def header(self) -> tuple[int, dict[str, int]]:
        """(sheet row of the header, {folded header text: column}) of the 數據 sheet: the first of the first 10
        rows holding a known header in column A."""
        known = {fold(text) for spec in FORMS.values() for text in variants(spec.columns[0].label)}
        for r in range(1, 11):
            if fold(self.data.cell(r, 1).value or "") in known:
                return r, {fold(c.value): c.column for c in self.data[r] if c.value}
        raise ValueError("no header row in the blank form")

    def column(self, key: str) -> int:
        """The column headed by any text of label `key`, or (for 部門考評表) by an item code such as `K01`."""
        _, columns = self.header()
        for text in variants(key) if key in LABELS else ():
            if fold(text) in columns:
                return columns[fold(text)]
        hits = [c for text, c in columns.items() if text.startswith(fold(key))]
        if not hits:
            raise KeyError(f"no column {key} in the blank form")
        return hits[0]

    def keyed_rows(self) -> dict[str, int]:
        """{code in column A: sheet row} of the pre-filled rows under the header."""
        first, _ = self.header()
        return {str(self.data.cell(r, 1).value): r for r in range(first + 1, self.data.max_row + 1)
                if self.data.cell(r, 1).value}

    def put(self, row: int, key: str, value: object) -> None:
        self.data.cell(row, self.column(key)).value = value

    def ratee_rows(self) -> list[tuple[int, str]]:
        """(sheet row, ratee code) of the pre-filled rows of a 評分表."""
        return [(r, self.data.cell(r, 1).value) for r in range(FIRST_DATA_ROW, self.data.max_row + 1)
                if self.data.cell(r, 1).value]

    def save(self, dest: Path, filled_by: str, filled_on: dt.date, minutes: int, version: int = 1) -> Path:
        self.set_info("filled_by", filled_by)
        self.set_info("filled_on", filled_on)
        if version != 1:
            self.set_info("version", version)
        when = dt.datetime.fromtimestamp(_fixed_time(filled_on, minutes), dt.timezone.utc).replace(tzinfo=None)
        self.book.properties.lastModifiedBy = filled_by
        buffer = io.BytesIO()
        self.book.save(buffer)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(_reproducible(buffer.getvalue(), when))
        stamp = _fixed_time(filled_on, minutes)
        os.utime(dest, (stamp, stamp))
        return dest


# ---------------------------------------------------------------- one month


class MonthWriter:
    def __init__(self, month: Month, templates: dict[tuple, Path], out: Path, rng: random.Random):
        self.month, self.templates, self.out, self.rng = month, templates, out, rng
        self.m = month.month
        self.submitted = month.next().first_day  # forms for a month are filled in early the next month
        self.minutes = 0
        self.drift = {d: rng.gauss(0, 1.5) for d in TENDENCY}  # how each department's month went

    def day(self, offset: int) -> dt.date:
        return self.submitted + dt.timedelta(days=offset)

    def tick(self) -> int:
        self.minutes += 7
        return self.minutes

    def template(self, form: str, rating_type: str | None = None, submitter: str = "") -> Path:
        return self.templates[(form, rating_type, submitter)]

    # ------------------------------------------------------------ 目標考核表

    def target_rows(self, dept: str) -> list[tuple]:
        rng, rows = self.rng, []
        for category, target, points, note, n_range in TARGETS[dept]:
            if dept == POINTS_95 and self.m == 3 and target == DROPPED_TARGET:
                continue
            text = note.format(m=self.m, n=rng.randint(*n_range) if n_range else 0)
            if dept == VETOED and self.m == 3 and category == "safety":
                score = points - 2.0  # the accident costs a few points here; the veto itself comes from 安全監察部
                text = text.split("，")[0] + "；3月12日綜採一隊發生一起輕傷事故，已配合開展事故分析和警示教育"
            elif rng.random() < DILIGENCE[dept]:
                score = float(points)
            else:
                score = math.floor(points * rng.uniform(0.85, 0.98) * 2) / 2
                text += rng.choice(SHORTFALLS)
            rows.append((label(f"target_cat.{category}", LOCALE), target, points, text, score))
        return rows

    def write_targets(self) -> None:
        for n, dept in enumerate(NAMES):
            path = self.template("targets", None, dept)
            rows = self.target_rows(dept)
            resubmitted = dept == RESUBMITTED and self.m == 3
            if resubmitted:  # 版本 1 misses two stories; 版本 2 (three days later) adds them and scores in full
                category, target, points, _, _ = rows[0]
                rows[0] = (category, target, points, "3月在上級媒體刊發稿件7篇，未完成月度計劃", points - 2.5)
            form = Form(path)
            form.fill_rows(rows)
            form.save(self.out / path.name, HEADS[dept], self.day(n % 3), self.tick())
            if resubmitted:
                rows[0] = (category, target, points, "3月在上級媒體刊發稿件9篇（補報3月31日《中國煤炭報》刊發稿件2篇）",
                           points)
                form = Form(path)
                form.fill_rows(rows)
                form.save(self.out / f"{path.stem}_第2版{path.suffix}", HEADS[dept], self.day(3), self.tick(), version=2)

    # ------------------------------------------------------------ 評分表

    def score(self, ratee: str, kind: int, bias: float) -> int:
        value = TENDENCY[ratee][kind] + self.drift[ratee] + bias + self.rng.gauss(0, 2.5)
        return int(min(98, max(70, round(value))))

    def note_for(self, score: int, service: bool) -> str | None:
        if score >= 94 and self.rng.random() < 0.5:
            return self.rng.choice(PRAISE[:2] if service else PRAISE[2:])
        if score <= 78 and self.rng.random() < 0.6:
            return self.rng.choice(CRITICISM[:2] if service else CRITICISM[2:])
        return None

    def write_ratings(self, rating_type: str, submitter: str, kind: int, bias: float, who: str, offset: int) -> None:
        path = self.template("ratings", rating_type, submitter)
        form = Form(path)
        for row, ratee in form.ratee_rows():
            score = self.score(ratee, kind, bias)
            if self.m == 3 and submitter == REJECTED_LEADER and ratee == REJECTED_RATEE:
                score = REJECTED_SCORE
            form.data.cell(row, 3).value = score
            form.data.cell(row, 4).value = self.note_for(score, rating_type == "service")
        form.save(self.out / path.name, who, self.day(offset), self.tick())

    def write_all_ratings(self, branches: list[tuple[str, str]]) -> None:
        for rater in RATERS:
            self.write_ratings("leader", rater.rater_id, 0, LEADER_BIAS[rater.rater_id], rater.name, 1)
        branch_bias = random.Random(SEED + 1)  # a branch rates the same way every month
        for n, (branch, secretary) in enumerate(branches):
            bias = branch_bias.uniform(-3, 3)
            if self.m == 3 and branch == MISSING_SERVICE:
                continue
            self.write_ratings("service", branch, 1, bias, secretary, n % 4)
        dept_bias = random.Random(SEED + 2)
        for n, dept in enumerate(NAMES):
            self.write_ratings("mutual", dept, 2, dept_bias.uniform(-2, 2), HEADS[dept], n % 3)

    # ------------------------------------------------------------ 整改回執表 and 整改驗收表

    def write_rectification(self, registry) -> None:
        numbers = finding_numbers()
        for branch, rows in RECEIPTS.items():
            book = Form(self.template("fix_report", submitter=branch))
            keyed = book.keyed_rows()
            for index, action, done_on, evidence in rows:
                for key, value in (("action", action), ("done_on", done_on), ("evidence", evidence)):
                    book.put(keyed[numbers[index]], f"fix_report.{key}", value)
            stem = form_file_stem(BlankForm("fix_report", self.month, submitter_id=branch,
                                            submitter_name=registry.name_of(branch)), LOCALE)
            head = registry.units.set_index("unit_id").loc[branch, "head"]
            book.save(self.out / f"{stem}.xlsx", head, dt.date(2026, 3, 28), self.tick())
        book = Form(self.template("fix_check"))
        book.set_info("submitter_id", SPOT_CHECKER)
        book.fill_rows([(numbers[index], verdict, day, note) for index, verdict, day, note in CHECKS])
        stem = form_file_stem(BlankForm("fix_check", self.month, submitter_id=SPOT_CHECKER,
                                        submitter_name=NAMES[SPOT_CHECKER]), LOCALE)
        book.save(self.out / f"{stem}.xlsx", HEADS[SPOT_CHECKER], dt.date(2026, 3, 30), self.tick())

    # ------------------------------------------------------------ 加減分表 and 一票否決表

    def write_accumulating(self, form: str, entries: dict) -> None:
        for (m, submitter), rows in entries.items():
            if m != self.m:
                continue
            book = Form(self.template(form))
            book.set_info("submitter_id", submitter)
            cells = []
            for row in rows:
                day = dt.date(self.month.year, self.m, row[-2 if form == "vetoes" else -1])
                if form == "adjustments":
                    unit, category, points, reason, _ = row
                    cells.append((unit, label(f"adj_cat.{category}", LOCALE), points, reason, day))
                else:
                    unit, category, reason, _, decided_by = row
                    cells.append((unit, category, reason, day, decided_by))
            book.fill_rows(cells)
            stem = form_file_stem(BlankForm(form, self.month, submitter_id=submitter, submitter_name=NAMES[submitter]),
                                  LOCALE)
            book.save(self.out / f"{stem}.xlsx", HEADS[submitter], self.day(0), self.tick())


def form_info(path: Path) -> dict[str, object]:
    """The 填報信息 values of a workbook by label key (form, period, submitter_id ...)."""
    keys = matcher(list(INFO_LABELS))
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return {keys[fold(a)]: b for a, b, *_ in sheet.iter_rows(max_col=2, values_only=True) if a and fold(a) in keys}


def index_templates(paths: list[Path]) -> dict[tuple, Path]:
    """{(form, rating type or None, submitter or ''): path}, read from each blank form's own 填報信息."""
    forms = matcher([f"form.{n}" for n in FORMS])
    types = matcher([f"rating.{t}" for t in RATING_TYPES])
    index = {}
    for path in paths:
        info = form_info(path)
        rating = types.get(fold(info.get("rating_type") or ""))
        key = (forms[fold(info["form"])].split(".")[1], rating.split(".")[1] if rating else None,
               str(info.get("submitter_id") or ""))
        index[key] = path
    return index


# ---------------------------------------------------------------- 2026-Q1


class QuarterWriter:
    """Fills 2026-Q1's 支部自評表 (each branch), 部門考評表 (each item owner), 民主測評表 and 專項督查表."""

    def __init__(self, month: Month, templates: dict[tuple, Path], config, registry, out: Path):
        self.month, self.templates, self.config, self.registry, self.out = month, templates, config, registry, out
        self.rng = random.Random(SEED + 4000)
        self.minutes = 0

    def save(self, form: Form, path: Path, submitter: str, offset: int) -> None:
        who = HEADS.get(submitter) or self.registry.units.set_index("unit_id").loc[submitter, "head"]
        self.minutes += 11
        form.save(self.out / path.name, who, self.month.next().first_day + dt.timedelta(days=offset), self.minutes)

    def score(self, quality: float, points: float, spread: float) -> float:
        share = min(1.0, max(0.6, quality + self.rng.gauss(0, spread)))
        return math.floor(points * share * 2 + 0.5) / 2

    def write_self_evals(self) -> None:
        for n, (branch, (quality, _)) in enumerate(BRANCH_QUALITY.items()):
            path = self.templates[("self_eval", None, branch)]
            form = Form(path)
            for item in self.config.branch_items:
                row = form.keyed_rows()[item.code]
                score = self.score(quality + 0.05, item.points, 0.04)  # branches rate themselves generously
                note = ITEM_NOTES[item.code].format(n=self.rng.randint(1, 6))
                if branch == VETOED_BRANCH and item.code == "K10":
                    score, note = item.points * 0.6, ACCIDENT_NOTE
                form.put(row, "self_eval.score", score)
                form.put(row, "self_eval.note", note)
            self.save(form, path, branch, n % 4)

    def write_dept_evals(self) -> None:
        owners = dict.fromkeys(i.owner for i in self.config.branch_items)
        for n, dept in enumerate(owners):
            path = self.templates[("dept_eval", None, dept)]
            form = Form(path)
            rows = form.keyed_rows()
            for branch, (quality, _) in BRANCH_QUALITY.items():
                for item in (i for i in self.config.branch_items if i.owner == dept):
                    score = self.score(quality + OWNER_BIAS[dept], item.points, 0.03)
                    if branch == VETOED_BRANCH and item.code == "K10":
                        score = item.points * 0.5
                    form.put(rows[branch], item.code, score)
            self.save(form, path, dept, 1 + n % 3)

    def write_democratic(self) -> None:
        path = self.templates[("democratic", None, "")]
        form = Form(path)
        form.set_info("submitter_id", SPOT_CHECKER)
        rows = form.keyed_rows()
        for branch, (quality, members) in BRANCH_QUALITY.items():
            present = members - self.rng.randint(0, 3)
            abstain = self.rng.randint(0, 1)
            valid = present - abstain
            excellent = round(valid * min(0.9, max(0.2, 0.45 + (quality - 0.88) * 4 + self.rng.gauss(0, 0.05))))
            poor = self.rng.randint(0, 1) if quality < 0.87 else 0
            good = round((valid - excellent - poor) * 0.8)
            fair = valid - excellent - good - poor
            for key, value in zip(("eligible", "present", "excellent", "good", "fair", "poor", "abstain"),
                                  (members, present, excellent, good, fair, poor, abstain)):
                form.put(rows[branch], f"democratic.{key}", value)
        self.save(form, self.out / f"{self.stem('democratic', SPOT_CHECKER)}.xlsx", SPOT_CHECKER, 2)

    def write_spot_checks(self) -> None:
        form = Form(self.templates[("spot_checks", None, "")])
        form.set_info("submitter_id", SPOT_CHECKER)
        first, _ = form.header()
        keys = ("date", "branch_id", "item_id", "finding", "deduction", "fix_by")
        for r, values in enumerate(SPOT_CHECKS, start=first + 1):
            for key, value in zip(keys, values):
                form.put(r, f"spot_checks.{key}", value)
        self.save(form, self.out / f"{self.stem('spot_checks', SPOT_CHECKER)}.xlsx", SPOT_CHECKER, 0)

    def stem(self, form: str, submitter: str) -> str:
        """The file name a form from anyone gets once `submitter` has filled it in (as a form owed by it would)."""
        name = self.registry.name_of(submitter)
        owed = BlankForm(form, self.month.quarter, submitter_id=submitter, submitter_name=name)
        return form_file_stem(owed, LOCALE)


def write_month(month: Month, registry, config, branches: list[tuple[str, str]]) -> None:
    out = INBOX / str(month)
    with tempfile.TemporaryDirectory() as tmp:
        templates = index_templates(write_blank_forms(registry, config, month, Path(tmp), open_findings(month)))
        writer = MonthWriter(month, templates, out, random.Random(SEED + month.month * 100))
        writer.write_targets()
        writer.write_all_ratings(branches)
        writer.write_accumulating("adjustments", ADJUSTMENTS)
        writer.write_accumulating("vetoes", VETOES)
        if month == QUARTER_END:  # write_blank_forms also wrote the quarter's forms
            write_quarter(month, templates, registry, config)
            write_staff(month, templates, registry, out)
            writer.write_rectification(registry)
    if month.month == 3:
        resubmitted = BlankForm("targets", month, submitter_id=RESUBMITTED, submitter_name=NAMES[RESUBMITTED])
        lock = out / f"~${form_file_stem(resubmitted, LOCALE)}_第2版.xlsx"  # 版本 2 was still open in Excel
        lock.write_bytes(LOCK_FILE_BYTES)
        os.utime(lock, (_fixed_time(dt.date(2026, 4, 4), 0),) * 2)
        note = out / "說明.txt"
        note.write_text(NOTE, encoding="utf-8", newline="\n")
        os.utime(note, (_fixed_time(dt.date(2026, 4, 6), 0),) * 2)
    stamp = _fixed_time(month.next().first_day + dt.timedelta(days=6), 0)
    os.utime(out, (stamp, stamp))


STAFF_SCORES = {  # (staff_id): score; 0102 and 0103 tie for second place in 組織部
    "0101": 93, "0102": 88.5, "0103": 88.5, "0104": 84, "0105": 79,
    "0701": 86, "0702": 90, "0703": 82,
    "1101": 91, "1102": 85, "1103": 87, "1104": 80,
    "1501": 89, "1502": 92, "1503": 83,
}
STAFF_COMMENTS = {93: "工作主動，黨員發展材料規範", 79: "材料報送偶有延遲", 80: "學習記錄不夠完整", 92: "組織生活會準備充分"}


def write_staff(month: Month, templates: dict[tuple, Path], registry, out: Path) -> None:
    """個人考評表 of March from each unit with people (§9), scored by the unit's head."""
    for n, unit in enumerate(registry.units_with_staff()):
        path = templates[("staff_eval", None, unit)]
        form = Form(path)
        for row, staff_id in form.ratee_rows():
            score = STAFF_SCORES[staff_id]
            form.put(row, "staff_eval.score", score)
            form.put(row, "staff_eval.comment", STAFF_COMMENTS.get(score))
        head = registry.units.set_index("unit_id").loc[unit, "head"]
        form.save(out / path.name, head, month.next().first_day + dt.timedelta(days=2 + n % 2), 200 + 7 * n)


def write_quarter(month: Month, templates: dict[tuple, Path], registry, config) -> None:
    out = INBOX / str(month.quarter)
    writer = QuarterWriter(month, templates, config, registry, out)
    writer.write_self_evals()
    writer.write_dept_evals()
    writer.write_democratic()
    writer.write_spot_checks()
    stamp = _fixed_time(month.next().first_day + dt.timedelta(days=6), 0)
    os.utime(out, (stamp, stamp))


SEED_FILE = HERE / "往期成績.xlsx"
SEED_HEADER = ["期間", "單位編號", "單位名稱", "負責人", "排名", "綜合得分", "一票否決", "檔次", "薪酬係數", "排名靠後", "墊底"]
# The branches' three quarters before 2026-Q1, as the party committee recorded them. With the sample config's
# branches.low_share = 0.15, the bottom two of fourteen are 排名靠後. 綜採一隊黨支部 (B01) was last in 2025-Q3 and
# 2025-Q4 under the same secretary, so its veto in 2026-Q1 makes a third time running: 崗位淘汰. 掘進一隊黨支部
# (B03), 13th in 2026-Q1, was low in 2025-Q4 but not in 2025-Q3: 誡勉談話 for two quarters running, no removal.
# If an edit changes who is 13th in 2026-Q1, move that branch here (13th in 2025-Q4, not low in 2025-Q3).
SEED_ORDERS = {
    "2025-Q2": ["B14", "B02", "B04", "B10", "B15", "B01", "B05", "B06", "B03", "B11", "B07", "B09", "B08", "B13"],
    "2025-Q3": ["B02", "B14", "B10", "B04", "B05", "B15", "B06", "B11", "B03", "B07", "B09", "B13", "B08", "B01"],
    "2025-Q4": ["B14", "B10", "B02", "B15", "B04", "B11", "B05", "B07", "B06", "B09", "B08", "B13", "B03", "B01"],
}


def write_history_seed(registry) -> None:
    """往期成績.xlsx: the branches' 2025-Q2..Q4 and the departments' 2026-01 and 2026-02, for `history import`.

    The departments' months are what the batch itself gives for the January and February forms in the inbox,
    so the March brief shows each department's movement and the 季度兌現 sheet has all three months."""
    from pbbatch.history import store as history
    from pbbatch.run import run

    names = dict(zip(registry.units["unit_id"], registry.units["unit_name"]))
    heads = dict(zip(registry.units["unit_id"], registry.units["head"]))
    rows = []
    for quarter, order in SEED_ORDERS.items():
        for rank, unit in enumerate(order, start=1):
            rows.append([quarter, unit, names[unit], heads[unit], rank, round(95.5 - 0.9 * rank - 0.3 * (rank > 12), 2),
                         "", "", None, "是" if rank > 12 else "", "是" if rank == 14 else ""])
    with tempfile.TemporaryDirectory() as folder:
        config = dataclasses.replace(default_config(Path(folder)), inbox=INBOX, registry=REGISTRY)
        for month in MONTHS[:2]:
            run(config, month)
        months = history.load(config.history, [str(m) for m in MONTHS[:2]])
    for r in months.sort_values(["period", "rank", "unit_id"]).itertuples(index=False):
        rows.append([r.period, r.unit_id, names[r.unit_id], r.head, int(r.rank), float(r.total),
                     "是" if r.vetoed else "", r.band, float(r.coefficient), "", "是" if r.last else ""])
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": True})
    book.set_properties({"created": dt.datetime(2026, 3, 1)})
    sheet = book.add_worksheet("往期成績")
    for c, text in enumerate(SEED_HEADER):
        sheet.write_string(0, c, text)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    book.close()
    SEED_FILE.write_bytes(_reproducible(buffer.getvalue(), dt.datetime(2026, 3, 1, tzinfo=CST)))
    stamp = _fixed_time(dt.date(2026, 4, 1), 0)
    os.utime(SEED_FILE, (stamp, stamp))


LETTER_FROM = "D03"  # 黨委辦公室 sends one 目標責任書 for every department
LETTER_STANDARD = "按月完成得滿分；未完成的按完成程度扣分，並說明原因"


def write_letter(registry, config) -> None:
    """inbox/2026/: the year's 目標責任書, every department's targets of TARGETS for the whole year."""
    year = Year(2026)
    with tempfile.TemporaryDirectory() as tmp:
        (path,) = write_blank_forms(registry, config, year, Path(tmp))
        form = Form(path)
        form.set_info("submitter_id", LETTER_FROM)
        form.fill_rows([(dept, label(f"target_cat.{category}", LOCALE), target, points, label("months.all", LOCALE),
                         LETTER_STANDARD, HEADS[dept])
                        for dept in NAMES for category, target, points, _, _ in TARGETS[dept]])
        owed = BlankForm("target_letter", year, submitter_id=LETTER_FROM, submitter_name=NAMES[LETTER_FROM])
        out = INBOX / str(year)
        form.save(out / f"{form_file_stem(owed, LOCALE)}.xlsx", HEADS[LETTER_FROM], dt.date(2026, 1, 5), 0)
    stamp = _fixed_time(dt.date(2026, 1, 6), 0)
    os.utime(out, (stamp, stamp))


def main() -> None:
    if INBOX.exists():
        shutil.rmtree(INBOX)
    write_sample_registry(REGISTRY, LOCALE, staff=True)
    stamp = _fixed_time(dt.date(2026, 1, 5), 0)
    os.utime(REGISTRY, (stamp, stamp))
    config = default_config(HERE)
    registry = load_registry(REGISTRY, LOCALE)
    branches = list(zip(registry.of_kind("branch")["unit_id"], registry.of_kind("branch")["head"]))
    write_letter(registry, config)
    for month in MONTHS:
        write_month(month, registry, config, branches)
    os.utime(INBOX, (stamp, stamp))
    write_history_seed(registry)
    count = sum(1 for p in INBOX.rglob("*") if p.is_file())
    print(f"Wrote {REGISTRY.relative_to(HERE.parent)} and {count} files under {INBOX.relative_to(HERE.parent)}/")


if __name__ == "__main__":
    main()
