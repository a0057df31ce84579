"""draw.io export: mxGraph XML with one cell per card, reporting line and serves link, at the
layout's coordinates, with plain-text labels."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from orgdesigner.export.drawio import CHART_LAYER, LEGEND_LAYER, drawio_bytes, node_cell_id
from orgdesigner.io import load_template
from orgdesigner.io.csv_import import import_csv
from orgdesigner.layout import LayoutOptions, Placement, layout, route_links
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit

HOSTILE = ['<b>bold</b> & "co"', "=SUM(A1)", "%name% placeholder", "zero\u200bwidth\u2060join", "ünï 名前 😀"]


def _cells(data: bytes) -> list[ET.Element]:
    mxfile = SafeET.fromstring(data)
    assert mxfile.tag == "mxfile"
    diagram = mxfile.find("diagram")
    assert diagram is not None
    model = diagram.find("mxGraphModel")
    assert model is not None
    root = model.find("root")
    assert root is not None
    cells: list[ET.Element] = list(root.findall("mxCell"))
    assert len(cells) == len(list(root)), "only mxCell children"
    return cells


def _chart(cells: list[ET.Element], kind: str) -> list[ET.Element]:
    return [c for c in cells if c.get(kind) == "1" and c.get("parent") == CHART_LAYER]


def _check(org: Organization, placement: Placement) -> list[ET.Element]:
    cells = _cells(drawio_bytes(org, placement))
    ids = [c.get("id") for c in cells]
    assert len(set(ids)) == len(ids)
    assert {"0", CHART_LAYER, LEGEND_LAYER} <= set(ids)
    vertices = _chart(cells, "vertex")
    assert [v.get("id") for v in vertices] == [node_cell_id(b.id) for b in placement.boxes()]
    for vertex, box in zip(vertices, placement.boxes(), strict=True):
        geometry = vertex.find("mxGeometry")
        assert geometry is not None
        x, y, w, h = (float(geometry.get(k, "nan")) for k in ("x", "y", "width", "height"))
        assert (x, y, w, h) == pytest.approx((box.x, box.y, box.w, box.h), abs=1e-3)
        assert (vertex.get("value") or "").split("\n")[0] == org.node(box.id).name
        assert "html=0" in (vertex.get("style") or "")
    edges = _chart(cells, "edge")
    reporting = [e for e in edges if (e.get("id") or "").startswith("reports:")]
    serves = [e for e in edges if (e.get("id") or "").startswith("serves:")]
    assert len(reporting) + len(serves) == len(edges)
    assert len(reporting) == len(placement.edges())
    assert len(serves) == len(route_links(placement))
    for edge in serves:
        assert "dashed=1" in (edge.get("style") or "")
    for edge in edges:
        assert edge.get("source") in ids and edge.get("target") in ids
    return cells


def test_a_template_becomes_one_cell_per_node_and_line() -> None:
    org = load_template("mlops-cross-functional")
    placement = layout(org)
    cells = _check(org, placement)
    assert len(_chart(cells, "vertex")) == len(org)
    edges = _chart(cells, "edge")
    assert len(edges) == len(org) - 1 + len(org.links)
    pairs = {(e.get("source"), e.get("target")) for e in edges if (e.get("id") or "").startswith("reports:")}
    assert pairs == {(node_cell_id(p), node_cell_id(c)) for c in org.iter_preorder() if (p := org.parent(c))}


def test_reporting_lines_follow_the_layouts_route() -> None:
    org = load_template("typical")
    placement = layout(org)
    cells = {c.get("id"): c for c in _cells(drawio_bytes(org, placement))}
    for edge in placement.edges():
        geometry = cells[f"reports:{edge.child}"].find("mxGeometry")
        assert geometry is not None
        ends = {p.get("as"): (float(p.get("x", "nan")), float(p.get("y", "nan"))) for p in geometry.findall("mxPoint")}
        assert ends["sourcePoint"] == pytest.approx(edge.points[0], abs=1e-3)
        assert ends["targetPoint"] == pytest.approx(edge.points[-1], abs=1e-3)
        array = geometry.find("Array")
        inner = (
            []
            if array is None
            else [(float(p.get("x", "nan")), float(p.get("y", "nan"))) for p in array.findall("mxPoint")]
        )
        assert len(inner) == len(edge.points) - 2
        for got, want in zip(inner, edge.points[1:-1], strict=True):
            assert got == pytest.approx(want, abs=1e-3)


def test_hostile_names_stay_plain_text() -> None:
    nodes = [FlatNode(Unit(id="root", name=HOSTILE[0], structure=Structure.EXECUTIVE, lead="<i>x</i>"), None)]
    for i, name in enumerate(HOSTILE[1:]):
        nodes.append(FlatNode(Team(id=f"-t{i}", name=name, discipline=Discipline.MLOPS, headcount=i), "root"))
    org = Organization.from_flat('Org <"&">', 4, nodes, [Link(source="-t0", target="-t1")])
    placement = layout(org)
    cells = _check(org, placement)
    values = {c.get("id"): c.get("value") for c in cells}
    assert values[node_cell_id("root")] == f"{HOSTILE[0]}\nEXEC · 6 people\nLead: <i>x</i>"
    assert values["legend:heading"] == 'Org <"&">'
    raw = drawio_bytes(org, placement).decode("utf-8")
    assert "<b>" not in raw and "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;co&quot;" in raw


def test_collapsed_subtrees_are_one_card() -> None:
    org = load_template("typical")
    placement = layout(org, LayoutOptions(collapse_depth=1))
    cells = _check(org, placement)
    assert len(_chart(cells, "vertex")) == len(placement) < len(org)


def test_the_imported_sample_exports(d3_sample_csv: Path) -> None:
    org = import_csv(d3_sample_csv).org
    placement = layout(org)
    cells = _check(org, placement)
    assert len(_chart(cells, "vertex")) == len(org)
