"""Search (Ctrl+F): matching cards highlighted, the view centred on the current match and its
path to the root marked; Enter goes to the next match, Esc clears."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from orgdesigner.model import Team, load_catalogue
from orgdesigner.model.text import shown
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
        self.matches: list[str] = []
        self.current = -1
        self.field.textChanged.connect(self.run)
        self.field.returnPressed.connect(self.next_match)
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
        if needle:
            count = len(self.matches)
            self.view.message.emit(f"{count} match{'es' * (count != 1)} for {shown(text.strip())}")

    def next_match(self) -> None:
        """Enter: the next match."""
        if self.matches:
            self.current = (self.current + 1) % len(self.matches)
            self._remark()
            self._go()

    def _go(self) -> None:
        if self.current >= 0:
            nid = self.matches[self.current]
            hidden = {a for a in self.scene.doc.org.ancestors(nid) if a in self.scene.collapsed}
            if hidden:
                self.scene.collapsed -= hidden
                self.scene.rebuild()
            self.view.center_on_ids([nid])

    def _remark(self) -> None:
        org = self.scene.doc.org
        self.matches = [m for m in self.matches if m in org]
        if self.current >= len(self.matches):
            self.current = len(self.matches) - 1
        hits = set(self.matches)
        path: set[str] = set()
        if self.current >= 0:
            path = set(org.ancestors(self.matches[self.current]))
        for nid, card in self.scene.cards.items():
            card.set_marks(nid in hits, nid in path)
