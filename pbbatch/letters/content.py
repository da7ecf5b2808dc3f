"""What one department's responsibility letter says, every text made here in the locale; html.py and word.py
only lay it out."""

from __future__ import annotations

from dataclasses import dataclass

from pbbatch.core.catalogue import label, message
from pbbatch.core.config import Config
from pbbatch.core.forms import TARGET_CATEGORIES
from pbbatch.core.month_lists import describe_months
from pbbatch.core.numeric import display_number
from pbbatch.core.registry import Registry
from pbbatch.core.rules_text import percent
from pbbatch.intake.letters import Letters

COLUMNS = ("letter.col.no", "letter.col.target", "letter.col.points", "letter.col.months", "letter.col.standard",
           "letter.col.owner")
WIDTHS = (8, 28, 8, 16, 28, 12)  # shares of the table's width: the months column holds "1-2,4-5,7-8,10-11" on one line


@dataclass(frozen=True)
class Category:
    heading: str
    rows: tuple[tuple[str, ...], ...]  # per target: the COLUMNS' texts


@dataclass(frozen=True)
class Letter:
    unit_id: str
    title: str
    parties: tuple[tuple[str, str], ...]  # (label with its colon, who)
    intro: str
    targets_heading: str
    columns: tuple[str, ...]
    categories: tuple[Category, ...]
    rules_heading: str
    rules: tuple[str, ...]
    signatures_heading: str
    signatures: tuple[tuple[str, ...], ...]  # per party: its lines
    year: int


def letter_of(unit_id: str, letters: Letters, registry: Registry, config: Config) -> Letter:
    locale = config.locale
    name, head = registry.name_of(unit_id), _head_of(registry, unit_id)
    unit = f"{name}（{unit_id}）" if locale != "en" else f"{name} ({unit_id})"
    colon = "：" if locale != "en" else ": "
    all_word = label("months.all", locale)
    categories, number = [], 0
    for key in TARGET_CATEGORIES:
        category = key.split(".")[1]
        targets = [t for t in letters.of(unit_id) if t.category == category]
        if not targets:
            continue
        rows = []
        for t in targets:
            number += 1
            rows.append((str(number), t.target, display_number(t.points), describe_months(t.months, all_word),
                         t.standard, t.owner))
        categories.append(Category(message("letter.category", locale, category=label(key, locale),
                                           count=len(targets)), tuple(rows)))
    return Letter(
        unit_id=unit_id,
        title=message("letter.title", locale, org=config.organization_name, year=letters.year),
        parties=((label("letter.party_a", locale) + colon, config.committee),
                 (label("letter.party_b", locale) + colon, unit),
                 (label("letter.head", locale) + colon, head)),
        intro=message("letter.intro", locale, committee=config.committee, unit=name, year=letters.year),
        targets_heading=label("letter.targets", locale),
        columns=tuple(label(c, locale) for c in COLUMNS),
        categories=tuple(categories),
        rules_heading=label("letter.rules", locale),
        rules=_rules(config),
        signatures_heading=label("letter.signatures", locale),
        signatures=(
            (label("letter.party_a", locale) + colon + config.committee, label("letter.seal", locale),
             label("letter.signature", locale), label("letter.date", locale)),
            (label("letter.party_b", locale) + colon + name, label("letter.head", locale) + colon + head,
             label("letter.signature", locale), label("letter.date", locale)),
        ),
        year=letters.year,
    )


def _rules(config: Config) -> tuple[str, ...]:
    locale = config.locale
    weights = {k: display_number(v) for k, v in config.department_weights.items()}
    shares = [percent(s) for s in config.band_shares]
    ratio = ":".join(display_number(round(s * 10, 6)) for s in config.band_shares)
    coefficients = [percent(c) for c in config.band_coefficients]  # 120%, as the source document and the briefs
    return (
        message("letter.rule_weights", locale, **weights),
        message("letter.rule_bands", locale, ratio=ratio, a=shares[0], b=shares[1], c=shares[2],
                ca=coefficients[0], cb=coefficients[1], cc=coefficients[2]),
        message("letter.rule_veto", locale, categories=message("brief.list_sep", locale).join(config.veto_categories)),
    )


def _head_of(registry: Registry, unit_id: str) -> str:
    units = registry.units
    found = units.loc[units["unit_id"] == unit_id, "head"]
    return str(found.iloc[0]) if len(found) and isinstance(found.iloc[0], str) else ""
