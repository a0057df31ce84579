"""The designer window driven as a user would: drags, drops, keys, undo, findings, files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template, read_org
from orgdesigner.model import Team, Unit
from orgdesigner.ui.canvas.drop_target import nodes_mime
from orgdesigner.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(load_template("typical"), settings)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.view.zoom_actual()
    yield w
    close_without_asking(w)


def close_without_asking(w: MainWindow) -> None:
    w.doc.load(w.doc.org, w.doc.path)  # the current state counts as saved
    w.close()
    w.deleteLater()


def view_point(w: MainWindow, node_id: str, fx: float = 0.5, fy: float = 0.5) -> QPoint:
    card = w.scene.cards[node_id]
    w.view.centerOn(card)
    box = card.box
    return w.view.mapFromScene(QPointF(box.x + box.w * fx, box.y + box.h * fy))


def drag_to(w: MainWindow, mime: QMimeData, pos: QPoint, drop: bool = True) -> tuple[bool, bool]:
    """Send enter, move (and drop) events to the canvas; return (move accepted, drop accepted)."""
    viewport = w.view.viewport()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    moved = move.isAccepted()
    dropped = False
    if drop:
        ev = QDropEvent(QPointF(pos), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, ev)
        dropped = ev.isAccepted()
    return moved, dropped


def palette_mime(w: MainWindow, kind: str, value: str) -> QMimeData:
    item = w.palette_widget.item_for(kind, value)
    assert item is not None
    return w.palette_widget.mimeData([item])


def test_palette_drag_onto_unit_adds_a_team_there(window: MainWindow) -> None:
    before = set(window.doc.org.children("platform"))
    moved, dropped = drag_to(window, palette_mime(window, "team", "mlops"), view_point(window, "platform", 0.95))
    assert moved and dropped
    kids = window.doc.org.children("platform")
    new = [k for k in kids if k not in before]
    assert len(new) == 1 and kids[-1] == new[0]
    node = window.doc.org.node(new[0])
    assert isinstance(node, Team) and node.discipline == "mlops"
    assert window.doc.undo_stack.undoText() == "Add MLOps to Platform Engineering"
    assert window.scene.selected_ids() == new
    assert new[0] in window.scene.cards


def test_hovering_shows_where_the_drop_lands(window: MainWindow) -> None:
    moved, _ = drag_to(window, palette_mime(window, "team", "mlops"), view_point(window, "data-ai", 0.5), drop=False)
    assert moved
    assert window.view.indicator.gap_shown and not window.view.indicator.refusing
    assert window.scene.cards["data-ai"].drop_state == "accept"


def test_palette_drop_position_follows_the_pointer(window: MainWindow) -> None:
    drag_to(window, palette_mime(window, "unit", "cross_functional"), view_point(window, "data-ai", 0.02))
    assert window.doc.org.children("data-ai")[0].startswith("cross-functional-mlops")
    node = window.doc.org.node(window.doc.org.children("data-ai")[0])
    assert isinstance(node, Unit) and node.structure == "cross_functional"


def test_dragging_a_card_reparents_it_at_the_indicated_position(window: MainWindow) -> None:
    # Move Data Science under Product Engineering, first among its children.
    moved, dropped = drag_to(window, nodes_mime(["data-science"]), view_point(window, "product-eng", 0.05))
    assert moved and dropped
    assert not window.view.indicator.isVisible()
    assert window.doc.org.children("product-eng") == ("data-science", "product-mgmt", "software-eng")
    assert window.doc.undo_stack.undoText() == "Move Data Science to Product Engineering"
    # and the indicator showed where it would land while hovering
    assert window.view.last_drop is not None and window.view.last_drop.index == 0


def test_multi_selection_moves_as_one_undo_entry(window: MainWindow) -> None:
    before = window.doc.org.copy()
    window.scene.select_ids(["data-eng", "ml-eng-mlops"])
    drag_to(window, nodes_mime(window.scene.selected_ids()), view_point(window, "platform", 0.99))
    assert window.doc.org.children("platform") == ("sre", "data-eng", "ml-eng-mlops")
    assert window.doc.undo_stack.count() == 1
    assert window.doc.undo_stack.undoText() == "Move 2 teams to Platform Engineering"
    window.undo_action.trigger()
    assert window.doc.org == before


def test_refused_drop_shows_refusal_and_changes_nothing(window: MainWindow) -> None:
    before = window.doc.org.copy()
    pos = view_point(window, "data-science")
    moved, _ = drag_to(window, nodes_mime(["data-ai"]), pos, drop=False)
    assert not moved
    assert window.scene.cards["data-science"].drop_state == "refuse"
    assert window.view.indicator.refusing and not window.view.indicator.gap_shown
    _, dropped = drag_to(window, nodes_mime(["data-ai"]), pos)
    assert not dropped
    assert window.doc.org == before and window.doc.undo_stack.count() == 0
    assert window.scene.cards["data-science"].drop_state is None


def test_foreign_drops_are_ignored(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("hello")
    before = window.doc.org.copy()
    moved, dropped = drag_to(window, mime, view_point(window, "platform"))
    assert not moved and not dropped
    assert window.doc.org == before


def test_undo_and_redo_restore_the_model_exactly(window: MainWindow) -> None:
    first = window.doc.org.copy()
    drag_to(window, palette_mime(window, "team", "mlops"), view_point(window, "platform"))
    drag_to(window, nodes_mime(["data-science"]), view_point(window, "product-eng"))
    window.doc.set_fields("sre", headcount=2)
    last = window.doc.org.copy()
    while window.doc.undo_stack.canUndo():
        window.undo_action.trigger()
    assert window.doc.org == first
    while window.doc.undo_stack.canRedo():
        window.redo_action.trigger()
    assert window.doc.org == last
    assert set(window.scene.cards) == set(last.iter_preorder())


def test_findings_change_after_an_edit_that_opens_a_gap(window: MainWindow) -> None:
    assert window.analysis.report.summary.errors == 0
    window.scene.select_ids(["data-eng"])
    window.actions_.delete.trigger()
    report = window.analysis.report
    assert report.summary.errors > 0
    assert "build_data_pipelines" in report.coverage.gaps
    assert "1 error" in window.findings.headline.text() or "errors" in window.findings.headline.text()
    top = [window.findings.tree.topLevelItem(i).text(0) for i in range(window.findings.tree.topLevelItemCount())]
    assert top[0].startswith("Gaps and errors (") and not top[0].endswith("(0)")


def test_finding_click_selects_and_centres_nodes(window: MainWindow, qtbot: QtBot) -> None:
    window.doc.remove_nodes(["sre"])
    qtbot.waitUntil(lambda: not window.analysis.pending)  # the findings follow the canvas frame
    tree = window.findings.tree
    section = tree.topLevelItem(0)
    assert section.childCount() > 0
    item = section.child(0)
    tree.itemClicked.emit(item, 0)
    nodes = item.data(0, Qt.ItemDataRole.UserRole)
    assert window.scene.selected_ids() == [n for n in window.doc.org.iter_preorder() if n in set(nodes)]


def test_keyboard_navigation_delete_and_rename(window: MainWindow, qtbot: QtBot) -> None:
    window.view.setFocus()
    window.scene.select_ids(["cto"])
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.scene.selected_ids() == ["platform"]
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.scene.selected_ids() == ["data-ai"]
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.scene.selected_ids() == ["data-eng"]
    qtbot.keyClick(window.view, Qt.Key.Key_Up)
    assert window.scene.selected_ids() == ["data-ai"]
    window.scene.select_ids(["sre"])
    window.actions_.rename.trigger()
    editor = window.view._editor
    assert editor is not None
    editor.setText("Reliability")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.org.label("sre") == "Reliability"
    window.scene.select_ids(["sre"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "sre" not in window.doc.org


def test_collapse_toggle_hides_and_counts(window: MainWindow) -> None:
    window.view_state.toggle_collapsed(window.doc.org, ["data-ai"])
    assert "data-science" not in window.scene.cards
    box = window.scene.cards["data-ai"].box
    assert box.collapsed is not None and box.collapsed.teams == 3 and box.collapsed.headcount == 19
    window.reveal_nodes(["data-science"])
    assert "data-science" in window.scene.cards


def test_search_highlights_and_marks_path(window: MainWindow, qtbot: QtBot) -> None:
    window.search.focus()
    qtbot.keyClicks(window.search.field, "science")
    assert window.search.matches == ["data-science"]
    assert window.scene.cards["data-science"].highlighted
    assert window.scene.cards["data-ai"].on_path and window.scene.cards["cto"].on_path
    assert not window.scene.cards["sre"].highlighted


def test_link_mode_adds_and_context_menu_removes(window: MainWindow, qtbot: QtBot) -> None:
    window.scene.select_ids(["ml-eng-mlops"])
    window.actions_.link.trigger()
    assert window.view.link_source == "ml-eng-mlops"
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window, "software-eng"))
    assert [(lk.source, lk.target) for lk in window.doc.org.links] == [("ml-eng-mlops", "software-eng")]
    from orgdesigner.ui.context_menu import build_context_menu

    menu = build_context_menu(window, window.actions_, window.edits, "ml-eng-mlops")
    remove = next(a for a in menu.actions() if a.text().startswith("Remove Dotted Line"))
    remove.trigger()
    assert window.doc.org.links == ()


def test_trace_overlay_follows_the_handoffs(window: MainWindow) -> None:
    window.actions_.trace.setChecked(True)
    assert window.trace.isVisible()
    owned = [s for s in window.analysis.report.handoffs.steps if s.owner]
    assert len(window.trace.stops) == len(owned) == 8
    assert sum(s.distance or 0 for s in window.trace.stops) == window.analysis.report.handoffs.total_distance


def test_save_and_reopen_give_the_same_model(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.doc.set_fields("sre", headcount=3)
    target = tmp_path / "chart.json"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save()
    assert not window.doc.is_modified and "chart.json" in window.windowTitle()
    saved = window.doc.org.copy()
    window.doc.set_fields("sre", headcount=4)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard)
    assert window.files.open_path(str(target))
    assert window.doc.org == saved == read_org(target)
    assert window.files.recent_files()[0] == str(target.resolve())


def test_opening_a_bad_file_keeps_the_chart(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "orgdesigner", "version": 1, "name": "X", "nodes": [{"id": "a"}]}')
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    before = window.doc.org.copy()
    assert not window.files.open_path(str(bad))
    assert window.doc.org == before
    assert window.files.last_error is not None and str(bad) in window.files.last_error


def test_close_with_unsaved_changes_asks(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.doc.set_fields("sre", headcount=1)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert not window.close()
    assert asked and "Save the changes" in asked[0]
    assert window.isVisible()


def test_geometry_and_docks_persist(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(load_template("typical"), settings)
    w.show()
    w.docks["history"].hide()
    w.resize(701, 503)
    assert w.close()
    w2 = MainWindow(load_template("typical"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w2.show()
    assert (w2.width(), w2.height()) == (701, 503)
    assert not w2.docks["history"].isVisible()
    close_without_asking(w2)


def test_every_widget_and_action_is_named(window: MainWindow) -> None:
    for dock in window.docks.values():
        assert dock.widget().accessibleName()
    assert window.view.accessibleName() == "Chart"
    for action in window.actions():
        if action.text() and not action.isSeparator():
            assert action.toolTip()
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions() if a.text()}
    assert shortcuts["&Trace ML Project"] and shortcuts["&Fit Chart"] == "Ctrl+0"
    missing = [text for text, key in shortcuts.items() if not key]
    assert missing == []
    keys = [key for key in shortcuts.values()]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"


def test_zoomed_far_out_the_boxes_follow_every_edit(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.synthetic import make_org

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(make_org(400, "balanced"), settings)
    w.resize(1000, 700)
    with qtbot.waitExposed(w):  # painted on screen: what the layer draws is read back
        w.show()

    def drawn_as_the_placement_says() -> bool:
        """Every card is drawn, as its own box or inside the box of a subtree drawn whole (too
        thin to show its cards), and nothing else is: what the zoomed-out layer painted last."""
        w.view.centerOn(w.scene.sceneRect().center())
        w.view.viewport().repaint()
        pl = w.scene.placement
        assert pl is not None
        seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
        drawn = w.scene._low_layer.boxes_drawn
        bounds = pl.subtree_bounds()
        corners = {(r.x(), r.y()) for _i, whole, r in drawn if not whole}
        wholes = [r for _i, whole, r in drawn if whole]
        for i, whole, r in drawn:
            expected = (
                bounds.rect(i) if whole else (pl.xs[i], pl.ys[i], pl.xs[i] + pl.card_width, pl.ys[i] + pl.heights[i])
            )
            assert (r.left(), r.top(), r.right(), r.bottom()) == pytest.approx(expected)
        for i in pl.order:
            card = (pl.xs[i], pl.ys[i])
            if not seen.intersects(QRectF(*card, pl.card_width, pl.heights[i])):
                continue
            inside = any(r.adjusted(-0.01, -0.01, 0.01, 0.01).contains(*card) for r in wholes)
            if card not in corners and not inside:
                return False
        return True

    try:
        for _ in range(30):
            w.view.zoom_by(0.8)
        assert w.scene.low_detail
        assert drawn_as_the_placement_says()
        teams, units = w.doc.org.teams(), w.doc.org.units()
        w.doc.move_nodes([teams[3].id], units[-1].id)  # edited while zoomed out
        assert drawn_as_the_placement_says()
        w.view.zoom_actual()
        assert not w.scene.low_detail
        w.doc.move_nodes([teams[40].id], units[-2].id)  # edited while zoomed in
        for _ in range(30):
            w.view.zoom_by(0.8)
        assert w.scene.low_detail and drawn_as_the_placement_says()
        w.view.zoom_by(0.15 / w.view.scale_factor())  # low detail, but every card its own box
        assert drawn_as_the_placement_says() and all(not whole for _i, whole, _r in w.scene._low_layer.boxes_drawn)
    finally:
        close_without_asking(w)


def test_after_edits_and_undo_every_card_stands_where_the_layout_puts_it(window: MainWindow) -> None:
    def misplaced() -> list[str]:
        pl = window.scene.placement
        assert pl is not None
        out = []
        for i in pl.order:
            nid = pl.arrays.ids[i]
            item = window.scene.cards[nid]
            if (item.pos().x(), item.pos().y()) != (pl.xs[i], pl.ys[i]) or (item.box.x, item.box.y) != (
                pl.xs[i],
                pl.ys[i],
            ):
                out.append(nid)
        return out

    org = window.doc.org
    teams, units = org.teams(), org.units()
    before = {nid: window.scene.cards[nid].pos() for nid in window.scene.cards}
    window.doc.move_nodes([teams[0].id], units[-1].id)  # shifts its old and new neighbours
    moved = [nid for nid, p in before.items() if nid in window.scene.cards and window.scene.cards[nid].pos() != p]
    assert len(moved) > 2 and misplaced() == []
    window.doc.undo_stack.undo()
    assert misplaced() == []
    assert all(window.scene.cards[nid].pos() == p for nid, p in before.items())
