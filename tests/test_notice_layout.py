"""The letters to branches as a clerk prints them: the party committee signs and dates at the right below the
text, with room for the seal, in the HTML and in Word."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pbbatch.briefs.notices import notice_blocks, reminder_blocks
from pbbatch.briefs.render import render_blocks
from pbbatch.briefs.word import docx_bytes
from pbbatch.core.config import default_config

NOTICE = {"unit_id": "B01", "unit_name": "綜採一隊黨支部", "head": "王明", "as_of": "2026-03-31", "period": "2026-03",
          "findings": [{"finding_id": "ZG-2026-ABCDEF", "date": "2026-03-02", "item_id": "K01", "finding": "筆記缺失",
                        "deadline": "2026-03-17", "status": "overdue"}]}
REMINDER = {"unit_id": "B02", "unit_name": "機電科黨支部", "head": "李華", "period": "2026-Q1", "rank": 9, "count": 9,
            "items": [{"code": "K01", "name": "支部建設", "points": 10, "score": 4, "share": 0.4}]}


def signature_of_html(html: str) -> list[str]:
    block = re.search(r'<div class="signature">(.*?)</div>', html, re.S)
    assert block, "no signature block"
    assert html.rstrip().endswith("</html>") and html.index('class="signature"') > html.rindex("<table")
    return re.findall(r"<p>(.*?)</p>", block.group(1))


def test_notice_and_reminder_are_signed_at_the_right_below_the_text():
    config = default_config(Path("."))
    for blocks in (notice_blocks(NOTICE, config, "zh-Hant"), reminder_blocks(REMINDER, config, "zh-Hant")):
        assert signature_of_html(render_blocks(blocks, "zh-Hant")) == [config.committee, "　　　　年　　月　　日"]
        document = docx.Document(io.BytesIO(docx_bytes(blocks, "zh-Hant", "2026-03")))
        last = document.paragraphs[-2:]
        assert [p.text for p in last] == [config.committee, "　　　　年　　月　　日"]
        assert [p.alignment for p in last] == [WD_ALIGN_PARAGRAPH.RIGHT] * 2
        assert last[0].paragraph_format.space_before and last[0].paragraph_format.keep_with_next


def test_a_reminder_to_a_vetoed_branch_says_the_veto_is_why_it_ranks_last():
    config = default_config(Path("."))
    vetoed = {**REMINDER, "vetoes": ["安全目標", "精神文明"]}
    html = render_blocks(reminder_blocks(vetoed, config, "zh-Hant"), "zh-Hant")
    assert "因一票否決（安全目標、精神文明）列於排名最後" in html
    plain = render_blocks(reminder_blocks({**REMINDER, "vetoes": []}, config, "zh-Hant"), "zh-Hant")
    assert "一票否決" not in plain
