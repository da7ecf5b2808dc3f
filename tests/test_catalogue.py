"""The one catalogue of labels and messages: complete in every locale, and a sound script fold."""

import re
import string

from pbbatch.core.catalogue import LABELS, MESSAGES, _SIMPLIFY, fold


def test_every_label_and_message_has_three_non_empty_texts():
    for key, texts in {**LABELS, **MESSAGES}.items():
        assert len(texts) == 3 and all(t.strip() for t in texts), key


def test_labels_are_terms_not_sentences():
    # The Traditional -> Simplified fold is derived from label pairs; a sentence there would teach it wrong pairs.
    for key, texts in LABELS.items():
        assert not any("{" in t or "。" in t for t in texts), key


def test_traditional_and_simplified_labels_fold_to_the_same_key():
    for key, (hant, hans, _) in LABELS.items():
        assert fold(hant) == fold(hans), key


def test_the_fold_maps_each_traditional_character_to_one_simplified_one():
    pairs = {}
    for hant, hans, _ in LABELS.values():
        if len(hant) == len(hans):
            for t, s in zip(hant, hans):
                if t != s:
                    assert pairs.setdefault(t, s) == s, (t, pairs[t], s)
    assert {chr(k): v for k, v in _SIMPLIFY.items()} == pairs


def test_fold_ignores_width_spaces_case_and_required_markers():
    assert fold(" 單位 編號 ") == fold("单位编号") == fold("單位編號*")
    assert fold("Ｕｎｉｔ_ＩＤ") == fold("unit_id")


def test_messages_use_the_same_fields_in_every_locale():
    for key, texts in MESSAGES.items():
        fields = [sorted(f for _, f, _, _ in string.Formatter().parse(t) if f) for t in texts]
        assert fields[0] == fields[1] == fields[2], key


def test_no_chinese_left_in_english_messages_and_labels():
    han = re.compile(r"[\u4e00-\u9fff]")
    for key, texts in {**LABELS, **MESSAGES}.items():
        english = texts[2]
        stripped = re.sub(r"\((?:[^()]*)\)|'[^']*'", "", english)  # quoted sheet names may stay as they are
        assert not han.search(stripped), (key, english)
