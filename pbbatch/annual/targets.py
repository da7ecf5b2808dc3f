"""The responsibility letters (contract section 7) compared with the year's results: each target of a letter
scored in full, in part or not at all over the months it was assessed, from the target scores each run stores
("target_scores"). Read only when §7's letters of the year are stored ("targets")."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from pbbatch.core.catalogue import fold
from pbbatch.core.numeric import round_half_up
from pbbatch.annual.stored import YearInput

FULL, PART, NONE, NO_RESULT = "full", "part", "none", "no_result"
COLUMNS = ["unit_id", "category", "target", "points", "months", "scored", "score", "possible", "outcome",
           "unscored"]


def letter_months(value: object) -> list[int]:
    """The months a letter row names: 全年 / all, '1-6', '3,6,9,12', or a list of them."""
    if isinstance(value, (list, tuple)):
        return sorted({m for v in value for m in letter_months(v)})
    if isinstance(value, (int, float)) and float(value).is_integer():
        return [int(value)] if 1 <= int(value) <= 12 else []
    text = "".join(unicodedata.normalize("NFKC", str(value)).split()).casefold()
    if text in ("全年", "all", "") or fold(text) == fold("全年"):
        return list(range(1, 13))
    months: set[int] = set()
    for part in re.split(r"[,，、;；]", text.replace("月", "")):
        bounds = re.fullmatch(r"(\d{1,2})(?:[-~至到](\d{1,2}))?", part)
        if bounds:
            first, last = int(bounds[1]), int(bounds[2] or bounds[1])
            months |= {m for m in range(first, last + 1) if 1 <= m <= 12}
    return sorted(months)


def letter_results(stored: YearInput) -> pd.DataFrame:
    scores: dict[tuple[str, str, int], float] = {}
    for month, rows in stored.target_scores.items():
        for r in rows:
            scores[(str(r["unit_id"]), fold(r["target"]), int(month[-2:]))] = float(r["score"])
    out = []
    for row in stored.letters or []:
        unit, target, points = str(row["unit_id"]), str(row["target"]), float(row["points"])
        months = letter_months(row.get("months", "全年"))
        got = {m: scores[(unit, fold(target), m)] for m in months if (unit, fold(target), m) in scores}
        possible = points * len(got)
        score = sum(got.values())
        outcome = (NO_RESULT if not got else FULL if all(v >= points for v in got.values())
                   else NONE if score == 0 else PART)
        out.append({"unit_id": unit, "category": str(row.get("category", "")), "target": target, "points": points,
                    "months": months, "scored": sorted(got), "score": round_half_up(score, 2),
                    "possible": round_half_up(possible, 2), "outcome": outcome,
                    "unscored": [m for m in months if m not in got]})
    return pd.DataFrame(out, columns=COLUMNS)
