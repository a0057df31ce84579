"""The open chart: owns the Organization and its QUndoStack, and tells its readers what changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import shiboken6
from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.fileformat import encode_chart
from orgdesigner.model import (
    Discipline,
    EditRefused,
    Link,
    Node,
    Organization,
    ScenarioSet,
    Structure,
    Team,
    load_catalogue,
    new_team,
    new_unit,
)
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.journal import Change
from orgdesigner.model.organization import explain_validation
from orgdesigner.model.scenarios import BASELINE
from orgdesigner.model.text import shown
from orgdesigner.ui.commands import (
    AddNodesCommand,
    AddScenarioCommand,
    LinkCommand,
    MoveNodesCommand,
    OrgCommand,
    RemoveNodesCommand,
    RemoveScenarioCommand,
    RenameScenarioCommand,
    ReplaceChartCommand,
    ReplaceOrgCommand,
    ScenarioCommand,
    SetFieldsCommand,
    SetOrgFieldCommand,
)
from orgdesigner.ui.disk_watch import DiskState
from orgdesigner.ui.plain_text import action_text


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return explain_validation(exc)
    return str(exc)


def copy_chart(chart: ScenarioSet) -> ScenarioSet:
    """An independent copy of a chart (nodes are immutable and shared)."""
    return ScenarioSet(chart.baseline.copy(), [s.copy() for s in chart.scenarios])


def _plural(ids: list[str], org: Organization, verb: str) -> str:
    if len(ids) == 1:
        return f"{verb} {org.label(ids[0])}"
    kinds = {org.node(i).kind for i in ids}
    noun = "teams" if kinds == {"team"} else "units" if kinds == {"unit"} else "nodes"
    return f"{verb} {len(ids)} {noun}"


class Document(QObject):
    """An open chart file being edited: its baseline and scenarios, the one shown (``org``),
    one undo stack for all of them, its file and its clean state.

    Every edit goes through a method here, which applies it to the model (raising
    :class:`EditRefused`, with the model unchanged, when it is refused) and pushes one undo
    command. Readers (scene, panels) listen to :attr:`changed`; undoing an edit made in another
    scenario shows that scenario again (``scenario_changed``), so an undo is never invisible.

    While :attr:`changed` is being emitted, :attr:`last_changes` says precisely what changed
    in :attr:`org` since the previous emission (the primitive changes of
    :mod:`orgdesigner.model.journal`, oldest first), or is None when the chart shown is another
    one or was read again (a load, a scenario shown): then read it all.
    """

    changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal(str)
    replaced = Signal()
    scenario_changed = Signal(str)  # the scenario shown now (``baseline`` for the baseline)
    scenarios_changed = Signal()  # scenarios added, removed or renamed

    def __init__(
        self,
        chart: ScenarioSet | Organization,
        path: str | None = None,
        parent: QObject | None = None,
        modified: bool = False,
    ) -> None:
        super().__init__(parent)
        self.chart = chart if isinstance(chart, ScenarioSet) else ScenarioSet(chart)
        self.org: Organization = self.chart.baseline
        self.org.record_changes()
        self.last_changes: tuple[Change, ...] | None = None
        self.path = path
        self.undo_stack = QUndoStack(self)
        self._saved = copy_chart(self.chart)
        self._modified = modified
        self._unsaved_on_load = modified
        self._quiet = False
        self._index = 0
        self.disk_state: DiskState | None = None  # what ``path`` held when last read or written
        # Whether an edit went back to the saved chart is a comparison of the whole chart:
        # it is made after the edit's frame (reading is_modified makes it at once).
        self._compare = QTimer(self)
        self._compare.setSingleShot(True)
        self._compare.setInterval(0)
        self._compare.timeout.connect(self._update_modified)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._index_changed)

    # State ---------------------------------------------------------------------------------

    @property
    def is_modified(self) -> bool:
        """True when the chart differs from what was last opened or saved."""
        if self._compare.isActive():
            self._update_modified()
        return self._modified

    @property
    def current(self) -> str:
        """The name of the scenario shown (``baseline`` for the baseline)."""
        return BASELINE if self.org is self.chart.baseline else self.org.name

    def _index_changed(self, index: int) -> None:
        # Every push, undo and redo moves the stack's index: the one place the model changes.
        if self._quiet or not (shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self)):
            return
        undone = index < self._index
        command = self.undo_stack.command(index if undone else index - 1)
        self._index = index
        if isinstance(command, ScenarioCommand):
            self.scenarios_changed.emit()
        touched = command.touched(undone) if isinstance(command, OrgCommand | ScenarioCommand) else None
        changes = self.org.take_changes()
        if touched is not None and touched is not self.org and self._holds(touched):
            self._show(touched)
            self.scenario_changed.emit(self.current)
        elif not self._holds(self.org):
            self._show(self.chart.baseline)
            self.scenario_changed.emit(self.current)
        else:
            self.last_changes = None if changes is None else tuple(changes)
        self._modified_soon()
        with gc_paused(freeze=True):  # the readers' work on an edit (a layout, the scene), uncollected
            self.changed.emit()

    def _show(self, org: Organization) -> None:
        # Only the org shown records its changes: the others are read again when shown.
        if org is not self.org:
            self.org.record_changes(False)
            self.org = org
        org.record_changes()
        self.last_changes = None

    def _holds(self, org: Organization) -> bool:
        return org is self.chart.baseline or any(org is s for s in self.chart.scenarios)

    def _clean_changed(self, _clean: bool) -> None:
        # The stack also reports while it is being destroyed with the document.
        if shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self):
            self._modified_soon()

    def _modified_soon(self) -> None:
        """After an edit: modified at once when that is sure (a chart read unsaved, or the
        stack back at the saved entry: not). Else it is taken as modified now, and compared
        with the saved chart once the frame is out: edits that undid each other by hand are
        the chart as saved again."""
        if self._unsaved_on_load or self.undo_stack.isClean():
            self._update_modified()
            return
        if not self._modified:
            self._modified = True
            self.modified_changed.emit(True)
        self._compare.start()

    def _update_modified(self) -> None:
        self._compare.stop()
        if not (shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self)):
            return
        modified = self._unsaved_on_load or (not self.undo_stack.isClean() and self.chart != self._saved)
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def load(
        self,
        chart: ScenarioSet | Organization,
        path: str | None,
        modified: bool = False,
        disk_state: DiskState | None = None,
    ) -> None:
        """Show another chart (open, new, recover), on its baseline: clears the undo history.
        ``disk_state``: what the file held when the chart was read from it."""
        self._quiet = True  # clearing the history moves the index: that is not an edit
        try:
            self.undo_stack.clear()
        finally:
            self._quiet = False
        self._index = 0
        self.chart = chart if isinstance(chart, ScenarioSet) else ScenarioSet(chart)
        self._show(self.chart.baseline)
        self.path = path
        self.disk_state = disk_state
        self._saved = copy_chart(self.chart)
        self._unsaved_on_load = modified
        self.undo_stack.setClean()
        self._modified = modified
        self.modified_changed.emit(modified)
        self.path_changed.emit(path or "")
        self.scenarios_changed.emit()
        self.scenario_changed.emit(self.current)
        self.replaced.emit()
        self.changed.emit()

    def set_file(self, path: str | None) -> None:
        """The file this chart belongs to, without reading it again."""
        if path != self.path:
            self.path = path
            self.path_changed.emit(path or "")

    def save(self, path: str | None = None) -> None:
        """Save the whole chart atomically to ``path`` (default: the current file); raises
        ``OrgFileError``."""
        target = path or self.path
        if target is None:
            raise ValueError("no file name to save to")
        data = encode_chart(self.chart, target)
        write_atomic(target, data)
        self.disk_state = DiskState.of(target, data)
        self._saved = copy_chart(self.chart)
        self._unsaved_on_load = False
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.undo_stack.setClean()
        self._update_modified()

    # Scenarios -----------------------------------------------------------------------------

    def show_scenario(self, name: str) -> None:
        """Show the baseline or a scenario (not an edit: nothing to undo)."""
        org = self.chart.get(name)
        if org is None:
            raise EditRefused(f"there is no scenario called {shown(name)}")
        if org is not self.org:
            self._show(org)
            self.scenario_changed.emit(self.current)
            self.changed.emit()

    def add_scenario(self, org: Organization, name: str | None = None, text: str | None = None) -> str:
        """Add ``org`` (not copied) as a new scenario called ``name`` (default: a free name made
        from its own), after the one shown, and show it; one undo step. Returns its name."""
        chart = self.chart
        name = chart.unique_name(org.name) if name is None else name
        before = self.org
        at = len(chart) if self.org is chart.baseline else chart.index(self.org.name) + 1
        index = chart.add(name, org, at)
        self._push(AddScenarioCommand(chart, text or f"New scenario {name}", org, index, before))
        return name

    def new_scenario(self, name: str | None = None) -> str:
        """A new scenario, a copy of the chart shown; returns its name."""
        base = name or (f"{self.chart.baseline.name} scenario" if self.org is self.chart.baseline else self.org.name)
        copy = self.org.copy()
        name = name if name is not None else self.chart.unique_name(base)
        return self.add_scenario(copy, name, f"New scenario {name} from {self._label(self.current)}")

    def rename_scenario(self, name: str, new_name: str) -> None:
        """Rename a scenario; one undo step."""
        org = self.chart.get(name)
        if org is None or org is self.chart.baseline:
            raise EditRefused("the baseline is not a scenario: rename the chart instead")
        old = self.chart.rename(name, new_name)
        if old != new_name:
            self._push(RenameScenarioCommand(self.chart, f"Rename scenario {old} to {new_name}", org, old, new_name))

    def delete_scenario(self, name: str) -> None:
        """Delete a scenario (Undo brings it back); the baseline is shown if it was."""
        removed = self.chart.remove(name)
        self._push(RemoveScenarioCommand(self.chart, f"Delete scenario {removed.org.name}", removed))

    def _label(self, name: str) -> str:
        return "the baseline" if name == BASELINE else name

    # Edits ---------------------------------------------------------------------------------

    def add_node(self, node: Node, parent: str | None, index: int | None = None, text: str | None = None) -> None:
        """Add a node under ``parent`` at a sibling position."""
        self.org.add_node(node, parent, index)
        where = f" to {self.org.label(parent)}" if parent else ""
        placed = self.org.index_in_parent(node.id)
        self._push(AddNodesCommand(self.org, text or f"Add {node.name}{where}", [(node, parent, placed)]))

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
        top = self.topmost(ids)
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
        self._push(RemoveNodesCommand(self.org, text, top, removed))

    def move_nodes(self, ids: Iterable[str], new_parent: str, display_index: int | None = None) -> None:
        """Move nodes under ``new_parent`` so they stand where sibling ``display_index`` of the
        parent's current children stands (None: last). One undo entry."""
        org = self.org
        top = self.topmost(ids)
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
        self._push(MoveNodesCommand(self.org, text, moves, undo_to))

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
        self._push(SetFieldsCommand(self.org, text, old, new))

    def add_link(self, source: str, target: str) -> None:
        """Add a dotted line: ``source`` serves ``target``."""
        link = Link(source=source, target=target)
        self.org.add_link(link)
        index = self.org.links.index(link)
        text = f"{self.org.label(source)} serves {self.org.label(target)}"
        self._push(LinkCommand(self.org, text, link, True, index))

    def remove_link(self, link: Link) -> None:
        """Remove a dotted line."""
        index = self.org.remove_link(link)
        text = f"Remove dotted line {self.org.label(link.source)} to {self.org.label(link.target)}"
        self._push(LinkCommand(self.org, text, link, False, index))

    def set_org_name(self, name: str) -> None:
        """Rename the organisation (the scenario, when a scenario is shown)."""
        if self.org is not self.chart.baseline:
            self.rename_scenario(self.org.name, name)
            return
        old = self.org.set_name(name)
        if old != name:
            self._push(SetOrgFieldCommand(self.org, f"Rename chart to {name}", Organization.set_name, old, name))

    def set_target_stage(self, stage: int) -> None:
        """Change the org's target maturity stage."""
        old = self.org.set_target_stage(stage)
        if old != stage:
            self._push(
                SetOrgFieldCommand(self.org, f"Set target stage to {stage}", Organization.set_target_stage, old, stage)
            )

    def reload(self, chart: ScenarioSet, disk_state: DiskState | None, text: str) -> None:
        """Take the chart as its file now holds it (the baseline and every scenario), as one undo
        entry (undo gives back what was shown before), count it as saved, and show the
        baseline."""
        mine = self.chart
        before = (mine.baseline.copy(), list(mine.scenarios))
        after = (chart.baseline.copy(), list(chart.scenarios))
        mine.baseline.replace_all(after[0])
        mine.replace_scenarios(after[1])
        self.org = mine.baseline
        self._push(ReplaceChartCommand(mine, text, before, after))
        self._saved = copy_chart(mine)
        self._unsaved_on_load = False
        self.disk_state = disk_state
        self.undo_stack.setClean()
        self._update_modified()
        self.scenarios_changed.emit()
        self.scenario_changed.emit(self.current)
        self.replaced.emit()

    def apply_template(self, template: Organization, title: str) -> None:
        """Replace the chart by a template, undoably."""
        after = template.copy()
        if self.org is not self.chart.baseline:
            after.set_name(self.org.name)  # a scenario keeps its name (it is the scenario's)
        before = self.org.replace_all(after)
        self.replaced.emit()  # as load() does: replaced, then changed
        self._push(ReplaceOrgCommand(self.org, f"Apply template {title}", before, after.copy()))

    def replace_org(self, other: Organization, text: str) -> None:
        """Make the chart shown a copy of ``other`` (an explored alternative), keeping its name;
        one undo step."""
        after = other.copy()
        after.set_name(self.org.name)
        before = self.org.replace_all(after)
        self._push(ReplaceOrgCommand(self.org, text, before, after.copy()))

    # Helpers -------------------------------------------------------------------------------

    def _push(self, command: OrgCommand | ScenarioCommand) -> None:
        # The history shows the text as it is; the Undo and Redo actions get it with each "&"
        # doubled, or Qt would eat it as a mnemonic ("Delete Data  AI").
        text = command.text()
        command.setText(f"{text}\n{action_text(text)}")
        self.undo_stack.push(command)

    def last_edit_text(self) -> str:
        """What the edit that Undo would undo did, as a person reads it ("Move MLOps to ...")."""
        stack = self.undo_stack
        index = stack.index()
        command = stack.command(index - 1) if index > 0 else None
        return "" if command is None else command.text()

    def topmost(self, ids: Iterable[str]) -> list[str]:
        """The given ids that have no ancestor among them, in tree order (what deleting or
        moving them acts on)."""
        wanted = {i for i in ids if i in self.org}
        if not wanted:
            return []
        out = []
        for nid in wanted:
            if not any(a in wanted for a in self.org.ancestors(nid)):
                out.append(nid)
        order = {nid: i for i, nid in enumerate(self.org.iter_preorder())} if len(out) > 1 else {}
        return sorted(out, key=lambda n: order.get(n, 0))
