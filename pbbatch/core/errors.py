"""The errors that stop a command before it writes anything (exit 2)."""

from __future__ import annotations


class RunError(Exception):
    """Nothing can be done (exit 2); `messages` say why, in the output locale."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages
