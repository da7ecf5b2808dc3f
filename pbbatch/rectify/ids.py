"""整改編號: a finding's number, made from what was found, so that it is the same in every run and in every
resubmission that does not change the finding (docs/decisions.md, "Rectification")."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from pbbatch.core.registry import code_key

PREFIX = "ZG"
SHORT = 6  # base32 characters: 30 bits, a collision once in about a billion pairs
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's: no I, L, O or U to misread


def content_hash(branch_id: str, date: dt.date, item_id: str, finding: str) -> str:
    """The finding's identity in base32: its branch, date, item and text (spaces and width folded), not its
    deduction or deadline, which a corrected resubmission may change without making it another finding."""
    text = " ".join(unicodedata.normalize("NFKC", str(finding)).split())
    key = "\x1f".join((code_key(branch_id), date.isoformat(), code_key(item_id or ""), text))
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest(), "big")
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(51))


def assign_ids(findings: list[tuple[dt.date, str]]) -> dict[str, str]:
    """{content hash: 整改編號} for findings given as (date, hash). The number is `ZG-<year>-` and the hash's first
    six characters; should two different findings share those, the earlier (by date, then hash) keeps them and
    the later takes two more characters of its own hash, and so on, so a number never changes once given while
    the findings before it stay."""
    taken: dict[str, str] = {}
    result: dict[str, str] = {}
    for date, digest in sorted(set(findings)):
        if digest in result:
            continue
        length = SHORT
        while True:
            number = f"{PREFIX}-{date.year}-{digest[:length]}"
            if taken.get(number, digest) == digest:
                break
            length += 2
        taken[number] = digest
        result[digest] = number
    return result


def id_key(value: object) -> str:
    """How a typed 整改編號 compares: width, spaces and case folded ('zg-2026-ab12cd ' is 'ZG-2026-AB12CD')."""
    return code_key(value)
