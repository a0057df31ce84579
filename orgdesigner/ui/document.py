"""The open chart: owns the Organization and its QUndoStack, and tells its readers what changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import shiboken6
from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.fileformat import encode_org
from orgdesigner.model import (
    Discipline,
    EditRefused,
    Link,
    Node,
    Organization,
    Structure,
    Team,
    load_catalogue,
    new_team,
    new_unit,
)
from orgdesigner.model.organization import explain_validation
from orgdesigner.model.text import shown
from orgdesigner.ui.commands import (
    AddNodesCommand,
    LinkCommand,
    MoveNodesCommand,
    RemoveNodesCommand,
    ReplaceOrgCommand,
    SetFieldsCommand,
    SetOrgFieldCommand,
)
from orgdesigner.ui.disk_watch import DiskState


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return explain_validation(exc)
    return str(exc)


def _plural(ids: list[str], org: Organization, verb: str) -> str:
    if len(ids) == 1:
        return f"{verb} {org.label(ids[0])}"
    kinds = {org.node(i).kind for i in ids}
    noun = "teams" if kinds == {"team"} else "units" if kinds == {"unit"} else "nodes"
    return f"{verb} {len(ids)} {noun}"


class Document(QObject):
    """An org chart being edited: the model, its undo stack, its file and its clean state.

    Every edit goes through a method here, which applies it to the model (raising
    :class:`EditRefused`, with the model unchanged, when it is refused) and pushes one undo
    command. Readers (scene, panels) listen to :attr:`changed`.
    """

    changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal(str)
    replaced = Signal()

    def __init__(self, org: Organization, path: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.org = org
        self.path = path
        self.undo_stack = QUndoStack(self)
        self._saved = org.copy()
        self._modified = False
        self._unsaved_on_load = False
        self.disk_state: DiskState | None = None  # what ``path`` held when last read or written
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # State ---------------------------------------------------------------------------------

    @property
    def is_modified(self) -> bool:
        """True when the chart differs from what was last opened or saved."""
        return self._modified

    def notify_changed(self) -> None:
        """Called by commands after they change the model."""
        self._update_modified()
        self.changed.emit()

    def _clean_changed(self, _clean: bool) -> None:
        # The stack also reports while it is being destroyed with the document.
        if shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self):
            self._update_modified()

    def _update_modified(self) -> None:
        modified = self._unsaved_on_load or (not self.undo_stack.isClean() and self.org != self._saved)
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def load(
        self, org: Organization, path: str | None, modified: bool = False, disk_state: DiskState | None = None
    ) -> None:
        """Show another chart (open, new, recover): clears the undo history. ``disk_state``:
        what the file held when ``org`` was read from it."""
        self.undo_stack.clear()
        self.org = org
        self.path = path
        self.disk_state = disk_state
        self._saved = org.copy()
        self._unsaved_on_load = modified
        self.undo_stack.setClean()
        self._modified = modified
        self.modified_changed.emit(modified)
        self.path_changed.emit(path or "")
        self.replaced.emit()
        self.changed.emit()

    def save(self, path: str | None = None) -> None:
        """Save atomically to ``path`` (default: the current file); raises ``OrgFileError``."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name to save to")
        data = encode_org(self.org, target)
        write_atomic(target, data)
        self.disk_state = DiskState.of(target, data)
        self._saved = self.org.copy()
        self._unsaved_on_load = False
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.undo_stack.setClean()
        self._update_modified()

    # Edits ---------------------------------------------------------------------------------

    def add_node(self, node: Node, parent: str | None, index: int | None = None, text: str | None = None) -> None:
        """Add a node under ``parent`` at a sibling position."""
        self.org.add_node(node, parent, index)
        where = f" to {self.org.label(parent)}" if parent else ""
        placed = self.org.index_in_parent(node.id)
        self._push(AddNodesCommand(self, text or f"Add {node.name}{where}", [(node, parent, placed)]))

    def add_team(self, discipline: Discipline | str, parent: str, index: int | None = None) -> Team:
        """Add a new team of ``discipline``, named after it; return it."""
        try:
            name = load_catalogue().discipline(discipline).name
            team = new_team(self.org, name, str(Discipline(discipline)), headcount=0)
        except (ValueError, KeyError) as exc:
            raise EditRefused(f"cannot add a team of {shown(discipline)}: {_reason(exc)}") from None
        self.add_node(team, parent, index)
        return team

    def add_unit(
        self, structure: Structure | str, parent: str, index: int | None = None, name: str | None = None
    ) -> Node:
        """Add a new unit of ``structure``; return it."""
        try:
            label = name if name is not None else load_catalogue().structure(structure).name
            unit = new_unit(self.org, label, str(Structure(structure)))
        except (ValueError, KeyError) as exc:
            raise EditRefused(f"cannot add that unit: {_reason(exc)}") from None
        self.add_node(unit, parent, index)
        return unit

    def remove_nodes(self, ids: Iterable[str]) -> None:
        """Remove nodes (and what is below them) as one undo entry."""
        top = self._topmost(ids)
        if not top:
            return
        text = _plural(top, self.org, "Delete")
        removed = []
        try:
            for nid in top:
                removed.append(self.org.remove_subtree(nid))
        except EditRefused:
            for r in reversed(removed):
                self.org.restore_subtree(r)
            raise
        self._push(RemoveNodesCommand(self, text, top, removed))

    def move_nodes(self, ids: Iterable[str], new_parent: str, display_index: int | None = None) -> None:
        """Move nodes under ``new_parent`` so they stand where sibling ``display_index`` of the
        parent's current children stands (None: last). One undo entry."""
        org = self.org
        top = self._topmost(ids)
        if not top:
            return
        if new_parent not in org:
            raise EditRefused(f"there is no node {shown(new_parent)} in the org")
        moving = set(top)
        kids = list(org.children(new_parent))
        end = len(kids) if display_index is None else max(0, min(display_index, len(kids)))
        anchor = next((c for c in kids[end:] if c not in moving), None)
        text = _plural(top, org, "Move") + f" to {org.label(new_parent)}"
        moves: list[tuple[str, str, int]] = []
        undo_to: list[tuple[str, int]] = []
        try:
            for nid in top:
                rest = [c for c in org.children(new_parent) if c != nid]
                index = rest.index(anchor) if anchor is not None else len(rest)
                undo_to.append(org.move_node(nid, new_parent, index))
                moves.append((nid, new_parent, index))
        except EditRefused:
            for (nid, _, _), (p, i) in reversed(list(zip(moves, undo_to, strict=True))):
                org.move_node(nid, p, i)
            raise
        if all(
            org.parent(n) == p and org.index_in_parent(n) == i for (n, _, _), (p, i) in zip(moves, undo_to, strict=True)
        ):
            return  # dropped where it already was: nothing to undo
        self._push(MoveNodesCommand(self, text, moves, undo_to))

    def set_fields(self, node_id: str, text: str | None = None, **changes: Any) -> None:
        """Change fields of a node (see ``Organization.set_fields``)."""
        old = self.org.set_fields(node_id, **changes)
        new = self.org.node(node_id)
        if new == old:
            return
        if text is None:
            if set(changes) == {"name"}:
                text = f"Rename {old.name} to {new.name}"
            else:
                text = f"Change {', '.join(sorted(changes))} of {new.name}"
        self._push(SetFieldsCommand(self, text, old, new))

    def add_link(self, source: str, target: str) -> None:
        """Add a dotted line: ``source`` serves ``target``."""
        link = Link(source=source, target=target)
        self.org.add_link(link)
        index = self.org.links.index(link)
        text = f"{self.org.label(source)} serves {self.org.label(target)}"
        self._push(LinkCommand(self, text, link, True, index))

    def remove_link(self, link: Link) -> None:
        """Remove a dotted line."""
        index = self.org.remove_link(link)
        text = f"Remove dotted line {self.org.label(link.source)} to {self.org.label(link.target)}"
        self._push(LinkCommand(self, text, link, False, index))

    def set_org_name(self, name: str) -> None:
        """Rename the organisation."""
        old = self.org.set_name(name)
        if old != name:
            self._push(SetOrgFieldCommand(self, f"Rename chart to {name}", Organization.set_name, old, name))

    def set_target_stage(self, stage: int) -> None:
        """Change the org's target maturity stage."""
        old = self.org.set_target_stage(stage)
        if old != stage:
            self._push(
                SetOrgFieldCommand(self, f"Set target stage to {stage}", Organization.set_target_stage, old, stage)
            )

    def reload(self, org: Organization, disk_state: DiskState | None, text: str) -> None:
        """Take the chart as the file now holds it, as one undo entry (undo gives back what was
        shown before), and count it as saved."""
        before = self.org.replace_all(org)
        self._push(ReplaceOrgCommand(self, text, before, org.copy()))
        self._saved = self.org.copy()
        self._unsaved_on_load = False
        self.disk_state = disk_state
        self.undo_stack.setClean()
        self._update_modified()
        self.replaced.emit()

    def apply_template(self, template: Organization, title: str) -> None:
        """Replace the chart by a template, undoably."""
        before = self.org.replace_all(template)
        self._push(ReplaceOrgCommand(self, f"Apply template {title}", before, template.copy()))
        self.replaced.emit()

    # Helpers -------------------------------------------------------------------------------

    def _push(
        self,
        command: AddNodesCommand
        | RemoveNodesCommand
        | MoveNodesCommand
        | SetFieldsCommand
        | LinkCommand
        | SetOrgFieldCommand
        | ReplaceOrgCommand,
    ) -> None:
        self.undo_stack.push(command)
        self.notify_changed()

    def _topmost(self, ids: Iterable[str]) -> list[str]:
        """The given ids that have no ancestor among them, in tree order."""
        wanted = {i for i in ids if i in self.org}
        if not wanted:
            return []
        out = []
        for nid in wanted:
            if not any(a in wanted for a in self.org.ancestors(nid)):
                out.append(nid)
        order = {nid: i for i, nid in enumerate(self.org.iter_preorder())} if len(out) > 1 else {}
        return sorted(out, key=lambda n: order.get(n, 0))
