"""Rounding and number parsing. Python's round() is banker's rounding; the contract wants half-up."""

from __future__ import annotations

import math
import unicodedata
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

_NOISE = Decimal("1e-9")
# The largest magnitude any number in a form or the registry may have: far above every real score, count or
# weight, and far enough below the float limit that no sum, product or mean of them overflows.
NUMBER_BOUND = 1_000_000
_MODES = {"half_up": ROUND_HALF_UP, "floor": ROUND_FLOOR, "ceil": ROUND_CEILING}


def to_decimal(x: float | int | Decimal) -> Decimal:
    """A float's intended decimal value: 0.1 * 3 -> 0.3, 2.675 -> 2.675 (not 2.67499...)."""
    if isinstance(x, Decimal):
        return x
    return Decimal(repr(float(x))).quantize(_NOISE, rounding=ROUND_HALF_EVEN)


def round_half_up(x: float, places: int = 2) -> float:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return x
    step = Decimal(1).scaleb(-places)
    return float(to_decimal(x).quantize(step, rounding=ROUND_HALF_UP))


def round_count(share: float, n: int, mode: str = "half_up") -> int:
    """share * n rounded to a whole count, exactly (0.1 * 30 is 3, not 3.0000000000000004)."""
    return int((to_decimal(share) * n).quantize(Decimal(1), rounding=_MODES[mode]))


def parse_number(value: object) -> float | None:
    """A cell as a number: floats as they are, text such as ' ８５ ' or '1,000' too. None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, str):
        s = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        if not s:
            return None
        try:
            number = float(s)
        except ValueError:
            return None
        return None if math.isnan(number) or math.isinf(number) else number
    return None


def display_number(x: float) -> str:
    """85.0 -> '85', 85.5 -> '85.5': for messages quoting a number back."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))
