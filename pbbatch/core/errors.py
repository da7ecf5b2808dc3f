"""Messages as records, put into words only where they are shown; and the one error that stops a command.

A `Message` is a catalogue code and its fields: plain, picklable values (they cross from the reading processes),
so one run's records can be shown in any locale. A field that names a catalogue label holds the label's key
(`Label`, `Labels`), and one that quotes another message holds that `Message`: both are worded in the locale
the message is shown in. A field that quotes the user's text holds the text as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pbbatch.core.catalogue import DEFAULT_LOCALE, label, message


@dataclass(frozen=True)
class Label:
    """A field naming a catalogue label: a column, a sheet, a form, a kind of unit."""

    key: str

    def render(self, locale: str) -> str:
        return label(self.key, locale)


@dataclass(frozen=True)
class Labels:
    """A field listing catalogue labels, as in "expected one of: 黨群部門、基層黨支部"."""

    keys: tuple[str, ...]
    sep: str = "、"

    def render(self, locale: str) -> str:
        return self.sep.join(label(k, locale) for k in self.keys)


def render_fields(fields: dict[str, Any], locale: str) -> dict[str, Any]:
    """The fields with every label and quoted message worded in the locale; other values as they are."""
    return {k: v.render(locale) if isinstance(v, (Label, Labels, Message)) else v for k, v in fields.items()}


def render(code: str, fields: dict[str, Any], locale: str) -> str:
    return message(code, locale, **render_fields(fields, locale))


@dataclass(frozen=True, init=False)
class Message:
    """A catalogue message not yet worded: `Message("run.no_inbox", path=...)`."""

    code: str
    fields: dict[str, Any]

    def __init__(self, code: str, /, **fields: Any):
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "fields", fields)

    def render(self, locale: str) -> str:
        return render(self.code, self.fields, locale)


class PbbatchError(Exception):
    """Nothing can be done (exit 2): a bad config or registry, a missing inbox, a fault of the disk or of the
    history. `messages` say why, as records; `render(locale)` words them where they are shown. Raised as is
    wherever the library meets such a fault, without being wrapped on the way up."""

    def __init__(self, messages: list[Message]):
        super().__init__(list(messages))
        self.messages = list(messages)

    def render(self, locale: str) -> list[str]:
        return [m.render(locale) for m in self.messages]

    def __str__(self) -> str:  # a traceback's line: the messages in the default locale
        return "\n".join(self.render(DEFAULT_LOCALE))

