"""Measuring and fitting card text with a conservative character-width table.

Widths come from :mod:`orgdesigner.layout.char_widths` (the widest of the common sans fonts,
rounded up), so a line this module says fits is never wider in Chromium, librsvg, Inkscape or
Qt than the room it was fitted to. Characters the table lacks count as a full em (emoji and
other pictographs as 1.3 em); combining marks count as nothing.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate

from orgdesigner.layout.char_widths import LATIN1, RUNS, UNITS_PER_EM

ELLIPSIS = "…"
_UNKNOWN = UNITS_PER_EM + 3
_PICTOGRAPH = (UNITS_PER_EM * 13) // 10 + 3


def _other_widths() -> dict[str, int]:
    table: dict[str, int] = {}
    for start, hexed in RUNS:
        for offset, width in enumerate(bytes.fromhex(hexed)):
            table[chr(start + offset)] = width
    return table


_OTHER = _other_widths()


def char_units(ch: str) -> int:
    """The width of one character in 1/128 em."""
    code = ord(ch)
    if code < 256:
        return LATIN1[code]
    known = _OTHER.get(ch)
    if known is not None:
        return known
    if unicodedata.combining(ch) or code in (0x200B, 0x200C, 0x200D, 0xFE0F):
        return 0
    if code >= 0x1F000 or 0x2600 <= code < 0x2800:
        return _PICTOGRAPH
    return _UNKNOWN


def _unit_widths(text: str) -> bytes | list[int]:
    try:
        return text.encode("latin-1").translate(LATIN1)
    except UnicodeEncodeError:
        return [char_units(ch) for ch in text]


def text_units(text: str) -> int:
    """The width of ``text`` in 1/128 em."""
    return sum(_unit_widths(text))


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at font size ``size`` (same units as ``size``)."""
    return text_units(text) * size / UNITS_PER_EM


def display_text(text: str) -> str:
    """``text`` as SVG shows it: runs of spaces collapsed, none at either end."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(word for word in text.split(" ") if word)
    return text


_ELLIPSIS_UNITS = char_units(ELLIPSIS)


def fit_lines(text: str, width: float, size: float, max_lines: int) -> tuple[str, ...]:
    """``text`` wrapped at spaces into at most ``max_lines`` lines no wider than ``width``.

    A word longer than a line is broken inside; text that does not fit in ``max_lines`` lines
    ends its last line with an ellipsis. Returns at least one line (possibly just "…").
    """
    text = display_text(text)
    limit = width * UNITS_PER_EM / size
    units = _unit_widths(text)
    if sum(units) <= limit:
        return (text,)
    if max_lines > 1:
        # Most names that wrap break at a space into two lines that fit: find that space
        # with a few C-level sums instead of the general walk below (same result).
        cut = len(text)
        while (cut := text.rfind(" ", 0, cut)) > 0:
            if sum(units[:cut]) <= limit:
                if sum(units[cut + 1 :]) <= limit:
                    return (text[:cut], text[cut + 1 :])
                break
    return _wrap(text, units, limit, max_lines)


def _wrap(text: str, units: bytes | list[int], limit: float, max_lines: int) -> tuple[str, ...]:
    cum = list(accumulate(units))
    n = len(text)
    lines: list[str] = []
    start = 0
    base = 0
    while start < n:
        if len(lines) == max_lines - 1:
            if cum[-1] - base <= limit:
                lines.append(text[start:])
            else:
                end = bisect_right(cum, base + limit - _ELLIPSIS_UNITS, start)
                lines.append(text[start:end].rstrip(" ") + ELLIPSIS)
            break
        end = bisect_right(cum, base + limit, start)
        if end >= n:
            lines.append(text[start:])
            break
        if text[end] == " ":
            cut = end
        else:
            cut = text.rfind(" ", start, end)
            if cut <= start:
                cut = max(end, start + 1)
        lines.append(text[start:cut].rstrip(" "))
        start = cut
        while start < n and text[start] == " ":
            start += 1
        base = cum[start - 1] if start else 0
    return tuple(lines)


def fit_line(text: str, width: float, size: float) -> str:
    """``text`` on one line no wider than ``width``, cut with an ellipsis when too long."""
    return fit_lines(text, width, size, 1)[0]
