"""The findings panel changes only the lines a new report changes: after any edit it shows what a
panel built afresh shows, while the lines that did not change stay the same items (open groups
stay open with their lines) and one renamed team touches a handful of items, not the tree."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template
from orgdesigner.model import EditRefused, Team
from orgdesigner.ui.document import Document
from orgdesigner.ui.findings_panel import FindingsPanel
from orgdesigner.ui.findings_tree import LAZY
from orgdesigner.ui.live_analysis import LiveAnalysis
from tests.synthetic import make_org


def _shape(item: QTreeWidgetItem) -> tuple[Any, ...]:
    """Everything a person sees of an item and what it names, with its children."""
    lazy = item.data(0, LAZY)
    return (
        item.text(0),
        tuple(item.data(0, Qt.ItemDataRole.UserRole) or ()),
        item.font(0).bold(),
        item.foreground(0).color().name(),
        len(lazy) if lazy else 0,
        item.childIndicatorPolicy(),
        tuple(_shape(item.child(k)) for k in range(item.childCount())),
    )


def _tree(panel: FindingsPanel) -> tuple[Any, ...]:
    tree = panel.tree
    return tuple(_shape(tree.topLevelItem(k)) for k in range(tree.topLevelItemCount()))


def _panel(qtbot: QtBot) -> FindingsPanel:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    return panel


def _random_edit(doc: Document, rng: random.Random, k: int) -> None:
    org = doc.org
    ids = list(org.iter_preorder())
    teams = [t.id for t in org.teams()]
    units = [u.id for u in org.units()]
    kind = rng.choice(["move", "rename", "delete", "add", "headcount", "undo", "undo", "redo"])
    try:
        if kind == "move" and teams and units:
            doc.move_nodes([rng.choice(teams)], rng.choice(units))
        elif kind == "rename" and ids:
            doc.set_fields(rng.choice(ids), name=f"Renamed {k}")
        elif kind == "delete" and len(ids) > 1:
            doc.remove_nodes([rng.choice(ids[1:])])
        elif kind == "add" and units:
            doc.add_team(rng.choice(["mlops", "data_science", "devops_sre", "data_engineering"]), rng.choice(units))
        elif kind == "headcount" and teams:
            doc.set_fields(rng.choice(teams), headcount=rng.choice([0, 3]))
        elif kind == "undo" and doc.undo_stack.canUndo():
            doc.undo_stack.undo()
        elif kind == "redo" and doc.undo_stack.canRedo():
            doc.undo_stack.redo()
    except EditRefused:
        pass


def test_after_any_edit_the_panel_shows_what_a_fresh_panel_shows(qtbot: QtBot) -> None:
    for seed, org in enumerate([load_template("typical"), make_org(120, "random", links=3)]):
        rng = random.Random(seed)
        doc = Document(org)
        analysis = LiveAnalysis(doc)
        panel = _panel(qtbot)
        panel.show_report(analysis.report, doc.org)
        for k in range(60):
            _random_edit(doc, rng, k)
            report, delta = analysis.report, analysis.delta
            panel.show_report(report, doc.org, delta)
            if rng.random() < 0.3:  # a group opened by hand: its lines are made, and kept
                section = panel.tree.topLevelItem(rng.randrange(3))
                if section.childCount():
                    section.child(rng.randrange(section.childCount())).setExpanded(True)
            fresh = _panel(qtbot)
            fresh.show_report(report, doc.org, delta)
            for k2 in range(panel.tree.topLevelItemCount()):  # open the same groups in the fresh one
                _open_like(panel.tree.topLevelItem(k2), fresh.tree.topLevelItem(k2))
            assert _tree(panel) == _tree(fresh)
            assert panel.headline.text() == fresh.headline.text()
            assert panel.last_edit.isHidden() == fresh.last_edit.isHidden()
            assert panel.last_edit.isHidden() or panel.last_edit.text() == fresh.last_edit.text()


def _open_like(mine: QTreeWidgetItem, theirs: QTreeWidgetItem) -> None:
    for k in range(min(mine.childCount(), theirs.childCount())):
        a, b = mine.child(k), theirs.child(k)
        if a.isExpanded() and a.text(0) == b.text(0):
            b.setExpanded(True)
            _open_like(a, b)


def test_lines_that_did_not_change_stay_the_same_items(qtbot: QtBot) -> None:
    org = make_org(600, "balanced", links=4)
    doc = Document(org)
    analysis = LiveAnalysis(doc)
    panel = _panel(qtbot)
    panel.show_report(analysis.report, doc.org)
    tree = panel.tree
    notes = tree.topLevelItem(1)  # the warnings: a group of wide units, one of teams lacking a provider
    notes.setExpanded(True)
    group = max((notes.child(k) for k in range(notes.childCount())), key=lambda g: len(g.data(0, LAZY) or ()))
    group.setExpanded(True)  # its lines are made now
    assert group.childCount() > 1
    items = {id(tree.topLevelItem(s).child(k)) for s in range(3) for k in range(tree.topLevelItem(s).childCount())}
    unit = next(u for u in doc.org.units() if u.id != doc.org.root and not doc.org.child_count(u.id) <= 8)
    doc.set_fields(unit.id, lead="Someone new")  # no finding names a lead
    panel.show_report(analysis.report, doc.org, analysis.delta)
    assert tree.changed_items == 0
    after = {id(tree.topLevelItem(s).child(k)) for s in range(3) for k in range(tree.topLevelItem(s).childCount())}
    assert after == items
    assert group.isExpanded() and group.childCount() > 1 and notes.isExpanded()


def test_one_renamed_team_touches_a_few_items_of_a_large_tree(qtbot: QtBot) -> None:
    org = make_org(2400, "balanced", links=20)
    doc = Document(org)
    analysis = LiveAnalysis(doc)
    panel = _panel(qtbot)
    panel.show_report(analysis.report, doc.org)
    total = sum(1 for _ in _walk(panel))
    team = next(t for t in reversed(doc.org.teams()) if t.headcount > 0)
    doc.set_fields(team.id, name="A team renamed")
    report = analysis.report
    panel.show_report(report, doc.org, analysis.delta)
    named = sum(1 for f in report.findings if "A team renamed" in f.message)
    assert total > 50 and panel.tree.changed_items <= 3 * named + 4, (total, panel.tree.changed_items, named)
    fresh = _panel(qtbot)
    fresh.show_report(report, doc.org, analysis.delta)
    assert _tree(panel) == _tree(fresh)


def _walk(panel: FindingsPanel) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []
    stack = [panel.tree.topLevelItem(k) for k in range(panel.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(item.child(k) for k in range(item.childCount()))
    return out


def test_what_an_edit_created_is_marked_and_opened_then_unmarked(qtbot: QtBot) -> None:
    doc = Document(load_template("typical"))
    analysis = LiveAnalysis(doc)
    panel = _panel(qtbot)
    panel.show_report(analysis.report, doc.org)
    notes = panel.tree.topLevelItem(2)
    assert not notes.isExpanded()
    doc.add_node(Team(id="idle", name="Idle Team", discipline="analytics"), "cto")
    panel.show_report(analysis.report, doc.org, analysis.delta)
    texts = [notes.child(k).text(0) for k in range(notes.childCount())]
    assert texts[0].startswith("NEW") and notes.isExpanded() and notes.child(0).font(0).bold()
    doc.undo_stack.undo()
    panel.show_report(analysis.report, doc.org, analysis.delta)
    resolved = panel.tree.topLevelItem(3)
    assert resolved.text(0).startswith("Resolved by the last edit") and resolved.isExpanded()
    assert not any(notes.child(k).text(0).startswith("NEW") for k in range(notes.childCount()))
    assert not any(notes.child(k).font(0).bold() for k in range(notes.childCount()))
    doc.set_fields("cto", lead="Someone")  # an edit that creates and resolves nothing
    panel.show_report(analysis.report, doc.org, analysis.delta)
    assert not panel.tree.topLevelItem(3).text(0).startswith("Resolved")
