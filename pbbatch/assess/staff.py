"""Each person's month (contract §9), pure: score, rank and band within the unit, personal coefficient, unit
factor and pay coefficient; at quarter end each person's three months. Nothing here reads or writes: the stored
months come in as the history's "staff" data."""

from __future__ import annotations

import functools

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pbbatch.assess.ranking import band_limits, band_of, ranks_of
from pbbatch.assess.scoring import collect
from pbbatch.core.config import Config
from pbbatch.core.numeric import round_half_up, to_decimal
from pbbatch.core.periods import Month
from pbbatch.core.records import Outcome
from pbbatch.core.registry import BRANCH, Registry
from pbbatch.core.scores import BANDS

if TYPE_CHECKING:
    import pandas as pd

PAY_PLACES = 4
RECORD = ("staff_id", "name", "unit_id", "score", "rank", "band", "personal", "unit_factor", "pay", "missing")


@dataclass(frozen=True)
class StaffMonth:
    month: Month
    people: list[dict]  # one per active person, in print order: RECORD, plus unit_name and kind
    payout: list[dict] | None  # quarter-end: staff_id, name, unit_id, unit_name, pays (by month), mean, gaps, elsewhere
    payroll: list[dict]  # the payroll export's rows: staff_id, name, unit_id, period, pay
    units_draft: bool = False  # the units' results of the run are a 試算稿: every unit factor may still move

    @property
    def draft(self) -> bool:
        """Someone is not scored (the unit's ranks and bands may move once the score is in), or the units'
        coefficients the pay rests on are provisional."""
        return self.units_draft or self.someone_missing

    @property
    def someone_missing(self) -> bool:
        return any(p["missing"] for p in self.people)

    def history_data(self) -> dict[tuple[str, str], list[dict]]:
        """The month's records under "staff", each with the unit the person belonged to that month."""
        return {(str(self.month), "staff"): [{k: p[k] for k in RECORD} for p in self.people]}


@functools.lru_cache(maxsize=1024)  # a handful of (unit, personal) coefficient pairs, 9,000 people
def pay_coefficient(unit_factor: float, personal: float) -> float:
    """unit factor × personal coefficient, rounded half-up to 4 places, in decimal (1.2 × 1.1 is 1.32, not
    1.3200000000000003, and a product ending in 5 rounds up, not to even)."""
    product = to_decimal(unit_factor) * to_decimal(personal)
    return float(product.quantize(Decimal(1).scaleb(-PAY_PLACES), rounding=ROUND_HALF_UP))


def unit_people(scores: list[float | None], config: Config) -> list[tuple[int | None, str | None, float | None]]:
    """(rank, band, personal coefficient) of each of a unit's people, given their scores (None: not scored, and
    then all three are None). Competition rank among the scored, bands by `staff.shares` with ties in the
    person's favour, coefficients from `staff.coefficients`."""
    scored = [s for s in scores if s is not None]
    n = len(scored)
    limits = band_limits(n, config, config.staff_shares)
    ranks = iter(ranks_of([-s for s in scored]))
    coefficients = dict(zip(BANDS, config.staff_coefficients))
    out = []
    for score in scores:
        if score is None:
            out.append((None, None, None))
            continue
        rank = next(ranks)
        band = band_of(rank, False, limits, n)
        out.append((rank, band, coefficients[band]))
    return out


def unit_factors(departments: pd.DataFrame, branches: pd.DataFrame | None) -> dict[str, float]:
    """The unit factor of each unit whose factor is known this run: a department's 薪酬係數 of the month (a
    vetoed one's is band C's, as §3 gives it), and at quarter end a branch's coefficient of its band."""
    factors = dict(zip(departments["unit_id"], map(float, departments["coefficient"])))
    if branches is not None:
        factors |= dict(zip(branches["unit_id"], map(float, branches["coefficient"])))
    return factors


def assess_staff(registry: Registry, config: Config, month: Month, outcomes: list[Outcome],
                 departments: pd.DataFrame, branches: pd.DataFrame | None,
                 stored: dict[str, list[dict]]) -> StaffMonth | None:
    """The people's month, or None when the registry has no 人員 sheet. `branches` is the quarter's branch
    ranking (quarter-end months only); `stored` the history's "staff" records of the quarter's other months."""
    if not registry.has_staff:
        return None
    rows = collect(outcomes, "staff_eval", ["staff_id", "score", "period"])
    scores = {person: float(score) for person, score, period in  # lists: a pandas column yields 1 µs a value
              zip(rows["staff_id"].tolist(), rows["score"].tolist(), rows["period"].tolist()) if period == month}
    factors = unit_factors(departments, branches)
    people = []
    for unit in registry.units_with_staff():
        members = registry.staff_of(unit)
        kind = registry.kind_of(unit)
        factor = factors.get(unit)
        unit_name = registry.name_of(unit)
        unit_scores = [scores.get(p[0]) for p in members]
        results = unit_people(unit_scores, config)
        in_print_order = sorted(range(len(members)), key=lambda i: (results[i][0] is None, results[i][0] or 0, i))
        for i in in_print_order:  # by rank, the unscored last, registry order within a tie
            rank, band, personal = results[i]
            people.append({
                "staff_id": members[i][0], "name": members[i][1], "unit_id": unit, "score": unit_scores[i],
                "rank": rank, "band": band, "personal": personal, "unit_factor": factor,
                "pay": None if personal is None or factor is None else pay_coefficient(factor, personal),
                "missing": rank is None, "unit_name": unit_name, "kind": kind,
            })
    payout = quarter_payout(people, stored, factors, registry, month) if month.ends_quarter else None
    unit_order = {unit[0]: n for n, unit in enumerate(registry.unit_rows)}
    payroll = sorted(payroll_rows(people, payout, month), key=lambda r: unit_order.get(r["unit_id"], len(unit_order)))
    return StaffMonth(month, people, payout, payroll)


def _settled_pay(record: dict | None, factors: dict[str, float]) -> float | None:
    """A stored month's pay coefficient; a branch person's month (its unit factor left for the quarter end) gets
    the factor of that month's branch now."""
    if record is None or record.get("personal") is None:
        return None
    if record.get("pay") is not None:
        return float(record["pay"])
    factor = factors.get(record["unit_id"])
    return None if factor is None else pay_coefficient(factor, record["personal"])


@functools.lru_cache(maxsize=4096)  # people share a handful of pay coefficients, and so their means
def _mean_pay(known: tuple[float, ...]) -> float | None:
    return round_half_up(sum(known) / len(known), PAY_PLACES) if known else None


def quarter_payout(people: list[dict], stored: dict[str, list[dict]], factors: dict[str, float],
                   registry: Registry, month: Month) -> list[dict]:
    """Each person's three months of the quarter and their mean, branch people included: everyone of this month,
    then anyone stored in an earlier month of the quarter but gone now. A month without a pay coefficient is
    listed in `gaps` and left out of the mean."""
    months = [str(m) for m in month.quarter.months]  # `month` is the last
    by_month = [*({r["staff_id"]: r for r in stored.get(m, [])} for m in months[:-1]), {p["staff_id"]: p for p in people}]
    order = dict.fromkeys(p["staff_id"] for p in people)
    for earlier in by_month[:-1]:
        order.update(dict.fromkeys(earlier))
    pays_by_month = [{staff_id: _settled_pay(r, factors) for staff_id, r in records.items()} for records in by_month]
    first, second, last = months
    records_first, records_second, records_last = by_month
    pays_first, pays_second, pays_last = pays_by_month
    unit_name = functools.cache(registry.name_of)
    rows = []
    for staff_id in order:
        found = (records_first.get(staff_id), records_second.get(staff_id), records_last.get(staff_id))
        latest = found[2] or found[1] or found[0]
        pays = {first: pays_first.get(staff_id), second: pays_second.get(staff_id), last: pays_last.get(staff_id)}
        known = tuple(p for p in pays.values() if p is not None)
        unit_id = latest["unit_id"]
        earliest, middle = found[0], found[1]  # the last one, if any, is `latest`
        moved = (earliest is not None and earliest["unit_id"] != unit_id) or (
            middle is not None and middle["unit_id"] != unit_id)
        rows.append({"staff_id": staff_id, "name": latest["name"], "unit_id": unit_id,
                     "unit_name": unit_name(unit_id), "pays": pays, "mean": _mean_pay(known),
                     "gaps": [m for m, p in pays.items() if p is None] if len(known) < len(months) else [],
                     "elsewhere": _elsewhere(months, found, unit_id, unit_name) if moved else [],
                     "records": found})
    return rows


def _elsewhere(months: list[str], found: tuple, unit_id: str, unit_name) -> list[tuple[str, str, str]]:
    """(month, unit_id, unit_name) of each month of the quarter the person spent in another unit: its pay
    rests on that unit's factor."""
    return [(m, r["unit_id"], unit_name(r["unit_id"])) for m, r in zip(months, found)
            if r is not None and r["unit_id"] != unit_id]


def payroll_rows(people: list[dict], payout: list[dict] | None, month: Month) -> list[dict]:
    """What the payroll export holds: each department person's month; at quarter end also each branch person's
    months of the quarter (their unit factor is known only now). Only settled pay coefficients."""
    this_month = str(month)
    rows = [{"staff_id": p["staff_id"], "name": p["name"], "unit_id": p["unit_id"], "period": this_month,
             "pay": p["pay"]}
            for p in people if p["kind"] != BRANCH and p["pay"] is not None]
    for person in payout or []:
        for m, record in zip(person["pays"], person["records"]):  # both by the quarter's months
            branch_month = record is not None and record.get("personal") is not None and (
                record.get("kind") == BRANCH if m == this_month else record.get("unit_factor") is None)
            if branch_month and person["pays"][m] is not None:
                rows.append({"staff_id": person["staff_id"], "name": record["name"], "unit_id": record["unit_id"],
                             "period": m, "pay": person["pays"][m]})
    return rows
