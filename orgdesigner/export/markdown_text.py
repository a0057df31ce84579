"""Text that Markdown shows as it is: for every writer of Markdown (the findings report, and any
other that puts a name into Markdown).

Escaping the syntax is not enough for GitHub: its renderer (cmark-gfm) turns URLs
(``https://…``, ``www.…``) and e-mail addresses in plain text into live links, and github.com
turns ``@name`` into a mention (a notification to that person or team) and ``#12`` into a link
to an issue; ``$…$`` is maths. A word joiner (U+2060, which shows as nothing and stops no line
from wrapping wrongly) is put where those patterns would start, and the rest is escaped.
"""

from __future__ import annotations

import re

from orgdesigner.model.text import escape_reordering

WORD_JOINER = "\u2060"

# HTML's metacharacters become entities; every ASCII punctuation mark with a meaning in
# CommonMark or GitHub Markdown (``$`` for maths) gets a backslash; line breaks become spaces.
_ESCAPES = {ord(c): "\\" + c for c in "\\`*_{}[]()#+-.!|~$"}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_BREAKS = {ord("\n"): " ", ord("\r"): " ", ord("\t"): " "}
# Where GitHub would start a link or a mention: after "@" (e-mail addresses, @mentions), inside
# "://" and "www.", before the ":" of mailto: and xmpp:, after "#" (issue references).
_LINK_STARTS = re.compile(r"(?<=@)|(?<=:)(?=//)|(?<=www)(?=\.)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)|(?<=#)", re.IGNORECASE)


def inert_markdown(text: str) -> str:
    """``text`` as one line of Markdown that renders as the text itself, safe in a table cell:
    no markup, no raw HTML, no autolink, no mention, no issue link."""
    text = escape_reordering(text.translate(_BREAKS))  # a bidi override would turn the text after it around
    return _LINK_STARTS.sub(WORD_JOINER, text).translate(_ESCAPES)
