"""config.toml: every key has a default; unknown keys and bad values are errors that name the key."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pbbatch.core.catalogue import DEFAULT_LOCALE, LOCALES
from pbbatch.core.errors import Message, PbbatchError
from pbbatch.core.numeric import display_number, to_decimal


class ConfigError(PbbatchError):
    """A config problem. A subclass because the command line must tell it apart: it is shown before any config
    gives the locale, so it carries its own: `locale` is the one the file asks for (or the default), None when
    the file could not be read, and then `shown()` says each message in Chinese and in English."""

    def __init__(self, messages: list[Message], locale: str | None = None):
        super().__init__(messages)
        self.locale = locale

    def shown(self) -> list[str]:
        if self.locale is not None:
            return self.render(self.locale)
        return [text for m in self.messages for text in (m.render(DEFAULT_LOCALE), m.render("en"))]


DEFAULT_ITEMS = [
    ("K01", "政治建設", "D01"),
    ("K02", "思想建設", "D02"),
    ("K03", "組織建設", "D01"),
    ("K04", "作風建設", "D03"),
    ("K05", "紀律建設", "D04"),
    ("K06", "制度建設", "D01"),
    ("K07", "黨風廉政建設", "D04"),
    ("K08", "精神文明建設", "D02"),
    ("K09", "群團工作", "D05"),
    ("K10", "安全生產保障", "D06"),
]


@dataclass(frozen=True)
class BranchItem:
    code: str
    name: str
    points: float
    owner: str


@dataclass(frozen=True)
class Config:
    base_dir: Path
    locale: str = DEFAULT_LOCALE
    organization_name: str = "長平公司"
    committee: str = "中共長平公司委員會"
    inbox: Path = Path("inbox")
    output: Path = Path("output")
    registry: Path = Path("名冊.xlsx")
    history: Path = Path("output/history.sqlite")
    department_weights: dict[str, float] = field(
        default_factory=lambda: {"target": 0.40, "leader": 0.30, "service": 0.15, "mutual": 0.15}
    )
    rank_branches_by_block: bool = False
    low_share: float = 0.1
    reward_amounts: tuple[float, float, float] = (3000, 2000, 1000)
    branch_weights: dict[str, float] = field(
        default_factory=lambda: {"self": 0.10, "department": 0.40, "democratic": 0.25, "spot_check": 0.25}
    )
    branch_items: tuple[BranchItem, ...] = tuple(BranchItem(c, n, 10, o) for c, n, o in DEFAULT_ITEMS)
    band_shares: tuple[float, float, float] = (0.2, 0.7, 0.1)
    band_coefficients: tuple[float, float, float] = (1.2, 1.0, 0.8)
    band_rounding: str = "half_up"
    trim_above: int = 5
    democratic_points: dict[str, float] = field(
        default_factory=lambda: {"excellent": 100, "good": 80, "fair": 60, "poor": 40}
    )
    min_turnout: float = 0.5
    adjustment_caps: dict[str, tuple[float, float]] = field(
        default_factory=lambda: {"safety": (-20, 5), "business": (-10, 5), "other": (-10, 5)}
    )
    veto_categories: tuple[str, ...] = ("三違幫教", "精神文明", "安全目標")
    max_file_mb: float = 20  # [limits]: checked before any parser sees a file
    max_unpacked_mb: float = 200
    max_ratio: float = 200
    max_rows: int = 10_000  # data rows a form may hold; its sheets may span 100 rows more
    max_columns: int = 200  # columns a sheet may span
    max_cells: int = 2_000_000  # cells all the sheets of a workbook may span together
    max_problems: int = 200  # problems kept per file; the rest are counted in one last line
    require_letter: bool = False  # [targets] §7
    fix_default_days: int = 30  # [rectification] §8
    overdue_deduction: float = 2
    require_verification: bool = True
    staff_shares: tuple[float, float, float] = (0.2, 0.7, 0.1)  # [staff] §9
    staff_coefficients: tuple[float, float, float] = (1.1, 1.0, 0.9)
    excellent_departments: int = 1  # [annual] §10: per block
    advanced_branches: float = 0.2  # below 1 a share of the branches, else a whole count
    excellent_staff: float = 0.1  # below 1 a share of each unit's people, else a whole count
    max_c_months: int = 2
    site_title: str = "黨建信息網"  # [site] §11


def _resolved(config: Config) -> Config:
    from dataclasses import replace

    base = config.base_dir
    return replace(
        config,
        inbox=base / config.inbox,
        output=base / config.output,
        registry=base / config.registry,
        history=base / config.history,
    )


def default_config(base_dir: Path) -> Config:
    return _resolved(Config(base_dir=Path(base_dir)))


class _Reader:
    """Walks the TOML tables, taking known keys and collecting every problem before failing."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.problems: list[Message] = []
        self.seen: set[str] = set()

    def fail(self, code: str, /, **fields: Any) -> None:
        self.problems.append(Message(code, **fields))

    def get(self, key: str, default: Any) -> Any:
        self.seen.add(key)
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def text(self, key: str, default: str) -> str:
        value = self.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail("config.not_text", key=key)
            return default
        return value.strip()

    def number(self, key: str, default: float, low: float | None = None, high: float | None = None) -> float:
        value = self.get(key, default)
        return self.check_number(key, value, default, low, high)

    def check_number(self, key: str, value: Any, default: float, low: float | None, high: float | None) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail("config.not_number", key=key)
            return default
        if not math.isfinite(value):  # TOML reads `nan` and `inf`; NaN passes any `<` or `>` check
            self.fail("config.not_finite", key=key, value=value)
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail("config.range", key=key, low=low, high="∞" if high is None else high)
            return default
        return float(value)

    def whole(self, key: str, default: int, low: int) -> int:
        value = self.number(key, default, low)
        if not float(value).is_integer():
            self.fail("config.range", key=key, low=low, high="∞")
            return default
        return int(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            self.fail("config.not_bool", key=key)
            return default
        return value

    def choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.get(key, default)
        if value not in choices:
            self.fail("config.choice", key=key, choices=", ".join(choices))
            return default
        return value

    def numbers(self, key: str, default: tuple, count: int | None, low: float | None = None) -> tuple[float, ...]:
        value = self.get(key, list(default))
        if not isinstance(value, list) or (count is not None and len(value) != count) or not value:
            self.fail("config.not_list", key=key, count=count if count is not None else "1+")
            return tuple(default)
        return tuple(self.check_number(f"{key}[{i}]", v, 0.0, low, None) for i, v in enumerate(value))

    def weights(self, key: str, default: dict[str, float]) -> dict[str, float]:
        out = {name: self.number(f"{key}.{name}", value, 0, 1) for name, value in default.items()}
        total = sum(to_decimal(v) for v in out.values())
        if total != 1:
            self.fail("config.sum_to_one", key=key, total=display_number(float(total)))
        return out

    def unknown_keys(self, node: Any = None, prefix: str = "") -> None:
        node = self.data if node is None else node
        for name, value in node.items():
            key = f"{prefix}{name}"
            if key in self.seen:
                continue
            if isinstance(value, dict) and any(s.startswith(key + ".") for s in self.seen):
                self.unknown_keys(value, key + ".")
            else:
                self.fail("config.unknown_key", key=key)


def load_config(path: Path | str) -> Config:
    path = Path(path)
    where = {"name": path.name, "folder": path.resolve().parent}
    # Before the file is read its locale is unknown: these are said in Chinese and in English (no locale).
    if not path.is_file():
        raise ConfigError([Message("config.not_found", **where)])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError([Message("config.syntax", **where, detail=str(exc))]) from None
    except OSError as exc:
        raise ConfigError([Message("config.unreadable", **where, detail=exc.strerror or str(exc))]) from None
    return parse_config(data, path.resolve().parent)


def parse_config(data: dict[str, Any], base_dir: Path) -> Config:
    defaults = Config(base_dir=base_dir)
    r = _Reader(data)
    locale = r.choice("locale", DEFAULT_LOCALE, LOCALES)
    caps = {}
    for name, (low, high) in defaults.adjustment_caps.items():
        key = f"adjustments.caps.{name}"
        pair = r.numbers(key, (low, high), 2)
        if pair[0] > pair[1]:
            r.fail("config.cap_order", key=key)
        caps[name] = (pair[0], pair[1])
    config = Config(
        base_dir=base_dir,
        locale=locale,
        organization_name=r.text("organization.name", defaults.organization_name),
        committee=r.text("organization.committee", defaults.committee),
        inbox=Path(r.text("paths.inbox", str(defaults.inbox))),
        output=Path(r.text("paths.output", str(defaults.output))),
        registry=Path(r.text("paths.registry", str(defaults.registry))),
        history=Path(r.text("paths.history", str(defaults.history))),
        department_weights=r.weights("departments.weights", defaults.department_weights),
        rank_branches_by_block=r.boolean("branches.rank_by_block", defaults.rank_branches_by_block),
        low_share=r.number("branches.low_share", defaults.low_share, 0, 1),
        reward_amounts=r.numbers("branches.reward_amounts", defaults.reward_amounts, 3, 0),
        branch_weights=r.weights("branches.weights", defaults.branch_weights),
        branch_items=_items(r, defaults.branch_items),
        band_shares=_shares(r, "banding.shares", defaults.band_shares),
        band_coefficients=r.numbers("banding.coefficients", defaults.band_coefficients, 3, 0),  # type: ignore[arg-type]
        band_rounding=r.choice("banding.rounding", defaults.band_rounding, ("half_up", "floor", "ceil")),
        trim_above=r.whole("ratings.trim_above", defaults.trim_above, 2),
        democratic_points={
            name: r.number(f"democratic.points.{name}", value, 0, 100)
            for name, value in defaults.democratic_points.items()
        },
        min_turnout=r.number("democratic.min_turnout", defaults.min_turnout, 0, 1),
        adjustment_caps=caps,
        veto_categories=_texts(r, "veto.categories", defaults.veto_categories),
        max_file_mb=r.number("limits.file_mb", defaults.max_file_mb, 0.001),
        max_unpacked_mb=r.number("limits.unpacked_mb", defaults.max_unpacked_mb, 0.001),
        max_ratio=r.number("limits.ratio", defaults.max_ratio, 1),
        max_rows=r.whole("limits.rows", defaults.max_rows, 1),
        max_columns=r.whole("limits.columns", defaults.max_columns, 1),
        max_cells=r.whole("limits.cells", defaults.max_cells, 1),
        max_problems=r.whole("limits.problems", defaults.max_problems, 1),
        require_letter=r.boolean("targets.require_letter", defaults.require_letter),
        fix_default_days=r.whole("rectification.default_days", defaults.fix_default_days, 1),
        overdue_deduction=r.number("rectification.overdue_deduction", defaults.overdue_deduction, 0, 100),
        require_verification=r.boolean("rectification.require_verification", defaults.require_verification),
        staff_shares=_shares(r, "staff.shares", defaults.staff_shares),
        staff_coefficients=r.numbers("staff.coefficients", defaults.staff_coefficients, 3, 0),  # type: ignore[arg-type]
        excellent_departments=r.whole("annual.excellent_departments", defaults.excellent_departments, 0),
        advanced_branches=_quota(r, "annual.advanced_branches", defaults.advanced_branches),
        excellent_staff=_quota(r, "annual.excellent_staff", defaults.excellent_staff),
        max_c_months=r.whole("annual.max_c_months", defaults.max_c_months, 0),
        site_title=r.text("site.title", defaults.site_title),
    )
    r.unknown_keys()
    if r.problems:
        raise ConfigError(r.problems, locale)  # a bad locale is DEFAULT_LOCALE by now
    return _resolved(config)


def _shares(r: _Reader, key: str, default: tuple[float, float, float]) -> tuple[float, float, float]:
    shares = r.numbers(key, default, 3, 0)
    total = sum(to_decimal(v) for v in shares)
    if len(shares) == 3 and total != 1:
        r.fail("config.sum_to_one", key=key, total=display_number(float(total)))
    return shares  # type: ignore[return-value]


def _quota(r: _Reader, key: str, default: float) -> float:
    """An award quota: a share of the candidates when below 1, else a whole number of them."""
    value = r.number(key, default, 0)
    if value >= 1 and not float(value).is_integer():
        r.fail("config.quota", key=key)
        return default
    return value


def _texts(r: _Reader, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = r.get(key, list(default))
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
        or len({v.strip() for v in value}) != len(value)
    ):
        r.fail("config.not_text_list", key=key)
        return default
    return tuple(v.strip() for v in value)


def _items(r: _Reader, default: tuple[BranchItem, ...]) -> tuple[BranchItem, ...]:
    raw = r.get("branches.items", None)
    if raw is None:
        return default
    if not isinstance(raw, list) or not raw or not all(isinstance(i, dict) for i in raw):
        r.fail("config.not_table", key="branches.items")
        return default
    items = []
    for n, entry in enumerate(raw):
        prefix = f"branches.items[{n}]"
        for name in entry:
            if name not in ("code", "name", "points", "owner"):
                r.fail("config.unknown_key", key=f"{prefix}.{name}")
        values = {}
        for name in ("code", "name", "owner"):
            v = entry.get(name)
            if not isinstance(v, str) or not v.strip():
                r.fail("config.missing_key" if v is None else "config.not_text", key=f"{prefix}.{name}")
                v = "?"
            values[name] = v.strip()
        points = r.check_number(f"{prefix}.points", entry.get("points"), 0.0, 0, 100)
        items.append(BranchItem(values["code"], values["name"], points, values["owner"]))
    codes = [i.code.upper() for i in items]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        r.fail("config.items_duplicate", code=code)
    total = sum(to_decimal(i.points) for i in items)
    if total != 100:
        r.fail("config.items_sum", total=display_number(float(total)))
    return tuple(items)
