"""The labels and colours of a node in the formats other tools read (GraphML, Mermaid, DOT):
its name and caption, its fill, and a text colour that reads on it."""

from __future__ import annotations

from orgdesigner.model import Node, Team, load_catalogue

UNIT_FILL = "#EEEEEE"
"""A unit's fill in those formats (light grey: they have no unit styling of their own)."""


def node_caption(node: Node) -> str:
    """The second line of a node's label: "Data Science · 6 people" for a team (just "6 people"
    when the team is named after its discipline), the structure for a unit."""
    catalogue = load_catalogue()
    if isinstance(node, Team):
        discipline = catalogue.discipline(node.discipline).name
        people = f"{node.headcount} {'person' if node.headcount == 1 else 'people'}"
        return people if discipline.casefold() == node.name.strip().casefold() else f"{discipline} · {people}"
    return catalogue.structure(node.structure).name


def node_label_lines(node: Node) -> list[str]:
    """A node's label as lines: its name, then its caption unless the caption is the name."""
    caption = node_caption(node)
    return [node.name] if caption.casefold() == node.name.strip().casefold() else [node.name, caption]


def node_fill(node: Node) -> str:
    """A node's fill colour (``#RRGGBB``): its discipline's colour, or light grey for a unit."""
    if isinstance(node, Team):
        return load_catalogue().discipline(node.discipline).color.upper()
    return UNIT_FILL


def text_color_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (``#RRGGBB``)."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "#000000" if luminance > 140 else "#FFFFFF"
