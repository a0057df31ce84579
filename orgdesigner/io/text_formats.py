"""Writers for other tools' formats, by file suffix (GraphML, Mermaid, DOT, CSV, Backstage YAML).

``orgdesigner export`` and the window's Export menu look a suffix up in :data:`TEXT_WRITERS`
when it is not one of the drawn formats (SVG, PNG, PDF, draw.io). Each writer is imported when
first used, so that loading this table does not load networkx.
"""

from __future__ import annotations

from collections.abc import Callable

from orgdesigner.model import Node, Organization, Team, load_catalogue

UNIT_FILL = "#EEEEEE"


def _graphml(org: Organization) -> bytes:
    from orgdesigner.io.graphml import graphml_bytes

    return graphml_bytes(org)


def _mermaid(org: Organization) -> bytes:
    from orgdesigner.io.mermaid import mermaid_bytes

    return mermaid_bytes(org)


def _dot(org: Organization) -> bytes:
    from orgdesigner.io.dot import dot_bytes

    return dot_bytes(org)


def _csv(org: Organization) -> bytes:
    from orgdesigner.io.csv_write import csv_bytes

    return csv_bytes(org)


def _backstage(org: Organization) -> bytes:
    from orgdesigner.io.backstage_write import backstage_bytes

    return backstage_bytes(org)


# suffix (with the dot, lower case) -> function returning the file's bytes
TEXT_WRITERS: dict[str, Callable[[Organization], bytes]] = {
    ".graphml": _graphml,
    ".mmd": _mermaid,
    ".dot": _dot,
    ".gv": _dot,
    ".csv": _csv,
    ".yaml": _backstage,
    ".yml": _backstage,
}


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
