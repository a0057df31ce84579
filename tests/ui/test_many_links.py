"""Thousands of dotted lines on the canvas: one item draws them all, and the pointer still finds
each line for its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from orgdesigner.layout import route_links
from orgdesigner.model import FlatNode, Link, Organization, Team, Unit
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.document import Document
from orgdesigner.ui.view_state import ViewState


def _org(teams: int, links: int) -> Organization:
    nodes = [FlatNode(Unit(id="root", name="Root", structure="executive"), None)]
    nodes += [FlatNode(Team(id=f"t{i}", name=f"Team {i}", discipline="mlops"), "root") for i in range(teams)]
    out = [Link(source=f"t{k % teams}", target=f"t{(k % teams + 1 + k // teams) % teams}") for k in range(links)]
    out = [lk for lk in dict.fromkeys(out) if lk.source != lk.target]
    return Organization.from_flat("Links", 4, nodes, out)


def test_the_scene_holds_one_item_for_any_number_of_dotted_lines(qtbot: QtBot) -> None:
    few = OrgScene(Document(_org(40, 0)), ViewState())
    many_org = _org(40, 600)
    many = OrgScene(Document(many_org), ViewState())
    assert len(many_org.links) > 500
    # One item per line put every long line into each cell of the scene's index it crosses
    # (50,000 lines took 3.5 GB); one layer item draws them, whatever their number.
    assert len(many.items()) == len(few.items())


def test_each_dotted_line_has_its_tooltip_where_it_runs(qtbot: QtBot) -> None:
    org = _org(12, 30)
    scene = OrgScene(Document(org), ViewState())
    placement = scene.placement
    assert placement is not None
    checked = 0
    for line in route_links(placement):
        (x1, y1), (x2, y2) = line.points[0], line.points[1]
        mid = QPointF((x1 + x2) / 2, (y1 + y2) / 2)
        if scene.card_at(mid) is not None:
            continue
        found = scene.link_at(mid)
        assert found is not None
        tip = scene.tooltip_at(mid)
        doc = QTextDocument()
        doc.setHtml(tip)
        src, dst = found
        assert doc.toPlainText() == f"{org.label(src)} serves {org.label(dst)}"
        checked += 1
    assert checked >= 10
    far = QPointF(placement.bounds.x - 30, placement.bounds.y - 30)
    assert scene.link_at(far) is None and scene.tooltip_at(far) == ""
