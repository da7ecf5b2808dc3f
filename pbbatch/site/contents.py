"""What the site shows, read from the history store: results, the stored briefs' data and the named data the
site may show. A run's site is built before its commit, from the store overlaid with what the run is about to
store (overlaid), so that a failed run leaves both the store and the site as they were."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from pbbatch.history import store

# The named data the site reads (§11). Never "staff" (§9): individual people's scores and pay stay off the site.
SITE_DATA = ("rules", "vetoes", "findings", "receipts", "checks", "targets", "target_scores", "annual")


@dataclass(frozen=True)
class Contents:
    results: pd.DataFrame  # store.COLUMNS, every stored period
    sources: dict[str, str]  # period -> store.RUN_SOURCE or the imported file's name
    briefs: dict[tuple[str, str], dict] = field(default_factory=dict)  # (period, kind) -> the brief's data
    data: dict[str, dict[str, object]] = field(default_factory=dict)  # name (SITE_DATA) -> period -> data

    def named(self, name: str) -> dict[str, object]:
        return self.data.get(name, {})

    @cached_property
    def records(self) -> list[dict]:
        """The results as plain rows (NaN as None), by period then rank: what every page reads, made once."""
        frame = self.results.sort_values(["period", "rank", "unit_id"], kind="stable", na_position="last")
        return [{k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
                for r in frame.to_dict("records")]

    @cached_property
    def by_period(self) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for r in self.records:
            grouped.setdefault(r["period"], []).append(r)
        return grouped

    @cached_property
    def brief_units(self) -> dict[str, dict[str, dict]]:
        """Each stored brief's rows by period and unit, each with `ranked`: how many units it was ranked with
        (its block's, for the departments)."""
        found: dict[str, dict[str, dict]] = {}
        for (period, _), brief in self.briefs.items():
            groups = brief.get("blocks") or [{"rows": brief.get("rows", [])}]
            found[period] = {r["unit_id"]: {**r, "ranked": len(g["rows"])} for g in groups for r in g["rows"]}
        return found

    @cached_property
    def latest_blocks(self) -> dict[str, str]:
        """Each department's block, as its latest stored brief says."""
        found: dict[str, str] = {}
        for period in sorted(self.brief_units):
            found.update((u, r["block"]) for u, r in self.brief_units[period].items() if r.get("block"))
        return found

    @cached_property
    def by_unit(self) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for r in self.records:
            grouped.setdefault(r["unit_id"], []).append(r)
        return grouped


def load_contents(path: Path) -> Contents:
    stored = store.stored_periods(path)
    periods = list(stored["period"])
    return Contents(
        results=store.load(path, periods),
        sources=dict(zip(stored["period"], stored["source"])),
        briefs=store.load_briefs(path),
        data={name: store.load_data(path, name) for name in SITE_DATA},
    )


def overlaid(contents: Contents, results: pd.DataFrame, source: str, briefs: list[dict] = (),
             data: dict[tuple[str, str], object] | None = None) -> Contents:
    """`contents` as the store will hold them once store.replace_periods(path, results, source, briefs, data)
    has run: every period of `results` and `data` replaced whole, with its old data gone."""
    data = dict(data or {})
    periods = set(results["period"]) | {period for period, _ in data}
    kept = contents.results[~contents.results["period"].isin(periods)]
    frame = results.reindex(columns=store.COLUMNS)
    merged = frame if kept.empty else pd.concat([kept, frame], ignore_index=True)
    named = {name: {p: v for p, v in by_period.items() if p not in periods} for name, by_period in contents.data.items()}
    for (period, name), value in data.items():
        if name in SITE_DATA:
            named.setdefault(name, {})[period] = value
    return Contents(
        results=merged.reset_index(drop=True),
        sources={**contents.sources, **dict.fromkeys(sorted(periods), source)},
        briefs={**contents.briefs, **{(b["period"], b["kind"]): b for b in briefs}},
        data={name: dict(sorted(by_period.items())) for name, by_period in named.items()},
    )
