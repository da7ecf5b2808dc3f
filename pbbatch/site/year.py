"""A computed year's page (contract sections 10 and 11): the annual rankings of the departments by block and of
the branches, the units' awards and the units not eligible with each reason, from the unit-level summary the
year's commit stores under "annual" (annual.summary). The 優秀黨務工作者 are people: the site leaves them out."""

from __future__ import annotations

from pbbatch.site.contents import Contents
from pbbatch.site.links import YEAR_FOLDER, unit_href, year_file_href, year_href
from pbbatch.site.tables import Cell, Page, Row, Section, Table, Texts, _number, _rank

ANNUAL = "annual"


def computed_years(contents: Contents) -> list[str]:
    return sorted(p for p, summary in contents.named(ANNUAL).items() if summary)


def _unit_cell(r: dict, contents: Contents, root: str) -> Cell:
    """Linked to the unit's page when it has one (a unit with results)."""
    href = unit_href(r["unit_id"], root) if r["unit_id"] in contents.by_unit else ""
    return Cell(r["unit_name"], href, "name")


def _eligibility(x: Texts, r: dict) -> str:
    return r["eligibility"].get(x.locale) or next(iter(r["eligibility"].values()), "")


def _ranking(x: Texts, contents: Contents, rows: list[dict], root: str, id: str) -> Table:
    columns = [x.column("out.rank", "num"), x.column("out.unit_name"), x.column("annual.score", "num"),
               x.column("out.band"), x.column("out.vetoed"), x.column("annual.eligibility"), x.column("annual.award")]
    return Table(columns, [
        Row([Cell(_rank(r["rank"]), cls="num"), _unit_cell(r, contents, root), Cell(_number(r["total"]), cls="num"),
             Cell(r["band"]), Cell(x.t("yes") if r["vetoed"] else ""), Cell(_eligibility(x, r), cls="text"),
             Cell(x.t(f"award.{r['award']}") if r["award"] else "")], r["band"], f"{r['unit_id']} {r['unit_name']}")
        for r in rows], id=id)


def _groups(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    return list(groups.items())


def year_page(contents: Contents, year: str, x: Texts, files: list[str]) -> Page:
    root = "../"
    summary = contents.named(ANNUAL)[year]
    kinds = {"departments": x.t("kind.department"), "branches": x.t("kind.branch")}
    awarded = [(kind, r) for kind in kinds for r in summary[kind] if r["award"]]
    award_columns = [x.column("annual.award"), x.column("out.block"), x.column("out.unit_name"),
                     x.column("out.rank", "num"), x.column("annual.score", "num")]
    awards = Table(award_columns, [Row([Cell(x.t(f"award.{r['award']}")), Cell(r["group"]),
                                        _unit_cell(r, contents, root), Cell(_rank(r["rank"]), cls="num"),
                                        Cell(_number(r["total"]), cls="num")]) for _, r in awarded], id="awards")
    sections = [Section(x.t("sheet.awards"), awards if awarded else None,
                        lines=([] if awarded else [x.t("brief.none")]) + [x.m("site.year_people")],
                        links=[Cell(name, year_file_href(year, name, root)) for name in files])]
    for kind, title in (("departments", "sheet.annual_departments"), ("branches", "sheet.annual_branches")):
        sections.append(Section(x.t(title)))
        for n, (group, rows) in enumerate(_groups(summary[kind])):
            table = _ranking(x, contents, rows, root, f"year-{kind}-{n}")
            sections.append(Section(group or x.t("site.ranking"), table, level=3))
    ineligible = [(kind, r) for kind in kinds for r in summary[kind] if not r["eligible"]]
    columns = [x.column("kind"), x.column("out.unit_name"), x.column("annual.eligibility")]
    table = Table(columns, [Row([Cell(kinds[kind]), _unit_cell(r, contents, root), Cell(_eligibility(x, r), cls="text")])
                            for kind, r in ineligible], id="ineligible")
    sections.append(Section(x.t("site.year_ineligible"), table if ineligible else None,
                            lines=[] if ineligible else [x.t("brief.none")]))
    return Page(f"{YEAR_FOLDER}/{year}.html", x.m("site.year_title", year=year), sections)


def years_section(contents: Contents, x: Texts, root: str) -> Section | None:
    """The home page's links to the computed years, newest first."""
    years = computed_years(contents)
    if not years:
        return None
    return Section(x.t("site.years"), links=[Cell(x.m("site.year_title", year=y), year_href(y, root))
                                             for y in reversed(years)])

