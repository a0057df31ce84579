"""Writers for other tools' formats, by file suffix (GraphML, Mermaid, DOT, CSV, Backstage YAML).

``orgdesigner export`` and the window's Export menu look a suffix up in :data:`TEXT_WRITERS`
when it is not one of the drawn formats (SVG, PNG, PDF, draw.io). Each writer is imported when
first used, so that loading this table does not load networkx.
"""

from __future__ import annotations

from collections.abc import Callable

from orgdesigner.model import Organization


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
