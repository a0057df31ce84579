"""What the last change of a Document did to its chart, as the layout needs to know it: a
:class:`~orgdesigner.layout.live.ChangeSet` read from the undo command that was just done or
undone (a move names its old and new parents, a rename its node, and so on), so that the canvas
lays out again only what changed.

Until the model records its own changes, the command is the record: each command holds what it
did (the parents of the moved nodes, the node renamed). A change it cannot tell (a whole chart
replaced, a scenario shown, a file loaded) is ``everything``: the canvas lays the chart out anew.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from orgdesigner.layout.live import EVERYTHING, ChangeSet
from orgdesigner.model import Organization
from orgdesigner.ui.commands import (
    AddNodesCommand,
    LinkCommand,
    MoveNodesCommand,
    RemoveNodesCommand,
    SetFieldsCommand,
    SetOrgFieldCommand,
)
from orgdesigner.ui.document import Document


def command_changes(command: QUndoCommand | None) -> ChangeSet:
    """What ``command`` changes (done or undone: the same nodes either way)."""
    if isinstance(command, MoveNodesCommand):
        parents = {parent for _, parent, _ in command._moves} | {parent for parent, _ in command._undo_to}
        return ChangeSet(parents=frozenset(parents))
    if isinstance(command, AddNodesCommand):
        if any(parent is None for _, parent, _ in command._added):
            return EVERYTHING  # a new root
        return ChangeSet(parents=frozenset(parent for _, parent, _ in command._added if parent is not None))
    if isinstance(command, RemoveNodesCommand):
        if any(removed.parent is None for removed in command._removed):
            return EVERYTHING
        return ChangeSet(parents=frozenset(r.parent for r in command._removed if r.parent is not None), links=True)
    if isinstance(command, SetFieldsCommand):
        return ChangeSet(nodes=frozenset({command._new.id}))
    if isinstance(command, LinkCommand):
        return ChangeSet(links=True)
    if isinstance(command, SetOrgFieldCommand):
        return ChangeSet()  # the chart's name or target stage: the layout reads the name anyway
    return EVERYTHING


class EditTracker:
    """Follows a document's undo stack: :meth:`take` says what changed since it last looked."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._org: Organization = doc.org
        self._index = doc.undo_stack.index()
        self._synced = False

    def synced(self) -> None:
        """The chart was just laid out from what the document holds now."""
        self._org, self._index, self._synced = self.doc.org, self.doc.undo_stack.index(), True

    def take(self) -> ChangeSet:
        """What the document's last change did (``everything`` when it cannot be told)."""
        stack = self.doc.undo_stack
        index, org = stack.index(), self.doc.org
        before, same, synced = self._index, org is self._org, self._synced
        self._org, self._index, self._synced = org, index, False
        if not same:
            return EVERYTHING  # another scenario, or a chart loaded
        if index == before:
            return ChangeSet() if synced else EVERYTHING
        if index == before + 1:
            return command_changes(stack.command(index - 1))
        if index == before - 1:
            return command_changes(stack.command(index))
        return EVERYTHING
