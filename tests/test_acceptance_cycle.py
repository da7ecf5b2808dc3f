"""Acceptance of §8 (rectification), §9 (individuals) and §10 (the year) on a company written from the contract
alone: its own registry, config and forms for every month of 2026, filled in as a clerk fills them, run month by
month through the CLI. Every expected figure is worked out here from the contract's rules, not by pbbatch."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import clerk_book as write_book
from pbbatch.cli import cli

# ---------------------------------------------------------------------------------------------------------------
# The company: 黨務 block of 3 departments, 群團 block of 5, seven branches (Z07 closed from July), 3-6 people a unit.

DEPARTMENTS = {  # code: (name, block, head)
    "Q11": ("組織人事部", "黨務", "韓立"), "Q12": ("紀檢監察部", "黨務", "岳鵬"), "Q13": ("黨委工作部", "黨務", "魏青"),
    "Q21": ("工會辦公室", "群團", "田甜"), "Q22": ("共青團委", "群團", "石磊"), "Q23": ("女職工委員會", "群團", "溫柔"),
    "Q24": ("企業文化部", "群團", "秦川"), "Q25": ("老幹部科", "群團", "龐博"),
}
BRANCHES = {  # code: (name, secretary)
    "Z01": ("一採區黨支部", "歐陽明"), "Z02": ("二採區黨支部", "司馬光"), "Z03": ("掘進隊黨支部", "諸葛亮"),
    "Z04": ("機運隊黨支部", "上官雲"), "Z05": ("選煤廠黨支部", "東方白"), "Z06": ("通防隊黨支部", "西門慶"),
    "Z07": ("礦建隊黨支部", "南宮燕"),
}
CLOSED_FROM = 7  # Z07 is 撤銷 in the registry from the July run on
LEADERS = [("R1", "牛書記", "黨委書記", 2), ("R2", "馬礦長", "礦長", 1), ("R3", "羊副書記", "黨委副書記", 1.5)]
ITEMS = [("J1", "支部建設", 40, "Q11"), ("J2", "學習教育", 20, "Q11"), ("J3", "服務群眾", 20, "Q21"),
         ("J4", "安全宣教", 20, "Q21")]
UNIT_SIZES = {"Q11": 5, "Q12": 3, "Q13": 4, "Q21": 6, "Q22": 3, "Q23": 4, "Q24": 3, "Q25": 3,
              "Z01": 5, "Z02": 4, "Z03": 3, "Z04": 3, "Z05": 3, "Z06": 4, "Z07": 3}
MOVER, MOVER_FROM, MOVER_TO, MOVED_IN = "Q21-6", "Q21", "Z02", 5  # works in Z02 from May on
LEFT_OUT = ("Z02-2", 5)  # no score in May
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


def staff_ids(unit: str) -> list[str]:
    return [f"{unit}-{i}" for i in range(1, UNIT_SIZES[unit] + 1)]


def unit_of(person: str, month: int) -> str:
    if person == MOVER:
        return MOVER_TO if month >= MOVED_IN else MOVER_FROM
    return person.split("-")[0]


def people_of(unit: str, month: int) -> list[str]:
    everyone = [p for u in UNIT_SIZES for p in staff_ids(u)]
    if unit == "Z07" and month >= CLOSED_FROM:
        return []
    return [p for p in everyone if unit_of(p, month) == unit]


def staff_name(person: str) -> str:
    unit, number = person.split("-")
    return f"職工{unit}{number}"


# Department levels by month (T = level, ratings around it). 群團's last: Q25 Jan, Mar; Q24 Feb, Apr, Sep; ...
LEVEL = {
    "Q11": [88, 87, 86, 88, 90, 89, 88, 87, 86, 88, 89, 90],
    "Q12": [85, 86, 84, 85, 91, 84, 85, 86, 84, 85, 86, 84],
    "Q13": [88, 87, 86, 88, 90, 89, 88, 87, 86, 88, 89, 90],
    "Q21": [86, 86, 85, 86, 86, 85, 86, 86, 85, 86, 86, 85],
    "Q22": [84, 83, 84, 84, 83, 83, 84, 70, 83, 70, 84, 70],
    "Q23": [83, 82, 83, 83, 70, 70, 70, 83, 82, 83, 70, 83],
    "Q24": [92, 70, 92, 70, 92, 92, 92, 92, 70, 92, 92, 92],
    "Q25": [70, 81, 70, 82, 82, 81, 82, 82, 81, 82, 82, 82],
}
LEADER_OFFSET = {"R1": 0, "R2": 2, "R3": -1}
MUTUAL_OFFSET = {"Q11": 0, "Q12": -2, "Q13": 0, "Q21": 1, "Q22": -1, "Q23": 2, "Q24": 0, "Q25": 3}
SERVICE_OFFSET = {"Z01": -3, "Z02": -1, "Z03": 0, "Z04": 0, "Z05": 1, "Z06": 2, "Z07": 4}
VETO = ("Q12", "安全目標", dt.date(2026, 5, 12))

# Branches by quarter: self scores per item, the owners' scores per item, democratic (excellent, good, fair, poor).
SELF = {b: [36, 18, 18, 18] for b in BRANCHES}
DEPT_SCORES = {  # (quarter, branch) -> J1..J4
    **{(q, "Z01"): [32, 16, 16, 16] for q in (1, 2, 3, 4)},
    **{(q, "Z02"): [32, 16, 16, 16] for q in (2, 3, 4)},
    (1, "Z02"): [32.625, 16, 16, 16],  # makes up 0.25 × the one point more that Z02 loses in Q1's spot checks
    **{(q, "Z03"): [30, 15, 15, 15] for q in (1, 2, 3, 4)},
    **{(q, "Z04"): [30, 14, 15, 15] for q in (1, 2, 3, 4)},
    **{(q, "Z05"): [29, 15, 14, 15] for q in (1, 2, 3, 4)},
    **{(q, "Z06"): [24, 12, 12, 12] for q in (1, 2, 3, 4)},
    **{(q, "Z07"): [31, 15, 15, 15] for q in (1, 2)},
}
DEMOCRATIC = {b: (20, 10, 0, 0) for b in BRANCHES}
DEMOCRATIC["Z06"] = (10, 10, 8, 2)

# §8: findings as the inspection team writes them; receipts and checks quote the 整改編號 read from the ledger.
FINDINGS = {  # key: (form period, date, branch, item, text, deduction, fix_by)
    "F1": ("2026-01", dt.date(2026, 1, 10), "Z01", "J1", "三會一課記錄不全", 2, dt.date(2026, 2, 15)),
    "F2": ("2026-01", dt.date(2026, 1, 20), "Z02", "J2", "學習台賬缺失", 3, None),
    "F3": ("2026-02", dt.date(2026, 2, 12), "Z06", "J3", "群眾來訪未登記", 5, dt.date(2026, 3, 15)),
    "F4": ("2026-02", dt.date(2026, 2, 25), "Z03", None, "黨員發展材料不規範", 1, dt.date(2026, 4, 30)),
    "F5": ("2026-03", dt.date(2026, 3, 28), "Z04", "J4", "安全宣教未開展", 2, None),
    "F6": ("2026-05", dt.date(2026, 5, 15), "Z06", "J1", "組織生活會未召開", 4, dt.date(2026, 6, 10)),
    "F7": ("2026-Q2", dt.date(2026, 6, 20), "Z05", "J2", "理論學習筆記缺失", 1, None),
}
RECEIPTS = {  # form month -> [(branch, finding, done_on)]
    "2026-02": [("Z01", "F1", dt.date(2026, 2, 10)), ("Z02", "F2", dt.date(2026, 2, 5))],
    "2026-03": [("Z02", "F2", dt.date(2026, 3, 5)), ("Z03", "F4", dt.date(2026, 3, 20))],
    "2026-05": [("Z04", "F5", dt.date(2026, 5, 3))],
    "2026-06": [("Z06", "F6", dt.date(2026, 6, 5))],
}
CHECKS = {  # form month -> [(finding, verdict, checked_on)]
    "2026-02": [("F1", "通過", dt.date(2026, 2, 20)), ("F2", "不通過", dt.date(2026, 2, 25))],
    "2026-03": [("F2", "通過", dt.date(2026, 3, 10))],
    "2026-04": [("F4", "通過", dt.date(2026, 4, 8))],
    "2026-05": [("F5", "通過", dt.date(2026, 5, 6))],
}


def person_score(person: str, month: int) -> float | None:
    if (person, month) == LEFT_OUT:
        return None
    unit, number = person.split("-")
    n = int(number)
    if unit == "Q11":  # 1 and 2 tie all year (awards' tie at the quota); 5 is always last; May ties at both ends
        if month == 5:
            return [90, 90, 85, 70, 70][n - 1]
        return [92, 92, 85, 80, 60 + month][n - 1]
    if unit == "Z02":
        return [88, 75, 75, 93, 0, 0, 0][n - 1] if person != MOVER else 80.5
    if person == MOVER:
        return 80.5
    return 70 + 4 * n + (month % 3)


# ---------------------------------------------------------------------------------------------------------------
# Writing the workbooks as a clerk fills them in: form info, then a data sheet with a title row above the header.

def write_form(path: Path, form: str, period: str, submitter: str, header: list[str], rows: list[list[object]],
               rating_type: str | None = None) -> None:
    info = [["表單類型", form], ["期間", period], ["填報單位編號", submitter]]
    if rating_type:
        info.append(["評價類型", rating_type])
    info += [["填報人", "李文書"], ["版本", 1]]
    write_book(path, {"填報信息": info, "數據": [[f"{form} {period}"], header, *rows]})


def write_registry(path: Path, month: int) -> None:
    units = [["單位編號", "單位名稱", "類別", "板塊", "負責人", "狀態"]]
    units += [[code, name, "黨群部門", block, head, "在冊"] for code, (name, block, head) in DEPARTMENTS.items()]
    units += [[code, name, "基層黨支部", "", head, "撤銷" if code == "Z07" and month >= CLOSED_FROM else "在冊"]
              for code, (name, head) in BRANCHES.items()]
    people = [["工號", "姓名", "單位編號", "崗位", "狀態"]]
    for unit in UNIT_SIZES:
        for person in staff_ids(unit):
            closed = unit_of(person, month) == "Z07" and month >= CLOSED_FROM
            people.append([person, staff_name(person), unit_of(person, month), "幹事", "撤銷" if closed else "在冊"])
    write_book(path, {"單位": units, "評價人": [["評價人編號", "姓名", "職務", "權重"], *map(list, LEADERS)],
                      "人員": people})


def active_branches(month: int) -> list[str]:
    return [b for b in BRANCHES if not (b == "Z07" and month >= CLOSED_FROM)]


def write_month(inbox: Path, month: int, finding_ids: dict[str, str]) -> None:
    period = f"2026-{month:02d}"
    folder = inbox / period
    level = {d: LEVEL[d][month - 1] for d in DEPARTMENTS}
    rating_header = ["被評單位編號", "被評單位名稱", "得分", "備註"]
    for d in DEPARTMENTS:
        v = level[d]
        write_form(folder / f"目標_{d}.xlsx", "目標考核表", period, d, ["目標類別", "目標內容", "分值", "完成情況", "得分"],
                   [["重點目標", "黨建重點任務", 60, "按期完成", v * 0.6], ["共性目標", "日常工作", 40, "", v * 0.4]])
        rows = [[o, DEPARTMENTS[o][0], level[o] + MUTUAL_OFFSET[d], ""] for o in DEPARTMENTS if o != d]
        write_form(folder / f"互評_{d}.xlsx", "評分表", period, d, rating_header, rows, "部門互評")
    for rater, *_ in LEADERS:
        rows = [[d, DEPARTMENTS[d][0], level[d] + LEADER_OFFSET[rater], ""] for d in DEPARTMENTS]
        write_form(folder / f"領導_{rater}.xlsx", "評分表", period, rater, rating_header, rows, "領導評價")
    for b in active_branches(month):
        rows = [[d, DEPARTMENTS[d][0], level[d] + SERVICE_OFFSET[b], ""] for d in DEPARTMENTS]
        write_form(folder / f"服務_{b}.xlsx", "評分表", period, b, rating_header, rows, "服務基層評價")
    for unit in UNIT_SIZES:
        people = people_of(unit, month)
        if people:
            rows = [[p, staff_name(p), person_score(p, month), ""] for p in people]
            write_form(folder / f"個人_{unit}.xlsx", "個人考評表", period, unit, ["工號", "姓名", "得分", "評語"], rows)
    spot_header = ["日期", "支部編號", "項目編號", "問題描述", "扣分", "整改期限"]
    for form_period in (period, f"2026-Q{(month - 1) // 3 + 1}" if month % 3 == 0 else None):
        rows = [[date, branch, item, text, deduction, fix_by]
                for p, date, branch, item, text, deduction, fix_by in FINDINGS.values() if p == form_period]
        if rows:
            write_form(folder / f"督查_{form_period}.xlsx", "專項督查表", form_period, "Q11", spot_header, rows)
    for branch in {b for b, _, _ in RECEIPTS.get(period, [])}:
        rows = [[finding_ids[f], "已整改", done, "照片"] for b, f, done in RECEIPTS[period] if b == branch]
        write_form(folder / f"回執_{branch}.xlsx", "整改回執表", period, branch, ["整改編號", "整改措施", "完成日期", "佐證材料"],
                   rows)
    if period in CHECKS:
        rows = [[finding_ids[f], verdict, day, ""] for f, verdict, day in CHECKS[period]]
        write_form(folder / "驗收.xlsx", "整改驗收表", period, "Q13", ["整改編號", "驗收結論", "驗收日期", "說明"], rows)
    if month == VETO[2].month:
        write_form(folder / "否決.xlsx", "一票否決表", period, "Q13", ["單位編號", "否決類別", "事由", "發生日期", "認定部門"],
                   [[VETO[0], VETO[1], "發生輕傷事故", VETO[2], "安監處"]])
    if month % 3 == 0:
        write_quarter(folder, month // 3)


def write_quarter(folder: Path, quarter: int) -> None:
    period = f"2026-Q{quarter}"
    branches = active_branches(quarter * 3)
    for b in branches:
        write_form(folder / f"自評_{b}.xlsx", "支部自評表", period, b, ["項目編號", "項目名稱", "分值", "自評得分", "說明"],
                   [[code, name, points, score, ""] for (code, name, points, _), score in zip(ITEMS, SELF[b])])
    for owner in ("Q11", "Q21"):
        owned = [i for i, item in enumerate(ITEMS) if item[3] == owner]
        header = ["支部編號", "支部名稱", *[f"{ITEMS[i][0]} {ITEMS[i][1]}" for i in owned], "備註"]
        rows = [[b, BRANCHES[b][0], *[DEPT_SCORES[quarter, b][i] for i in owned], ""] for b in branches]
        write_form(folder / f"考評_{owner}.xlsx", "部門考評表", period, owner, header, rows)
    rows = [[b, BRANCHES[b][0], 40, sum(DEMOCRATIC[b]), *DEMOCRATIC[b], 0] for b in branches]
    write_form(folder / "民主測評.xlsx", "民主測評表", period, "Q13",
               ["支部編號", "支部名稱", "應參評人數", "實參評人數", "優秀", "良好", "一般", "較差", "棄權"], rows)


CONFIG = """locale = "zh-Hant"
[organization]
name = "青山煤業"
committee = "中共青山煤業委員會"
[paths]
inbox = "inbox"
output = "output"
registry = "名冊.xlsx"
history = "output/history.sqlite"
[annual]
excellent_departments = 1
advanced_branches = 0.2
excellent_staff = 0.2
max_c_months = 2
""" + "".join(f'[[branches.items]]\ncode = "{c}"\nname = "{n}"\npoints = {p}\nowner = "{o}"\n' for c, n, p, o in ITEMS)


def ledger_ids(output: Path, period: str) -> dict[str, str]:
    """The 整改編號 of each finding, read off the month's 整改台賬 by its text, as a branch clerk copies it."""
    sheet = load_workbook(output / period / f"整改台賬_{period}.xlsx").worksheets[0]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if "整改編號" in row)
    header = rows[header_at]
    found = {}
    for row in rows[header_at + 1:]:
        record = dict(zip(header, row))
        for key, finding in FINDINGS.items():
            if record.get("問題描述") == finding[4]:
                found[key] = record["整改編號"]
    return found


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qingshan")
    (folder / "config.toml").write_text(CONFIG, encoding="utf-8")
    inbox, output = folder / "inbox", folder / "output"
    inbox.mkdir()
    ids: dict[str, str] = {}
    runs = {}
    for month in range(1, 13):
        write_registry(folder / "名冊.xlsx", month)
        write_month(inbox, month, ids)
        result = CliRunner().invoke(cli, ["run", "--period", MONTHS[month - 1], "--quiet",
                                          "--config", str(folder / "config.toml")])
        runs[month] = result
        if month <= 6:
            ids.update(ledger_ids(output, MONTHS[month - 1]))
    return {"folder": folder, "output": output, "runs": runs, "ids": ids}


def test_every_month_runs(company):
    for month, result in company["runs"].items():
        assert result.exit_code in (0, 1), (month, result.output)



# ---------------------------------------------------------------------------------------------------------------
# The contract's rules, worked out by hand (§3 for the units the people's pay hangs on, §8, §9, §10).

def half_up(value, places: int = 2) -> float:
    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def trimmed_mean(scores: list[Decimal]) -> Decimal:
    if len(scores) > 5:
        scores = sorted(scores)[1:-1]
    return sum(scores) / len(scores)


def competition_ranks(keys: dict[str, tuple]) -> dict[str, int]:
    """Rank 1 for the largest key; equal keys share the rank, the next rank skips ("1, 2, 2, 4")."""
    return {u: 1 + sum(1 for o in keys.values() if o > k) for u, k in keys.items()}


def bands(ranks: dict[str, int], vetoed=frozenset(), shares=(0.2, 0.1)) -> dict[str, str]:
    n = len(ranks)
    a, c = round(Decimal(str(shares[0] * n)).quantize(0, ROUND_HALF_UP)), int(
        Decimal(str(shares[1] * n)).quantize(0, ROUND_HALF_UP))
    return {u: "C" if u in vetoed or r > n - c else "A" if r <= a else "B" for u, r in ranks.items()}


UNIT_COEFFICIENT = {"A": 1.2, "B": 1.0, "C": 0.8}
STAFF_COEFFICIENT = {"A": 1.1, "B": 1.0, "C": 0.9}


def department_month(month: int) -> dict[str, dict]:
    level = {d: Decimal(str(LEVEL[d][month - 1])) for d in DEPARTMENTS}
    out = {}
    for d, v in level.items():
        t = half_up(100 * (Decimal(str(float(v) * 0.6)) + Decimal(str(float(v) * 0.4))) / 100)
        weights = {r: Decimal(str(w)) for r, _, _, w in LEADERS}
        leader = half_up(sum(weights[r] * (v + LEADER_OFFSET[r]) for r in weights) / sum(weights.values()))
        service = half_up(trimmed_mean([v + SERVICE_OFFSET[b] for b in active_branches(month)]))
        mutual = half_up(trimmed_mean([v + MUTUAL_OFFSET[o] for o in DEPARTMENTS if o != d]))
        total = half_up(Decimal("0.4") * Decimal(str(t)) + Decimal("0.3") * Decimal(str(leader))
                        + Decimal("0.15") * Decimal(str(service)) + Decimal("0.15") * Decimal(str(mutual)))
        out[d] = {"total": total, "T": t, "L": leader}
    vetoed = {VETO[0]} if month == VETO[2].month else set()
    for block in ("黨務", "群團"):
        members = [d for d in DEPARTMENTS if DEPARTMENTS[d][1] == block]
        ranks = competition_ranks({d: (d not in vetoed, out[d]["total"], out[d]["T"], out[d]["L"]) for d in members})
        for d, band in bands(ranks, vetoed & set(members)).items():
            out[d].update(rank=ranks[d], band=band, coefficient=UNIT_COEFFICIENT[band])
    return out


def expected_overdue(quarter: int) -> list[tuple[str, str]]:
    """(branch, finding) overdue on the quarter's last day, worked out from the receipts and checks above."""
    return {1: [("Z06", "F3")], 2: [("Z06", "F3"), ("Z06", "F6")],
            3: [("Z06", "F3"), ("Z06", "F6"), ("Z05", "F7")], 4: [("Z06", "F3"), ("Z06", "F6"), ("Z05", "F7")]}[quarter]


def branch_quarter(quarter: int) -> dict[str, dict]:
    branches = active_branches(quarter * 3)
    out = {}
    for b in branches:
        z = sum(SELF[b])
        d = half_up(sum(Decimal(str(x)) for x in DEPT_SCORES[quarter, b]))
        e, g, f, p = DEMOCRATIC[b]
        dem = half_up(Decimal(e * 100 + g * 80 + f * 60 + p * 40) / (e + g + f + p))
        deductions = sum(FINDINGS[k][5] for k in FINDINGS
                         if FINDINGS[k][2] == b and (FINDINGS[k][1].month - 1) // 3 + 1 == quarter)
        deductions += 2 * sum(1 for branch, _ in expected_overdue(quarter) if branch == b)
        spot = max(0, 100 - deductions)
        total = half_up(Decimal("0.1") * z + Decimal("0.4") * Decimal(str(d)) + Decimal("0.25") * Decimal(str(dem))
                        + Decimal("0.25") * spot)
        out[b] = {"total": total, "D": d, "P": dem, "C": spot}
    ranks = competition_ranks({b: (out[b]["total"], out[b]["D"], out[b]["P"]) for b in branches})
    for b, band in bands(ranks).items():
        out[b].update(rank=ranks[b], band=band, coefficient=UNIT_COEFFICIENT[band])
    return out


def people_month(unit: str, month: int) -> dict[str, dict]:
    """Rank, band and personal coefficient within the unit, among the people with a score."""
    scores = {p: person_score(p, month) for p in people_of(unit, month)}
    scored = {p: s for p, s in scores.items() if s is not None}
    ranks = competition_ranks({p: (s,) for p, s in scored.items()})
    return {p: {"score": scored[p], "rank": ranks[p], "band": band, "personal": STAFF_COEFFICIENT[band]}
            for p, band in bands(ranks).items()}


def pay_rows(month: int) -> set[tuple[str, str, str, str, str]]:
    """The payroll export of a month: department people for the month; at quarter end branch people for each month
    of the quarter, by the branch's quarterly band."""
    rows = set()
    departments = department_month(month)
    quarter = branch_quarter(month // 3) if month % 3 == 0 else None
    for unit in UNIT_SIZES:
        if unit in DEPARTMENTS:
            for p, r in people_month(unit, month).items():
                rows.add((p, staff_name(p), unit, MONTHS[month - 1],
                          f"{half_up(departments[unit]['coefficient'] * r['personal'], 4):.4f}"))
        elif quarter and unit in quarter:
            for m in range(month - 2, month + 1):
                for p, r in people_month(unit, m).items():
                    rows.add((p, staff_name(p), unit, MONTHS[m - 1],
                              f"{half_up(quarter[unit]['coefficient'] * r['personal'], 4):.4f}"))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Reading what pbbatch wrote, as a clerk reads it.

def sheet_rows(path: Path, sheet: str) -> list[dict]:
    rows = list(load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] is not None and len([c for c in row if c]) > 2)
    header = rows[header_at]
    return [dict(zip(header, row)) for row in rows[header_at + 1:] if any(c is not None for c in row)]


def as_date(value) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


# ---------------------------------------------------------------------------------------------------------------
# The runs

def test_every_month_runs_clean(company):
    """Every form is in and right, so every month exits 0: also after Z07 is closed, whose earlier months' files
    are still in the shared folder (files of another period are skipped, whoever sent them)."""
    for month, result in company["runs"].items():
        assert result.exit_code == 0, (month, result.output[-2000:])
    files = sheet_rows(company["output"] / "2026-07" / "處理報告_2026-07.xlsx", "文件")
    assert not [f for f in files if f["狀態"] == "退回"]


# §8 ------------------------------------------------------------------------------------------------------------

STATUS = {  # finding -> status at the end of Jan..Jun (None: not yet found)
    "F1": ["整改中", "已銷號", "已銷號", "已銷號", "已銷號", "已銷號"],
    "F2": ["整改中", "逾期", "已銷號", "已銷號", "已銷號", "已銷號"],  # failed check 02-25 after the deadline 02-19
    "F3": [None, "整改中", "逾期", "逾期", "逾期", "逾期"],  # never answered: overdue from 03-16
    "F4": [None, "整改中", "已報整改", "已銷號", "已銷號", "已銷號"],
    "F5": [None, None, "整改中", "逾期", "已銷號", "已銷號"],  # default deadline 03-28 + 30 = 04-27
    "F6": [None, None, None, None, "整改中", "逾期"],  # reported 06-05, unchecked at its deadline 06-10
    "F7": [None, None, None, None, None, "整改中"],  # default deadline 07-20
}
DEADLINE = {"F1": dt.date(2026, 2, 15), "F2": dt.date(2026, 2, 19), "F3": dt.date(2026, 3, 15),
            "F4": dt.date(2026, 4, 30), "F5": dt.date(2026, 4, 27), "F6": dt.date(2026, 6, 10),
            "F7": dt.date(2026, 7, 20)}


def test_ledger_status_at_each_month_end(company):
    ids = company["ids"]
    for month in range(1, 7):
        period = MONTHS[month - 1]
        rows = sheet_rows(company["output"] / period / f"整改台賬_{period}.xlsx", "整改台賬")
        found = {r["整改編號"]: r for r in rows}
        expected = {ids[f]: s[month - 1] for f, s in STATUS.items() if s[month - 1]}
        assert {i: r["整改狀態"] for i, r in found.items()} == expected, period
        for key, finding_id in ids.items():
            if finding_id in found:
                row = found[finding_id]
                assert (row["單位編號"], row["問題描述"], as_date(row["整改期限"])) == (
                    FINDINGS[key][2], FINDINGS[key][4], DEADLINE[key]), (period, key)
        statuses = [r["整改狀態"] for r in rows]
        assert statuses == sorted(statuses, key=lambda s: s != "逾期"), "overdue first"
    assert len(set(ids.values())) == len(FINDINGS) and all(i.isprintable() and len(i) < 20 for i in ids.values())


def test_overdue_deduction_lines_at_quarter_end(company):
    ids = company["ids"]
    for quarter, period in ((1, "2026-03"), (2, "2026-06"), (3, "2026-09")):
        rows = sheet_rows(company["output"] / period / f"支部季度考核_2026-Q{quarter}.xlsx", "專項督查")
        lines = [r for r in rows if "逾期" in str(r["問題描述"])]
        got = sorted((r["單位編號"], r["扣分"], as_date(r["日期"])) for r in lines)
        end = dt.date(2026, quarter * 3, 31 if quarter in (1, 4) else 30)
        assert got == sorted((b, 2, end) for b, _ in expected_overdue(quarter)), period
        for branch, finding in expected_overdue(quarter):
            assert any(ids[finding] in r["問題描述"] and r["單位編號"] == branch for r in lines)
    for month in (1, 2, 4, 5):  # branches, and so the deduction, only at a quarter's end
        assert not list((company["output"] / MONTHS[month - 1]).glob("支部季度考核_*.xlsx"))


def test_branch_ranking_by_quarter(company):
    for quarter in (1, 2, 3, 4):
        period = MONTHS[quarter * 3 - 1]
        rows = {r["單位編號"]: r for r in sheet_rows(company["output"] / period / f"支部季度考核_2026-Q{quarter}.xlsx",
                                                  "排名")}
        expected = branch_quarter(quarter)
        assert set(rows) == set(expected), quarter
        for b, e in expected.items():
            assert (rows[b]["專項督查"], rows[b]["綜合得分"], rows[b]["排名"], rows[b]["檔次"]) == (
                e["C"], e["total"], e["rank"], e["band"]), (quarter, b)
    q2 = {r["單位編號"]: r for r in sheet_rows(company["output"] / "2026-06" / "支部季度考核_2026-Q2.xlsx", "排名")}
    assert q2["Z06"]["誡勉談話"] == "是" and q2["Z06"]["崗位淘汰"] is None


def test_notices_go_to_branches_with_findings_to_fix(company):
    for period, branches in (("2026-03", {"Z06", "Z04"}), ("2026-06", {"Z06", "Z05"})):
        notices = company["output"] / period / "整改通知書"
        got = {p.name.split("_")[1] for p in notices.glob("整改通知書_*.html")}
        assert got == branches, period
        assert {p.name.split("_")[1] for p in notices.glob("提示函_*.html")} == {"Z06"}  # last, so 排名靠後


# §9 ------------------------------------------------------------------------------------------------------------

def test_department_people_in_may(company):
    """Q11 in May: 90, 90, 85, 70, 70 — a tie at the top (both A) and at the bottom (both B: ties in their favour);
    Q11 ties Q13 at the top of its block, so its factor is A's 1.2."""
    rows = {r["工號"]: r for r in sheet_rows(company["output"] / "2026-05" / "個人績效_2026-05.xlsx", "個人排名")}
    dept = department_month(5)
    assert dept["Q11"]["band"] == "A" and dept["Q12"]["band"] == "C"  # Q12 vetoed
    for unit in ("Q11", "Q12"):
        for p, e in people_month(unit, 5).items():
            pay = half_up(dept[unit]["coefficient"] * e["personal"], 4)
            assert (rows[p]["單位內排名"], rows[p]["檔次"], rows[p]["個人係數"], rows[p]["單位係數"], rows[p]["績效係數"]) == (
                e["rank"], e["band"], e["personal"], dept[unit]["coefficient"], pay), p
    assert [rows[f"Q11-{i}"]["檔次"] for i in range(1, 6)] == ["A", "A", "B", "B", "B"]
    assert rows["Z02-2"]["資料缺失"] and rows["Z02-2"]["績效係數"] is None


def test_branch_people_paid_at_quarter_end(company):
    """Z02 in Q2: band A of the quarter (tied first), so 1.2 × each month's personal coefficient; Z02-2 has no May
    (left out), the mover only May and June in Z02 (April was paid with Q21)."""
    q2 = branch_quarter(2)
    assert q2["Z02"]["band"] == "A"
    for month in (4, 5):
        csv_rows = read_csv(payroll_file(company, month))
        assert not [r for r in csv_rows if r[2].startswith("Z")], month  # branch people wait for quarter end
    june = read_csv(payroll_file(company, 6))
    z02 = sorted(tuple(r) for r in june if r[2] == "Z02")
    assert z02 == sorted(r for r in pay_rows(6) if r[2] == "Z02")
    assert ("Z02-2", staff_name("Z02-2"), "Z02", "2026-05") not in {r[:4] for r in z02}
    assert {r[3] for r in z02 if r[0] == MOVER} == {"2026-05", "2026-06"}
    april = read_csv(payroll_file(company, 4))
    assert [r for r in april if r[0] == MOVER] == [[MOVER, staff_name(MOVER), "Q21", "2026-04",
                                                    f"{half_up(department_month(4)['Q21']['coefficient'] * people_month('Q21', 4)[MOVER]['personal'], 4):.4f}"]]


def payroll_file(company, month: int) -> Path:
    """The month's payroll export: while someone is left out (資料缺失), a 試算稿, and named so, as the month's
    個人績效 workbook is marked: the score still to come may move the others' ranks and bands."""
    folder = company["output"] / MONTHS[month - 1]
    draft = "_試算稿" if month == LEFT_OUT[1] else ""
    assert [p.name for p in folder.glob("薪酬導出_*")] == [f"薪酬導出_{MONTHS[month - 1]}{draft}.csv"]
    return folder / f"薪酬導出_{MONTHS[month - 1]}{draft}.csv"


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["工號", "姓名", "單位編號", "期間", "績效係數"]
    return rows[1:]


def test_payroll_csv_every_month(company):
    order = list(UNIT_SIZES)
    for month in range(1, 13):
        rows = read_csv(payroll_file(company, month))
        assert set(map(tuple, rows)) == pay_rows(month), month
        assert len(rows) == len(pay_rows(month))
        units = [order.index(r[2]) for r in rows]
        assert units == sorted(units), "rows in the registry's unit order"


# §10 -----------------------------------------------------------------------------------------------------------

def year_departments() -> dict[str, dict]:
    months = [department_month(m) for m in range(1, 13)]
    out = {d: {"total": half_up(sum(Decimal(str(mo[d]["total"])) for mo in months) / 12),
               "c": [MONTHS[i] for i, mo in enumerate(months) if mo[d]["band"] == "C"]} for d in DEPARTMENTS}
    vetoed = {VETO[0]}
    for block in ("黨務", "群團"):
        members = [d for d in DEPARTMENTS if DEPARTMENTS[d][1] == block]
        ranks = competition_ranks({d: (d not in vetoed, out[d]["total"]) for d in members})
        for d, band in bands(ranks, vetoed & set(members)).items():
            out[d].update(rank=ranks[d], band=band)
    return out


def test_annual_departments(company):
    rows = {r["單位編號"]: r for r in sheet_rows(company["output"] / "2026" / "年度考核_2026.xlsx", "部門年度排名")}
    for d, e in year_departments().items():
        assert (rows[d]["年度得分"], rows[d]["排名"], rows[d]["檔次"], rows[d]["C檔次數"]) == (
            e["total"], e["rank"], e["band"], len(e["c"])), d


def test_annual_branches(company):
    quarters = [branch_quarter(q) for q in (1, 2, 3, 4)]
    expected = {b: half_up(sum(Decimal(str(q[b]["total"])) for q in quarters) / 4) for b in quarters[-1]}
    ranks = competition_ranks({b: (t,) for b, t in expected.items()})
    band = bands(ranks)
    rows = {r["單位編號"]: r for r in sheet_rows(company["output"] / "2026" / "年度考核_2026.xlsx", "支部年度排名")}
    assert set(rows) == set(expected)  # Z07, closed in July, is left out of the year
    for b, total in expected.items():
        assert (rows[b]["年度得分"], rows[b]["排名"], rows[b]["檔次"]) == (total, ranks[b], band[b]), b


def year_people() -> dict[str, dict]:
    out = {}
    for unit in UNIT_SIZES:
        if unit == "Z07":
            continue  # closed in July: its people are 撤銷 and the unit is left out of the year
        for p in people_of(unit, 12):
            scores = [person_score(p, m) for m in range(1, 13)]
            months = [m for m in range(1, 13) if scores[m - 1] is not None]
            c = [MONTHS[m - 1] for m in months if people_month(unit_of(p, m), m)[p]["band"] == "C"]
            out[p] = {"unit": unit, "total": half_up(sum(Decimal(str(scores[m - 1])) for m in months) / len(months)),
                      "c": c, "vetoed": any(unit_of(p, m) == VETO[0] for m in range(1, 13) if m == VETO[2].month)}
    for unit in {e["unit"] for e in out.values()}:
        members = [p for p in out if out[p]["unit"] == unit]
        ranks = competition_ranks({p: (out[p]["total"],) for p in members})
        for p in members:
            out[p]["rank"] = ranks[p]
    return out


def expected_awards() -> set[tuple[str, str]]:
    awards = set()
    departments = year_departments()
    for block in ("黨務", "群團"):
        eligible = sorted((e["rank"], d) for d, e in departments.items()
                          if DEPARTMENTS[d][1] == block and d != VETO[0] and len(e["c"]) <= 2)
        awards |= {("優秀黨群部門", d) for r, d in eligible if r == eligible[0][0]}  # quota 1, ties included
    awards |= {("先進黨支部", "Z01"), ("先進黨支部", "Z02")}  # round(0.2 × 6) = 1, the two tie first
    people = year_people()
    for unit in {e["unit"] for e in people.values()}:
        members = [p for p, e in people.items() if e["unit"] == unit]
        quota = int(Decimal(str(0.2 * len(members))).quantize(0, ROUND_HALF_UP))
        eligible = sorted((people[p]["rank"], p) for p in members if not people[p]["vetoed"] and len(people[p]["c"]) <= 2)
        if quota and eligible:
            last = eligible[min(quota, len(eligible)) - 1][0]
            awards |= {("優秀黨務工作者", p) for r, p in eligible if r <= last}
    return awards


def test_annual_people(company):
    rows = {r["工號"]: r for r in sheet_rows(company["output"] / "2026" / "年度考核_2026.xlsx", "個人年度排名")}
    expected = year_people()
    assert set(rows) == set(expected)
    for p, e in expected.items():
        assert (rows[p]["單位編號"], rows[p]["年度得分"], rows[p]["單位內排名"], rows[p]["C檔次數"]) == (
            e["unit"], e["total"], e["rank"], len(e["c"])), p
    assert rows["Z02-2"]["缺結果期間"] == "2026-05" and rows["Z02-2"]["計入期數"] == 11
    assert "Q21" in rows[MOVER]["說明"] and "Z02" in rows[MOVER]["說明"]


def test_awards_and_every_reason(company):
    book = company["output"] / "2026" / "年度考核_2026.xlsx"
    got = {(r["獲評"], r["工號"] or r["單位編號"]) for r in sheet_rows(book, "評先選優")}
    assert got == expected_awards()
    reasons = {r["工號"] or r["單位編號"]: r["評優資格"] for r in sheet_rows(book, "評優資格")}
    departments = year_departments()
    expected = {"Q12": "不能評優：2026-05 一票否決（安全目標）",
                "Z06": "不能評優：2026-Q2 誡勉談話；2026-Q3 崗位淘汰；2026-Q4 崗位淘汰"}
    for d in ("Q22", "Q23", "Q24"):
        c = departments[d]["c"]
        expected[d] = f"不能評優：檔次 C 共 {len(c)} 次（{'、'.join(c)}），超過 2 次"
    for p, e in year_people().items():
        if e["vetoed"]:
            expected[p] = "不能評優：所在單位 Q12 紀檢監察部 2026-05 一票否決（安全目標）"
        elif len(e["c"]) > 2:
            expected[p] = f"不能評優：檔次 C 共 {len(e['c'])} 次（{'、'.join(e['c'])}），超過 2 次"
    assert {k: v for k, v in reasons.items() if v != "可評優"} == expected
    assert len(departments["Q25"]["c"]) == 2 and reasons["Q25"] == "可評優"  # at the limit, not over it


def test_a_movers_quarter_row_says_which_unit_each_month_was_paid_in(company):
    """June's 個人季度兌現 lists the mover under Z02; April was earned in Q21, at Q21's coefficient: the 說明 says
    so (an audit found the row silent)."""
    rows = {r["工號"]: r for r in sheet_rows(company["output"] / "2026-06" / "個人績效_2026-06.xlsx", "個人季度兌現")}
    assert rows[MOVER]["單位編號"] == MOVER_TO
    assert rows[MOVER]["說明"] == f"2026-04 屬 {MOVER_FROM} {DEPARTMENTS[MOVER_FROM][0]}，按該單位係數計。"
    assert rows["Z02-2"]["說明"] == "2026-05 無績效係數，不計入平均。"
    assert not rows["Z02-1"]["說明"]
