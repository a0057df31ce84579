"""A Mermaid flowchart (top-down) of the org, for wikis and Markdown that render Mermaid.

Nodes get the ids ``n1``, ``n2``, ... in tree order (an org's ids may hold ``-`` and ``.`` or be
Mermaid keywords such as ``end``); labels are quoted, and every character Mermaid or the HTML it
renders to could read as syntax is written as a Mermaid entity code (``"`` as ``#quot;``, ``<``
as ``#lt;``, ``%`` as ``#37;`` so no ``%%{init}%%`` directive can be smuggled in), so a label is
always plain text: no Markdown, no HTML. Reporting lines are plain ``---`` lines, dotted lines
``-.->|serves|`` arrows; each node is coloured by its discipline (units grey). Mermaid's own
limits (by default 500 edges and 50,000 characters, which a diagram cannot raise) keep it from
drawing orgs much past 400 nodes; use DOT, GraphML or draw.io for those.
"""

from __future__ import annotations

import json

from orgdesigner.io.node_labels import node_fill, node_label_lines, text_color_on
from orgdesigner.model import Node, Organization, Team, Unit

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "%": "#37;",
    "{": "#123;",
    "}": "#125;",
    ";": "#59;",
    "\\": "#92;",
    "|": "#124;",
}
_TITLE_ESCAPES = {ch: f"\\u{ord(ch):04x}" for ch in "%<>&#`{}"}
_CLASS_CHUNK = 40


def escape_label(text: str) -> str:
    """Text for inside a quoted Mermaid label, with syntax characters as entity codes."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _title(name: str) -> str:
    # A YAML double-quoted string (JSON is one), with characters Mermaid's directive and HTML
    # handling could trip over written as \\u escapes.
    quoted = json.dumps(name, ensure_ascii=False)
    return "".join(_TITLE_ESCAPES.get(ch, ch) for ch in quoted)


def mermaid_text(org: Organization) -> str:
    """The flowchart's source text."""
    lines = ["---", f"title: {_title(org.name)}", "---", "flowchart TD"]
    short = {nid: f"n{i + 1}" for i, nid in enumerate(org.iter_preorder())}
    classes: dict[str, tuple[str, list[str]]] = {}
    for node in org.iter_nodes():
        label = "<br/>".join(escape_label(line) for line in node_label_lines(node))
        lines.append(f'    {short[node.id]}["{label}"]')
        css_class = f"d_{node.discipline.value}" if isinstance(node, Team) else "unit"
        classes.setdefault(css_class, (_style(node), []))[1].append(short[node.id])
    for nid in org.iter_preorder():
        parent = org.parent(nid)
        if parent is not None:
            lines.append(f"    {short[parent]} --- {short[nid]}")
    for link in org.links:
        lines.append(f"    {short[link.source]} -.->|serves| {short[link.target]}")
    for css_class, (style, members) in classes.items():
        lines.append(f"    classDef {css_class} {style}")
        for start in range(0, len(members), _CLASS_CHUNK):
            lines.append(f"    class {','.join(members[start : start + _CLASS_CHUNK])} {css_class}")
    return "\n".join(lines) + "\n"


def _style(node: Node) -> str:
    fill = node_fill(node)
    width = "2px" if isinstance(node, Unit) else "1px"
    return f"fill:{fill},stroke:#333333,stroke-width:{width},color:{text_color_on(fill)}"


def mermaid_bytes(org: Organization) -> bytes:
    """The flowchart as UTF-8 bytes (a ``.mmd`` file)."""
    return mermaid_text(org).encode("utf-8")
