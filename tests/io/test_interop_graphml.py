"""GraphML: networkx reads back ids, parents and every attribute; yEd finds labels on nodes."""

from __future__ import annotations

import io

import defusedxml.ElementTree as SafeET
import networkx as nx
from hypothesis import HealthCheck, given, settings

from orgdesigner.io import load_template
from orgdesigner.io.graphml import GRAPHML_NS, Y_NS, graphml_bytes, graphml_graph, yed_label
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit
from tests.reliability.strategies import orgs

NAMES = ['<b>"quoted" & co</b>', "]]> CDATA end", "=SUM(1)", "ünï 名前 😀", " spaced "]


def _hostile_org() -> Organization:
    nodes = [FlatNode(Unit(id="root", name=NAMES[0], structure=Structure.EXECUTIVE, lead="Ana", notes=""), None)]
    for i, name in enumerate(NAMES[1:]):
        nodes.append(
            FlatNode(
                Team(
                    id=f"-t.{i}",
                    name=name,
                    discipline=Discipline.MLOPS,
                    headcount=i,
                    lead=name,
                    notes=f"{name}\r\nsecond line\ttabbed",
                    responsibilities=() if i == 0 else None,
                ),
                "root" if i < 2 else "-t.1",
            )
        )
    links = [Link(source="-t.0", target="-t.1"), Link(source="-t.2", target="-t.1")]
    return Organization.from_flat("Acme <&>", 3, nodes, links)


def _read(org: Organization) -> nx.DiGraph:
    return nx.read_graphml(io.BytesIO(graphml_bytes(org)))


def _check_round_trip(org: Organization) -> None:
    graph = _read(org)
    assert list(graph.nodes) == list(org.iter_preorder())
    assert graph.graph["name"] == org.name and graph.graph["target_stage"] == org.target_stage
    for flat in org.flat():
        node, data = flat.node, graph.nodes[flat.node.id]
        assert data["kind"] == node.kind and data["name"] == node.name
        assert data.get("parent") == flat.parent
        assert data.get("lead") == node.lead and data.get("notes") == node.notes
        if isinstance(node, Team):
            assert data["discipline"] == node.discipline.value and data["headcount"] == node.headcount
            expected = None if node.responsibilities is None else " ".join(node.responsibilities)
            assert data.get("responsibilities") == expected
            assert "structure" not in data
        else:
            assert data["structure"] == node.structure.value and "discipline" not in data
        assert data["label"].split("\n")[0] == node.name
    reporting = {(u, v) for u, v, r in graph.edges(data="relation") if r == "reporting"}
    assert reporting == {(f.parent, f.node.id) for f in org.flat() if f.parent is not None}
    serves = sorted((u, v) for u, v, r in graph.edges(data="relation") if r == "serves")
    assert serves == sorted((lk.source, lk.target) for lk in org.links)


def test_every_template_round_trips_through_networkx() -> None:
    for name in ("typical", "mlops-cross-functional", "llm-era"):
        _check_round_trip(load_template(name))


def test_hostile_names_round_trip_through_networkx() -> None:
    _check_round_trip(_hostile_org())


def test_yed_graphics_give_every_node_a_label_and_dotted_lines_dashes() -> None:
    org = load_template("mlops-cross-functional")
    root = SafeET.fromstring(graphml_bytes(org))
    keys = {k.get("yfiles.type"): k.get("id") for k in root.findall(f"{{{GRAPHML_NS}}}key") if k.get("yfiles.type")}
    assert set(keys) == {"nodegraphics", "edgegraphics"}
    nodes = root.findall(f".//{{{GRAPHML_NS}}}node")
    assert len(nodes) == len(org)
    for element in nodes:
        label = element.find(f".//{{{Y_NS}}}ShapeNode/{{{Y_NS}}}NodeLabel")
        assert label is not None and label.text is not None
        assert label.text.split("\n")[0] == org.node(element.get("id", "")).name
        geometry = element.find(f".//{{{Y_NS}}}Geometry")
        assert geometry is not None and float(geometry.get("width", "0")) > 0
    dashed = root.findall(f".//{{{Y_NS}}}LineStyle[@type='dashed']")
    assert len(dashed) == len(org.links)


def test_parallel_reporting_and_serves_edges_are_both_kept() -> None:
    nodes = [
        FlatNode(Team(id="a", name="A", discipline=Discipline.MLOPS), None),
        FlatNode(Team(id="b", name="B", discipline=Discipline.DATA_SCIENCE), "a"),
    ]
    org = Organization.from_flat("Two", 4, nodes, [Link(source="a", target="b")])
    graph = _read(org)
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(r for _, _, r in graph.edges(data="relation")) == ["reporting", "serves"]


def test_the_graphml_writer_is_registered() -> None:
    org = load_template("typical")
    assert TEXT_WRITERS[".graphml"](org) == graphml_bytes(org)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(orgs(max_nodes=80))
def test_the_file_networkx_reads_is_the_graph_org_graph_builds(org: Organization) -> None:
    """The text writer and networkx's graph of the org agree on every node, edge and datum."""
    read = nx.read_graphml(io.BytesIO(graphml_bytes(org)))
    built = graphml_graph(org)
    assert {k: v for k, v in read.graph.items() if not k.endswith("_default")} == built.graph
    assert list(read.nodes) == list(built.nodes)
    for node_id, data in built.nodes(data=True):
        got = {k: v for k, v in read.nodes[node_id].items() if k not in ("label", "x", "y", "shape_type")}
        assert got == data, node_id

    def edges(graph: nx.DiGraph) -> list[tuple[str, str, str]]:
        return sorted((u, v, d["relation"]) for u, v, d in graph.edges(data=True))

    assert edges(read) == edges(built)


def test_a_label_swing_would_read_as_html_is_shown_as_text() -> None:
    hostile = '<HTML><img src="http://example.invalid/x.png">'
    nodes = [FlatNode(Team(id="t", name=hostile, discipline=Discipline.MLOPS, headcount=1), None)]
    org = Organization.from_flat("Org", 4, nodes)
    root = SafeET.fromstring(graphml_bytes(org))
    label = root.find(f".//{{{Y_NS}}}NodeLabel")
    assert label is not None and label.text is not None
    assert label.text.startswith("\u200b<HTML>") and not label.text.lower().startswith("<html")
    assert nx.read_graphml(io.BytesIO(graphml_bytes(org))).nodes["t"]["name"] == hostile  # the data is exact
    assert yed_label("  <html>x") == "\u200b  <html>x" and yed_label("a <html>") == "a <html>"
