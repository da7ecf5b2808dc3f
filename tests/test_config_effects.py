"""Each config.toml key (contract section 5) read from a file and honoured by a run: a non-default value changes
the result as contract sections 2 and 3 say. Expected values are the configured ones; the default's differ."""

from pathlib import Path

from conftest import (
    adjustments,
    democratic,
    dept_eval,
    ratings,
    self_eval,
    targets,
    vetoes,
    write_company,
)
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.run import run
from pbbatch.core.records import ACCEPTED, REJECTED

UNITS = [
    *[[f"D0{i}", f"部門{i}", "黨群部門", "黨務", f"部長{i}", ""] for i in range(1, 6)],
    *[[f"B0{i}", f"支部{i}", "基層黨支部", "", f"書記{i}", ""] for i in range(1, 5)],
]


def configured(tmp_path: Path, toml: str):
    """The small company (D01-D05 in one block, B01-B04) with `toml` in its config.toml (ITEMS as the items)."""
    return load_config(write_company(tmp_path, UNITS, toml + "\n") / "config.toml")


def march(config):
    """Run 2026-03, which ends 2026-Q1: departments and branches."""
    return run(config, Month(2026, 3))


def test_branches_weights(tmp_path):
    """[branches.weights]: Total = wZ·Z + wD·D + wP·P + wC·C + A."""
    config = configured(tmp_path, "[branches.weights]\nself = 1.0\ndepartment = 0.0\ndemocratic = 0.0\n"
                                  "spot_check = 0.0\n")
    self_eval(config.inbox, "B01", {"K01": 38, "K02": 27, "K03": 28})
    self_eval(config.inbox, "B02", {"K01": 36, "K02": 29, "K03": 25})
    out = march(config).branches.ranking.set_index("unit_id")
    assert out.loc[["B01", "B02"], "total"].to_dict() == {"B01": 93.0, "B02": 90.0}  # defaults: 34.3, 34.0


def test_adjustments_caps(tmp_path):
    """[adjustments.caps]: per category, the period's sum is clamped to [min, max]."""
    config = configured(tmp_path, "[adjustments.caps]\nother = [-2, 1]\n")
    adjustments(config.inbox, "D05", [["D01", "其他", 3, "表彰", None], ["D02", "其他", -5, "通報", None],
                                      ["D03", "綜合業務", 4, "表彰", None]])
    out = march(config).departments.ranking.set_index("unit_id")
    # defaults would count 3 and -5; business keeps its default cap [-10, 5]
    assert out.loc[["D01", "D02", "D03"], "adjustment"].to_dict() == {"D01": 1.0, "D02": -2.0, "D03": 4.0}


def test_banding_coefficients(tmp_path):
    """[banding] coefficients: the pay coefficient of bands A, B, C."""
    config = configured(tmp_path, "[banding]\ncoefficients = [1.5, 1.0, 0.5]\n")
    for i, score in enumerate([90, 80, 70, 60, 50], start=1):
        targets(config.inbox, f"D0{i}", [["重點目標", "目標", 100, "", score]])
    out = march(config).departments.ranking.set_index("unit_id")
    # n = 5: a = c = 1
    assert out["band"].to_dict() == {"D01": "A", "D02": "B", "D03": "B", "D04": "B", "D05": "C"}
    assert out["coefficient"].to_dict() == {"D01": 1.5, "D02": 1.0, "D03": 1.0, "D04": 1.0, "D05": 0.5}


def test_ratings_trim_above(tmp_path):
    """[ratings] trim_above: with more raters than this, one highest and one lowest score are dropped."""
    config = configured(tmp_path, "[ratings]\ntrim_above = 2\n")
    ratings(config.inbox, "B01", "服務基層評價", {"D01": 60, "D02": 80})
    ratings(config.inbox, "B02", "服務基層評價", {"D01": 70, "D02": 90})
    ratings(config.inbox, "B03", "服務基層評價", {"D01": 100})
    out = march(config).departments.ranking.set_index("unit_id")
    # D01: 3 raters > 2, so 60 and 100 are dropped (default: mean 76.67); D02: 2 raters, nothing dropped
    assert out.loc[["D01", "D02"], "service"].to_dict() == {"D01": 70.0, "D02": 85.0}


def test_democratic_points(tmp_path):
    """[democratic] points: P = Σ count × grade points / valid ballots."""
    config = configured(tmp_path, "[democratic]\npoints = { excellent = 100, good = 100, fair = 50, poor = 0 }\n")
    democratic(config.inbox, "D01", [["B01", "", 20, 20, 0, 10, 10, 0, 0], ["B02", "", 20, 20, 0, 0, 10, 10, 0]])
    out = march(config).branches.ranking.set_index("unit_id")
    assert out.loc[["B01", "B02"], "democratic"].to_dict() == {"B01": 75.0, "B02": 25.0}  # defaults: 70, 50


def test_democratic_min_turnout(tmp_path):
    """[democratic] min_turnout: turnout at or below it is a warning (the file is still accepted)."""
    config = configured(tmp_path, "[democratic]\nmin_turnout = 0.6\n")
    democratic(config.inbox, "D01", [["B01", "", 10, 6, 0, 6, 0, 0, 0], ["B02", "", 10, 7, 0, 7, 0, 0, 0]])
    outcome = next(o for o in march(config).intake.outcomes if o.form == "democratic")
    assert outcome.status == ACCEPTED
    # B01's 60% is at the minimum (row 2, 實參評人數 in column D); B02's 70% is above; default 0.5 warns neither
    assert [p.cell for p in outcome.problems if p.code == "warn.low_turnout"] == ["D2"]


def test_branches_reward_amounts(tmp_path):
    """[branches] reward_amounts: the reward of ranks 1, 2, 3 (not vetoed)."""
    config = configured(tmp_path, "[branches]\nreward_amounts = [500, 300, 100]\n")
    d = {"B01": [40, 30, 30], "B02": [36, 27, 27], "B03": [32, 24, 24], "B04": [28, 21, 21]}  # D 100, 90, 80, 70
    dept_eval(config.inbox, "D01", ["K01", "K03"], {b: [s[0], s[2]] for b, s in d.items()})
    dept_eval(config.inbox, "D02", ["K02"], {b: [s[1]] for b, s in d.items()})
    out = march(config).branches.ranking.set_index("unit_id")
    assert out["rank"].to_dict() == {"B01": 1, "B02": 2, "B03": 3, "B04": 4}
    assert out["reward"].to_dict() == {"B01": 500, "B02": 300, "B03": 100, "B04": 0}  # defaults: 3000, 2000, 1000


def test_veto_categories(tmp_path):
    """[veto] categories: 否決類別 must be one of them (else an error rejects the file); a veto row vetoes."""
    config = configured(tmp_path, '[veto]\ncategories = ["違紀違法"]\n')
    vetoes(config.inbox, "D05", [["D01", "違紀違法", "違紀", "2026-03-05", "紀委"]], name="veto_new.xlsx")
    vetoes(config.inbox, "D05", [["D02", "安全目標", "事故", "2026-03-06", "安監部"]],
           name="veto_default.xlsx")
    result = march(config)
    seen = {o.file: (o.status, [p.code for p in o.problems])
            for o in result.intake.outcomes if o.form == "vetoes"}
    assert seen["veto_default.xlsx"] == (REJECTED, ["data.unknown_category"])  # a default one, no longer configured
    assert seen["veto_new.xlsx"] == (ACCEPTED, [])
    out = result.departments.ranking.set_index("unit_id")
    assert out.loc[["D01", "D02"], "vetoed"].to_dict() == {"D01": True, "D02": False}
