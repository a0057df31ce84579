"""A Mermaid flowchart (top-down) of the org, for wikis and Markdown that render Mermaid.

Nodes get the ids ``n1``, ``n2``, ... in tree order (an org's ids may hold ``-`` and ``.`` or be
Mermaid keywords such as ``end``); labels are quoted, and every character Mermaid or the HTML it
renders to could read as syntax is written as a Mermaid entity code (``"`` as ``#quot;``, ``<``
as ``#lt;``, ``%`` as ``#37;`` so no ``%%{init}%%`` directive can be smuggled in), so a label is
always plain text: no Markdown, no HTML. Reporting lines are plain ``---`` lines, dotted lines
``serves`` arrows; each node is coloured by its discipline (units grey).

Mermaid's layout ranks every link, dotted ones too: a link says "the second node is at least
as many rows below the first as the link is long". So each dotted line is written from the
end higher in the tree to the lower one, as long as the levels between them (``-..->`` spans
two), with its arrowhead at the served node (``<-.-`` when that is the higher end): it then
asks for no more than the reporting lines already give, and the tree keeps its levels. A
dotted line between two nodes on the same level cannot be so written (a Mermaid link spans at
least one row): it pulls the served node one row down.

Mermaid's own limits (by default 500 links and 50,000 characters, which only the page that
draws the diagram can raise, with ``mermaid.initialize({maxTextSize, maxEdges})``) keep it from
drawing orgs much past 400 nodes; :func:`mermaid_warnings` says when a chart passes them, and
DOT, GraphML or draw.io draw such orgs.
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
    depth = _depths(org)
    for link in org.links:
        lines.append(
            "    " + serves_line(short[link.source], short[link.target], depth[link.target] - depth[link.source])
        )
    for css_class, (style, members) in classes.items():
        lines.append(f"    classDef {css_class} {style}")
        for start in range(0, len(members), _CLASS_CHUNK):
            lines.append(f"    class {','.join(members[start : start + _CLASS_CHUNK])} {css_class}")
    return "\n".join(lines) + "\n"


MAX_TEXT_SIZE = 50_000
"""Mermaid's default ``maxTextSize``: longer diagrams are not drawn."""
MAX_EDGES = 500
"""Mermaid's default ``maxEdges``."""


def serves_line(source: str, target: str, levels: int) -> str:
    """A dotted line from ``source`` to ``target``, ``levels`` rows below it (negative: above),
    written from the higher end down and as long as the rows between, arrow at the target."""
    dots = "." * max(1, abs(levels))
    if levels >= 0:
        return f"{source} -{dots}->|serves| {target}"
    return f"{target} <-{dots}-|serves| {source}"


def _depths(org: Organization) -> dict[str, int]:
    depth: dict[str, int] = {}
    for nid in org.iter_preorder():
        parent = org.parent(nid)
        depth[nid] = 0 if parent is None else depth[parent] + 1
    return depth


def mermaid_warnings(text: str, links: int) -> list[str]:
    """What keeps Mermaid from drawing the diagram with its default settings."""
    warnings = []
    if len(text) > MAX_TEXT_SIZE:
        warnings.append(
            f"the diagram is {len(text):,} characters, more than Mermaid's default maxTextSize of "
            f"{MAX_TEXT_SIZE:,}: Mermaid draws it only on a page that sets mermaid.initialize({{maxTextSize: "
            f"{len(text) + 1000}}}) (GitHub and most wikis cannot); export .dot, .graphml or .drawio instead"
        )
    if links > MAX_EDGES:
        warnings.append(
            f"the diagram has {links:,} links, more than Mermaid's default maxEdges of {MAX_EDGES}: Mermaid draws "
            f"it only on a page that sets mermaid.initialize({{maxEdges: {links}}})"
        )
    return warnings


def _style(node: Node) -> str:
    fill = node_fill(node)
    width = "2px" if isinstance(node, Unit) else "1px"
    return f"fill:{fill},stroke:#333333,stroke-width:{width},color:{text_color_on(fill)}"


def mermaid_bytes(org: Organization) -> bytes:
    """The flowchart as UTF-8 bytes (a ``.mmd`` file)."""
    return mermaid_text(org).encode("utf-8")
