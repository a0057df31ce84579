"""Card colours on the canvas: the very values the SVG and PNG exports use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from orgdesigner.export.svg_style import INK, SEVERITY_COLORS, UNIT_FILL, UNIT_STROKE, tint

__all__ = ["SEVERITY_COLORS", "CardColors", "card_colors"]


@dataclass(frozen=True)
class CardColors:
    """The colours one card is painted with."""

    fill: str
    border: str
    text: str
    subtext: str


@cache
def card_colors(kind: str, color: str | None) -> CardColors:
    """Colours of a team card of discipline ``color``, or of a unit card (``color`` None)."""
    if kind == "team" and color:
        return CardColors(fill=tint(color), border=color, text=INK, subtext=INK)
    return CardColors(fill=UNIT_FILL, border=UNIT_STROKE, text="#ffffff", subtext="#ffffff")
