"""The validator's per-cell fast path gives exactly what the full check gives, for any cell whatever."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pbbatch.core.config import default_config
from pbbatch.core.forms import FORMS
from pbbatch.core.periods import Month
from pbbatch.core.records import Context, Outcome
from pbbatch.intake.cells import SLOW, Sheet, choice_maps, reader_for
from pbbatch.intake.checks import CellRefs, Checker

CONTEXT = Context(registry=None, config=default_config(Path("/nonexistent")), month=Month(2026, 3))
# One column of each shape a reader tells apart: kind, kept or not, required or not, choices of its own or config's.
COLUMNS = list({(c.kind, c.kept, c.required, bool(c.choices)): (spec, c) for spec in FORMS.values()
                for c in (*spec.columns, *filter(None, [spec.item_scores]))}.values())
FULL_WIDTH = str.maketrans("0123456789.-+", "０１２３４５６７８９．－＋")
REF = "C7"  # the cell under test, also listed as hidden (an error cell that reads blank) where the sheet has any

spaces = st.sampled_from(["", " ", "  ", "\t", "\n", "\u3000", "\xa0", "\u2003"])
number_text = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers().map(str),
                        st.sampled_from(["1,000", "1e6", "1000000.01", "-0", "nan", "inf", "85", "0x10", "１２"]))
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "Zs", "Zl", "Zp"))),
    st.tuples(spaces, number_text, spaces).map("".join),
    st.tuples(spaces, number_text.map(lambda t: t.translate(FULL_WIDTH)), spaces).map("".join),
    st.sampled_from(["重點目標", " 重点目标 ", "key", "三違幫教", "安全目標 ", "2026-03-05", "2026年3月5日", "D01"]),
)
cells = st.one_of(
    st.just(""), st.none(), spaces,
    st.floats(), st.floats(min_value=-2e6, max_value=2e6), st.sampled_from([1e6, -1e6, 1e6 + 1e-9, -0.0, 1e308]),
    st.integers(), st.booleans(), texts,
    st.dates(), st.datetimes(), st.times(),
)


def same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return a == b


@pytest.mark.parametrize("spec, column", COLUMNS, ids=lambda x: getattr(x, "key", getattr(x, "name", "")))
@settings(max_examples=200)
@given(raw=cells, hidden=st.booleans())
@example(raw=" x ", hidden=False)
@example(raw=1e6 + 1, hidden=False)
def test_the_fast_path_gives_what_the_full_check_gives(spec, column, raw, hidden):
    reader = reader_for(column)
    outcome = Outcome(file="f.xlsx")
    check = Checker(outcome, CONTEXT)
    sheet = Sheet("數據", check, choice_maps(spec, check), {REF: ("error", "#N/A")} if hidden else {})
    fast = reader.fast_for(column, sheet)(raw)
    if fast is SLOW:
        return
    full = reader.full(column, raw, CellRefs(6, {column.key: 2}), column.key, sheet)
    assert same(fast, full) and outcome.problems == [], (fast, full, outcome.problems)


def test_common_cells_take_the_fast_path():
    """The property above is empty if everything went the slow way: the cells of the benchmark's bulk do not."""
    ratings = FORMS["ratings"]
    check = Checker(Outcome(file="f.xlsx"), CONTEXT)
    sheet = Sheet("數據", check, {}, {})
    score, ratee, note = (ratings.column(k) for k in ("score", "ratee_id", "note"))
    assert reader_for(score).fast_for(score, sheet)(85.5) == 85.5
    assert reader_for(ratee).fast_for(ratee, sheet)("D01") == "D01"
    assert reader_for(note).fast_for(note, sheet)("") is None
    assert reader_for(note).fast_for(note, Sheet("數據", check, {}, {REF: ("error", "#N/A")}))("") is SLOW
    day = FORMS["vetoes"].column("date")
    assert reader_for(day).fast_for(day, sheet)(dt.date(2026, 3, 1)) is SLOW
