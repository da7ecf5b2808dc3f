"""Blank forms (`pbbatch templates`): which forms a period needs, one workbook per expected submitter.

Every month: a 目標考核表 per department, a 評分表 per rater and rating type, a 個人考評表 per unit with people
(when the registry has a 人員 sheet), and one 加減分表 and one 一票否決表 for anyone. At quarter end also the quarter's forms (period `2026-Q1`): a 支部自評表 per branch, a 部門考評表
per department owning a key work item, one 民主測評表 listing every branch and one blank 專項督查表. Every
month also a 整改回執表 for each branch with findings not closed, listing them, and one blank 整改驗收表 (contract
section 8). How one workbook is laid out is blank_layout.py's business.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pbbatch.setup.blank_layout import BlankForm, write_form
from pbbatch.core.catalogue import alias, label
from pbbatch.core.config import Config
from pbbatch.intake.expected import expected_submissions
from pbbatch.intake.letters import Letters
from pbbatch.core.periods import Month, Period, Quarter, Year
from pbbatch.core.registry import BRANCH, DEPARTMENT, Registry, code_key

MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 200  # most file systems allow 255 bytes; CJK takes 3 bytes a character in UTF-8
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


# ---------------------------------------------------------------- file names


def safe_filename(text: str, max_chars: int = MAX_NAME_CHARS, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name stem that is legal and harmless on Windows, macOS and Linux, whatever `text` holds."""
    text = unicodedata.normalize("NFC", str(text))
    # Control and invisible format characters (a right-to-left override can disguise an extension).
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs"))
    text = _FORBIDDEN.sub("", text)
    # Leading dots hide a file; a leading "~" makes "~$" names that the batch skips as Office lock files.
    text = text.strip(" .").lstrip("~").strip(" .")
    while len(text) > max_chars or len(text.encode("utf-8")) > max_bytes:
        text = text[:-1].rstrip(" .")
    if not text:
        return "_"
    # Windows refuses a reserved device name even with an extension after it ("CON.xlsx").
    if text.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = "_" + text
    return text


def unique_name(text: str, extension: str, taken: set[str]) -> str:
    """`safe_filename(text) + extension`, with -2, -3 ... appended if the name is taken (case-insensitively,
    as on Windows and macOS); the chosen name is added to `taken`."""
    n = 1
    while True:
        suffix = "" if n == 1 else f"-{n}"
        stem = safe_filename(text, MAX_NAME_CHARS - len(suffix), MAX_NAME_BYTES - len(suffix))
        name = f"{stem}{suffix}{extension}"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
        n += 1


def form_file_stem(form: BlankForm, locale: str) -> str:
    parts = [alias(f"form.{form.form}", locale)]  # a file name: the contract's spelling, no spaces in English
    if form.rating_type:
        parts.append(alias(f"rating.{form.rating_type}", locale))
    parts.append(str(form.period))
    parts += [p for p in (form.submitter_id, form.submitter_name) if p]
    return "_".join(parts)


# ---------------------------------------------------------------- which forms


def blank_forms_for(registry: Registry, config: Config, month: Month,
                    open_findings: dict[str, list[tuple[str, str, str]]] | None = None,
                    letters: Letters | None = None) -> list[BlankForm]:
    """The month's forms expected from each submitter, then one 加減分表 and one 一票否決表 for anyone; at
    quarter end, then the quarter's: each expected 支部自評表 and 部門考評表, one 民主測評表 covering every
    branch, and one 專項督查表 for anyone. A department's 目標考核表 holds its targets of the month from the
    counted responsibility letters, when they list the department."""
    forms: list[BlankForm] = []
    covered: dict[tuple[str, Period], list[str]] = {}  # 民主測評表: the branches to cover, from anyone
    for form, rating_type, submitter, subject, period in expected_submissions(registry, month, config).itertuples(
        index=False
    ):
        if subject:
            covered.setdefault((form, period), []).append(subject)
        else:
            forms.append(_submitter_form(registry, config, form, rating_type or None, submitter, period, letters))
    monthly = [f for f in forms if isinstance(f.period, Month)]
    quarterly = [f for f in forms if not isinstance(f.period, Month)]
    quarterly += [BlankForm(form, period, rows=tuple((u, registry.name_of(u)) for u in units))
                  for (form, period), units in covered.items()]
    if month.ends_quarter:
        quarterly.append(BlankForm("spot_checks", month.quarter))
    fixes = [BlankForm("fix_report", month, None, branch, registry.name_of(branch), rows=tuple(rows))
             for branch, rows in sorted((open_findings or {}).items())]
    fixes.append(BlankForm("fix_check", month))
    return monthly + [BlankForm("adjustments", month), BlankForm("vetoes", month)] + fixes + quarterly


LETTER_COLUMNS = ("category", "target", "points", "standard")  # what a letter fixes on a 目標考核表


def _submitter_form(registry: Registry, config: Config, form: str, rating_type: str | None, submitter: str,
                    period: Period, letters: Letters | None = None) -> BlankForm:
    """The blank form one submitter owes, with the rows it is to score pre-filled."""
    rater = rating_type == "leader"
    name = registry.raters.set_index("rater_id").loc[submitter, "name"] if rater else registry.name_of(submitter)
    rows: tuple[tuple[object, ...], ...] = ()
    items = ()
    if form == "ratings":  # every department, but not oneself in 部門互評
        rows = tuple(u for u in _units(registry, DEPARTMENT) if not (rating_type == "mutual" and u[0] == submitter))
    elif form == "self_eval":
        rows = tuple((i.code, i.name, i.points) for i in config.branch_items)
    elif form == "staff_eval":  # the unit's active people (§9)
        rows = tuple((staff_id, name) for staff_id, name, _, _ in registry.staff_of(submitter))
    elif form == "dept_eval":  # every branch, one score column per item the department owns
        rows = _units(registry, BRANCH)
        items = tuple(i for i in config.branch_items if code_key(i.owner) == code_key(submitter))
    elif form == "targets" and letters is not None and letters.covers(submitter):
        rows = tuple((label(f"target_cat.{t.category}", config.locale), t.target, t.points, t.standard)
                     for t in letters.of(submitter, period.month))
        return BlankForm(form, period, rating_type, submitter, name, rater, rows, fixed=LETTER_COLUMNS)
    return BlankForm(form, period, rating_type, submitter, name, rater, rows, items)


def _units(registry: Registry, kind: str) -> tuple[tuple[str, str], ...]:
    units = registry.of_kind(kind)
    return tuple(zip(units["unit_id"], units["unit_name"]))


def open_findings(config: Config, month: Month) -> dict[str, list[tuple[str, str, str]]]:
    """Per branch, the findings not closed at the end of the month before `month` (整改編號, finding, deadline),
    from the stored ledger: what its 整改回執表 lists."""
    from pbbatch.history.store import load_data
    from pbbatch.rectify.ledger import NAMES, build_ledger, stored_before
    from pbbatch.rectify.status import CLOSED, statuses

    before = month.previous()
    stored = {name: load_data(config.history, name) for name in NAMES}
    ledger = build_ledger(stored_before(stored, before, include_own=True), {name: [] for name in NAMES}, before)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for f in statuses(ledger, config.require_verification).itertuples(index=False):
        if f.status != CLOSED:
            found.setdefault(f.branch_id, []).append((f.finding_id, f.finding, f.deadline.isoformat()))
    return found


def write_blank_forms(registry: Registry, config: Config, period: Month | Quarter | Year, out_dir: Path,
                      findings: dict[str, list[tuple[str, str, str]]] | None = None,
                      letters: Letters | None = None) -> list[Path]:
    """Writes every blank form for a month (and, at quarter end, for its quarter), or for a quarter only its
    forms, or for a year its blank 目標責任書, into `out_dir` (created if needed); returns the paths in order.
    `letters`: the counted responsibility letters of the month's year, which pre-fill the 目標考核表.

    Files of the same name from an earlier run are replaced; names are unique within this run. `findings`: the
    open findings the receipts list (default: from the stored ledger, open_findings).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    if isinstance(period, Year):
        forms = [BlankForm("target_letter", period)]
    else:
        month = period.months[-1] if isinstance(period, Quarter) else period
        findings = open_findings(config, month) if findings is None else findings
        forms = blank_forms_for(registry, config, month, findings, letters)
    paths = []
    for form in forms:
        if isinstance(period, Quarter) and form.period != period:
            continue
        path = out_dir / unique_name(form_file_stem(form, config.locale), ".xlsx", taken)
        write_form(path, form, registry, config)
        paths.append(path)
    return paths
