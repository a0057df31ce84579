"""Rules for the text a user can put in an org: ids, names and free text."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"^[A-Za-z0-9_.\-]{1,64}$"
"""The id rule as the JSON Schema states it (where ``$`` is the end of the text)."""
ID_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
"""The id rule for Python, applied with ``fullmatch``: ``re.match`` with ``$`` also matches
before a final newline, so ``"a\n"`` passed beside ``"a"``."""
NAME_MAX = 200
LEAD_MAX = 200
NOTES_MAX = 10_000

# Characters no text may hold: C0 controls other than tab/newline/return, DEL and the C1
# controls (a terminal acts on them), lone surrogates and the non-characters U+FFFE/U+FFFF
# (XML 1.0 cannot carry them).
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional embeddings, overrides and isolates: they reorder the text shown after them
# (``\u202e`` makes "exe.txt" read "txt.exe"). Right-to-left names need none of them; the
# marks U+200E, U+200F and U+061C, which only mark a direction, are allowed.
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Line breaks: tab, newline, return and the Unicode line and paragraph separators.
_LINE_BREAK_RE = re.compile("[\t\n\r\u2028\u2029]")
# Characters that draw nothing on their own: besides spaces and format characters (zero-width
# space and joiners, soft hyphen, word joiner, BOM, tags) and combining marks with no base,
# the Hangul fillers and the Braille blank, which fonts draw as empty.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Mn", "Me", "Zs", "Zl", "Zp"})
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


SHOWN_MAX = 60
"""How much of a value from a file a message echoes before cutting it with an ellipsis."""

# What a terminal or a Qt widget would act on rather than show: C0 and C1 controls, DEL, bidi
# embeddings, overrides and isolates, and the line and paragraph separators.
_UNSHOWABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_REORDERING_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``), so that it prints as the characters it holds and nothing else."""
    if not _UNSHOWABLE_RE.search(text):
        return text
    return _UNSHOWABLE_RE.sub(lambda m: ascii(m.group())[1:-1], text)


def escape_reordering(text: str) -> str:
    """``text`` with the controls that would act on what follows them written as escapes, as
    :func:`escape_controls` does, but the direction marks (U+200E, U+200F) kept: a document that
    renders right-to-left names (Markdown, HTML) needs them, a terminal line does not."""
    if not _REORDERING_RE.search(text):
        return text
    return _REORDERING_RE.sub(lambda m: ascii(m.group())[1:-1], text)


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A value from a file, quoted for a one-line message: cut to ``limit`` characters with an
    ellipsis, control characters escaped (``'Sam…'``). Never the whole of a 20 MB string."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > limit
    quote = '"' if "'" in text[:limit] and '"' not in text[:limit] else "'"
    body = escape_controls(text[:limit].replace("\\", "\\\\").replace(quote, "\\" + quote))
    return f"{quote}{body}{'…' if cut else ''}{quote}"


def parse_whole_number(text: str) -> int:
    """A whole number written in ASCII digits with an optional sign (``-5``, ``42``); raise
    ``ValueError`` for anything else, including ``1_000``, ``١٢`` and ``4.0`` that ``int()``
    would take or round."""
    body = text.strip()
    digits = body[1:] if body[:1] in "+-" else body
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"{shown(text)} is not a whole number")
    return int(body)


_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def parse_decimal_number(text: str) -> float:
    """A number written in ASCII digits with an optional sign and decimal point (``2``,
    ``0.5``, ``-1.25``); raise ``ValueError`` for anything else, including ``1_0``, ``١٢``,
    ``1e3``, ``nan`` and ``inf`` that ``float()`` would take."""
    body = text.strip()
    if not _DECIMAL_RE.fullmatch(body):
        raise ValueError(f"{shown(text)} is not a number")
    return float(body)


def describe_char(ch: str) -> str:
    """Name a character for a message: ``U+0007``."""
    return f"U+{ord(ch):04X}"


def check_id(value: str) -> str:
    """Return ``value`` if it is a valid node id, else raise ``ValueError``."""
    if not ID_RE.fullmatch(value):
        raise ValueError(f"id {shown(value)} must be 1-64 characters of letters, digits, '_', '.' or '-'")
    return value


def is_visible(ch: str) -> bool:
    """True when a character draws something by itself (not a space, a format character, a
    combining mark or a blank glyph)."""
    return ch not in _BLANK_GLYPHS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES


def has_visible(value: str) -> bool:
    """True when the text shows at least one character."""
    return any(is_visible(ch) for ch in value)


def check_text(value: str, what: str, max_len: int, multiline: bool = False) -> str:
    """Return ``value`` if it is acceptable free text, else raise ``ValueError``."""
    if len(value) > max_len:
        raise ValueError(f"{what} is {len(value)} characters long; at most {max_len} are allowed")
    bad = _FORBIDDEN_RE.search(value)
    if bad:
        raise ValueError(f"{what} contains the control character {describe_char(bad.group())}")
    bidi = _BIDI_RE.search(value)
    if bidi:
        raise ValueError(
            f"{what} contains the bidirectional control {describe_char(bidi.group())}, which reorders the text after it"
        )
    if not multiline:
        brk = _LINE_BREAK_RE.search(value)
        if brk:
            raise ValueError(f"{what} contains a line break or tab ({describe_char(brk.group())})")
    return value


def check_name(value: str, what: str = "name") -> str:
    """A name: 1-200 characters on one line, with at least one visible character."""
    if not value.strip():
        raise ValueError(f"{what} must not be empty")
    check_text(value, what, NAME_MAX)
    if not has_visible(value):
        raise ValueError(f"{what} shows nothing: it holds only spaces or invisible characters")
    return value


def slugify(text: str, fallback: str = "node") -> str:
    """Make an id-safe slug from a name (ASCII letters, digits and '-')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return (slug or fallback)[:48]
