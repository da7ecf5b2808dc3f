"""Writes a synthetic company for the benchmark: config.toml, 名冊.xlsx and an inbox holding every form of the
quarter-end month 2026-03 (so a run also assesses the branches' 2026-Q1).

    python benchmarks/generate.py --scale 10 --out /tmp/pbbench/10x

Scale 1 is one company: 15 departments in 3 blocks, 30 branches, 5 leaders. Scale s has 15·s departments in
ceil(3·√s) blocks, 30·s branches and round(5·s^0.3) leaders (10x: 150/10/300/10; 100x: 1500/30/3000/20).
With `--staff N` the registry has a 人員 sheet with N people per unit and every unit sends its 個人考評表 (§9).
Every workbook is built from its own seed (the company seed and its file name), so the output is the same
whatever the number of workers. A folder whose marker says it is complete for the same scale is left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import multiprocessing
import random
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from pbbatch.core.catalogue import label
from pbbatch.core.config import DEFAULT_ITEMS

from common import CONFIG, HISTORY, INBOX, MARKER, OUTPUT, PERIOD, REGISTRY, is_complete, megabytes, read_marker, \
    write_marker

LOCALE = "zh-Hant"
SEED = 20260331
QUARTER = "2026-Q1"
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
DEMOCRATIC_ROWS = 250  # at most this many branches per 民主測評表
HEADER_ROW = 3  # a title and two instruction rows above the header, as on the blank forms

DEPARTMENT_NAMES = [
    "組織部", "宣傳部", "黨委辦公室", "紀委辦公室", "工會", "安全監察部", "團委", "企業文化中心", "武裝保衛部",
    "信訪辦公室", "巡察辦公室", "女工委員會", "人力資源部", "生產技術部", "機電管理部",
]
BRANCH_NAMES = [
    "綜採一隊", "綜採二隊", "掘進一隊", "掘進二隊", "機電科", "通風科", "運輸隊", "洗煤廠", "地測科", "調度室",
    "供應科", "安裝隊", "後勤服務中心", "機關第一", "機關第二", "綜採三隊", "掘進三隊", "開拓隊", "準備隊", "防突隊",
    "抽採隊", "救護隊", "質檢站", "選煤廠", "機修廠", "物業中心", "職工醫院", "培訓中心", "銷售科", "財務科",
]
BLOCK_NAMES = ["黨務板塊", "群團板塊", "綜合板塊"]
BRANCH_BLOCKS = ["生產板塊", "輔助板塊", ""]
LEADER_TITLES = [("黨委書記", 2), ("總經理", 1.5), ("黨委副書記", 1), ("紀委書記", 1), ("工會主席", 1)]
SURNAMES = "王李張劉陳楊趙黃周吳徐孫胡朱高林何郭馬羅梁宋鄭謝韓唐馮于董蕭程曹袁鄧許傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉閻"
GIVEN = "建國志強海燕華立新文斌麗娟永明軍秀蘭德勝紅梅亮東小長青剛濤平衛曉成玉健春振遠民英"
TARGETS = [
    "落實黨委中心組學習計劃", "完成黨員發展年度任務", "開展安全生產專項檢查", "推進黨風廉政建設責任制",
    "組織主題黨日活動", "完成職工思想動態分析", "開展隱患排查治理", "推進企業文化建設", "落實意識形態工作責任制",
    "完成信訪積案化解", "開展職工技能培訓", "落實三重一大決策制度",
]
TARGET_CATEGORIES = ["key", "key", "key", "common", "common", "safety"]
TARGET_POINTS = [20, 20, 15, 15, 15, 15]
PROGRESS = ["按計劃完成", "已完成", "基本完成，個別事項延至下月", "超額完成", "完成百分之九十"]
REASONS = [
    "月度安全生產無事故", "迎檢工作受到集團表揚", "信息報送不及時", "會議記錄不規範", "重點工作推進滯後",
    "職工技能比武獲獎", "宣傳稿件被省級媒體採用", "違章作業被通報",
]
FINDINGS = [
    "三會一課記錄不完整", "黨費收繳台賬不規範", "主題黨日未按時開展", "學習筆記缺失", "黨員積分未及時公示",
    "支部委員會會議記錄缺簽字", "安全承諾未上牆", "組織生活會整改未閉環",
]
VETO_CATEGORIES = ["三違幫教", "精神文明", "安全目標"]


# ---------------------------------------------------------------- the company


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str  # department | branch
    block: str
    head: str
    quality: float  # how good the unit is: shifts its scores, so rankings spread out


@dataclass(frozen=True)
class Leader:
    code: str
    name: str
    title: str
    weight: float


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    points: float
    owner: str


@dataclass(frozen=True)
class Company:
    scale: int
    seed: int
    departments: tuple[Unit, ...]
    branches: tuple[Unit, ...]
    leaders: tuple[Leader, ...]
    items: tuple[Item, ...]
    staff: int = 0  # people per unit (§9); 0: no 人員 sheet

    def people(self, unit: Unit) -> list[tuple[str, str]]:
        """(工號, 姓名) of the unit's people: six-digit numbers with leading zeros, as payroll systems have them."""
        first = (self.departments + self.branches).index(unit) * self.staff
        rng = random.Random(f"{self.seed}/people/{unit.code}")
        return [(f"{first + n + 1:06d}", _person(rng)) for n in range(self.staff)]

    def unit(self, code: str) -> Unit:
        return self._units()[code]

    def _units(self) -> dict[str, Unit]:
        if not hasattr(self, "_by_code"):
            object.__setattr__(self, "_by_code", {u.code: u for u in self.departments + self.branches})
        return self._by_code  # type: ignore[attr-defined]

    def name_of(self, code: str) -> str:
        leaders = {r.code: r.name for r in self.leaders}
        return leaders.get(code) or self.unit(code).name


def company_size(scale: int) -> dict[str, int]:
    return {
        "departments": 15 * scale,
        "blocks": math.ceil(3 * math.sqrt(scale)),
        "branches": 30 * scale,
        "leaders": round(5 * scale**0.3),
    }


def _code(prefix: str, n: int, count: int) -> str:
    return f"{prefix}{n:0{max(2, len(str(count)))}d}"


def _numbered(names: list[str], n: int) -> str:
    base, round_ = names[n % len(names)], n // len(names)
    return base if round_ == 0 else f"{base}（{round_ + 1}）"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _block_names(count: int) -> list[str]:
    return BLOCK_NAMES[:count] + [f"第{n + 1}板塊" for n in range(len(BLOCK_NAMES), count)]


def build_company(scale: int, seed: int = SEED, staff: int = 0) -> Company:
    size = company_size(scale)
    rng = random.Random(f"{seed}/company/{scale}")
    blocks = _block_names(size["blocks"])
    n_dept, n_branch = size["departments"], size["branches"]
    departments = tuple(
        Unit(_code("D", n + 1, n_dept), _numbered(DEPARTMENT_NAMES, n), "department", blocks[n * len(blocks) // n_dept],
             _person(rng), rng.gauss(0, 4))
        for n in range(n_dept)
    )
    branches = tuple(
        Unit(_code("B", n + 1, n_branch), _numbered(BRANCH_NAMES, n) + "黨支部", "branch",
             BRANCH_BLOCKS[n % len(BRANCH_BLOCKS)], _person(rng), rng.gauss(0, 4))
        for n in range(n_branch)
    )
    leaders = tuple(
        Leader(_code("L", n + 1, size["leaders"]), _person(rng), *(LEADER_TITLES[n] if n < len(LEADER_TITLES)
                                                                   else ("副總經理", 1)))
        for n in range(size["leaders"])
    )
    # The default items K01-K10 are owned by D01-D06: the first six departments, whatever their codes.
    items = tuple(Item(code, name, 10, departments[int(owner[1:]) - 1].code) for code, name, owner in DEFAULT_ITEMS)
    return Company(scale, seed, departments, branches, leaders, items, staff)


# ---------------------------------------------------------------- the workbooks to write


@dataclass(frozen=True)
class Job:
    """One inbox workbook: which form, for which period, from whom; `part` numbers a submitter's several files."""

    form: str
    period: str
    submitter: str
    rating_type: str = ""
    part: int = 0

    def file_name(self, company: Company) -> str:
        parts = [label(f"form.{self.form}", LOCALE)]
        if self.rating_type:
            parts.append(label(f"rating.{self.rating_type}", LOCALE))
        parts += [self.period, self.submitter, company.name_of(self.submitter)]
        if self.form in ("democratic", "adjustments", "vetoes", "spot_checks"):
            parts.append(f"{self.part + 1:02d}")
        return "_".join(parts) + ".xlsx"


def plan(company: Company) -> list[Job]:
    """Every form the run expects (contract: 'What is expected from whom'), and some that come as needed."""
    departments = [u.code for u in company.departments]
    branches = [u.code for u in company.branches]
    owners = sorted({i.owner for i in company.items})
    democratic_forms = math.ceil(len(branches) / DEMOCRATIC_ROWS)
    some = math.ceil(math.sqrt(company.scale))  # 1, 4, 10 at 1x, 10x, 100x
    rng = random.Random(f"{company.seed}/plan/{company.scale}")
    jobs = [Job("ratings", PERIOD, b, "service") for b in branches]
    jobs += [Job("ratings", PERIOD, d, "mutual") for d in departments]
    jobs += [Job("ratings", PERIOD, r.code, "leader") for r in company.leaders]
    jobs += [Job("dept_eval", QUARTER, d) for d in owners]
    jobs += [Job("democratic", QUARTER, departments[n], part=n) for n in range(democratic_forms)]
    jobs += [Job("targets", PERIOD, d) for d in departments]
    jobs += [Job("self_eval", QUARTER, b) for b in branches]
    jobs += [Job("adjustments", ("2026-03", "2026-Q1", "2026-02", "2026-01")[n % 4], rng.choice(departments), part=n)
             for n in range(3 * some)]
    jobs += [Job("vetoes", ("2026-03", "2026-Q1")[n % 2], departments[min(3, len(departments) - 1)], part=n)
             for n in range(some)]
    jobs += [Job("spot_checks", ("2026-Q1", "2026-03", "2026-02")[n % 3], rng.choice(departments), part=n)
             for n in range(2 * some)]
    if company.staff:
        jobs += [Job("staff_eval", PERIOD, u.code) for u in company.departments + company.branches]
    return jobs


# ---------------------------------------------------------------- form contents


def _days(period: str) -> list[dt.date]:
    if "Q" in period:
        year, q = int(period[:4]), int(period[-1])
        first, last = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    else:
        year, month = int(period[:4]), int(period[5:])
        first, last = dt.date(year, month, 1), _month_end(year, month)
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _score(rng: random.Random, mean: float, sd: float, low: float, high: float, step: float = 0.1) -> float:
    value = min(high, max(low, rng.gauss(mean, sd)))
    return round(round(value / step) * step, 1)


def _targets(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    quality = company.unit(job.submitter).quality
    header = [label(k, LOCALE) for k in ("targets.category", "targets.target", "targets.points", "targets.progress",
                                         "targets.score")]
    rows = [
        (label(f"target_cat.{category}", LOCALE), target, points, rng.choice(PROGRESS),
         _score(rng, points * (0.9 + quality / 100), points * 0.05, points * 0.5, points))
        for category, target, points in zip(TARGET_CATEGORIES, rng.sample(TARGETS, len(TARGET_POINTS)), TARGET_POINTS)
    ]
    return header, rows


RATING_MEANS = {"leader": (88, 5), "service": (85, 7), "mutual": (90, 4)}


def _ratings(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    header = [label(k, LOCALE) for k in ("ratings.ratee_id", "ratings.ratee_name", "ratings.score", "ratings.note")]
    mean, sd = RATING_MEANS[job.rating_type]
    rows = [
        (d.code, d.name, _score(rng, mean + d.quality, sd, 50, 100), None)
        for d in company.departments
        if not (job.rating_type == "mutual" and d.code == job.submitter)  # one does not rate oneself
    ]
    return header, rows


def _self_eval(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    quality = company.unit(job.submitter).quality
    header = [label(k, LOCALE) for k in ("self_eval.item_id", "self_eval.item_name", "self_eval.points",
                                         "self_eval.score", "self_eval.note")]
    rows = [(i.code, i.name, i.points, _score(rng, i.points * 0.92 + quality / 10, 0.6, i.points * 0.6, i.points, 0.5),
             None) for i in company.items]
    return header, rows


def _dept_eval(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    owned = [i for i in company.items if i.owner == job.submitter]
    header = [label("dept_eval.branch_id", LOCALE), label("dept_eval.branch_name", LOCALE)]
    header += [f"{i.code} {i.name}" for i in owned] + [label("dept_eval.note", LOCALE)]
    rows = [
        (b.code, b.name, *(_score(rng, i.points * 0.85 + b.quality / 8, 0.8, i.points * 0.5, i.points, 0.5)
                           for i in owned), None)
        for b in company.branches
    ]
    return header, rows


def _democratic(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    header = [label(f"democratic.{k}", LOCALE) for k in ("branch_id", "branch_name", "eligible", "present",
                                                          "excellent", "good", "fair", "poor", "abstain")]
    forms = math.ceil(len(company.branches) / DEMOCRATIC_ROWS)
    share = math.ceil(len(company.branches) / forms)
    rows = [(b.code, b.name, *_ballots(rng, b.quality))
            for b in company.branches[job.part * share:(job.part + 1) * share]]
    return header, rows


def _ballots(rng: random.Random, quality: float) -> tuple[int, ...]:
    """應參評, 實參評, 優秀, 良好, 一般, 較差, 棄權: turnout at least 7/8, ballots never more than present."""
    eligible = rng.randint(15, 80)
    present = eligible - rng.randint(0, eligible // 8)
    abstain = rng.randint(0, 2)
    weights = [max(5.0, 55 + 3 * quality), 30, 10, 3]
    votes = Counter(rng.choices(range(4), weights, k=present - abstain))
    return (eligible, present, *(votes[g] for g in range(4)), abstain)


def _adjustments(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    header = [label(k, LOCALE) for k in ("adjustments.unit_id", "adjustments.category", "adjustments.points",
                                         "adjustments.reason", "adjustments.date")]
    units, days = company.departments + company.branches, _days(job.period)
    categories = {"safety": (-5, 3), "business": (-3, 3), "other": (-2, 2)}
    rows = []
    for _ in range(rng.randint(5, 15)):
        category = rng.choice(list(categories))
        low, high = categories[category]
        points = rng.choice([p / 2 for p in range(2 * low, 2 * high + 1) if p])
        rows.append((rng.choice(units).code, label(f"adj_cat.{category}", LOCALE), points, rng.choice(REASONS),
                     rng.choice(days)))
    return header, rows


def _vetoes(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    header = [label(k, LOCALE) for k in ("vetoes.unit_id", "vetoes.category", "vetoes.reason", "vetoes.date",
                                         "vetoes.decided_by")]
    units, days = company.departments + company.branches, _days(job.period)
    rows = [(rng.choice(units).code, rng.choice(VETO_CATEGORIES), "經調查核實，" + rng.choice(REASONS),
             rng.choice(days), company.unit(job.submitter).name) for _ in range(rng.randint(1, 2))]
    return header, rows


def _spot_checks(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    header = [label(k, LOCALE) for k in ("spot_checks.date", "spot_checks.branch_id", "spot_checks.item_id",
                                         "spot_checks.finding", "spot_checks.deduction", "spot_checks.fix_by")]
    days, rows = _days(job.period), []
    for _ in range(rng.randint(10, 30)):
        day = rng.choice(days)
        rows.append((day, rng.choice(company.branches).code, rng.choice(company.items).code, rng.choice(FINDINGS),
                     rng.choice([0.5, 1, 1, 2, 2, 3, 5]), day + dt.timedelta(days=15)))
    return header, rows


def _staff_eval(job: Job, company: Company, rng: random.Random) -> tuple[list[str], list[tuple]]:
    header = [label(f"staff_eval.{k}", LOCALE) for k in ("staff_id", "name", "score", "comment")]
    people = company.people(company.unit(job.submitter))
    return header, [(code, name, _score(rng, 85, 6, 50, 100, 0.5), "") for code, name in people]


CONTENTS = {
    "staff_eval": _staff_eval,
    "targets": _targets, "ratings": _ratings, "self_eval": _self_eval, "dept_eval": _dept_eval,
    "democratic": _democratic, "adjustments": _adjustments, "vetoes": _vetoes, "spot_checks": _spot_checks,
}


def form_info(job: Job, company: Company, rng: random.Random) -> list[tuple[str, object]]:
    """The 填報信息 sheet: labels in column A, values in column B."""
    leader = job.rating_type == "leader"
    rows = [
        (label("form", LOCALE), label(f"form.{job.form}", LOCALE)),
        (label("period", LOCALE), job.period),
        (label("submitter_id", LOCALE), job.submitter),
        (label("info.submitter_rater" if leader else "info.submitter_unit", LOCALE), company.name_of(job.submitter)),
    ]
    if job.rating_type:
        rows.append((label("rating_type", LOCALE), label(f"rating.{job.rating_type}", LOCALE)))
    rows += [
        (label("filled_by", LOCALE), _person(rng)),
        (label("filled_on", LOCALE), dt.date(2026, 3, 25) + dt.timedelta(days=rng.randint(0, 9))),
        (label("version", LOCALE), 1),
    ]
    return rows


# ---------------------------------------------------------------- writing


class Book:
    """An xlsxwriter workbook with the few formats the forms use; codes and names are always written as text."""

    def __init__(self, path: Path):
        self.book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
        self.book.set_properties({"author": "pbbatch benchmark", "created": dt.datetime(2026, 3, 1)})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})

    def sheet(self, name: str, rows: list, bold_row: int | None = None, bold_column: int | None = None) -> None:
        ws = self.book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                bold = r == bold_row or c == bold_column
                self.put(ws, r, c, value, self.bold if bold else None)
        width = max((len(row) for row in rows), default=0)
        ws.set_column(0, max(width - 1, 0), 14)

    def put(self, ws, r: int, c: int, value: object, fmt) -> None:
        if value is None:
            return
        if isinstance(value, str):
            ws.write_string(r, c, value, fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), self.date)
        else:
            ws.write_number(r, c, value, fmt)

    def close(self) -> None:
        self.book.close()


def write_form(path: Path, job: Job, company: Company) -> int:
    """Writes one form workbook; returns its number of data rows."""
    rng = random.Random(f"{company.seed}/{path.name}")
    header, rows = CONTENTS[job.form](job, company, rng)
    title = f"{label(f'form.{job.form}', LOCALE)} {job.period} {job.submitter} {company.name_of(job.submitter)}"
    above = [(title,), ("請在白色儲存格中填寫，灰色儲存格請勿修改。",), ("表頭行請勿刪改。",)]
    book = Book(path)
    book.sheet(label("sheet.form_info", LOCALE), form_info(job, company, rng), bold_column=0)
    book.sheet(label("sheet.data", LOCALE), above + [header] + rows, bold_row=HEADER_ROW)
    book.close()
    return len(rows)


def write_registry(path: Path, company: Company) -> None:
    units = [(u.code, u.name, label(f"kind.{u.kind}", LOCALE), u.block, u.head, label("status.active", LOCALE))
             for u in company.departments + company.branches]
    raters = [(r.code, r.name, r.title, r.weight) for r in company.leaders]
    book = Book(path)
    book.sheet(label("sheet.units", LOCALE),
               [[label(k, LOCALE) for k in ("unit_id", "unit_name", "kind", "block", "head", "status")], *units], 0)
    book.sheet(label("sheet.raters", LOCALE),
               [[label(k, LOCALE) for k in ("rater_id", "name", "title", "weight")], *raters], 0)
    if company.staff:
        people = [(code, name, u.code, "", label("status.active", LOCALE))
                  for u in company.departments + company.branches for code, name in company.people(u)]
        book.sheet(label("sheet.staff", LOCALE),
                   [[label(k, LOCALE) for k in ("staff_id", "name", "unit_id", "post", "status")], *people], 0)
    book.close()


def write_config(path: Path, company: Company) -> None:
    items = "\n".join(
        f'[[branches.items]]\ncode = "{i.code}"\nname = "{i.name}"\npoints = {i.points:g}\nowner = "{i.owner}"\n'
        for i in company.items
    )
    path.write_text(
        f"# A synthetic company at scale {company.scale}, written by benchmarks/generate.py (seed {company.seed}).\n"
        f'[organization]\nname = "長平公司（基準測試 {company.scale}x）"\n\n'
        f'[paths]\ninbox = "{INBOX}"\nregistry = "{REGISTRY}"\noutput = "{OUTPUT}"\nhistory = "{HISTORY}"\n\n'
        f"{items}",
        encoding="utf-8",
    )


_WORKER: dict = {}


def _init_worker(company: Company, inbox: Path) -> None:
    _WORKER.update(company=company, inbox=inbox)


def _write_job(job: Job) -> tuple[str, int, int]:
    company, inbox = _WORKER["company"], _WORKER["inbox"]
    path = inbox / job.file_name(company)
    rows = write_form(path, job, company)
    return job.form, rows, path.stat().st_size


def write_inbox(company: Company, inbox: Path, workers: int) -> list[tuple[str, int, int]]:
    """Writes every planned form; returns (form, data rows, bytes) per workbook."""
    jobs = plan(company)
    inbox.mkdir(parents=True)
    if workers <= 1:
        _init_worker(company, inbox)
        return [_write_job(job) for job in jobs]
    with multiprocessing.get_context("fork").Pool(workers, _init_worker, (company, inbox)) as pool:
        return list(pool.imap_unordered(_write_job, jobs, chunksize=4))


# ---------------------------------------------------------------- the folder


def _clear(out: Path) -> None:
    """Removes what an earlier, unfinished or different generation left: only the things this script writes."""
    for name in (MARKER, CONFIG, REGISTRY):
        (out / name).unlink(missing_ok=True)
    for name in (INBOX, OUTPUT):
        if (out / name).is_dir():
            shutil.rmtree(out / name)


def generate(scale: int, out: Path, workers: int = 2, seed: int = SEED, staff: int = 0) -> dict:
    """Writes the company at `scale` into `out`; returns the facts stored in its marker."""
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    _clear(out)
    company = build_company(scale, seed, staff)
    write_config(out / CONFIG, company)
    write_registry(out / REGISTRY, company)
    written = write_inbox(company, out / INBOX, workers)
    forms = Counter(form for form, _, _ in written)
    facts = {
        "scale": scale, "seed": seed, "staff": staff, **company_size(scale),
        "workbooks": len(written), "rows": sum(rows for _, rows, _ in written),
        "bytes": sum(size for _, _, size in written), "forms": dict(sorted(forms.items())),
        "seconds": round(time.perf_counter() - start, 2), "workers": workers,
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
    }
    write_marker(out, facts)
    return facts


def ensure(scale: int, out: Path, workers: int = 2, seed: int = SEED, force: bool = False, staff: int = 0) -> dict:
    """The marker's facts: from the folder if it is already complete for this scale, else after generating."""
    marker = read_marker(out) or {}
    if not force and is_complete(out, scale) and marker.get("seed") == seed and marker.get("staff", 0) == staff:
        facts = read_marker(out)
        print(f"{out}: already complete for scale {scale}, not regenerated")
        return facts
    facts = generate(scale, out, workers, seed, staff)
    print(describe(facts, out))
    return facts


def describe(facts: dict, out: Path) -> str:
    forms = ", ".join(f"{name} {count}" for name, count in facts["forms"].items())
    return (f"{out}: scale {facts['scale']} ({facts['departments']} departments in {facts['blocks']} blocks, "
            f"{facts['branches']} branches, {facts['leaders']} leaders): {facts['workbooks']:,} workbooks "
            f"({forms}), {facts['rows']:,} data rows, {megabytes(facts['bytes']):,.1f} MB, "
            f"in {facts['seconds']:.1f} s with {facts['workers']} worker(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="1 = one company; 10 and 100 for the stress test")
    parser.add_argument("--out", type=Path, required=True, help="the company's folder (created)")
    parser.add_argument("--workers", type=int, default=min(2, multiprocessing.cpu_count()))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="generate again even if the folder is complete")
    parser.add_argument("--staff", type=int, default=0, help="people per unit, with their 個人考評表 (0: none)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    ensure(args.scale, args.out, args.workers, args.seed, args.force, args.staff)
    return 0


if __name__ == "__main__":
    sys.exit(main())
