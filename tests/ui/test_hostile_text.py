"""A hostile chart opened in the real window: no name, lead, path or message is rendered as
markup anywhere Qt shows text (labels, tooltips, message boxes, menus, the title), and every
``&`` in a name is shown, not taken as a shortcut.

Qt guesses rich text: a name ``<img … width=30000 height=30000>`` in the inspector's title grew
the window to 30,000 pixels; ``<font size=7 color=red>`` was drawn huge and red; a link in the
"Cannot open the file" dialog ran ``xdg-open`` when clicked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTreeWidgetItemIterator, QWidget
from pytestqt.qtbot import QtBot

from orgdesigner.io import write_org
from orgdesigner.layout import route_links
from orgdesigner.model import FlatNode, Link, Organization, ScenarioSet, Team, Unit
from orgdesigner.ui.context_menu import build_context_menu
from orgdesigner.ui.export_dialog import ExportOptionsDialog, export_to
from orgdesigner.ui.main_window import MainWindow
from orgdesigner.ui.recovery import RecoveryCopy
from orgdesigner.ui.recovery_dialog import RecoveryDialog

FONT = "<font size=7 color=red>X</font>"
IMG = "<img src=/usr/share/pixmaps/debian-logo.png width=30000 height=30000>"
ANCHOR = "<a href=file:///etc/passwd>x</a>"
AMP = "R&D & M&A [*]"
BOLD_LEAD = "<b>Ana</b> <i>&amp;</i>"
HOSTILE = [FONT, IMG, ANCHOR, AMP]
MARKUP = re.compile(r"<(font|img|a|b|i)\b")


def displayed(text: str) -> str:
    """A label's or tooltip's text as Qt would show it when it guesses (AutoText)."""
    if not GuiQt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def shown_tooltip(tip: str) -> str:
    """A tooltip as Qt shows it: Qt renders it as HTML whenever it looks like HTML."""
    return displayed(tip).replace("\u2029", "\n").replace("\u2028", "\n")


def menu_text(text: str) -> str:
    """An action's text as a menu shows it: ``&&`` is ``&``, ``&X`` underlines X."""
    return re.sub(r"&(.)", r"\1", text)


def hostile_org() -> Organization:
    nodes = [FlatNode(Unit(id="top", name=AMP, structure="executive", lead=BOLD_LEAD), None)]
    for i, name in enumerate(HOSTILE[:3]):
        team = Team(id=f"t{i}", name=name, discipline="mlops", headcount=i, lead=BOLD_LEAD, notes=f"<i>{name}</i>")
        nodes.append(FlatNode(team, "top"))
    nodes.append(FlatNode(Team(id="t3", name=AMP, discipline="data_science"), "top"))
    links = [Link(source="t0", target="t1"), Link(source="t1", target="t3"), Link(source="t2", target="top")]
    return Organization.from_flat(f"Org {FONT}", 4, nodes, links)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Every message box the window shows (answered at once with its default)."""
    shown: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return shown


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, boxes: list[QMessageBox]) -> Iterator[MainWindow]:
    path = tmp_path / f"{IMG[:20]} {AMP}.json".replace("/", "_")
    write_org(hostile_org(), path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(None, settings)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    assert w.files.open_path(str(path), ask=False)
    yield w
    w.doc.load(w.doc.org, w.doc.path)
    w.close()
    w.deleteLater()


def assert_plain_labels(widgets: list[QWidget]) -> int:
    """Every QLabel that shows user text shows it as plain text; returns how many did."""
    checked = 0
    for top in widgets:
        for label in [top] if isinstance(top, QLabel) else top.findChildren(QLabel):
            text = label.text()
            if any(piece in text for piece in ("<font", "<img", "<a href", "<b>", "R&D")):
                assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), text)
                checked += 1
    return checked


def assert_tooltip_literal(tip: str, *literals: str) -> None:
    assert tip, "no tooltip"
    shown = shown_tooltip(tip)
    for literal in literals:
        assert literal in shown, (tip, shown)


def test_the_inspector_and_every_label_show_names_as_text(window: MainWindow) -> None:
    org = window.doc.org
    width = window.width()
    for nid in org.iter_preorder():
        window.scene.select_ids([nid])
        node = org.node(nid)
        title = window.inspector.title
        assert title.textFormat() == Qt.TextFormat.PlainText
        assert title.full_text() == f"{'Team' if isinstance(node, Team) else 'Unit'}: {node.name}"
        shown = title.text()
        assert shown == title.full_text() or (shown.endswith("…") and title.full_text().startswith(shown[:-1]))
        # An <img width=30000> rendered in the title grew the dock (and the window) to fit it.
        assert window.inspector.sizeHint().width() < 1000
    assert window.width() == width
    assert assert_plain_labels(QApplication.topLevelWidgets()) >= 1


def test_card_link_and_finding_tooltips_show_the_literal_names(window: MainWindow) -> None:
    org = window.doc.org
    scene = window.scene
    for nid, card in scene.cards.items():
        box = card.box
        tip = scene.tooltip_at(QPointF(box.x + box.w / 2, box.y + box.h / 2))
        assert_tooltip_literal(tip, org.node(nid).name)
        if org.node(nid).lead:
            assert_tooltip_literal(tip, f"Lead: {BOLD_LEAD}")
    placement = scene.placement
    assert placement is not None
    found = 0
    for line in route_links(placement):
        (x1, y1), (x2, y2) = line.points[-2], line.points[-1]
        for k in range(1, 20):
            point = QPointF(x1 + (x2 - x1) * k / 20, y1 + (y2 - y1) * k / 20)
            if scene.card_at(point) is None and scene.link_at(point) == (line.source_id, line.target_id):
                expected = f"{org.label(line.source_id)} serves {org.label(line.target_id)}"
                assert shown_tooltip(scene.tooltip_at(point)) == expected
                found += 1
                break
    assert found == len(route_links(placement))
    items = QTreeWidgetItemIterator(window.findings.tree)
    with_names = 0
    while items.value():
        item = items.value()
        tip = item.toolTip(0)
        assert not MARKUP.search(shown_tooltip(tip)) or any(h in shown_tooltip(tip) for h in HOSTILE), tip
        if any(h in item.text(0) for h in HOSTILE):
            assert_tooltip_literal(tip, item.text(0))
            with_names += 1
        items += 1
    assert with_names >= 1


def test_undo_redo_and_menus_show_every_ampersand(window: MainWindow) -> None:
    window.doc.set_fields("t0", name="R&D <b>bold</b>")
    undo = window.undo_action
    assert menu_text(undo.text()) == f"Undo Rename {FONT} to R&D <b>bold</b>"
    assert shown_tooltip(undo.toolTip()) == f"Undo Rename {FONT} to R&D <b>bold</b>"
    window.doc.undo_stack.undo()
    assert menu_text(window.redo_action.text()) == f"Redo Rename {FONT} to R&D <b>bold</b>"
    assert menu_text(undo.text()) == "Undo"
    menu = build_context_menu(window, window.actions_, window.edits, "t3")
    texts = [menu_text(a.text()) for a in menu.actions() if a.text()]
    assert f"Remove Dotted Line from {IMG}" in texts
    menu = build_context_menu(window, window.actions_, window.edits, "t1")
    texts = [menu_text(a.text()) for a in menu.actions() if a.text()]
    assert f"Remove Dotted Line to {AMP}" in texts
    recent = [a for a in window.recent_menu.actions() if isinstance(a, QAction) and a.toolTip()]
    assert recent and menu_text(recent[0].text()).endswith(Path(window.doc.path or "").name)
    assert_tooltip_literal(recent[0].toolTip(), window.doc.path or "")
    assert "[*][*]" in window.windowTitle()  # the file name's literal [*], not the modified marker


def test_message_boxes_show_paths_and_values_as_text(
    window: MainWindow, tmp_path: Path, boxes: list[QMessageBox]
) -> None:
    # Cannot open: a value from the file echoed in the message.
    bad = tmp_path / "bad.json"
    record = json.loads((Path(window.doc.path or "")).read_text("utf-8"))
    record["nodes"][1]["responsibilities"] = [ANCHOR + IMG]
    bad.write_text(json.dumps(record))
    assert not window.files.open_path(str(bad), ask=False)
    # Cannot open: a 20 MB parent id (the dialog froze the window for minutes).
    record["nodes"][1].pop("responsibilities")
    record["nodes"][1]["parent"] = "p" * 20_000_000
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps(record))
    assert not window.files.open_path(str(huge), ask=False)
    # The save prompt names the file; the export warning names the path.
    window.doc.set_fields("t1", headcount=5)
    window.files.maybe_save()
    dialog = ExportOptionsDialog("svg", window.export_source())
    folder = FONT.replace("/", "")  # a file name cannot hold "/"
    missing = tmp_path / folder / "x.svg"
    assert export_to(window.export_source(), str(missing), dialog.layout_options(), dialog.raster_options()) is None
    # The lock dialog: the same file opened in a second window.
    other = MainWindow(None, QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    assert not other.files.open_path(window.doc.path or "", ask=False)
    other.close()

    assert len(boxes) == 5
    texts = []
    for box in boxes:
        labels = [lb for lb in box.findChildren(QLabel) if lb.text()]
        assert labels
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
            assert len(label.text()) <= 2_000
        texts.append(box.text())
    assert ANCHOR in texts[0] and "unknown responsibility" in texts[0]
    assert "parent 'ppp" in texts[1] and "…" in texts[1]
    assert Path(window.doc.path or "").name in texts[2]
    assert folder in texts[3]
    assert "already open" in texts[4] and AMP in texts[4]


def test_the_recovery_dialog_shows_titles_and_paths_as_text(qtbot: QtBot, tmp_path: Path) -> None:
    org = hostile_org()
    file_name = f"{IMG.replace('/', '')}.json"
    copy = RecoveryCopy("s", tmp_path / "s.json", str(tmp_path / file_name), 0.0, ScenarioSet(org))
    never = RecoveryCopy("t", tmp_path / "t.json", None, 0.0, ScenarioSet(org))
    dialog = RecoveryDialog([copy, never])
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text().startswith(file_name)
    assert dialog.list.item(1).text().startswith(f"{org.name} (never saved)")
    assert_tooltip_literal(dialog.list.item(0).toolTip(), str(tmp_path / file_name))
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
