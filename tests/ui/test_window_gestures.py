"""The editing gestures a manager meets in a demo, each driven as a user would: keys, the
in-place editor, link mode, delete, search, the toolbar, titles, help, and view state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template
from orgdesigner.ui.main_window import MainWindow
from tests.ui.test_main_window import close_without_asking, view_point


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(load_template("typical"), settings)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.view.zoom_actual()
    yield w
    close_without_asking(w)


def shown_tip(tip: str) -> str:
    """A tooltip as Qt shows it (it renders one that looks like HTML)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def all_actions(w: MainWindow) -> list[QAction]:
    seen: dict[int, QAction] = {}
    stack = list(w.menuBar().actions())
    while stack:
        action = stack.pop()
        seen[id(action)] = action
        menu = action.menu()
        if menu is not None:
            stack.extend(menu.actions())
    for action in w.actions():
        seen[id(action)] = action
    return list(seen.values())


def test_every_key_is_bound_once(window: MainWindow) -> None:
    # The same key on two actions (or twice on one) makes Qt report "Ambiguous shortcut
    # overload" and do nothing: Redo by keyboard did exactly that.
    owners: dict[str, list[str]] = {}
    for action in all_actions(window):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.text())
    twice = {k: v for k, v in owners.items() if len(v) > 1}
    assert not twice
    redo = {k.toString() for k in window.redo_action.shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= redo


@pytest.mark.parametrize("keys", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_redo_by_keyboard(window: MainWindow, qtbot: QtBot, keys: str) -> None:
    window.doc.set_fields("sre", headcount=3)
    after = window.doc.org.copy()
    window.undo_action.trigger()
    assert window.doc.org != after
    window.view.setFocus()
    seq = QKeySequence(keys)[0]
    qtbot.keyClick(window.view, seq.key(), seq.keyboardModifiers())
    assert window.doc.org == after


def test_enter_in_the_name_editor_applies_once_and_closes_it(window: MainWindow, qtbot: QtBot) -> None:
    window.scene.select_ids(["sre"])
    window.actions_.rename.trigger()
    editor = window.view._editor
    assert editor is not None
    editor.setText("Reliability")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.doc.org.label("sre") == "Reliability"
    assert window.view._editor is None  # not opened again by the same Return
    assert window.doc.undo_stack.count() == 1


def test_ampersands_survive_in_undo_texts(window: MainWindow) -> None:
    assert window.doc.org.label("data-ai") == "Data & AI"
    window.doc.remove_nodes(["data-ai"])
    assert window.undo_action.text() == "&Undo Delete Data && AI"  # shown as "Undo Delete Data & AI"
    assert window.doc.last_edit_text() == "Delete Data & AI"
    assert window.history.model().index(1, 0).data() == "Delete Data & AI"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Delete Data && AI"


def test_the_toolbar_stays_put_while_its_tooltips_tell(window: MainWindow) -> None:
    def button(action: QAction) -> QToolButton:
        widget = window.toolbar.widgetForAction(action)
        assert isinstance(widget, QToolButton)
        return widget

    undo = window.steady_undo.undo
    before = button(undo).geometry()
    assert not undo.isEnabled() and shown_tip(undo.toolTip()) == "Nothing to undo"
    window.doc.move_nodes(["data-science"], "product-eng")
    QApplication.processEvents()
    assert undo.isEnabled() and undo.text() == "Undo"
    assert shown_tip(undo.toolTip()).startswith("Undo Move Data Science to Product Engineering")
    assert button(undo).geometry() == before
    undo.trigger()
    assert window.doc.org.parent("data-science") == "data-ai"
    assert shown_tip(window.steady_undo.redo.toolTip()).startswith("Redo Move Data Science")


def test_deleting_a_unit_says_what_went_and_how_to_get_it_back(window: MainWindow) -> None:
    window.scene.select_ids(["data-ai"])
    window.actions_.delete.trigger()
    message = window.statusBar().currentMessage()
    assert message == "Deleted Data & AI and 3 cards below. Ctrl+Z brings them back."
    window.undo_action.trigger()
    assert "data-ai" in window.doc.org


def test_search_selects_the_current_match_and_counts(window: MainWindow, qtbot: QtBot) -> None:
    window.search.focus()
    qtbot.keyClicks(window.search.field, "engineering")
    matches = window.search.matches
    assert len(matches) >= 3
    assert window.search.count_label.text() == f"1 of {len(matches)}"
    assert window.scene.selected_ids() == [matches[0]]
    assert window.inspector.node_id == matches[0]
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.search.count_label.text() == f"2 of {len(matches)}"
    assert window.scene.selected_ids() == [matches[1]]
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_ids() == [matches[0]]
    window.search.field.setText("no such card anywhere")
    assert window.search.count_label.text() == "no match"


def test_link_mode_previews_the_line_and_clears_its_prompt(window: MainWindow, qtbot: QtBot) -> None:
    window.scene.select_ids(["ml-eng-mlops"])
    window.actions_.link.trigger()
    assert window.statusBar().currentMessage().startswith("Click the node that ML Engineering / MLOps serves")
    qtbot.mouseMove(window.view.viewport(), view_point(window, "software-eng"))
    assert window.view._link_pointer is not None
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window, "software-eng"))
    assert [(lk.source, lk.target) for lk in window.doc.org.links] == [("ml-eng-mlops", "software-eng")]
    assert (
        window.statusBar().currentMessage() == "Dotted line added: ML Engineering / MLOps serves Software Engineering"
    )
    assert window.view.link_source is None and window.view._link_pointer is None


def test_the_title_says_new_chart_once(window: MainWindow) -> None:
    assert window.windowTitle() == "Northwind Retail (new chart)[*] — orgdesigner"
    window.doc.set_fields("sre", headcount=3)
    assert window.isWindowModified()


def test_f1_opens_the_help_page(window: MainWindow) -> None:
    assert window.actions_.help.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.actions_.help.trigger()
    assert window._help is not None and window._help.isVisible()
    text = window._help.browser.toPlainText()
    for expected in (
        "MLOps under Platform Engineering",
        "Reporting lines crossed",
        "Data Engineering",
        "Maturity stages",
    ):
        assert expected in text
    window._help.close()


def test_view_state_has_one_owner(window: MainWindow, qtbot: QtBot) -> None:
    # Collapse Platform, apply a template: the new chart is drawn whole and the first toggle works.
    window.view_state.toggle_collapsed(window.doc.org, ["platform"])
    assert "sre" not in window.scene.cards
    window.doc.apply_template(load_template("typical"), "typical")
    assert window.view_state.collapsed == frozenset() and "sre" in window.scene.cards
    card = window.scene.cards["platform"]
    window.view.centerOn(card)
    point: QPoint = window.view.mapFromScene(card.mapToScene(card.toggle_center()))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert "platform" in window.view_state.collapsed and "sre" not in window.scene.cards


def test_replaced_comes_before_changed_on_load_and_on_template(window: MainWindow) -> None:
    heard: list[str] = []
    window.doc.replaced.connect(lambda: heard.append("replaced"))
    window.doc.changed.connect(lambda: heard.append("changed"))
    window.doc.apply_template(load_template("stage-2"), "stage-2")
    window.doc.load(load_template("typical"), None)
    assert heard == ["replaced", "changed", "replaced", "changed"]


def test_export_dialog_leaves_badges_off_as_the_cli_does(window: MainWindow) -> None:
    from orgdesigner.ui.export_dialog import ExportOptionsDialog

    assert window.actions_.badges.isChecked()  # on in the canvas
    dialog = ExportOptionsDialog("svg", window.export_source())
    assert not dialog.badges.isChecked() and dialog.layout_options().badges == {}


def test_the_overview_draws_the_view_window_inside_its_own_edge(window: MainWindow) -> None:
    window.docks["overview"].show()
    window.docks["overview"].raise_()
    overview = window.overview
    for zoom in (0.05, 0.3, 1.0, 3.0):
        window.view.zoom_by(zoom / window.view.scale_factor())
        overview.repaint()
        drawn = overview.window_drawn
        assert not drawn.isEmpty()
        assert drawn.left() >= 0 and drawn.top() >= 0
        assert drawn.right() <= overview.width() and drawn.bottom() <= overview.height()


def test_a_dragged_palette_entry_is_not_left_highlighted(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QTreeWidget

    palette = window.palette_widget
    item = palette.item_for("team", "mlops")
    assert item is not None
    palette.setCurrentItem(item)
    assert item.isSelected()
    monkeypatch.setattr(QTreeWidget, "startDrag", lambda self, actions: None)  # the drag itself
    palette.startDrag(Qt.DropAction.CopyAction)
    assert not item.isSelected()


@pytest.mark.parametrize("template", ["typical", "mlops-cross-functional", "llm-era", "stage-5"])
def test_the_trace_reads_without_the_findings_list(qtbot: QtBot, tmp_path: Path, template: str) -> None:
    from PySide6.QtCore import QRectF

    from orgdesigner.ui.canvas.trace import MARKER_R

    w = MainWindow(load_template(template), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show()
    w.actions_.trace.setChecked(True)
    trace = w.trace
    steps = [s for s in w.analysis.report.handoffs.steps if s.owner]
    assert [n for n, _ in trace.legend_lines()] == [s.step for s in steps]  # every step named
    for (_number, line), step in zip(trace.legend_lines(), steps, strict=True):
        assert line.startswith(f"{step.name}: {w.doc.org.label(step.owner or '')}")
    labels = [QRectF(c.x() - MARKER_R, c.y() - MARKER_R, 2 * MARKER_R, 2 * MARKER_R) for c, _ in trace.markers]
    labels += [rect for rect, _ in trace.pills]
    assert all(text.endswith(("line", "lines")) and text.startswith("+") for _r, text in trace.pills)
    cards = [QRectF(c.box.x, c.box.y, c.box.w, c.box.h) for c in w.scene.cards.values()]
    for i, label in enumerate(labels):  # clear of every card and of each other
        assert not any(label.intersects(card) for card in cards), label
        assert not any(label.intersects(other) for other in labels[i + 1 :]), label
    assert trace.arcs.zValue() < 0 < trace.zValue()  # arcs beneath the cards, labels above
    assert w.scene.sceneRect().contains(trace.legend)  # the legend can be scrolled to
    close_without_asking(w)


def test_the_canvas_legend_is_the_exported_legend(window: MainWindow) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from orgdesigner.export.raster import png_bytes

    placement = window.scene.placement
    assert placement is not None and placement.legend is not None
    legend = window.scene._legend
    assert legend is not None
    area = legend.boundingRect().intersected(QRectF(0, 0, placement.width, placement.height))
    exported = QImage.fromData(png_bytes(placement)).copy(area.toRect())
    drawn = QImage(exported.size(), QImage.Format.Format_ARGB32)
    drawn.fill(0xFFFFFFFF)
    painter = QPainter(drawn)
    painter.translate(-area.left(), -area.top())
    legend.paint(painter, None, None)  # type: ignore[arg-type]
    painter.end()
    exported = exported.convertToFormat(QImage.Format.Format_ARGB32)
    differing = sum(
        1
        for x in range(0, drawn.width(), 2)
        for y in range(0, drawn.height(), 2)
        if drawn.pixelColor(x, y) != exported.pixelColor(x, y)
    )
    assert differing <= 0.02 * (drawn.width() * drawn.height() / 4)  # the same swatches and text


def test_jumping_through_history_leaves_nothing_stale_on_screen(window: MainWindow) -> None:
    from PySide6.QtGui import QImage

    def on_screen() -> QImage:
        # What the window's backing store holds (what a user sees), not a fresh render.
        vp = window.view.viewport()
        corner = vp.mapTo(window, vp.rect().topLeft())
        image = window.screen().grabWindow(window.winId()).toImage()
        return image.copy(corner.x(), corner.y(), vp.width(), vp.height()).convertToFormat(QImage.Format.Format_RGB32)

    window.view.zoom_actual()
    window.view.centerOn(window.scene.cards["data-ai"])
    window.doc.move_nodes(["data-science"], "product-eng")
    window.doc.set_fields("sre", headcount=44)
    window.doc.remove_nodes(["software-eng"])
    window.doc.set_fields("data-eng", name="Data Engineering and Analytics Platform Services Group")
    window.doc.add_team("mlops", "platform")
    for index in (0, 5, 1, 5, 3, 4, 2, 5, 0):
        window.history.setCurrentIndex(window.history.model().index(index, 0))
        window.doc.undo_stack.setIndex(index)
        # The canvas frame goes out first, the findings and the badges they change right after:
        # let the event loop run until both have been painted.
        QTest.qWait(50)
        assert not window.analysis.pending
        shown = on_screen()
        colours = {shown.pixel(x, y) for x in range(0, shown.width(), 9) for y in range(0, shown.height(), 9)}
        assert len(colours) > 8  # a chart is on screen, not a blank grab
        window.scene.invalidate()
        window.view.viewport().repaint()
        QApplication.processEvents()
        assert shown == on_screen(), index


def test_dotted_lines_run_beneath_the_cards_and_light_up_for_the_selection(qtbot: QtBot, tmp_path: Path) -> None:
    w = MainWindow(
        load_template("mlops-cross-functional"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    w.show()
    layer = w.scene._link_layer
    cards = [c for c in w.scene.cards.values()]
    assert layer.zValue() < min(c.parentItem().zValue() if c.parentItem() else c.zValue() for c in cards) + 0.0001
    assert layer.highlighted == ()
    org = w.doc.org
    source = org.links[0].source
    w.scene.select_ids([source])
    mine = [k for k, lk in enumerate(org.links) if source in (lk.source, lk.target)]
    assert sorted(layer.highlighted) == mine and mine
    w.scene.select_ids([])
    assert layer.highlighted == ()
    close_without_asking(w)
