"""The history store keeps, besides results and briefs, named data per period (rules, findings, people...)."""

import pandas as pd

from pbbatch.history.store import COLUMNS, load, load_data, remove_period, replace_periods


def _results(period, *units):
    return pd.DataFrame([{"period": period, "unit_id": u, "rank": i + 1, "total": 90.0 - i, "band": "B",
                          "coefficient": 1.0, "vetoed": False, "low": False, "last": False, "head": "王"}
                         for i, u in enumerate(units)], columns=COLUMNS)


def test_named_data_is_stored_with_its_period_and_replaced_with_it(tmp_path):
    store = tmp_path / "h.sqlite"
    replace_periods(store, _results("2026-03", "D01"), "run",
                    data={("2026-03", "rules"): {"weights": [0.4, 0.6]}, ("2026-03", "staff"): [{"id": "0012"}]})
    replace_periods(store, _results("2026-04", "D01"), "run", data={("2026-04", "rules"): {"weights": [1.0]}})
    assert load_data(store, "rules") == {"2026-03": {"weights": [0.4, 0.6]}, "2026-04": {"weights": [1.0]}}
    assert load_data(store, "rules", ["2026-04", "2026-05"]) == {"2026-04": {"weights": [1.0]}}
    assert load_data(store, "staff") == {"2026-03": [{"id": "0012"}]}

    replace_periods(store, _results("2026-03", "D01", "D02"), "run", data={("2026-03", "rules"): {"weights": []}})
    assert load_data(store, "staff") == {}  # the period stored again no longer has it
    assert load_data(store, "rules", ["2026-03"]) == {"2026-03": {"weights": []}}

    assert remove_period(store, "2026-03") == 2
    assert load_data(store, "rules") == {"2026-04": {"weights": [1.0]}}
    assert list(load(store, ["2026-03", "2026-04"]).period) == ["2026-04"]


def test_no_store_no_data(tmp_path):
    assert load_data(tmp_path / "none.sqlite", "rules") == {}
    assert not (tmp_path / "none.sqlite").exists()
