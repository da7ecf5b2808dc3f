"""The individual results (contract §9): 個人績效_<month>.xlsx and the payroll export 薪酬導出_<month>.csv. Pay
data: nothing here reaches the briefs or the site."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from pbbatch.assess.staff import StaffMonth
from pbbatch.core.catalogue import label, message
from pbbatch.core.config import Config
from pbbatch.core.registry import BRANCH
from pbbatch.outputs.xlsx import Sheet
from pbbatch.outputs.xlsx_stream import write_tables

RANKING_KEYS = ["out.unit_id", "out.unit_name", "staff.staff_id", "staff.name", "staff.score", "staff.rank",
                "out.band", "staff.personal", "staff.unit_factor", "staff.pay", "out.missing", "staff.note"]
PAYROLL_KEYS = ["staff.staff_id", "staff.name", "out.unit_id", "staff.period", "staff.pay"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel reads as the start of a formula
# Codes Excel would turn into something else when it opens a CSV: a number losing its leading zeros or its
# digits past the 15th, a number in scientific notation or with trailing decimal zeros, a date, a time, a truth value.
_CHANGED_BY_EXCEL = re.compile(r"0\d+|\d{16,}|\d*\.?\d+[eE][+-]?\d+|\d+\.\d*0|\d+([-/:.]\d+){1,2}|true|false",
                               re.IGNORECASE)


def staff_workbook_name(staff: StaffMonth, config: Config) -> str:
    return f"{label('file.staff_monthly', config.locale)}_{staff.month}.xlsx"


def payroll_name(staff: StaffMonth, config: Config) -> str:
    """薪酬導出_<month>.csv; while the people's results are a draft (the units' results are, or someone is not
    scored and the others' ranks and bands may move once the score is in: the workbook's banner says which),
    薪酬導出_<month>_試算稿.csv: a CSV has no title to carry the mark, and a payroll import looking for the month's
    file must not find a draft."""
    draft = f"_{label('file.draft_suffix', config.locale)}" if staff.draft else ""
    return f"{label('file.payroll', config.locale)}_{staff.month}{draft}.csv"


def staff_file_names(staff: StaffMonth, config: Config) -> list[str]:
    return [staff_workbook_name(staff, config), payroll_name(staff, config)]


def write_staff_files(folder: Path, staff: StaffMonth, config: Config) -> list[str]:
    return [staff_workbook(folder, staff, config), payroll_csv(folder, staff, config)]


def staff_workbook(folder: Path, staff: StaffMonth, config: Config) -> str:
    locale = config.locale
    mark = f"{label('draft.mark', locale)} " if staff.draft else ""
    title = f"{mark}{config.organization_name} {label('file.staff_monthly', locale)} {staff.month}"
    decimals = {label(k, locale): places for k, places in
                (("staff.score", 2), ("staff.personal", 2), ("staff.unit_factor", 2), ("staff.pay", 4))}
    banner = draft_banner(staff, locale)
    sheets = [Sheet(label("sheet.staff_ranking", locale), ranking_table(staff, locale), title,
                    row_fill=[p["band"] if p["band"] != "B" else None for p in staff.people], decimals=decimals,
                    banner=banner)]
    if staff.payout is not None:  # its month's pay rests on the same results: a draft says so on its page too
        months = list(staff.payout[0]["pays"]) if staff.payout else []
        sheets.append(Sheet(label("sheet.staff_payout", locale), payout_table(staff, locale),
                            f"{mark}{config.organization_name} {label('sheet.staff_payout', locale)} "
                            f"{staff.month.quarter}",
                            decimals={**{m: 4 for m in months}, label("staff.mean", locale): 4}, banner=banner))
    name = staff_workbook_name(staff, config)
    # a row per person, the largest workbook of a large company: the streaming writer (xlsx_stream.py)
    write_tables(folder / name, sheets, dt.datetime(staff.month.year, staff.month.month, 1), locale)
    return name


def draft_banner(staff: StaffMonth, locale: str) -> str:
    """What makes the people's results a draft: the units' 試算稿, someone not scored, or both."""
    reasons = [message(code, locale) for code, applies in (("staff.draft_units_banner", staff.units_draft),
                                                           ("staff.draft_banner", staff.someone_missing)) if applies]
    return " ".join(reasons)


def ranking_table(staff: StaffMonth, locale: str) -> pd.DataFrame:
    yes = label("yes", locale)

    def note(p: dict) -> str:
        if p["missing"]:
            return label("staff.not_scored", locale)
        return label("staff.paid_at_quarter_end", locale) if p["unit_factor"] is None and p["kind"] == BRANCH else ""

    rows = [(p["unit_id"], p["unit_name"], p["staff_id"], p["name"], p["score"], p["rank"], p["band"] or "",
             p["personal"], p["unit_factor"], p["pay"], yes if p["missing"] else "", note(p)) for p in staff.people]
    frame = pd.DataFrame(rows, columns=[label(k, locale) for k in RANKING_KEYS])
    rank = label("staff.rank", locale)
    frame[rank] = frame[rank].astype("Int64")  # whole ranks, blank for a person not scored
    return frame


def payout_table(staff: StaffMonth, locale: str) -> pd.DataFrame:
    months = list(staff.payout[0]["pays"]) if staff.payout else [str(m) for m in staff.month.quarter.months]
    notes: dict[tuple[str, ...], str] = {}  # one text per set of months missing (most people share one)
    for p in staff.payout:
        gaps = tuple(p["gaps"])
        if gaps and gaps not in notes:
            notes[gaps] = message("staff.missing_months", locale, months="、".join(gaps))
    rows = [(p["unit_id"], p["unit_name"], p["staff_id"], p["name"], *p["pays"].values(), p["mean"],
             " ".join(filter(None, (notes.get(tuple(p["gaps"]), ""), _elsewhere_note(p["elsewhere"], locale)))))
            for p in staff.payout]
    keys = ["out.unit_id", "out.unit_name", "staff.staff_id", "staff.name"]
    columns = [label(k, locale) for k in keys] + months + [label("staff.mean", locale), label("staff.note", locale)]
    return pd.DataFrame(rows, columns=columns)


def _elsewhere_note(elsewhere: list[tuple[str, str, str]], locale: str) -> str:
    """'2026-01、2026-02 屬 D01 組織部。' for the months a person spent in another unit (one text per unit)."""
    units: dict[tuple[str, str], list[str]] = {}
    for month, unit_id, name in elsewhere:
        units.setdefault((unit_id, name), []).append(month)
    return " ".join(message("staff.months_in_unit", locale, months="、".join(months), unit=f"{unit_id} {name}".strip())
                    for (unit_id, name), months in units.items())


def payroll_csv(folder: Path, staff: StaffMonth, config: Config) -> str:
    """UTF-8 with a BOM (Excel reads the Chinese right only then), CRLF line ends, one row per settled pay
    coefficient, 4 decimals. No cell can become a formula, and 工號 keeps its leading zeros in Excel."""
    name = payroll_name(staff, config)
    with open(folder / name, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([label(k, config.locale) for k in PAYROLL_KEYS])
        for row in staff.payroll:
            writer.writerow([excel_code(row["staff_id"]), excel_text(row["name"]), excel_code(row["unit_id"]),
                             row["period"], f"{row['pay']:.{4}f}"])
    return name


def excel_text(text: str) -> str:
    """Text that Excel shows as it is: one starting like a formula gets a leading apostrophe (OWASP's CSV
    injection advice), which Excel shows and never evaluates."""
    return "'" + text if text.startswith(FORMULA_START) else text


def excel_code(code: str) -> str:
    """A code Excel would change on opening the CSV (007 -> 7) gets a leading tab: Excel then keeps the cell as
    text with its zeros; an import that trims blanks reads the code itself. No formula (="007") is written."""
    text = excel_text(code)
    return "\t" + text if _CHANGED_BY_EXCEL.fullmatch(text) else text
