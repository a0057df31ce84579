"""draw.io (diagrams.net) files: the chart as the layout placed it, as uncompressed mxGraph XML.

``<mxfile><diagram><mxGraphModel><root>`` holds two layers. The chart (cell ``1``, the id
draw.io gives its default layer) has one vertex cell per shown card, at the placement's
coordinates and size and coloured as in the SVG, and one edge cell per reporting line (its
orthogonal route as waypoints) and per ``serves`` link (dashed, with an arrow). The ``legend``
layer has the org's name and the legend band, as text. Labels are plain text
(``html=0``), so a name can never become markup; each card's label is the node's full name, its
discipline or structure with headcount, and its lead, wrapped by draw.io inside the card.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from orgdesigner.layout import TEXT_PAD, Bounds, NodeBox, Placement, Point, route_links
from orgdesigner.layout.cards import people
from orgdesigner.layout.palette import EDGE, INK, LINK, card_paint
from orgdesigner.model import Organization

CHART_LAYER = "1"
LEGEND_LAYER = "legend"
FONT = "Helvetica"
_CARD_STYLE = (
    "rounded=1;arcSize=6;absoluteArcSize=1;whiteSpace=wrap;html=0;overflow=hidden;align=left;"
    f"verticalAlign=middle;spacingLeft={TEXT_PAD};spacingRight={TEXT_PAD};fontFamily={FONT};"
    "fontSize=11;strokeWidth=1.5;"
)
_EDGE_STYLE = f"html=0;endArrow=none;rounded=0;strokeColor={EDGE};strokeWidth=1.5;"
_LINK_STYLE = f"html=0;dashed=1;dashPattern=6 4;endArrow=block;endFill=1;rounded=0;strokeColor={LINK};strokeWidth=1.5;"


def node_cell_id(node_id: str) -> str:
    """The draw.io cell id of a node's card."""
    return f"node:{node_id}"


def drawio_text(org: Organization, placement: Placement) -> str:
    """The draw.io file's XML text."""
    width, height = math.ceil(placement.width), math.ceil(placement.height)
    mxfile = ET.Element("mxfile", {"host": "orgdesigner", "type": "device", "compressed": "false"})
    diagram = ET.SubElement(mxfile, "diagram", {"id": "orgdesigner-chart", "name": org.name})
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        {
            "dx": str(width),
            "dy": str(height),
            "grid": "0",
            "gridSize": "10",
            "guides": "1",
            "tooltips": "1",
            "connect": "1",
            "arrows": "1",
            "fold": "1",
            "page": "1",
            "pageScale": "1",
            "pageWidth": str(width),
            "pageHeight": str(height),
            "math": "0",
            "shadow": "0",
        },
    )
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", {"id": "0"})
    ET.SubElement(root, "mxCell", {"id": CHART_LAYER, "value": "Chart", "parent": "0"})
    ET.SubElement(root, "mxCell", {"id": LEGEND_LAYER, "value": "Legend", "parent": "0"})
    _legend(root, placement)
    boxes = {box.id: box for box in placement.boxes()}
    for box in boxes.values():
        _card(root, org, box)
    for edge in placement.edges():
        _line(root, f"reports:{edge.child}", boxes[edge.parent], boxes[edge.child], edge.points, _EDGE_STYLE)
    for number, link in enumerate(route_links(placement), start=1):
        _line(root, f"serves:{number}", boxes[link.source], boxes[link.target], link.points, _LINK_STYLE)
    ET.indent(mxfile, "  ")
    return ET.tostring(mxfile, encoding="unicode") + "\n"


def drawio_bytes(org: Organization, placement: Placement) -> bytes:
    """The draw.io file (a ``.drawio`` file, UTF-8)."""
    return drawio_text(org, placement).encode("utf-8")


def _label(org: Organization, box: NodeBox) -> str:
    node = org.get(box.id)
    name = node.name if node is not None else box.name
    lines = [name, f"{box.short} · {people(box.headcount)}"]
    if box.lead is not None:
        lines.append(f"Lead: {box.lead}")
    if box.collapsed is not None:
        lines.append(f"+{box.collapsed.nodes:,} more below")
    return "\n".join(lines)


def _card(root: ET.Element, org: Organization, box: NodeBox) -> None:
    paint = box.face.paint
    colours = f"fillColor={paint.fill};strokeColor={paint.border};fontColor={paint.ink};"
    cell = ET.SubElement(
        root,
        "mxCell",
        {
            "id": node_cell_id(box.id),
            "value": _label(org, box),
            "style": _CARD_STYLE + colours,
            "vertex": "1",
            "parent": CHART_LAYER,
        },
    )
    _geometry(cell, box.bounds)


def _geometry(cell: ET.Element, bounds: Bounds) -> None:
    ET.SubElement(
        cell,
        "mxGeometry",
        {
            "x": _n(bounds.x),
            "y": _n(bounds.y),
            "width": _n(bounds.width),
            "height": _n(bounds.height),
            "as": "geometry",
        },
    )


def _anchor(box: NodeBox, point: Point) -> str:
    """Where on the card a line leaves or arrives, as draw.io's relative 0-1 coordinates."""
    fx = min(1.0, max(0.0, (point[0] - box.x) / box.w)) if box.w else 0.5
    fy = min(1.0, max(0.0, (point[1] - box.y) / box.h)) if box.h else 0.5
    return f"{fx:.4g};{fy:.4g}"


def _line(
    root: ET.Element, cell_id: str, source: NodeBox, target: NodeBox, points: tuple[Point, ...], style: str
) -> None:
    exit_x, exit_y = _anchor(source, points[0]).split(";")
    entry_x, entry_y = _anchor(target, points[-1]).split(";")
    pins = (
        f"exitX={exit_x};exitY={exit_y};exitDx=0;exitDy=0;exitPerimeter=0;"
        f"entryX={entry_x};entryY={entry_y};entryDx=0;entryDy=0;entryPerimeter=0;"
    )
    cell = ET.SubElement(
        root,
        "mxCell",
        {
            "id": cell_id,
            "style": style + pins,
            "edge": "1",
            "parent": CHART_LAYER,
            "source": node_cell_id(source.id),
            "target": node_cell_id(target.id),
        },
    )
    geometry = ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
    ET.SubElement(geometry, "mxPoint", {"x": _n(points[0][0]), "y": _n(points[0][1]), "as": "sourcePoint"})
    ET.SubElement(geometry, "mxPoint", {"x": _n(points[-1][0]), "y": _n(points[-1][1]), "as": "targetPoint"})
    if len(points) > 2:
        waypoints = ET.SubElement(geometry, "Array", {"as": "points"})
        for x, y in points[1:-1]:
            ET.SubElement(waypoints, "mxPoint", {"x": _n(x), "y": _n(y)})


def _legend(root: ET.Element, placement: Placement) -> None:
    legend = placement.legend
    if legend is None:
        return
    heading = legend.heading
    _text(root, "legend:heading", heading.text, heading.x, heading.y - 16, 16, bold=True)
    for number, entry in enumerate(legend.entries, start=1):
        swatch = entry.swatch
        if entry.kind == "link":
            mid = swatch.y + swatch.height / 2
            cell = ET.SubElement(
                root,
                "mxCell",
                {
                    "id": f"legend:{number}:mark",
                    "style": _LINK_STYLE,
                    "edge": "1",
                    "parent": LEGEND_LAYER,
                },
            )
            geometry = ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
            ET.SubElement(geometry, "mxPoint", {"x": _n(swatch.x), "y": _n(mid), "as": "sourcePoint"})
            ET.SubElement(geometry, "mxPoint", {"x": _n(swatch.right), "y": _n(mid), "as": "targetPoint"})
        else:
            swatch_paint = card_paint(entry.color)
            cell = ET.SubElement(
                root,
                "mxCell",
                {
                    "id": f"legend:{number}:mark",
                    "value": "",
                    "vertex": "1",
                    "parent": LEGEND_LAYER,
                    "style": f"rounded=1;html=0;fillColor={swatch_paint.fill};strokeColor={swatch_paint.border};",
                },
            )
            _geometry(cell, swatch)
        _text(root, f"legend:{number}", entry.text.text, entry.text.x, entry.text.y - 11, 11)


def _text(root: ET.Element, cell_id: str, text: str, x: float, top: float, size: int, bold: bool = False) -> None:
    cell = ET.SubElement(
        root,
        "mxCell",
        {
            "id": cell_id,
            "value": text,
            "vertex": "1",
            "parent": LEGEND_LAYER,
            "style": (
                "text;html=0;strokeColor=none;fillColor=none;align=left;verticalAlign=top;"
                f"whiteSpace=nowrap;fontFamily={FONT};fontSize={size};fontStyle={1 if bold else 0};"
                f"fontColor={INK};spacing=0;"
            ),
        },
    )
    width = max(40.0, len(text) * size * 0.62)
    _geometry(cell, Bounds(x, top, width, size * 1.4))


def _n(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
