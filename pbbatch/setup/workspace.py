"""`pbbatch init`: a ready working folder, with a config.toml that spells out every default."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pbbatch.core.catalogue import DEFAULT_LOCALE, label, message
from pbbatch.core.config import Config
from pbbatch.setup.demo import simplified, write_sample_registry


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
    """config.toml text with the given paths and every other value from `config`, commented in its locale."""
    def note(code: str) -> str:
        return message(code, config.locale)

    lines = [
        f"# {note('init.header')}",
        f"# {note('init.paths')}",
        f"locale = {_toml(config.locale)}                 # {note('init.locale')}",
        "",
        "[organization]",
        f"name = {_toml(config.organization_name)}",
        f"committee = {_toml(config.committee)}",
        "",
        "[paths]",
        f"inbox = {_toml(inbox)}                    # {note('init.inbox')}",
        f"output = {_toml(output)}",
        f"registry = {_toml(registry)}",
        f"history = {_toml(history)}",
        "",
        f"[departments.weights]              # {note('init.weights')}",
        *(f"{k} = {_toml(v)}" for k, v in config.department_weights.items()),
        "",
        "[branches]",
        f"rank_by_block = {_toml(config.rank_branches_by_block)}",
        f"low_share = {_toml(config.low_share)}",
        f"reward_amounts = {_toml(list(config.reward_amounts))}",
        "",
        f"[branches.weights]                 # {note('init.weights')}",
        *(f"{k} = {_toml(v)}" for k, v in config.branch_weights.items()),
        "",
        f"# {note('init.items')}",
    ]
    for item in config.branch_items:
        lines += ["[[branches.items]]", f"code = {_toml(item.code)}", f"name = {_toml(item.name)}",
                  f"points = {_toml(item.points)}", f"owner = {_toml(item.owner)}", ""]
    lines += [
        "[banding]",
        f"shares = {_toml(list(config.band_shares))}",
        f"coefficients = {_toml(list(config.band_coefficients))}",
        f"rounding = {_toml(config.band_rounding)}           # {note('init.rounding')}",
        "",
        "[ratings]",
        f"trim_above = {_toml(config.trim_above)}                     # {note('init.trim')}",
        "",
        "[democratic]",
        "points = { " + ", ".join(f"{k} = {_toml(v)}" for k, v in config.democratic_points.items()) + " }",
        f"min_turnout = {_toml(config.min_turnout)}",
        "",
        f"[adjustments.caps]                 # {note('init.caps')}",
        *(f"{k} = {_toml(list(v))}" for k, v in config.adjustment_caps.items()),
        "",
        "[veto]",
        f"categories = {_toml(list(config.veto_categories))}",
        "",
        f"[limits]                           # {note('init.limits')}",
        f"file_mb = {_toml(config.max_file_mb)}",
        f"unpacked_mb = {_toml(config.max_unpacked_mb)}",
        f"ratio = {_toml(config.max_ratio)}",
        f"rows = {_toml(config.max_rows)}                       # {note('init.limits_rows')}",
        f"columns = {_toml(config.max_columns)}                      # {note('init.limits_columns')}",
        f"cells = {_toml(config.max_cells)}                    # {note('init.limits_cells')}",
        f"problems = {_toml(config.max_problems)}                     # {note('init.limits_problems')}",
        "",
        f"[targets]                          # {note('init.targets')}",
        f"require_letter = {_toml(config.require_letter)}",
        "",
        f"[rectification]                    # {note('init.rectification')}",
        f"default_days = {_toml(config.fix_default_days)}",
        f"overdue_deduction = {_toml(config.overdue_deduction)}",
        f"require_verification = {_toml(config.require_verification)}",
        "",
        f"[staff]                            # {note('init.staff')}",
        f"shares = {_toml(list(config.staff_shares))}",
        f"coefficients = {_toml(list(config.staff_coefficients))}",
        "",
        f"[annual]                           # {note('init.annual')}",
        f"excellent_departments = {_toml(config.excellent_departments)}",
        f"advanced_branches = {_toml(config.advanced_branches)}",
        f"excellent_staff = {_toml(config.excellent_staff)}",
        f"max_c_months = {_toml(config.max_c_months)}",
        "",
        "[site]",
        f"title = {_toml(config.site_title)}",
        "",
    ]
    return "\n".join(lines)


def sample_config(folder: Path, locale: str) -> Config:
    """The default config in `locale`; in Simplified its names (company, items, veto categories) are too."""
    config = Config(base_dir=folder, locale=locale)
    if locale != "zh-Hans":
        return config
    return dataclasses.replace(
        config, organization_name=simplified(config.organization_name), committee=simplified(config.committee),
        branch_items=tuple(dataclasses.replace(i, name=simplified(i.name)) for i in config.branch_items),
        veto_categories=tuple(simplified(c) for c in config.veto_categories),
        site_title=simplified(config.site_title))


def create_workspace(folder: Path, config_name: str = "config.toml",
                     locale: str = DEFAULT_LOCALE) -> tuple[list[Path], list[Path]]:
    """Creates what is missing, config comments and sample registry in `locale`; never overwrites. Returns
    (created, already there)."""
    folder = Path(folder)
    registry_name = label("file.registry", locale) + ".xlsx"
    created, existing = [], []
    for sub in ("inbox", "output"):
        path = folder / sub
        (existing if path.exists() else created).append(path)
        path.mkdir(parents=True, exist_ok=True)
    config_path = folder / config_name
    if config_path.exists():
        existing.append(config_path)
    else:
        config_path.write_text(render_config(sample_config(folder, locale), registry=registry_name), encoding="utf-8")
        created.append(config_path)
    registry = folder / registry_name
    if registry.exists():
        existing.append(registry)
    else:
        write_sample_registry(registry, locale)
        created.append(registry)
    return created, existing
