"""A unit's totals and ranks over time as an inline SVG line chart (no script): two panels on one time axis, the
total above, the rank below with 1 at the top and the largest number of units ranked with it at the bottom."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, LEFT, RIGHT, PANEL, GAP, TOP, BOTTOM = 660, 60, 40, 120, 48, 34, 30


@dataclass(frozen=True)
class Point:
    period: str
    total: float | None
    rank: int | None
    band: str | None
    ranked: int = 0  # how many units were ranked with it: the rank axis runs from 1 to the largest


def _total_scale(values: list[float]) -> tuple[float, float]:
    """A range in steps of 5 around the totals, at least 10 wide: totals crowd 80-100, a 0-100 axis flattens them."""
    low, high = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    if high - low < 10:
        high = low + 10
    return low, high


def _panel(values: list[float | None], low: float, high: float, top: float, inverted: bool) -> list[float | None]:
    span = (high - low) or 1
    return [None if v is None else round(top + PANEL * ((v - low) / span if inverted else (high - v) / span), 1)
            for v in values]


def _lines(xs: list[float], ys: list[float | None]) -> list[str]:
    """Polyline point lists, broken where a period has no value."""
    lines, current = [], []
    for x, y in zip(xs, ys):
        if y is None:
            lines, current = lines + ([current] if len(current) > 1 else []), []
        else:
            current.append(f"{x},{y}")
    lines += [current] if len(current) > 1 else []
    return [" ".join(c) for c in lines]


def chart(points: list[Point], title: str, total_label: str, rank_label: str) -> Markup | None:
    """The SVG, or None when there is nothing to draw. Built here rather than in a template, for speed (one per
    unit page); every text goes through escape()."""
    totals = [p.total for p in points if p.total is not None]
    ranks = [p.rank for p in points if p.rank is not None]
    if not totals and not ranks:
        return None
    n = len(points)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)
    xs = [round(LEFT + (i * step if n > 1 else (WIDTH - LEFT - RIGHT) / 2), 1) for i in range(n)]
    low, high = _total_scale(totals or [0.0])
    worst = max([*ranks, *(p.ranked for p in points), 2])
    rank_top = TOP + PANEL + GAP
    height = rank_top + PANEL + BOTTOM
    total_ys = _panel([p.total for p in points], low, high, TOP, inverted=False)
    rank_ys = _panel([p.rank for p in points], 1, worst, rank_top, inverted=True)
    right = WIDTH - RIGHT
    out = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}">']
    for top, name, best, last, ys, cls in ((TOP, total_label, f"{high:g}", f"{low:g}", total_ys, "total"),
                                           (rank_top, rank_label, "1", str(worst), rank_ys, "rank")):
        bottom = top + PANEL
        out += [f'<line class="grid" x1="{LEFT}" y1="{top}" x2="{right}" y2="{top}"/>',
                f'<line class="axis" x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
                f'<line class="axis" x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{bottom}"/>',
                f'<text x="4" y="{top - 16}">{escape(name)}</text>',
                f'<text x="{LEFT - 6}" y="{top + 4}" text-anchor="end">{best}</text>',
                f'<text x="{LEFT - 6}" y="{bottom + 4}" text-anchor="end">{last}</text>']
        out += [f'<polyline class="{cls}" points="{line}"/>' for line in _lines(xs, ys)]
    label_every = max(1, math.ceil(n / 12))  # at most a dozen period labels on the axis
    for i, (x, p, ty, ry) in enumerate(zip(xs, points, total_ys, rank_ys)):
        period, band = escape(p.period), escape(p.band or "")
        for y, text, name in ((ty, None if p.total is None else f"{p.total:.2f}", total_label),
                              (ry, None if p.rank is None else str(p.rank), rank_label)):
            if y is not None:
                out += [f'<circle class="band-{band}" cx="{x}" cy="{y}" r="4"><title>{period} {escape(name)} '
                        f'{text} {band}</title></circle>',
                        f'<text x="{x}" y="{y - 8}" text-anchor="middle">{text}</text>']
        if i % label_every == 0 or i == n - 1:
            out.append(f'<text x="{x}" y="{rank_top + PANEL + 18}" text-anchor="middle">{period}</text>')
    out.append("</svg>")
    return Markup("\n".join(out))
