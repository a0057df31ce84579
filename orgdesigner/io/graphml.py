"""GraphML for networkx and yEd.

The file holds: graph data ``name``, ``target_stage`` and ``format``; node data ``kind``, ``name``,
``structure`` (units), ``discipline`` and ``headcount`` (teams), ``lead``, ``notes``,
``responsibilities`` (ids joined by spaces; absent: the discipline's defaults) and ``parent``
(absent for the root); one edge per reporting line (manager to report) and per dotted line,
told apart by the edge data ``relation`` (``reporting`` or ``serves``), with ids
``reporting:ID`` and ``serves:N`` (so that networkx reads a ``MultiDiGraph`` that keeps a
reporting line and a dotted line between the same two nodes). Nodes come in tree order, so
siblings keep theirs. :func:`graphml_graph` builds the same graph in networkx, for the analysis
and the tests; the file is written as text in one pass (50,000 teams in about a second), not
through networkx's writer, whose element tree took 15 s and 800 MB for that many.

yEd ignores plain GraphML data when it draws, so the file also carries yFiles graphics, which
networkx skips on reading (it only adds ``label``, ``x``, ``y`` and ``shape_type``): each node a
rounded box coloured by discipline with its name (and discipline or structure) as its label, at
a simple top-down tree position; dotted lines dashed. yEd then shows the names on the nodes at
once, and Layout > Tree or Hierarchical rearranges them. yEd is a Java Swing program, and Swing
renders a label that starts with ``<html>`` as HTML (fetching its images): such a label gets a
zero-width space in front, so it shows as the text it is.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from orgdesigner.io.node_labels import node_caption, node_fill, node_label_lines, text_color_on
from orgdesigner.model import Node, Organization, Team, Unit

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
NODE_GRAPHICS_KEY = "y_node_graphics"
EDGE_GRAPHICS_KEY = "y_edge_graphics"
_CHAR_WIDTH = 7.0
_MIN_WIDTH = 110.0
_MAX_WIDTH = 320.0
_HEIGHT = 44.0
_GAP_X = 24.0
_GAP_Y = 70.0


def graphml_graph(org: Organization) -> nx.MultiDiGraph:
    """The org as the graph its GraphML file holds: every field as node data (see the module
    docstring)."""
    graph = nx.MultiDiGraph(name=org.name, target_stage=org.target_stage, format="orgdesigner")
    for flat in org.flat():
        node = flat.node
        data: dict[str, Any] = {"kind": node.kind, "name": node.name}
        if isinstance(node, Unit):
            data["structure"] = node.structure.value
        if isinstance(node, Team):
            data["discipline"] = node.discipline.value
            data["headcount"] = node.headcount
            if node.responsibilities is not None:
                data["responsibilities"] = " ".join(node.responsibilities)
        if node.lead is not None:
            data["lead"] = node.lead
        if node.notes is not None:
            data["notes"] = node.notes
        if flat.parent is not None:
            data["parent"] = flat.parent
        graph.add_node(node.id, **data)
    for flat in org.flat():
        if flat.parent is not None:
            graph.add_edge(flat.parent, flat.node.id, key=f"reporting:{flat.node.id}", relation="reporting")
    for i, link in enumerate(org.links):
        graph.add_edge(link.source, link.target, key=f"serves:{i + 1}", relation="serves")
    return graph


_KEYS = (
    ("d0", "graph", "name", "string"),
    ("d1", "graph", "target_stage", "long"),
    ("d2", "graph", "format", "string"),
    ("d3", "node", "kind", "string"),
    ("d4", "node", "name", "string"),
    ("d5", "node", "structure", "string"),
    ("d6", "node", "discipline", "string"),
    ("d7", "node", "headcount", "long"),
    ("d8", "node", "lead", "string"),
    ("d9", "node", "notes", "string"),
    ("d10", "node", "responsibilities", "string"),
    ("d11", "node", "parent", "string"),
    ("d12", "edge", "relation", "string"),
)
_KEY = {name: key for key, _, name, _ in _KEYS}
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd" xmlns:y="{Y_NS}">\n'
)
_EDGE = (
    '      <data key="y_edge_graphics">\n        <y:PolyLineEdge>\n'
    '          <y:LineStyle color="{color}" type="{style}" width="1.0" />\n'
    '          <y:Arrows source="none" target="{arrow}" />\n{label}'
    '          <y:BendStyle smoothed="false" />\n        </y:PolyLineEdge>\n      </data>\n'
)
_SERVES_LABEL = '          <y:EdgeLabel fontSize="10" textColor="#555555" visible="true">serves</y:EdgeLabel>\n'


def _text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        return value.translate(_TEXT_ESCAPES)
    return value


def _attr(value: str) -> str:
    return value.translate(_ATTR_ESCAPES)


def yed_label(text: str) -> str:
    """A label yEd shows as text: one that Swing would read as HTML gets a zero-width space first."""
    return "\u200b" + text if text.lstrip()[:5].casefold() == "<html" else text


def graphml_bytes(org: Organization) -> bytes:
    """The org as GraphML (UTF-8) with yEd graphics."""
    out = [_HEAD]
    out += [f'  <key id="{k}" for="{f}" attr.name="{n}" attr.type="{t}" />\n' for k, f, n, t in _KEYS]
    out.append(f'  <key for="node" id="{NODE_GRAPHICS_KEY}" yfiles.type="nodegraphics" />\n')
    out.append(f'  <key for="edge" id="{EDGE_GRAPHICS_KEY}" yfiles.type="edgegraphics" />\n')
    out.append('  <graph edgedefault="directed">\n')
    order = list(org.iter_preorder())
    parents = [org.parent(nid) for nid in order]
    labels = {nid: node_label_lines(org.node(nid)) for nid in order}
    boxes = tree_positions(org, labels)
    for nid, parent in zip(order, parents, strict=True):
        _node(out, org.node(nid), parent, boxes[nid], labels[nid])
    for nid, parent in zip(order, parents, strict=True):
        if parent is not None:
            _edge(out, parent, nid, f"reporting:{nid}", "reporting")
    for i, link in enumerate(org.links):
        _edge(out, link.source, link.target, f"serves:{i + 1}", "serves")
    out.append(f'    <data key="d0">{_text(org.name)}</data>\n')
    out.append(f'    <data key="d1">{org.target_stage}</data>\n')
    out.append('    <data key="d2">orgdesigner</data>\n  </graph>\n</graphml>\n')
    return "".join(out).encode("utf-8")


def _data(out: list[str], name: str, value: str) -> None:
    out.append(f'      <data key="{_KEY[name]}">{_text(value)}</data>\n')


def _node(out: list[str], node: Node, parent: str | None, box: tuple[float, float, float], label: list[str]) -> None:
    out.append(f'    <node id="{_attr(node.id)}">\n')
    _data(out, "kind", node.kind)
    _data(out, "name", node.name)
    if isinstance(node, Unit):
        _data(out, "structure", node.structure.value)
    if isinstance(node, Team):
        _data(out, "discipline", node.discipline.value)
        _data(out, "headcount", str(node.headcount))
    if node.lead is not None:
        _data(out, "lead", node.lead)
    if node.notes is not None:
        _data(out, "notes", node.notes)
    if isinstance(node, Team) and node.responsibilities is not None:
        _data(out, "responsibilities", " ".join(node.responsibilities))
    if parent is not None:
        _data(out, "parent", parent)
    x, y, width = box
    fill = node_fill(node)
    unit = isinstance(node, Unit)
    out.append(
        f'      <data key="{NODE_GRAPHICS_KEY}">\n        <y:ShapeNode>\n'
        f'          <y:Geometry height="{_HEIGHT:g}" width="{width:g}" x="{x:g}" y="{y:g}" />\n'
        f'          <y:Fill color="{fill}" transparent="false" />\n'
        f'          <y:BorderStyle color="#333333" type="line" width="{"2.0" if unit else "1.0"}" />\n'
        '          <y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" '
        f'fontStyle="{"bold" if unit else "plain"}" hasBackgroundColor="false" hasLineColor="false" '
        f'modelName="internal" modelPosition="c" textColor="{text_color_on(fill)}" visible="true">'
        f"{_text(yed_label(chr(10).join(label)))}</y:NodeLabel>\n"
        '          <y:Shape type="roundrectangle" />\n        </y:ShapeNode>\n      </data>\n    </node>\n'
    )


def _edge(out: list[str], source: str, target: str, edge_id: str, relation: str) -> None:
    dashed = relation == "serves"
    out.append(f'    <edge source="{_attr(source)}" target="{_attr(target)}" id="{_attr(edge_id)}">\n')
    out.append(f'      <data key="{_KEY["relation"]}">{relation}</data>\n')
    out.append(
        _EDGE.format(
            color="#555555" if dashed else "#000000",
            style="dashed" if dashed else "line",
            arrow="standard" if dashed else "none",
            label=_SERVES_LABEL if dashed else "",
        )
    )
    out.append("    </edge>\n")


def tree_positions(
    org: Organization, labels: dict[str, list[str]] | None = None
) -> dict[str, tuple[float, float, float]]:
    """A simple top-down tree drawing for yEd: node id -> (x, y, width). Leaves sit side by
    side in tree order; a parent is centred over its children. Iterative, so any depth works.
    ``labels`` are the nodes' label lines when already made."""
    if labels is None:
        labels = {n.id: [n.name, node_caption(n)] for n in org.iter_nodes()}
    widths = {
        nid: min(_MAX_WIDTH, max(_MIN_WIDTH, _CHAR_WIDTH * max(len(line) for line in lines) + 20))
        for nid, lines in labels.items()
    }
    order = list(org.iter_preorder())
    kids = {node_id: org.children(node_id) for node_id in order}
    centre: dict[str, float] = {}
    next_left = 0.0
    for node_id in order:
        if not kids[node_id]:
            centre[node_id] = next_left + widths[node_id] / 2
            next_left += widths[node_id] + _GAP_X
    for node_id in reversed(order):
        children = kids[node_id]
        if children:
            centre[node_id] = (centre[children[0]] + centre[children[-1]]) / 2
    depth: dict[str, int] = {}
    for node_id in order:
        parent = org.parent(node_id)
        depth[node_id] = 0 if parent is None else depth[parent] + 1
    left = min((centre[nid] - widths[nid] / 2 for nid in centre), default=0.0)
    return {nid: (centre[nid] - widths[nid] / 2 - left, depth[nid] * (_HEIGHT + _GAP_Y), widths[nid]) for nid in centre}
