"""The edits a gesture on the canvas asks for, carried out on the document.

The view turns mouse and keys into intents (drop this payload on that target, this team
serves that node, rename this card); this controller makes each one an edit, selects what it
made, and says in one sentence what happened or why it was refused. orange-canvas-core keeps
the same split between ``canvas/view.py`` and ``document/interactions.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from orgdesigner.model import EditRefused, Link
from orgdesigner.model.text import check_name
from orgdesigner.ui.canvas.drop_target import DragPayload, DropTarget
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.document import Document


class CanvasEdits(QObject):
    """Carries out what the canvas's gestures ask for; ``message`` says how it went and
    ``placed`` names the cards an edit added or moved (the view keeps them in sight)."""

    message = Signal(str)
    placed = Signal(list)

    def __init__(self, doc: Document, scene: OrgScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.scene = scene

    def _try(self, edit: Callable[[], object]) -> bool:
        try:
            edit()
        except EditRefused as exc:
            self.message.emit(str(exc))
            return False
        return True

    def drop(self, payload: DragPayload, target: DropTarget) -> bool:
        """A palette entry or dragged cards dropped on ``target``; True when it was done."""
        doc = self.doc
        placed: list[str] = []

        def apply() -> None:
            if payload.entry is not None:
                kind, value = payload.entry
                add = doc.add_team if kind == "team" else doc.add_unit
                placed.append(add(value, target.parent, target.index).id)
            else:
                doc.move_nodes(list(payload.node_ids), target.parent, target.index)
                placed.extend(payload.node_ids)

        if not self._try(apply):
            return False
        self.scene.select_ids(placed)
        self.message.emit(doc.last_edit_text())
        self.placed.emit(placed)
        return True

    def add_from_palette(self, kind: str, value: str, parent: str) -> None:
        """A palette entry activated (Enter, double-click): add it under ``parent``."""
        made: list[str] = []

        def add() -> None:
            node = self.doc.add_team(value, parent) if kind == "team" else self.doc.add_unit(value, parent)
            made.append(node.id)

        if self._try(add):
            self.scene.select_ids(made)
            self.message.emit(self.doc.last_edit_text())
            self.placed.emit(made)

    def add_link(self, source: str, target: str | None) -> bool:
        """Link mode's click: ``source`` serves ``target`` (None: clicked beside every card)."""
        if target is None:
            self.message.emit("No dotted line added")
            return False
        if not self._try(lambda: self.doc.add_link(source, target)):
            return False
        self.message.emit(f"Dotted line added: {self.doc.last_edit_text()}")
        return True

    def remove_link(self, link: Link) -> None:
        """Remove a dotted line (the context menu)."""
        if self._try(lambda: self.doc.remove_link(link)):
            self.message.emit(f"{self.doc.last_edit_text()}. Ctrl+Z brings it back.")

    def rename(self, node_id: str, text: str) -> None:
        """The in-place editor's result."""
        org = self.doc.org
        try:
            check_name(text)
        except ValueError as exc:
            self.message.emit(f"Name not changed: {exc}")
            return
        if node_id in org and text != org.label(node_id):
            self._try(lambda: self.doc.set_fields(node_id, name=text))

    def delete(self, ids: list[str]) -> None:
        """Delete cards with what is below them, and say so, with the way back."""
        org = self.doc.org
        ids = [i for i in ids if i in org]
        if not ids:
            return
        below = sum(len(org.subtree_ids(i)) - 1 for i in self.doc.topmost(ids))
        if not self._try(lambda: self.doc.remove_nodes(ids)):
            return
        what = self.doc.last_edit_text().removeprefix("Delete ")
        tail = f" and {below} card{'s' * (below != 1)} below" if below else ""
        self.message.emit(f"Deleted {what}{tail}. Ctrl+Z brings {'them' if below or len(ids) > 1 else 'it'} back.")
