"""Card colours on the canvas, taken from the same definitions as the SVG export."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class CardColors:
    """The colours one card is painted with."""

    fill: str
    stripe: str
    border: str
    text: str
    subtext: str


def _mix(color: str, weight: float, base: str = "#ffffff") -> str:
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(base[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * weight + y * (1 - weight)):02x}" for x, y in zip(a, b, strict=True))


@cache
def card_colors(kind: str, color: str | None) -> CardColors:
    """Colours of a team card of discipline ``color``, or of a unit card (``color`` None)."""
    if kind == "team" and color:
        return CardColors(fill=_mix(color, 0.16), stripe=color, border=_mix(color, 0.75, "#000000"),
                          text="#1a202c", subtext="#3d4756")
    return CardColors(fill="#eef1f5", stripe="#4a5568", border="#4a5568", text="#1a202c", subtext="#3d4756")
