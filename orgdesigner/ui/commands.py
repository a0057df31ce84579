"""One ``QUndoCommand`` per kind of edit. ``redo``/``undo`` call model methods, never scene items.

Each command is created *after* its edit has been applied once by the :class:`Document`
(which is how a refused edit never reaches the undo stack), so the first ``redo`` that
``QUndoStack.push`` calls is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from orgdesigner.model import Link, Node, Organization, RemovedSubtree

if TYPE_CHECKING:
    from orgdesigner.ui.document import Document


class _DocCommand(QUndoCommand):
    """A command applied once already; later redo/undo re-run it and tell the document."""

    def __init__(self, doc: Document, text: str) -> None:
        super().__init__(text)
        self._doc = doc
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._apply()
        self._doc.notify_changed()

    def undo(self) -> None:
        self._revert()
        self._doc.notify_changed()

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError


class AddNodesCommand(_DocCommand):
    """Add one or more new nodes (a palette drop, a paste)."""

    def __init__(self, doc: Document, text: str, added: list[tuple[Node, str | None, int]]) -> None:
        super().__init__(doc, text)
        self._added = added

    def _apply(self) -> None:
        for node, parent, index in self._added:
            self._doc.org.add_node(node, parent, index)

    def _revert(self) -> None:
        for node, _, _ in reversed(self._added):
            self._doc.org.remove_subtree(node.id)


class RemoveNodesCommand(_DocCommand):
    """Remove nodes with their subtrees and links (Delete)."""

    def __init__(self, doc: Document, text: str, ids: list[str], removed: list[RemovedSubtree]) -> None:
        super().__init__(doc, text)
        self._ids = ids
        self._removed = removed

    def _apply(self) -> None:
        self._removed = [self._doc.org.remove_subtree(nid) for nid in self._ids]

    def _revert(self) -> None:
        for removed in reversed(self._removed):
            self._doc.org.restore_subtree(removed)


class MoveNodesCommand(_DocCommand):
    """Move nodes under a new parent at a sibling position: one drag, one entry."""

    def __init__(
        self, doc: Document, text: str, moves: list[tuple[str, str, int]], undo_to: list[tuple[str, int]]
    ) -> None:
        super().__init__(doc, text)
        self._moves = moves
        self._undo_to = undo_to

    def _apply(self) -> None:
        self._undo_to = [self._doc.org.move_node(nid, parent, index) for nid, parent, index in self._moves]

    def _revert(self) -> None:
        for (nid, _, _), (old_parent, old_index) in reversed(list(zip(self._moves, self._undo_to, strict=True))):
            self._doc.org.move_node(nid, old_parent, old_index)


class SetFieldsCommand(_DocCommand):
    """Change fields of one node (rename, headcount, discipline, responsibilities, ...)."""

    def __init__(self, doc: Document, text: str, old: Node, new: Node) -> None:
        super().__init__(doc, text)
        self._old = old
        self._new = new

    def _apply(self) -> None:
        self._doc.org.replace_node(self._new)

    def _revert(self) -> None:
        self._doc.org.replace_node(self._old)


class LinkCommand(_DocCommand):
    """Add or remove a dotted line."""

    def __init__(self, doc: Document, text: str, link: Link, added: bool, index: int) -> None:
        super().__init__(doc, text)
        self._link = link
        self._added = added
        self._index = index

    def _apply(self) -> None:
        if self._added:
            self._doc.org.add_link(self._link, self._index)
        else:
            self._index = self._doc.org.remove_link(self._link)

    def _revert(self) -> None:
        if self._added:
            self._doc.org.remove_link(self._link)
        else:
            self._doc.org.add_link(self._link, self._index)


class SetOrgFieldCommand(_DocCommand):
    """Change the org's own name or target stage."""

    def __init__(
        self, doc: Document, text: str, setter: Callable[[Organization, Any], Any], old: Any, new: Any
    ) -> None:
        super().__init__(doc, text)
        self._setter = setter
        self._old = old
        self._new = new

    def _apply(self) -> None:
        self._setter(self._doc.org, self._new)

    def _revert(self) -> None:
        self._setter(self._doc.org, self._old)


class ReplaceOrgCommand(_DocCommand):
    """Replace the whole chart (apply a template)."""

    def __init__(self, doc: Document, text: str, before: Organization, after: Organization) -> None:
        super().__init__(doc, text)
        self._before = before
        self._after = after

    def _apply(self) -> None:
        self._doc.org.replace_all(self._after)

    def _revert(self) -> None:
        self._doc.org.replace_all(self._before)
