"""The branches' output tables and the quarterly payout, in the output locale (no I/O here)."""

from __future__ import annotations

import pandas as pd

from pbbatch.assess.branches import BranchQuarter
from pbbatch.core.catalogue import label, message
from pbbatch.core.config import Config
from pbbatch.core.numeric import round_half_up
from pbbatch.core.registry import Registry
from pbbatch.core.scores import BRANCH_SCORES

RANKING_COLUMNS = [
    "rank", "unit_id", "unit_name", "head", "self", "department", "democratic", "spot_check", "adjustment",
    "total", "vetoed", "band", "reward", "low", "admonish", "removal", "missing",
]
SCORE_COLUMNS = list(BRANCH_SCORES)


def _yes(flag, locale: str) -> str:
    return label("yes", locale) if bool(flag) else ""


def branch_ranking(result: BranchQuarter, locale: str, by_block: bool) -> pd.DataFrame:
    """The 排名 sheet; when the branches are ranked within 板塊 (`by_block`), it starts with the 板塊 column."""
    r = result.ranking
    frame = pd.DataFrame({
        **({"block": r["block"]} if by_block else {}),
        "rank": r["rank"], "unit_id": r["unit_id"], "unit_name": r["unit_name"], "head": r["head"],
        **{c: r[c] for c in SCORE_COLUMNS},
        "vetoed": [_yes(v, locale) for v in r["vetoed"]], "band": r["band"],
        "reward": [amount or None for amount in r["reward"]],  # blank, like the flags, when there is none
        **{flag: [_yes(v, locale) for v in r[flag]] for flag in ("low", "admonish", "removal")},
        "missing": ["、".join(label(f"out.{c}", locale) for c in m) for m in r["missing"]],
    })
    frame.columns = [label(f"out.{k}", locale) for k in (["block"] if by_block else []) + RANKING_COLUMNS]
    return frame


def score_decimals(locale: str) -> dict[str, int]:
    return {label(f"out.{c}", locale): 2 for c in SCORE_COLUMNS} | {label("out.reward", locale): 0}


def item_scores(result: BranchQuarter, registry: Registry, config: Config, locale: str) -> pd.DataFrame:
    """Per branch and key work item: the points, the branch's own score and the owner department's, side by side."""
    own = _by_unit_and_item(result.self_eval, "submitter_id")
    dept = _by_unit_and_item(result.dept_eval, "branch_id")
    nothing = (None, "")
    rows = []
    for unit_id, name in zip(result.ranking["unit_id"], result.ranking["unit_name"]):
        for item in config.branch_items:
            key = (unit_id, item.code)
            rows.append((unit_id, name, item.code, item.name, item.points, *own.get(key, nothing),
                         *dept.get(key, nothing), f"{item.owner} {registry.name_of(item.owner)}".strip()))
    keys = ["out.unit_id", "out.unit_name", "item.code", "item.name", "item.points", "item.self", "item.self_file",
            "item.department", "item.department_file", "item.owner"]
    return pd.DataFrame(rows, columns=[label(k, locale) for k in keys])


def _by_unit_and_item(rows: pd.DataFrame, unit_column: str) -> dict[tuple[str, str], tuple[float, str]]:
    """(unit, item) -> (score, file); a form lists an item once, so the pairs are unique."""
    return {(u, i): (score, file) for u, i, score, file
            in zip(rows[unit_column], rows["item_id"], rows["score"].tolist(), rows["file"])}


def democratic_table(result: BranchQuarter, registry: Registry, locale: str) -> pd.DataFrame:
    t = result.democratic.reset_index()
    counts = ["eligible", "present", "excellent", "good", "fair", "poor", "abstain"]
    frame = pd.DataFrame({
        label("out.unit_id", locale): t["branch_id"],
        label("out.unit_name", locale): t["branch_id"].map(registry.name_of),
        **{label(f"democratic.{c}", locale): t[c] for c in counts},
        label("tally.valid", locale): t["valid"],
        label("tally.turnout", locale): t["turnout"].map(lambda x: None if pd.isna(x) else f"{x:.1%}"),
        label("out.democratic", locale): t["democratic"].map(round_half_up),  # as printed in 排名
        label("detail.file", locale): t["files"],
    })
    return frame


def finding_text(row: dict, locale: str) -> str:
    """A finding as written, or an overdue deduction's line naming its 整改編號 (rectify.status.overdue_lines)."""
    if not row.get("overdue_id"):
        return row["finding"]
    return message("rect.overdue_line", locale, finding_id=row["overdue_id"], deadline=_iso(row["fix_by"]),
                   finding=row["finding"])


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def findings_table(result: BranchQuarter, registry: Registry, locale: str) -> pd.DataFrame:
    t = result.spot_checks.sort_values(["branch_id", "date"], kind="stable")
    return pd.DataFrame({
        label("detail.date", locale): t["date"],
        label("out.unit_id", locale): t["branch_id"],
        label("out.unit_name", locale): t["branch_id"].map(registry.name_of),
        label("item.code", locale): t["item_id"],
        label("finding.finding", locale): [finding_text(f, locale) for f in t.to_dict("records")],
        label("finding.deduction", locale): t["deduction"],
        label("finding.fix_by", locale): t["fix_by"],
        label("detail.submitter", locale): t["submitter_id"],
        label("detail.file", locale): t["file"],
        label("detail.row", locale): t["row"],
    })


def consequences_table(result: BranchQuarter, locale: str) -> pd.DataFrame:
    """Each reward, 誡勉談話 and 崗位淘汰, with the quarters, ranks and secretary behind it."""
    rows = []
    for r in result.ranking.itertuples(index=False):
        if r.reward:
            basis = message("consequence.basis_row", locale, quarter=result.quarter, rank=r.rank, head=r.head)
            rows.append((r.unit_id, r.unit_name, r.head, label("out.reward", locale), f"{r.reward:g}", basis))
        for flag in ("admonish", "removal"):
            if getattr(r, flag):
                basis = "；".join(message("consequence.basis_row", locale, quarter=q, rank=rank, head=head)
                                 for q, rank, head in r.basis)
                rows.append((r.unit_id, r.unit_name, r.head, label(f"out.{flag}", locale), "", basis))
    keys = ["out.unit_id", "out.unit_name", "out.head", "consequence.kind", "out.reward", "consequence.basis"]
    return pd.DataFrame(rows, columns=[label(k, locale) for k in keys])


def payout_table(payout: pd.DataFrame, ranking: pd.DataFrame, locale: str) -> pd.DataFrame:
    months = [c for c in payout.columns if c not in ("unit_id", "mean", "defaulted")]
    names = ranking.set_index("unit_id")
    return pd.DataFrame({
        label("out.block", locale): payout["unit_id"].map(names["block"]),
        label("out.unit_id", locale): payout["unit_id"],
        label("out.unit_name", locale): payout["unit_id"].map(names["unit_name"]),
        **{m: payout[m] for m in months},
        label("payout.mean", locale): payout["mean"],
        label("payout.note", locale): [
            message("payout.defaulted", locale, months="、".join(d)) if d else "" for d in payout["defaulted"]
        ],
    })
