"""Rules for the text a user can put in an org: ids, names and free text."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"^[A-Za-z0-9_.\-]{1,64}$"
ID_RE = re.compile(ID_PATTERN)
NAME_MAX = 200
LEAD_MAX = 200
NOTES_MAX = 10_000

# Characters XML 1.0 cannot carry (and that no org chart needs): C0 controls other than
# tab/newline/return, lone surrogates, and the non-characters U+FFFE/U+FFFF.
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK_RE = re.compile("[\t\n\r]")


def describe_char(ch: str) -> str:
    """Name a character for a message: ``U+0007``."""
    return f"U+{ord(ch):04X}"


def check_id(value: str) -> str:
    """Return ``value`` if it is a valid node id, else raise ``ValueError``."""
    if not ID_RE.match(value):
        raise ValueError(f"id {value[:80]!r} must be 1-64 characters of letters, digits, '_', '.' or '-'")
    return value


def check_text(value: str, what: str, max_len: int, multiline: bool = False) -> str:
    """Return ``value`` if it is acceptable free text, else raise ``ValueError``."""
    if len(value) > max_len:
        raise ValueError(f"{what} is {len(value)} characters long; at most {max_len} are allowed")
    bad = _FORBIDDEN_RE.search(value)
    if bad:
        raise ValueError(f"{what} contains the control character {describe_char(bad.group())}")
    if not multiline:
        brk = _LINE_BREAK_RE.search(value)
        if brk:
            raise ValueError(f"{what} contains a line break or tab ({describe_char(brk.group())})")
    return value


def check_name(value: str, what: str = "name") -> str:
    """A name: 1-200 characters, not blank, one line."""
    if not value.strip():
        raise ValueError(f"{what} must not be empty")
    return check_text(value, what, NAME_MAX)


def slugify(text: str, fallback: str = "node") -> str:
    """Make an id-safe slug from a name (ASCII letters, digits and '-')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return (slug or fallback)[:48]
