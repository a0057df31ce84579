"""Plain geometry records a :class:`~orgdesigner.layout.placement.Placement` hands out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Point = tuple[float, float]
Segment = tuple[float, float, float, float]
"""A horizontal or vertical piece of line: (x1, y1, x2, y2)."""
TextRole = Literal["name", "sub", "lead", "more", "legend", "heading"]

TEXT_STYLES: dict[TextRole, tuple[int, bool]] = {
    "name": (12, True),
    "sub": (10, False),
    "lead": (10, False),
    "more": (10, True),
    "legend": (11, False),
    "heading": (16, True),
}
"""Font size (chart units) and boldness of each kind of text line; every renderer uses these."""

LINE_HEIGHTS: dict[TextRole, int] = {
    "name": 15,
    "sub": 13,
    "lead": 13,
    "more": 13,
    "legend": 14,
    "heading": 20,
}
TEXT_PAD = 9
"""Room between a card's left (and right) edge and its text."""


@dataclass(frozen=True, slots=True)
class Bounds:
    """An axis-aligned rectangle: top-left corner and size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """``x + width``."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """``y + height``."""
        return self.y + self.height

    def contains(self, px: float, py: float) -> bool:
        """True when the point lies inside or on the edge."""
        return self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text: its words, where its baseline starts (x, y) and its role (font)."""

    text: str
    x: float
    y: float
    role: TextRole


@dataclass(frozen=True, slots=True)
class CollapsedInfo:
    """What a collapsed card stands for: the nodes, teams and headcount hidden below it."""

    nodes: int
    teams: int
    headcount: int


@dataclass(frozen=True, slots=True)
class Edge:
    """A reporting line from ``parent`` to ``child`` as an orthogonal polyline."""

    parent: str
    child: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class LinkLine:
    """A dashed ``serves`` link drawn from ``source`` to ``target`` (the arrow's end).

    When a link's end is hidden in a collapsed subtree the line ends at the collapsed card;
    ``source_id``/``target_id`` keep the link's own ends.
    """

    source: str
    target: str
    source_id: str
    target_id: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A legend item: a swatch and its label (a discipline, the ``serves`` line style, or the
    finding badge, when cards carry one)."""

    kind: Literal["discipline", "link", "badge"]
    key: str
    short: str
    label: str
    color: str | None
    swatch: Bounds
    text: TextLine
