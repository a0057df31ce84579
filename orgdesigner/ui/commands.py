"""One ``QUndoCommand`` per kind of edit. ``redo``/``undo`` call model methods, never scene items.

Commands hold the model they edit, as orange-canvas-core's do; they know nothing of the
document, which hears of every change from its undo stack's index. Each command is created
*after* its edit has been applied once by the :class:`Document` (which is how a refused edit
never reaches the undo stack), so the first ``redo`` that ``QUndoStack.push`` calls is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from orgdesigner.model import Link, Node, Organization, RemovedScenario, RemovedSubtree, ScenarioSet


class OrgCommand(QUndoCommand):
    """A command applied once already; later redo/undo re-run it on its org."""

    def __init__(self, org: Organization, text: str) -> None:
        super().__init__(text)
        self._org = org
        self._skip_first_redo = True

    def touched(self, undone: bool) -> Organization | None:
        """The org this command edits: the one to show after it is undone or redone."""
        return self._org

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._apply()

    def undo(self) -> None:
        self._revert()

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError


class AddNodesCommand(OrgCommand):
    """Add one or more new nodes (a palette drop, a paste)."""

    def __init__(self, org: Organization, text: str, added: list[tuple[Node, str | None, int]]) -> None:
        super().__init__(org, text)
        self._added = added

    def _apply(self) -> None:
        for node, parent, index in self._added:
            self._org.add_node(node, parent, index)

    def _revert(self) -> None:
        for node, _, _ in reversed(self._added):
            self._org.remove_subtree(node.id)


class RemoveNodesCommand(OrgCommand):
    """Remove nodes with their subtrees and links (Delete)."""

    def __init__(self, org: Organization, text: str, ids: list[str], removed: list[RemovedSubtree]) -> None:
        super().__init__(org, text)
        self._ids = ids
        self._removed = removed

    def _apply(self) -> None:
        self._removed = [self._org.remove_subtree(nid) for nid in self._ids]

    def _revert(self) -> None:
        for removed in reversed(self._removed):
            self._org.restore_subtree(removed)


class MoveNodesCommand(OrgCommand):
    """Move nodes under a new parent at a sibling position: one drag, one entry."""

    def __init__(
        self, org: Organization, text: str, moves: list[tuple[str, str, int]], undo_to: list[tuple[str, int]]
    ) -> None:
        super().__init__(org, text)
        self._moves = moves
        self._undo_to = undo_to

    def _apply(self) -> None:
        self._undo_to = [self._org.move_node(nid, parent, index) for nid, parent, index in self._moves]

    def _revert(self) -> None:
        for (nid, _, _), (old_parent, old_index) in reversed(list(zip(self._moves, self._undo_to, strict=True))):
            self._org.move_node(nid, old_parent, old_index)


class SetFieldsCommand(OrgCommand):
    """Change fields of one node (rename, headcount, discipline, responsibilities, ...)."""

    def __init__(self, org: Organization, text: str, old: Node, new: Node) -> None:
        super().__init__(org, text)
        self._old = old
        self._new = new

    def _apply(self) -> None:
        self._org.replace_node(self._new)

    def _revert(self) -> None:
        self._org.replace_node(self._old)


class LinkCommand(OrgCommand):
    """Add or remove a dotted line."""

    def __init__(self, org: Organization, text: str, link: Link, added: bool, index: int) -> None:
        super().__init__(org, text)
        self._link = link
        self._added = added
        self._index = index

    def _apply(self) -> None:
        if self._added:
            self._org.add_link(self._link, self._index)
        else:
            self._index = self._org.remove_link(self._link)

    def _revert(self) -> None:
        if self._added:
            self._org.remove_link(self._link)
        else:
            self._org.add_link(self._link, self._index)


class SetOrgFieldCommand(OrgCommand):
    """Change the org's own name or target stage."""

    def __init__(
        self, org: Organization, text: str, setter: Callable[[Organization, Any], Any], old: Any, new: Any
    ) -> None:
        super().__init__(org, text)
        self._setter = setter
        self._old = old
        self._new = new

    def _apply(self) -> None:
        self._setter(self._org, self._new)

    def _revert(self) -> None:
        self._setter(self._org, self._old)


class ReplaceOrgCommand(OrgCommand):
    """Replace the whole chart (apply a template)."""

    def __init__(self, org: Organization, text: str, before: Organization, after: Organization) -> None:
        super().__init__(org, text)
        self._before = before
        self._after = after

    def _apply(self) -> None:
        self._org.replace_all(self._after)

    def _revert(self) -> None:
        self._org.replace_all(self._before)


class ScenarioCommand(QUndoCommand):
    """A change to the chart's list of scenarios, applied once already (like :class:`OrgCommand`);
    ``touched`` is the scenario to show after it is redone or undone (None: leave the view)."""

    def __init__(self, chart: ScenarioSet, text: str) -> None:
        super().__init__(text)
        self._chart = chart
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._apply()

    def undo(self) -> None:
        self._revert()

    def touched(self, undone: bool) -> Organization | None:
        """The org to show after this command was undone (``undone``) or redone."""
        raise NotImplementedError

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError


class AddScenarioCommand(ScenarioCommand):
    """A new scenario (from the current chart, a duplicate, or an explored alternative)."""

    def __init__(self, chart: ScenarioSet, text: str, org: Organization, index: int, before: Organization) -> None:
        super().__init__(chart, text)
        self._org = org
        self._index = index
        self._before = before

    def touched(self, undone: bool) -> Organization | None:
        return self._before if undone else self._org

    def _apply(self) -> None:
        self._chart.add(self._org.name, self._org, self._index)

    def _revert(self) -> None:
        self._chart.remove(self._org.name)


class RemoveScenarioCommand(ScenarioCommand):
    """A scenario deleted (the same org object comes back on undo)."""

    def __init__(self, chart: ScenarioSet, text: str, removed: RemovedScenario) -> None:
        super().__init__(chart, text)
        self._removed = removed

    def touched(self, undone: bool) -> Organization | None:
        return self._removed.org if undone else self._chart.baseline

    def _apply(self) -> None:
        self._removed = self._chart.remove(self._removed.org.name)

    def _revert(self) -> None:
        self._chart.restore(self._removed)


class RenameScenarioCommand(ScenarioCommand):
    """A scenario renamed."""

    def __init__(self, chart: ScenarioSet, text: str, org: Organization, old: str, new: str) -> None:
        super().__init__(chart, text)
        self._org = org
        self._old = old
        self._new = new

    def touched(self, undone: bool) -> Organization | None:
        return self._org

    def _apply(self) -> None:
        self._chart.rename(self._old, self._new)

    def _revert(self) -> None:
        self._chart.rename(self._new, self._old)


class ReplaceChartCommand(ScenarioCommand):
    """The whole chart replaced (its file reloaded from disk): the baseline's content and the
    list of scenarios, both given back by undo."""

    def __init__(
        self,
        chart: ScenarioSet,
        text: str,
        before: tuple[Organization, list[Organization]],
        after: tuple[Organization, list[Organization]],
    ) -> None:
        super().__init__(chart, text)
        self._before = before
        self._after = after

    def touched(self, undone: bool) -> Organization | None:
        return self._chart.baseline

    def _apply(self) -> None:
        self._chart.baseline.replace_all(self._after[0])
        self._chart.replace_scenarios(self._after[1])

    def _revert(self) -> None:
        self._chart.baseline.replace_all(self._before[0])
        self._chart.replace_scenarios(self._before[1])
