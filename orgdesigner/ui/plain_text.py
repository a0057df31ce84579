"""User text shown by Qt exactly as typed: Qt reads ``&`` in action texts as a mnemonic and
guesses rich text in labels and tooltips, so a name from a file passes through here first."""

from __future__ import annotations

import html


def action_text(text: str) -> str:
    """Text for a menu item, button or undo action: every ``&`` shown, none a mnemonic."""
    return text.replace("&", "&&")


def tooltip_text(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt would render ``<b>`` in a plain string) and
    wraps long lines."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
