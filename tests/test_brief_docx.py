"""The review-meeting briefs as Word documents (pbbatch.briefs.word), read back with python-docx."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pbbatch.history import store as history
from pbbatch.briefs.word import write_docx
from pbbatch.core.catalogue import label, message
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month
from pbbatch.run import run

SAMPLES = Path(__file__).resolve().parent.parent / "input_samples"
HOSTILE = "<script>alert(1)</script> & =SUM(A1)"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
DEPT_SECTIONS = ["overview", "ranking", "commended", "reflection", "vetoes", "adjustments", "submissions", "payout"]
BRANCH_SECTIONS = ["overview", "b_ranking", "b_rewards", "b_talks", "b_vetoes", "b_findings", "b_rectification",
                   "b_weakest",
                   "b_submissions"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    """The sample company's batch for 2026-03: its output folder and the two briefs' data."""
    root = tmp_path_factory.mktemp("company")
    shutil.copytree(SAMPLES, root / "input_samples")
    (root / "config.toml").write_text(
        '[paths]\ninbox = "input_samples/inbox"\nregistry = "input_samples/名冊.xlsx"\n'
        'output = "output"\nhistory = "output/history.sqlite"\n', encoding="utf-8")
    config = load_config(root / "config.toml")
    result = run(config, Month(2026, 3))
    return {"folder": result.folder,
            "departments": history.load_brief(config.history, "2026-03", "departments"),
            "branches": history.load_brief(config.history, "2026-Q1", "branches")}


@pytest.fixture(scope="module")
def brief(sample, tmp_path_factory):
    """brief(kind, locale): the sample's brief written and read back, once per module."""
    folder, cache = tmp_path_factory.mktemp("briefs"), {}

    def get(kind: str, locale: str = "zh-Hant"):
        if (kind, locale) not in cache:
            cache[kind, locale] = written(folder, sample[kind], locale, f"{kind}_{locale}.docx")
        return cache[kind, locale]
    return get


def written(tmp_path: Path, data: dict, locale: str = "zh-Hant", name: str = "brief.docx") -> docx.document.Document:
    write_docx(data, locale, tmp_path / name)
    return docx.Document(str(tmp_path / name))


def blocks(document):
    """The body in order: ("p", style id, text) and ("table", Table)."""
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            yield "p", element.style, docx.text.paragraph.Paragraph(element, document).text
        elif element.tag == qn("w:tbl"):
            yield "table", docx.table.Table(element, document)


def sections(document) -> dict[str, list]:
    """Heading 1 text -> what follows it up to the next Heading 1: texts of paragraphs, and tables."""
    out, current = {}, None
    for item in blocks(document):
        if item[0] == "p" and item[1] == "Heading1":
            current = out.setdefault(item[2], [])
        elif current is not None:
            current.append(item[2] if item[0] == "p" else item[1])
    return out


def table_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(document) -> str:
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for t in document.tables for row in t.rows for cell in row.cells]
    texts += [p.text for s in document.sections for p in s.footer.paragraphs]
    return "\n".join(texts + [document.core_properties.title])


def users_strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return set().union(*(users_strings(v) for v in items)) if items else set()


# ---------------------------------------------------------------------- page, title, headings


def test_a4_portrait_with_the_briefs_margins(brief):
    section = brief("departments").sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.right_margin, section.bottom_margin,
                                  section.left_margin)] == [22, 18, 20, 18]


def test_title_and_issuer_are_centred_at_the_top(brief, sample):
    data = sample["departments"]
    first, second = brief("departments").paragraphs[:2]
    # the sample month has submissions outstanding on purpose: a draft, and its title says so first
    assert data["draft"]
    assert first.text == "【試算稿】" + message("brief.dept_title", "zh-Hant", organization=data["organization"],
                                            period="2026年3月")  # the period as the HTML's title says it
    assert second.text == message("brief.issued", "zh-Hant", committee=data["committee"])
    assert first.style.paragraph_format.alignment == second.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize("kind, keys", [("departments", DEPT_SECTIONS), ("branches", BRANCH_SECTIONS)])
def test_numbered_sections_are_heading_1_in_the_html_order(brief, kind, keys):
    for locale in ("zh-Hant", "en"):
        document = brief(kind, locale)
        headings = [item[2] for item in blocks(document) if item[:2] == ("p", "Heading1")]
        assert headings == [label(f"brief.{k}", locale) for k in keys] + [label("rules.appendix", locale)]


def test_block_names_and_the_chart_are_heading_2_under_the_ranking(brief, sample):
    data = sample["departments"]
    document = brief("departments")
    ranking = sections(document)[label("brief.ranking", "zh-Hant")]
    assert [x for x in ranking if isinstance(x, str)] == [b["block"] for b in data["blocks"]] + ["各板塊綜合得分"]


# ---------------------------------------------------------------------- tables


def test_ranking_tables_have_the_html_columns_and_every_department(brief, sample):
    data = sample["departments"]
    ranking = sections(brief("departments"))[label("brief.ranking", "zh-Hant")]
    tables = [table_texts(x) for x in ranking if not isinstance(x, str)]
    assert tables[0][0] == ["排名", "升降", "單位名稱", "負責人", "目標績效", "領導評價", "服務基層評價", "部門互評",
                            "加減分", "綜合得分", "檔次", "薪酬係數"]
    names = {row[2] for table in tables[:-1] for row in table[1:]}
    for block in data["blocks"]:
        for r in block["rows"]:
            assert (f"{r['unit_name']}（一票否決）" if r["vetoed"] else r["unit_name"]) in names
    first = data["blocks"][0]["rows"][0]
    assert tables[0][1][4:10] == [f"{first[k]:.2f}" for k in ("target", "leader", "service", "mutual", "adjustment",
                                                               "total")]


def test_the_chart_is_a_table_of_block_unit_and_total(brief, sample):
    data = sample["departments"]
    ranking = sections(brief("departments"))[label("brief.ranking", "zh-Hant")]
    chart = table_texts(ranking[-1])
    assert ranking[-2] == "各板塊綜合得分" and chart[0] == ["板塊", "單位名稱", "綜合得分"]
    assert [row[0] for row in chart[1:]] == [b["block"] for b in data["blocks"] for _ in b["rows"]]
    assert chart[1][2] == f"{data['blocks'][0]['rows'][0]['total']:.2f}"


def test_every_table_repeats_its_header_row_and_keeps_rows_whole(brief):
    for kind in ("departments", "branches"):
        document = brief(kind)
        assert document.tables
        for table in document.tables:
            assert table.style.name == "Table Grid"
            rows = [row._tr.trPr for row in table.rows]
            assert rows[0].find(qn("w:tblHeader")) is not None
            assert all(r.find(qn("w:tblHeader")) is None for r in rows[1:])
            assert all(r.find(qn("w:cantSplit")) is not None for r in rows)


def test_band_a_and_c_rows_are_shaded_numbers_right_aligned(brief):
    table = brief("branches").tables[0]
    bands = {row[10]: row for row in table_texts(table)[1:]}
    assert {"A", "C"} <= set(bands)
    for row in table.rows[1:]:
        fill = row.cells[0]._tc.tcPr.find(qn("w:shd"))
        expected = {"A": "EEF6E8", "C": "FBEEE6"}.get(row.cells[10].text)
        assert (fill.get(qn("w:fill")) if fill is not None else None) == expected
        assert row.cells[9].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


# ---------------------------------------------------------------------- sections' content


def test_reflection_and_vetoed_units_are_named_in_their_sections(brief, sample):
    data = sample["departments"]
    found = sections(brief("departments"))
    reflection = " ".join(found["四、檢查反思"])
    assert data["reflection"] and all(r["unit_name"] in reflection for r in data["reflection"])
    vetoes = table_texts(found["五、一票否決"][0])
    assert vetoes[0] == ["單位名稱", "類別", "事由", "日期", "認定部門"]
    assert [row[0] for row in vetoes[1:]] == [v["unit_name"] for v in data["vetoes"]]
    assert [row[2] for row in vetoes[1:]] == [v["reason"] for v in data["vetoes"]]


def test_empty_sections_say_none_and_talks_list_their_basis(tmp_path, sample):
    data = copy.deepcopy(sample["branches"])
    row = {**data["rows"][-1], "removal": True, "basis": [["2025-Q3", 14, "甲"], ["2025-Q4", 14, "乙"]]}
    data.update(removed=[row], admonished=[row], vetoes=[], findings=[], rewarded=[])
    found = sections(written(tmp_path, data, "en"))
    assert found["3. Rewards"] == found["5. One-vote vetoes"] == found["6. Spot-check findings and what to fix"] \
        == ["None"]
    assert found["4. Admonishment and removal"] == [
        message("brief.removal_line", "en", name=row["unit_name"], head=row["head"]),
        "2025-Q3 rank 14 (甲)", "2025-Q4 rank 14 (乙)"]


def test_users_text_comes_back_literally(tmp_path, sample):
    data = copy.deepcopy(sample["departments"])
    data["blocks"][0]["rows"][0]["unit_name"] = HOSTILE
    data["vetoes"][0]["reason"] = HOSTILE + "\n第二行\t尾"
    data["adjustments"][0]["reason"] = "  {name} %s {{0}}  "
    document = written(tmp_path, data)
    cells = {cell.text for t in document.tables for row in t.rows for cell in row.cells}
    assert {HOSTILE, HOSTILE + "\n第二行\t尾", "  {name} %s {{0}}  "} <= cells
    reason = next(c for t in document.tables for row in t.rows for c in row.cells if c.text.endswith("\t尾"))
    assert reason._tc.findall(".//" + qn("w:br")) and reason._tc.findall(".//" + qn("w:tab"))  # Word's own break
    spaced = next(c for t in document.tables for row in t.rows for c in row.cells if c.text.startswith("  {name}"))
    assert spaced._tc.find(".//" + qn("w:t")).get(qn("xml:space")) == "preserve"
    assert document.element.body.find(".//" + qn("w:fldSimple")) is None
    assert not document.element.body.findall(".//" + qn("w:instrText"))


def test_control_characters_xml_cannot_hold_do_not_break_the_document(tmp_path, sample):
    data = copy.deepcopy(sample["departments"])
    data["adjustments"][0]["reason"] = "a\x07b\x00c"
    cells = {c.text for t in written(tmp_path, data).tables for row in t.rows for c in row.cells}
    assert "a\ufffdb\ufffdc" in cells


# ---------------------------------------------------------------------- locale, fonts, determinism


@pytest.mark.parametrize("kind", ["departments", "branches"])
def test_the_english_document_has_no_han_outside_users_text(brief, sample, kind):
    data = sample[kind]
    text = all_text(brief(kind, "en"))
    for users in sorted(users_strings(data), key=len, reverse=True):
        text = text.replace(users, "")
    assert not HAN.findall(text), HAN.findall(text)
    assert "（" not in text and "、" not in text


def test_switching_the_locale_switches_the_labels(brief, sample):
    data = sample["departments"]
    hans = brief("departments", "zh-Hans")
    assert hans.paragraphs[0].text.startswith(f"【试算稿】{data['organization']}党群部门")
    assert table_texts(hans.tables[0])[0][:3] == ["排名", "升降", "单位名称"]


def test_east_asian_fonts_and_a_page_number_field(brief):
    document = brief("departments")
    for style, east_asian in (("Normal", "FangSong"), ("Heading 1", "SimHei"), ("Heading 2", "KaiTi")):
        fonts = document.styles[style].element.rPr.rFonts
        assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))) == (east_asian, "Times New Roman")
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    footer = document.sections[0].footer._element
    assert " PAGE " in [i.text for i in footer.iter(qn("w:instrText"))]


@pytest.mark.parametrize("kind, day", [("departments", dt.datetime(2026, 3, 1)), ("branches", dt.datetime(2026, 1, 1))])
def test_same_data_same_bytes_with_fixed_properties(tmp_path, sample, kind, day):
    data = sample[kind]
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(data, "zh-Hant", first)
    write_docx(copy.deepcopy(data), "zh-Hant", second)
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    with zipfile.ZipFile(first) as package:  # not the clock's time, which would differ run to run
        assert {info.date_time for info in package.infolist()} == {day.timetuple()[:6]}
    core = docx.Document(str(first)).core_properties
    assert (core.author, core.revision) == ("pbbatch", 1)
    assert core.created.replace(tzinfo=None) == core.modified.replace(tzinfo=None) == \
        core.last_printed.replace(tzinfo=None) == day


def test_the_batch_writes_a_docx_beside_each_html_brief(sample):
    names = sorted(p.name for p in sample["folder"].iterdir())
    for stem in ("部門講評會材料_2026-03", "支部講評會材料_2026-Q1"):
        assert f"{stem}.html" in names and f"{stem}.docx" in names
    assert not [n for n in names if n.endswith(".partial")]
    document = docx.Document(str(sample["folder"] / "支部講評會材料_2026-Q1.docx"))
    assert document.paragraphs[0].text.startswith("【試算稿】" + sample["branches"]["organization"])


def test_documents_written_one_after_another_keep_their_own_mark_and_dates(tmp_path, sample):
    """The parts every document shares are made once a run: a draft's header mark and a period's dates must not
    leak into the next document."""
    draft = sample["departments"]
    final = {**copy.deepcopy(draft), "draft": False, "period": "2026-02"}
    for name, data in (("draft.docx", draft), ("final.docx", final), ("draft_again.docx", draft)):
        write_docx(data, "zh-Hant", tmp_path / name)

    def header_text(name: str) -> str:
        return "".join(p.text for p in docx.Document(str(tmp_path / name)).sections[0].header.paragraphs)

    mark = label("draft.mark", "zh-Hant")
    assert mark in header_text("draft.docx") and mark in header_text("draft_again.docx")
    assert header_text("final.docx") == ""
    with zipfile.ZipFile(tmp_path / "final.docx") as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 2, 1, 0, 0, 0)}
    assert (tmp_path / "draft.docx").read_bytes() == (tmp_path / "draft_again.docx").read_bytes()


def test_two_documents_made_at_once_do_not_share_a_body():
    """Documents of a locale are made in one parsed blank, each with fresh copies of the parts it changes; a
    second document begun before the first is saved gets a blank of its own."""
    import io

    from pbbatch.briefs.sections import Paragraph
    from pbbatch.briefs.word import _Brief

    first, second = _Brief("zh-Hant"), _Brief("zh-Hant")
    try:
        first.paragraph(Paragraph("第一份"))
        second.paragraph(Paragraph("第二份"))
        texts = [[p.text for p in docx.Document(io.BytesIO(b.save("2026-03"))).paragraphs] for b in (first, second)]
    finally:
        first.release()
        second.release()
    assert texts == [["第一份"], ["第二份"]]
    third = _Brief("zh-Hant")  # the shell is free again, and starts empty
    try:
        assert [p.text for p in docx.Document(io.BytesIO(third.save("2026-03"))).paragraphs] == []
    finally:
        third.release()
