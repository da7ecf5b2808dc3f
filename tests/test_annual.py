"""The year (contract section 10): annual scores, ranks and bands from the stored history, every reason a unit
or person cannot be awarded, and the awards' quotas with ties."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from conftest import write_registry
from pbbatch.annual.awards import eligibility_text, quota
from pbbatch.annual.stored import YearInput, load_year, months_of
from pbbatch.annual.year import assess_year
from pbbatch.core.config import default_config
from pbbatch.history import store as history
from pbbatch.intake.registry_file import load_registry

DEPTS = [["D01", "組織部", "黨群部門", "黨務", "王明", ""], ["D02", "宣傳部", "黨群部門", "黨務", "李華", ""],
         ["D03", "黨委辦", "黨群部門", "黨務", "陳一", ""], ["D04", "工會", "黨群部門", "群團", "張強", ""],
         ["D05", "團委", "黨群部門", "群團", "劉二", ""]]


def branches(n: int) -> list[list[str]]:
    return [[f"B{i:02d}", f"第{i}支部", "基層黨支部", "", f"書記{i}", ""] for i in range(1, n + 1)]


@pytest.fixture
def company(tmp_path):
    def make(units=DEPTS + branches(5), **settings):
        write_registry(tmp_path / "名冊.xlsx", units=units)
        config = dataclasses.replace(default_config(tmp_path), **settings)
        return config, load_registry(config.registry)
    return make


def row(period, unit, total, band="B", vetoed=False, rank=1, low=False, last=False, head=""):
    return {"period": period, "unit_id": unit, "rank": rank, "total": total, "band": "C" if vetoed else band,
            "coefficient": None, "vetoed": vetoed, "low": low or vetoed, "last": last or vetoed, "head": head}


def months(unit, totals: dict[int, float] | float, year=2026, **kw):
    if not isinstance(totals, dict):
        totals = dict.fromkeys(range(1, 13), totals)
    return [row(f"{year}-{m:02d}", unit, t, **kw) for m, t in totals.items()]


def quarters(unit, totals: dict[int, float] | float, year=2026, head=None, **kw):
    if not isinstance(totals, dict):
        totals = dict.fromkeys(range(1, 5), totals)
    return [row(f"{year}-Q{q}", unit, t, head=head or f"書記{int(unit[1:])}", **kw) for q, t in totals.items()]


def year_of(rows, **data) -> YearInput:
    return YearInput(2026, pd.DataFrame(rows, columns=history.COLUMNS), **data)


def plain_company(exclude=()):
    rows = []
    for unit, total in (("D01", 90), ("D02", 85), ("D03", 80), ("D04", 88), ("D05", 84)):
        if unit not in exclude:
            rows += months(unit, total)
    for i, total in enumerate((92, 90, 86, 84, 80), start=1):
        if f"B{i:02d}" not in exclude:
            rows += quarters(f"B{i:02d}", total)
    return rows


def by_id(frame):
    return {r["unit_id"] if "staff_id" not in r else r["staff_id"]: r for r in frame.to_dict("records")}


def text(r, locale="zh-Hant"):
    return eligibility_text(r["reasons"], locale)


def test_a_month_without_a_stored_result_is_flagged_and_left_out_of_the_mean(company):
    config, registry = company()
    rows = plain_company(exclude=("D01",)) + months("D01", {m: 90.0 for m in range(1, 13) if m not in (4, 7)} | {1: 80.01})
    year = assess_year(registry, config, year_of(rows))
    d01 = by_id(year.departments)["D01"]
    assert d01["missing"] == ["2026-04", "2026-07"]
    assert d01["total"] == 89.0  # (80.01 + 9 × 90) / 10 = 89.001, half-up to 2 places
    assert d01["totals"]["2026-04"] is None and d01["totals"]["2026-01"] == 80.01
    assert by_id(year.departments)["D02"]["missing"] == []


def test_departments_rank_within_their_block_and_band_271(company):
    config, registry = company()
    year = assess_year(registry, config, year_of(plain_company()))
    d = by_id(year.departments)
    assert [(d[u]["rank"], d[u]["band"]) for u in ("D01", "D02", "D03")] == [(1, "A"), (2, "B"), (3, "B")]  # round(0.3) = 0 C places
    assert [(d[u]["rank"], d[u]["band"]) for u in ("D04", "D05")] == [(1, "B"), (2, "B")]  # round(0.4) = 0 places
    b = by_id(year.branches)
    assert [b[f"B0{i}"]["rank"] for i in range(1, 6)] == [1, 2, 3, 4, 5]


def test_a_unit_vetoed_in_the_year_ranks_after_the_others_in_band_c(company):
    config, registry = company()
    rows = plain_company(exclude=("D01",)) + months("D01", {m: 95.0 for m in range(1, 13) if m != 5})
    rows.append(row("2026-05", "D01", 95.0, vetoed=True))
    d = by_id(assess_year(registry, config, year_of(rows)).departments)
    assert d["D01"]["total"] == 95.0 and d["D01"]["vetoed"]
    assert (d["D01"]["rank"], d["D01"]["band"]) == (3, "C") and d["D02"]["rank"] == 1


def test_a_veto_is_a_reason_with_its_category_or_without_one_when_seeded(company):
    config, registry = company()
    rows = plain_company(exclude=("D01", "D02")) + months("D01", 95.0) + months("D02", 90.0)
    rows = [r for r in rows if (r["period"], r["unit_id"]) not in {("2026-05", "D01"), ("2026-03", "D02")}]
    rows += [row("2026-05", "D01", 95.0, vetoed=True), row("2026-03", "D02", 90.0, vetoed=True)]
    vetoes = {"2026-05": [{"unit_id": "D01", "category": "安全目標", "date": "2026-05-12"},
                          {"unit_id": "D04", "category": "精神文明", "date": "2026-05-20"}]}
    d = by_id(assess_year(registry, config, year_of(rows, vetoes=vetoes)).departments)
    assert text(d["D01"]) == "不能評優：2026-05 一票否決（安全目標）"
    assert text(d["D01"], "zh-Hans") == "不能评优：2026-05 一票否决（安全目标）"
    assert text(d["D01"], "en") == "Not eligible: 2026-05 one-vote veto (safety target)"
    assert text(d["D02"]) == "不能評優：2026-03 一票否決"  # a seeded veto: no category stored
    assert text(d["D04"]) == "可評優"  # a veto row of a period whose result is not vetoed is not a veto


def test_a_department_banded_c_in_more_than_max_c_months_is_not_eligible(company):
    config, registry = company(max_c_months=2)
    rows = plain_company(exclude=("D01", "D02"))
    rows += months("D01", {m: 95.0 for m in range(1, 13)}, band="A")
    rows += months("D02", 90.0)
    for r in rows:
        if r["unit_id"] == "D01" and r["period"] in ("2026-02", "2026-06", "2026-09"):
            r["band"] = "C"
        if r["unit_id"] == "D02" and r["period"] in ("2026-02", "2026-06"):
            r["band"] = "C"
    year = assess_year(registry, config, year_of(rows))
    d = by_id(year.departments)
    assert text(d["D01"]) == "不能評優：檔次 C 共 3 次（2026-02、2026-06、2026-09），超過 2 次"
    assert text(d["D02"]) == "可評優"  # exactly max_c_months is allowed
    assert not d["D01"]["award"] and d["D02"]["award"]  # the quota passes to the first eligible


def test_a_branch_with_an_admonishment_or_a_removal_in_the_year_is_not_eligible(company):
    config, registry = company()
    rows = plain_company(exclude=("B01", "B02"))
    # B01 last in 2025-Q3, 2025-Q4 and 2026-Q1 under one secretary: removal in 2026-Q1.
    rows += quarters("B01", {3: 70.0, 4: 70.0}, year=2025, last=True, low=True)
    rows += quarters("B01", {1: 70.0}, last=True, low=True) + quarters("B01", {2: 99.0, 3: 99.0, 4: 99.0})
    # B02 low in 2026-Q2 and Q3: admonishment in Q3. A new secretary in Q3 would break it (B03 below).
    rows += quarters("B02", {1: 91.0, 4: 91.0}) + quarters("B02", {2: 91.0, 3: 91.0}, low=True)
    year = assess_year(registry, config, year_of(rows))
    b = by_id(year.branches)
    assert text(b["B01"]) == "不能評優：2026-Q1 崗位淘汰"
    assert text(b["B02"]) == "不能評優：2026-Q3 誡勉談話"
    assert text(b["B02"], "en") == "Not eligible: 2026-Q3 admonishment talk"
    assert text(b["B03"]) == "可評優"


def test_a_new_secretary_breaks_the_streak_so_the_branch_stays_eligible(company):
    config, registry = company()
    rows = plain_company(exclude=("B02",))
    rows += quarters("B02", {1: 91.0, 4: 91.0}) + quarters("B02", {2: 91.0}, low=True)
    rows += quarters("B02", {3: 91.0}, low=True, head="新書記")
    assert text(by_id(assess_year(registry, config, year_of(rows)).branches)["B02"]) == "可評優"


def test_ties_at_the_quota_are_all_awarded(company):
    config, registry = company(excellent_departments=1)
    rows = plain_company(exclude=("D01", "D02", "D04", "D05")) + months("D01", 90.0) + months("D02", 90.0)
    rows += months("D04", 88.0) + months("D05", 88.0)
    d = by_id(assess_year(registry, config, year_of(rows)).departments)
    assert d["D01"]["rank"] == d["D02"]["rank"] == 1
    assert d["D01"]["award"] and d["D02"]["award"] and not d["D03"]["award"]
    assert d["D04"]["award"] and d["D05"]["award"]  # one per block, ties included


def test_a_tie_just_below_an_ineligible_unit_is_awarded_whole(company):
    config, registry = company(excellent_departments=1)
    rows = plain_company(exclude=("D01", "D02", "D03")) + months("D01", 95.0) + months("D02", 90.0)
    rows += months("D03", 90.0)
    rows = [r for r in rows if (r["period"], r["unit_id"]) != ("2026-01", "D01")] + [row("2026-01", "D01", 95.0, vetoed=True)]
    d = by_id(assess_year(registry, config, year_of(rows)).departments)
    assert not d["D01"]["award"] and d["D02"]["award"] and d["D03"]["award"]


@pytest.mark.parametrize("setting, n, expected", [(0.2, 10, 2), (0.25, 10, 3), (0.2, 2, 0), (3, 10, 3), (1, 10, 1),
                                                   (5, 3, 5)])
def test_a_quota_below_1_is_a_share_and_from_1_a_count(setting, n, expected):
    assert quota(setting, n, "half_up") == expected


def test_advanced_branches_as_a_share_or_as_a_count(company):
    units = DEPTS + branches(10)
    rows = plain_company(exclude=[f"B0{i}" for i in range(1, 6)])
    for i in range(1, 11):
        rows += quarters(f"B{i:02d}", 100.0 - i)
    config, registry = company(units=units, advanced_branches=0.2)
    awarded = [u for u, r in by_id(assess_year(registry, config, year_of(rows)).branches).items() if r["award"]]
    assert awarded == ["B01", "B02"]
    config, registry = company(units=units, advanced_branches=3)
    awarded = [u for u, r in by_id(assess_year(registry, config, year_of(rows)).branches).items() if r["award"]]
    assert awarded == ["B01", "B02", "B03"]
    config, registry = company(units=units, advanced_branches=0.15, band_rounding="floor")
    awarded = [u for u, r in by_id(assess_year(registry, config, year_of(rows)).branches).items() if r["award"]]
    assert awarded == ["B01"]  # 1.5 of 10, rounded as banding.rounding


def staff(month, staff_id, unit, score, band="B", missing=False, name=None):
    return {"staff_id": staff_id, "name": name or f"員工{staff_id}", "unit_id": unit, "score": score, "rank": 1,
            "band": band, "personal": 1.0, "unit_factor": 1.0, "pay": 1.0, "missing": missing}


def test_people_rank_within_the_unit_of_their_latest_month_on_their_mean_score(company):
    config, registry = company(excellent_staff=0.3)
    data: dict[str, list[dict]] = {}
    for m in months_of(2026):
        data[m] = [staff(m, "S1", "D01", 90), staff(m, "S2", "D01", 88), staff(m, "S3", "D01", 88),
                   staff(m, "S5", "D01", 70)]
        data[m].append(staff(m, "S4", "D02" if m < "2026-07" else "D01", 95))
    data["2026-03"][1] = staff("2026-03", "S2", "D01", None, missing=True)
    year = assess_year(registry, config, year_of(plain_company(), staff=data))
    s = by_id(year.staff)
    assert s["S2"]["missing"] == ["2026-03"] and s["S2"]["total"] == 88.0
    assert [(u, s[u]["rank"]) for u in ("S4", "S1", "S2", "S3", "S5")] == [("S4", 1), ("S1", 2), ("S2", 3),
                                                                        ("S3", 3), ("S5", 5)]
    assert s["S4"]["unit_id"] == "D01" and s["S4"]["units"] == ["D02", "D01"]
    assert s["S4"]["moved"].render("zh-Hant") == "年內所在單位：D02 宣傳部、D01 組織部；按最後所在單位 D01 組織部 排名"
    assert s["S1"]["moved"] is None
    # 0.3 of 5 people: 2 (half-up of 1.5)
    assert [u for u in ("S4", "S1", "S2", "S3", "S5") if s[u]["award"]] == ["S4", "S1"]


def test_a_person_banded_c_too_often_or_whose_unit_was_vetoed_is_not_eligible(company):
    config, registry = company(excellent_staff=1)
    rows = plain_company(exclude=("D02",)) + months("D02", {m: 85.0 for m in range(1, 13) if m != 5})
    rows.append(row("2026-05", "D02", 85.0, vetoed=True))
    rows = plain_company(exclude=("D02", "B01")) + [r for r in rows if r["unit_id"] == "D02"]
    rows += quarters("B01", {1: 90.0, 3: 90.0, 4: 90.0}) + quarters("B01", {2: 90.0}, vetoed=True)
    vetoes = {"2026-05": [{"unit_id": "D02", "category": "精神文明", "date": "2026-05-02"}]}
    data = {m: [staff(m, "S1", "D01", 95, band="C" if m in ("2026-01", "2026-02", "2026-03") else "A"),
                staff(m, "S2", "D01", 80),
                staff(m, "S3", "D02" if m <= "2026-05" else "D01", 85),
                staff(m, "S6", "D02" if m >= "2026-06" else "D01", 85),
                staff(m, "S7", "B01", 85)] for m in months_of(2026)}
    s = by_id(assess_year(registry, config, year_of(rows, vetoes=vetoes, staff=data)).staff)
    assert text(s["S1"]) == "不能評優：檔次 C 共 3 次（2026-01、2026-02、2026-03），超過 2 次"
    assert text(s["S3"]) == "不能評優：所在單位 D02 宣傳部 2026-05 一票否決（精神文明）"
    assert text(s["S6"]) == "可評優"  # joined D02 after its veto
    assert text(s["S7"]) == "不能評優：所在單位 B01 第1支部 2026-Q2 一票否決"
    assert s["S2"]["award"] and not s["S1"]["award"]


def test_every_unit_and_person_has_an_eligibility_line(company):
    config, registry = company()
    rows = plain_company(exclude=("D05",))
    year = assess_year(registry, config, year_of(rows, staff={"2026-01": [staff("2026-01", "S1", "D01", None, missing=True)]}))
    lines = [text(r) for f in (year.departments, year.branches, year.staff) for r in f.to_dict("records")]
    assert len(lines) == 5 + 5 + 1 and all(lines)
    assert text(by_id(year.departments)["D05"]) == "不能評優：全年無考核結果"
    assert by_id(year.departments)["D05"]["rank"] is None
    assert text(by_id(year.staff)["S1"]) == "不能評優：全年無考核結果"


def test_the_year_reads_back_what_the_store_holds(company, tmp_path):
    config, registry = company()
    rows = plain_company() + quarters("B01", {3: 70.0, 4: 70.0}, year=2025)
    history.replace_periods(config.history, pd.DataFrame(rows), "test",
                            data={("2026-05", "vetoes"): [{"unit_id": "D01", "category": "安全目標", "date": "2026-05-12"}],
                                  ("2026-05", "staff"): [staff("2026-05", "S1", "D01", 90)]})
    stored = load_year(config.history, 2026)
    assert set(stored.results["period"]) == set(months_of(2026)) | {f"2026-Q{q}" for q in range(1, 5)} | {"2025-Q3", "2025-Q4"}
    assert stored.vetoes["2026-05"][0]["category"] == "安全目標" and list(stored.staff) == ["2026-05"]
    assert stored.letters is None


def test_people_of_a_unit_closed_during_the_year_are_left_out_with_it(company):
    """B05 closed (撤銷) after June: it has no annual rank, and neither have its people, nor an award; someone who
    moved from it to an open unit is ranked there."""
    units = DEPTS + branches(4) + [["B05", "第5支部", "基層黨支部", "", "書記5", "撤銷"]]
    config, registry = company(units=units, excellent_staff=1)
    data = {m: [staff(m, "S1", "D01", 80)] for m in months_of(2026)}
    for m in months_of(2026)[:6]:
        data[m] += [staff(m, "S8", "B05", 95), staff(m, "S9", "B05", 90)]
    for m in months_of(2026)[6:]:
        data[m].append(staff(m, "S9", "D01", 90))
    year = assess_year(registry, config, year_of(plain_company(), staff=data))
    assert "B05" not in by_id(year.branches)
    s = by_id(year.staff)
    assert set(s) == {"S1", "S9"} and s["S9"]["unit_id"] == "D01" and s["S9"]["rank"] == 1
