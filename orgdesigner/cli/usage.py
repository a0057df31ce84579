"""The error every verb raises for a command line it cannot carry out, and the one line an
error is printed as."""

from __future__ import annotations

from orgdesigner.io.errors import one_line

MESSAGE_MAX = 1_000
"""The longest error line the command prints (its values are cut shorter already)."""


class UsageError(Exception):
    """A command line that cannot be carried out; the message is printed as one line."""


def error_line(message: str) -> str:
    """``orgdesigner: error: MESSAGE`` as one printable line: whatever a path, an option or a
    value from a file holds, no control character reaches the terminal and the line is short."""
    return f"orgdesigner: error: {one_line(message, MESSAGE_MAX)}"
