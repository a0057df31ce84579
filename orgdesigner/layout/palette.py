"""Every colour a chart is drawn with, in one place: the canvas, SVG, PNG, PDF, draw.io and the
thumbnails all take theirs from here.

The rule for a card is :func:`card_paint`: a team card is its discipline's colour (from the
catalogue) tinted towards white with the colour as border, a unit card the unit fill. A new
discipline needs no change here: its catalogue colour goes through the same rule (a neutral grey
works as well as a hue). The canvas's own marks (selection, search hits, the ML trace) are at the
end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

# The chart (every picture) ----------------------------------------------------------------
PAGE = "#ffffff"
"""The page a chart is drawn on (the canvas's page, an export's background)."""
INK = "#1b1f24"
"""Text on a team card, the heading and the legend."""
UNIT_FILL = "#34495e"
UNIT_STROKE = "#1f2d3a"
UNIT_INK = "#ffffff"
"""A unit card's fill, border and text."""
EDGE = "#8a939d"
"""Reporting lines."""
LINK = "#4d5661"
"""Dotted ``serves`` lines and their arrowheads."""
TEAM_TINT = 0.18
"""How much of its discipline's colour a team card's fill keeps (the rest is white)."""
SEVERITY_COLORS = MappingProxyType({"error": "#b3261e", "warning": "#b35c00", "info": "#3465a4"})
"""A finding badge's fill, by the worst severity it counts."""
BADGE_INK = "#ffffff"
"""A badge's count and outline."""

# The canvas only ----------------------------------------------------------------------------
ACCENT = "#1f6feb"
"""Selection, an accepted drop, the overview's window, the count on a dragged selection."""
ACCENT_WASH = "#28" + ACCENT[1:]
"""The accent, mostly transparent (#AARRGGBB): the inside of the overview's window."""
HIGHLIGHT = "#e3a008"
"""Search hits (solid outline) and their path to the top (dashed)."""
REFUSED = "#c0392b"
"""A drop that would break the tree."""
TRACE = "#d1495b"
TRACE_STEP = "#8a1c2b"
TRACE_PILL_INK = "#3b4452"
"""The ML project trace: its arcs and pill outlines, its numbered step markers, its pills' text."""
CHANGE_COLORS = MappingProxyType({"added": "#1a7f37", "removed": "#c0392b", "moved": "#1f6feb", "changed": "#a8650f"})
"""The compare view's frame around a card, by what changed (each with a word too)."""
TOGGLE_FILL = "#ffffff"
TOGGLE_MARK = "#333333"
"""The collapse toggle under a card: its disc and its minus or plus."""
OVERVIEW_DESK = "#f3f5f8"
"""Around the chart in the overview."""
LEGEND_INK = "#1a202c"
LEGEND_LINK = "#5b6b82"
"""The canvas's own notes (the trace's legend, the zoomed-out unit names): text and frame."""


def tint(color: str, amount: float = TEAM_TINT) -> str:
    """``color`` (``#rrggbb``) mixed with white, keeping ``amount`` of the colour."""
    r, g, b = (int(color[k : k + 2], 16) for k in (1, 3, 5))
    mixed = (round(255 - (255 - c) * amount) for c in (r, g, b))
    return "#" + "".join(f"{c:02x}" for c in mixed)


@dataclass(frozen=True, slots=True)
class CardPaint:
    """The colours of one card: its fill, its border and the ink of its text."""

    fill: str
    border: str
    ink: str


@cache
def card_paint(color: str | None) -> CardPaint:
    """The paint of a team card of discipline colour ``color``, or of a unit card (None)."""
    if color:
        return CardPaint(tint(color), color, INK)
    return CardPaint(UNIT_FILL, UNIT_STROKE, UNIT_INK)
