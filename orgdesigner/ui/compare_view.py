"""The compare view: two scenarios of the chart side by side, the cards that were added,
removed, moved or changed marked in both (a coloured frame and a word: never colour alone),
and beside them the key figures with their deltas, the changes and the findings each opens or
closes. Clicking a change selects its cards in both charts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGraphicsItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyleOptionGraphicsItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.analysis.compare import Comparison, compare_orgs
from orgdesigner.export.compare_common import change_lines, figure_rows, sentence
from orgdesigner.layout.palette import CHANGE_COLORS, PAGE
from orgdesigner.model import Organization, ScenarioSet
from orgdesigner.model.scenarios import BASELINE
from orgdesigner.ui.canvas.edits import CanvasEdits
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.canvas.view import OrgView
from orgdesigner.ui.document import Document
from orgdesigner.ui.view_state import READABLE_WIDTH, ViewState, start_collapsed

_NODES = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class MarkStyle:
    """How one kind of change is marked on a card: the frame's colour and the word beside it."""

    color: str
    word: str


_WORDS = {"added": "NEW", "removed": "REMOVED", "moved": "MOVED", "changed": "CHANGED"}
MARKS = {kind: MarkStyle(CHANGE_COLORS[kind], word) for kind, word in _WORDS.items()}


def change_marks(c: Comparison) -> tuple[dict[str, str], dict[str, str]]:
    """Which cards to mark in each chart: ``(base marks, other marks)``, node id -> kind. A
    node both moved and changed is marked moved."""
    ch = c.changes
    base: dict[str, str] = {r.node: "removed" for r in ch.removed}
    other: dict[str, str] = {a.node: "added" for a in ch.added}
    for f in ch.fields:
        if f.node is not None:
            base.setdefault(f.node, "changed")
            other.setdefault(f.node, "changed")
    for r in ch.renamed:
        base.setdefault(r.node, "changed")
        other.setdefault(r.node, "changed")
    for m in ch.moved:
        base[m.node] = other[m.node] = "moved"
    return base, other


class ChangeMarks(QGraphicsItem):
    """A frame and a word over each marked card of one scene, drawn above the cards."""

    def __init__(self, scene: OrgScene) -> None:
        super().__init__()
        self._scene = scene
        self._marks: list[tuple[QRectF, MarkStyle]] = []
        self._bounds = QRectF()
        self.setZValue(50)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        scene.addItem(self)

    def set_marks(self, marks: dict[str, str]) -> None:
        """Mark these nodes' cards (a collapsed card marks what it hides)."""
        self.prepareGeometryChange()
        self._marks = []
        bounds = QRectF()
        for nid, kind in marks.items():
            card = self._scene.visible_card_for(nid)
            if card is None:
                continue
            box = card.box
            rect = QRectF(box.x - 4, box.y - 4, box.w + 8, box.h + 8)
            self._marks.append((rect, MARKS[kind]))
            bounds = bounds.united(rect.adjusted(-2, -18, 2, 2))
        self._bounds = bounds
        self.update()

    def marked(self) -> list[tuple[QRectF, str]]:
        """What is drawn: each frame and its word."""
        return [(rect, style.word) for rect, style in self._marks]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        font = QFont(painter.font())
        font.setPixelSize(11)
        font.setBold(True)
        painter.setFont(font)
        for rect, style in self._marks:
            color = QColor(style.color)
            painter.setPen(QPen(color, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 8, 8)
            tag = QRectF(rect.left() + 8, rect.top() - 15, painter.fontMetrics().horizontalAdvance(style.word) + 10, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color))
            painter.drawRoundedRect(tag, 4, 4)
            painter.setPen(QColor(PAGE))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, style.word)


class ReadOnlyView(OrgView):
    """A canvas that shows and selects but changes nothing: no drags, drops, renames or keys
    that edit."""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._press = None  # never starts a card drag
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            super().keyPressEvent(event)


class _Side(QWidget):
    """One of the two charts: a title, a read-only canvas of a copy of its org, its marks."""

    def __init__(self, orientation: str, collapsed: frozenset[str]) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.state = ViewState(self)
        self.state.set_orientation(orientation)  # type: ignore[arg-type]
        self.state.set_collapsed(collapsed)
        self.doc = Document(Organization("(none)"), parent=self)
        self.scene = OrgScene(self.doc, self.state)
        self.scene.setParent(self)
        self.view = ReadOnlyView(self.scene, CanvasEdits(self.doc, self.scene, self))
        self.view.setAcceptDrops(False)
        self.marks = ChangeMarks(self.scene)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def show_org(self, label: str, org: Organization, marks: dict[str, str], collapsed: list[str]) -> None:
        self.title.setText(label)
        self.state.set_collapsed(collapsed)
        self.doc.load(org.copy(), None)
        self.marks.set_marks(marks)


class CompareWindow(QDialog):
    """Two scenarios of one chart, side by side, with what changed between them."""

    nodes_selected = Signal(list)

    def __init__(self, chart: ScenarioSet, orientation: str = "top-down", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare scenarios — orgdesigner")
        self.setModal(False)
        self.chart = chart
        self.comparison: Comparison | None = None
        self.base_combo = QComboBox()
        self.base_combo.setAccessibleName("Compare")
        self.other_combo = QComboBox()
        self.other_combo.setAccessibleName("with")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.left = _Side(orientation, frozenset())
        self.right = _Side(orientation, frozenset())
        self.figures = QTableWidget(0, 4)
        self.figures.setAccessibleName("Key figures")
        self.figures.setHorizontalHeaderLabels(["Key figure", "A", "B", "Change"])
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.figures.horizontalHeader().setStretchLastSection(True)
        self.figures.setWordWrap(True)
        self.figures.setAlternatingRowColors(True)
        self.changes = QListWidget()
        self.changes.setAccessibleName("Changes")
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        self.findings = QListWidget()
        self.findings.setAccessibleName("Findings opened and closed")
        self.findings.setWordWrap(True)
        self.findings.setAlternatingRowColors(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        for title, widget in (("Key figures", self.figures), ("Changes", self.changes), ("Findings", self.findings)):
            label = QLabel(title)
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
            side_layout.addWidget(label)
            side_layout.addWidget(widget, 1)
        split = QSplitter()
        split.addWidget(self.left)
        split.addWidget(self.right)
        split.addWidget(side)
        split.setSizes([480, 480, 580])
        top = QHBoxLayout()
        top.addWidget(QLabel("Compare"))
        top.addWidget(self.base_combo, 1)
        top.addWidget(QLabel("with"))
        top.addWidget(self.other_combo, 1)
        legend = QLabel(
            "&nbsp;&nbsp;".join(
                f"<span style='color:{style.color}'>■</span>&nbsp;{style.word.lower()}" for style in MARKS.values()
            )
        )
        legend.setTextFormat(Qt.TextFormat.RichText)  # our own markup: no user text in it
        top.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.resize(1540, 900)
        self._fill_combos()
        self.base_combo.activated.connect(lambda _i: self._compare())
        self.other_combo.activated.connect(lambda _i: self._compare())
        self.changes.itemClicked.connect(self._select)
        self.changes.itemActivated.connect(self._select)
        self.findings.itemClicked.connect(self._select)

    def _fill_combos(self) -> None:
        names = [BASELINE, *self.chart.names()]
        for combo in (self.base_combo, self.other_combo):
            combo.clear()
            for name in names:
                combo.addItem(f"Baseline: {self.chart.baseline.name}" if name == BASELINE else name, name)

    def compare(self, base: str, other: str) -> None:
        """Show scenario ``base`` (A, left) against ``other`` (B, right)."""
        self.base_combo.setCurrentIndex(max(self.base_combo.findData(base), 0))
        self.other_combo.setCurrentIndex(max(self.other_combo.findData(other), 0))
        self._compare()

    def _compare(self) -> None:
        a_name, b_name = str(self.base_combo.currentData()), str(self.other_combo.currentData())
        a, b = self.chart.get(a_name), self.chart.get(b_name)
        if a is None or b is None:
            return
        c = compare_orgs(a, b)
        self.comparison = c
        base_marks, other_marks = change_marks(c)
        # A big chart is shown to the same readable depth on both sides; a collapsed card
        # carries the marks of what it hides.
        collapsed = start_collapsed(a, READABLE_WIDTH / 2)
        self.left.show_org(f"A: {self.base_combo.currentText()}", a, base_marks, collapsed)
        self.right.show_org(f"B: {self.other_combo.currentText()}", b, other_marks, collapsed)
        self.summary.setText(sentence(c))
        rows = figure_rows(c, a, b)
        self.figures.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for k, text in enumerate((row.label, row.base, row.other, row.delta)):
                self.figures.setItem(r, k, QTableWidgetItem(text))
        for k in (1, 2, 3):
            self.figures.resizeColumnToContents(k)
        self.figures.resizeRowsToContents()
        self.changes.clear()
        for line in change_lines(c.changes, a, b, ids=False):
            item = QListWidgetItem(f"{line.kind}: {line.text}")
            item.setData(_NODES, list(line.nodes))
            self.changes.addItem(item)
        if not self.changes.count():
            self.changes.addItem("No change: the two are the same chart.")
        self.findings.clear()
        for prefix, found in (("opens", c.new), ("closes", c.resolved)):
            for f in found:
                item = QListWidgetItem(f"{prefix} ({f.severity.value}): {f.message}")
                item.setData(_NODES, list(f.nodes))
                self.findings.addItem(item)
        if not self.findings.count():
            self.findings.addItem("Both give the same findings.")
        self.fit_charts()

    def fit_charts(self) -> None:
        """Fit both charts in their canvases (again once the window has its size)."""
        for side in (self.left, self.right):
            side.view.fit_chart()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_charts)

    def _select(self, item: QListWidgetItem) -> None:
        nodes = item.data(_NODES) or []
        for side in (self.left, self.right):
            shown = [n for n in nodes if n in side.doc.org]
            side.scene.select_ids(shown)
            side.view.center_on_ids(shown)
        self.nodes_selected.emit(list(nodes))
