"""`pbbatch init`: a ready working folder, with a config.toml that spells out every default."""

from __future__ import annotations

import json
from pathlib import Path

from .config import Config


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) >= 1 or value == 0 else repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def render_config(config: Config, inbox: str = "inbox", output: str = "output", registry: str = "名冊.xlsx",
                  history: str = "output/history.sqlite") -> str:
    """config.toml text with the given paths and every other value from `config`, commented."""
    lines = [
        "# pbbatch configuration. Every key may be left out: it then takes the value shown here.",
        "# Paths are relative to the folder of this file.",
        f"locale = {_toml(config.locale)}                 # zh-Hant | zh-Hans | en: output language",
        "",
        "[organization]",
        f"name = {_toml(config.organization_name)}",
        f"committee = {_toml(config.committee)}",
        "",
        "[paths]",
        f"inbox = {_toml(inbox)}                    # the shared folder that staff drop forms into",
        f"output = {_toml(output)}",
        f"registry = {_toml(registry)}",
        f"history = {_toml(history)}",
        "",
        "[departments.weights]              # must add up to 1",
        *(f"{k} = {_toml(v)}" for k, v in config.department_weights.items()),
        "",
        "[branches]",
        f"rank_by_block = {_toml(config.rank_branches_by_block)}",
        f"low_share = {_toml(config.low_share)}",
        f"reward_amounts = {_toml(list(config.reward_amounts))}",
        "",
        "[branches.weights]                 # must add up to 1",
        *(f"{k} = {_toml(v)}" for k, v in config.branch_weights.items()),
    ]
    for item in config.branch_items:
        lines += ["", "[[branches.items]]", f"code = {_toml(item.code)}", f"name = {_toml(item.name)}",
                  f"points = {_toml(item.points)}", f"owner = {_toml(item.owner)}"]
    lines += [
        "",
        "[banding]",
        f"shares = {_toml(list(config.band_shares))}",
        f"coefficients = {_toml(list(config.band_coefficients))}",
        f"rounding = {_toml(config.band_rounding)}           # half_up | floor | ceil",
        "",
        "[ratings]",
        f"trim_above = {_toml(config.trim_above)}                     # drop one highest and one lowest above this",
        "",
        "[democratic]",
        "points = { " + ", ".join(f"{k} = {_toml(v)}" for k, v in config.democratic_points.items()) + " }",
        f"min_turnout = {_toml(config.min_turnout)}",
        "",
        "[adjustments.caps]                 # per unit, per period, per category: [min, max]",
        *(f"{k} = {_toml(list(v))}" for k, v in config.adjustment_caps.items()),
        "",
        "[veto]",
        f"categories = {_toml(list(config.veto_categories))}",
        "",
        "[limits]                           # checked before a file is read: size, unpacked size, packing ratio",
        f"file_mb = {_toml(config.max_file_mb)}",
        f"unpacked_mb = {_toml(config.max_unpacked_mb)}",
        f"ratio = {_toml(config.max_ratio)}",
        "",
    ]
    return "\n".join(lines)


def create_workspace(folder: Path, config_name: str = "config.toml") -> tuple[list[Path], list[Path]]:
    """Creates what is missing; never overwrites. Returns (created, already there)."""
    from .demo import write_sample_registry

    folder = Path(folder)
    created, existing = [], []
    for sub in ("inbox", "output"):
        path = folder / sub
        (existing if path.exists() else created).append(path)
        path.mkdir(parents=True, exist_ok=True)
    config_path = folder / config_name
    if config_path.exists():
        existing.append(config_path)
    else:
        config_path.write_text(render_config(Config(base_dir=folder)), encoding="utf-8")
        created.append(config_path)
    registry = folder / "名冊.xlsx"
    if registry.exists():
        existing.append(registry)
    else:
        write_sample_registry(registry)
        created.append(registry)
    return created, existing
