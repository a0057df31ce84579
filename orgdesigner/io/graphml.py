"""GraphML for networkx and yEd.

The graph is written by networkx (``write_graphml``'s ``GraphMLWriter``) from a ``MultiDiGraph``: graph data
``name``, ``target_stage`` and ``format``; node data ``kind``, ``name``, ``structure`` (units),
``discipline`` and ``headcount`` (teams), ``lead``, ``notes``, ``responsibilities`` (ids joined
by spaces; absent: the discipline's defaults) and ``parent`` (absent for the root); one edge
per reporting line (manager to report) and per dotted line, told apart by the edge data
``relation`` (``reporting`` or ``serves``). Nodes come in tree order, so siblings keep theirs.

yEd ignores plain GraphML data when it draws, so the file also carries yFiles graphics, which
networkx skips on reading (it only adds ``label``, ``x``, ``y`` and ``shape_type``): each node a
rounded box coloured by discipline with its name (and discipline or structure) as its label, at
a simple top-down tree position; dotted lines dashed. yEd then shows the names on the nodes at
once, and Layout > Tree or Hierarchical rearranges them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from orgdesigner.io.node_labels import node_caption, node_fill, node_label_lines, text_color_on
from orgdesigner.model import Organization, Team, Unit

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


def graphml_bytes(org: Organization) -> bytes:
    """The org as GraphML (UTF-8) with yEd graphics."""
    # What nx.write_graphml does, stopping before the text so that the yFiles graphics can join.
    writer = GraphMLWriter(encoding="utf-8", prettyprint=False)
    writer.add_graph_element(graphml_graph(org))
    root: ET.Element = writer.xml
    root.set("xmlns:y", Y_NS)
    _add_yfiles(root, org)
    ET.indent(root, "  ")
    # XML readers turn a raw carriage return into a line feed; as a character reference it stays.
    body = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _g(tag: str) -> str:
    # GraphMLWriter builds plain tag names and declares the GraphML namespace as the default.
    return tag


def _y(tag: str) -> str:
    return f"y:{tag}"


def _add_yfiles(root: ET.Element, org: Organization) -> None:
    keys = root.findall(_g("key"))
    position = list(root).index(keys[-1]) + 1 if keys else 0
    for key_for, key_id in (("edge", EDGE_GRAPHICS_KEY), ("node", NODE_GRAPHICS_KEY)):
        attributes = {"for": key_for, "id": key_id, "yfiles.type": f"{key_for}graphics"}
        root.insert(position, ET.Element(_g("key"), attributes))
    graph = root.find(_g("graph"))
    assert graph is not None
    boxes = tree_positions(org)
    for element in graph.findall(_g("node")):
        node_id = element.get("id", "")
        _node_graphics(element, org, node_id, boxes[node_id])
    relation_key = next(
        (k.get("id") for k in keys if k.get("for") == "edge" and k.get("attr.name") == "relation"), None
    )
    for element in graph.findall(_g("edge")):
        relation = next((d.text for d in element.findall(_g("data")) if d.get("key") == relation_key), None)
        _edge_graphics(element, dashed=relation == "serves")


def _node_graphics(element: ET.Element, org: Organization, node_id: str, box: tuple[float, float, float]) -> None:
    node = org.node(node_id)
    x, y, width = box
    fill = node_fill(node)
    data = ET.SubElement(element, _g("data"), {"key": NODE_GRAPHICS_KEY})
    shape = ET.SubElement(data, _y("ShapeNode"))
    geometry = {"height": f"{_HEIGHT:g}", "width": f"{width:g}", "x": f"{x:g}", "y": f"{y:g}"}
    ET.SubElement(shape, _y("Geometry"), geometry)
    ET.SubElement(shape, _y("Fill"), {"color": fill, "transparent": "false"})
    ET.SubElement(
        shape,
        _y("BorderStyle"),
        {"color": "#333333", "type": "line", "width": "2.0" if isinstance(node, Unit) else "1.0"},
    )
    label = ET.SubElement(
        shape,
        _y("NodeLabel"),
        {
            "alignment": "center",
            "autoSizePolicy": "content",
            "fontFamily": "Dialog",
            "fontSize": "12",
            "fontStyle": "bold" if isinstance(node, Unit) else "plain",
            "hasBackgroundColor": "false",
            "hasLineColor": "false",
            "modelName": "internal",
            "modelPosition": "c",
            "textColor": text_color_on(fill),
            "visible": "true",
        },
    )
    label.text = "\n".join(node_label_lines(node))
    ET.SubElement(shape, _y("Shape"), {"type": "roundrectangle"})


def _edge_graphics(element: ET.Element, dashed: bool) -> None:
    data = ET.SubElement(element, _g("data"), {"key": EDGE_GRAPHICS_KEY})
    line = ET.SubElement(data, _y("PolyLineEdge"))
    ET.SubElement(
        line,
        _y("LineStyle"),
        {"color": "#555555" if dashed else "#000000", "type": "dashed" if dashed else "line", "width": "1.0"},
    )
    ET.SubElement(line, _y("Arrows"), {"source": "none", "target": "standard" if dashed else "none"})
    if dashed:
        style = {"fontSize": "10", "textColor": "#555555", "visible": "true"}
        label = ET.SubElement(line, _y("EdgeLabel"), style)
        label.text = "serves"
    ET.SubElement(line, _y("BendStyle"), {"smoothed": "false"})


def tree_positions(org: Organization) -> dict[str, tuple[float, float, float]]:
    """A simple top-down tree drawing for yEd: node id -> (x, y, width). Leaves sit side by
    side in tree order; a parent is centred over its children. Iterative, so any depth works."""
    widths = {
        n.id: min(_MAX_WIDTH, max(_MIN_WIDTH, _CHAR_WIDTH * max(len(n.name), len(node_caption(n))) + 20))
        for n in org.iter_nodes()
    }
    order = list(org.iter_preorder())
    centre: dict[str, float] = {}
    next_left = 0.0
    for node_id in order:
        if not org.children(node_id):
            centre[node_id] = next_left + widths[node_id] / 2
            next_left += widths[node_id] + _GAP_X
    for node_id in reversed(order):
        children = org.children(node_id)
        if children:
            centre[node_id] = (centre[children[0]] + centre[children[-1]]) / 2
    depth: dict[str, int] = {}
    for node_id in order:
        parent = org.parent(node_id)
        depth[node_id] = 0 if parent is None else depth[parent] + 1
    left = min((centre[nid] - widths[nid] / 2 for nid in centre), default=0.0)
    return {nid: (centre[nid] - widths[nid] / 2 - left, depth[nid] * (_HEIGHT + _GAP_Y), widths[nid]) for nid in centre}
