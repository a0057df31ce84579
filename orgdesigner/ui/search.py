"""Search (Ctrl+F): matching cards highlighted, the current match selected (so the inspector
shows it) and centred with its path to the root marked, "2 of 7" beside the field; Enter goes
to the next match, Shift+Enter to the previous, Esc clears."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from orgdesigner.model import Team, load_catalogue
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.canvas.view import OrgView


class _SearchField(QLineEdit):
    def __init__(self, controller: SearchController) -> None:
        super().__init__()
        self.controller = controller

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.controller.view.setFocus()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.controller.step(-1 if back else 1)
            return
        super().keyPressEvent(event)


class SearchController(QObject):
    """Finds cards by name, lead, discipline or structure."""

    def __init__(self, scene: OrgScene, view: OrgView, parent: QWidget) -> None:
        super().__init__(parent)
        self.scene = scene
        self.view = view
        self.field = _SearchField(self)
        self.field.setPlaceholderText("Find (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find cards")
        self.field.setMaximumWidth(260)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Matches")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setMinimumWidth(70)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 4, 0)
        row.addWidget(self.field)
        row.addWidget(self.count_label)
        self.matches: list[str] = []
        self.current = -1
        self.field.textChanged.connect(self.run)
        scene.relaid.connect(self._remark)

    def focus(self) -> None:
        """Ctrl+F."""
        self.field.setFocus()
        self.field.selectAll()

    def run(self, text: str) -> None:
        """Find every node matching ``text`` (case-insensitive) and go to the first."""
        needle = text.strip().casefold()
        org = self.scene.doc.org
        self.matches = []
        if needle:
            cat = load_catalogue()
            for node in org.iter_nodes():
                label = (
                    cat.discipline(node.discipline).name
                    if isinstance(node, Team)
                    else cat.structure(node.structure).name
                )
                hay = f"{node.name}\n{node.lead or ''}\n{label}".casefold()
                if needle in hay:
                    self.matches.append(node.id)
        self.current = 0 if self.matches else -1
        self._remark()
        self._go()

    def next_match(self) -> None:
        """Enter: the next match."""
        self.step(1)

    def step(self, by: int) -> None:
        """Go ``by`` matches on (back when negative), round the end."""
        if self.matches:
            self.current = (self.current + by) % len(self.matches)
            self._remark()
            self._go()

    def _go(self) -> None:
        if self.current >= 0:
            nid = self.matches[self.current]
            self.scene.view_state.reveal(self.scene.doc.org, [nid])
            self.scene.select_ids([nid])
            self.view.center_on_ids([nid])

    def _remark(self) -> None:
        org = self.scene.doc.org
        self.matches = [m for m in self.matches if m in org]
        if self.current >= len(self.matches):
            self.current = len(self.matches) - 1
        path: list[str] = []
        if self.current >= 0:
            path = org.ancestors(self.matches[self.current])
        self.scene.set_marks(self.matches, path)
        self._count()

    def _count(self) -> None:
        if not self.field.text().strip():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText("no match")
        else:
            self.count_label.setText(f"{self.current + 1} of {len(self.matches)}")
