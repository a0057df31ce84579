"""A state machine over the Document and its undo stack: add, remove, move (refused moves too),
rename (invalid names too), set fields, link, unlink, apply a template, save, undo, redo, and
scenarios made and shown; edits aimed at the teams messages name (the first owners of each
responsibility, the teams doing MLOps work) as well as at any node.

After every step: the model is valid (it round-trips through the file text; one root; every
link's ends exist), the model equals the one recorded for the undo stack's current index, and
``is_modified`` is False exactly when the model equals the last saved one. The window's live
analysis, which follows each edit's changes instead of reading the org again, gives exactly
``analyse()``'s report (every field, every finding in its place), the badges of that report
and the delta between the full reports before and after a single edit; its index equals one
built afresh. At the end of each run undoing everything restores the first model exactly, and
redoing everything gives the last.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from PySide6.QtWidgets import QApplication

from orgdesigner.analysis import Report, build_index
from orgdesigner.analysis.edit_delta import edit_delta
from orgdesigner.io import dumps_org, load_template, parse_org, read_org, template_names
from orgdesigner.layout import route_links
from orgdesigner.model import EditRefused, Link, Organization, Team, Unit
from orgdesigner.model.tree import link_key
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.document import Document
from orgdesigner.ui.live_analysis import LiveAnalysis, report_badges
from orgdesigner.ui.view_state import ViewState
from tests.analysis.live_checks import assert_same_index, assert_same_report
from tests.layout.placement_checks import assert_same_placement
from tests.reliability.strategies import BAD_NAMES, DISCIPLINES, RESPONSIBILITIES, STRUCTURES, names
from tests.synthetic import make_org

pytestmark = pytest.mark.slow  # the reliability tier: ./dev test -m "not slow" leaves it to CI

TEMPLATES = template_names()
STATS: Counter[str] = Counter()  # what the runs did, printed by the test
GHOST = "no-such-node"
STARTS = [*TEMPLATES, "empty", "synthetic", "wide"]


def _start_org(name: str) -> Organization:
    if name == "empty":
        return Organization("Nothing yet")
    if name == "synthetic":
        return make_org(40, "random", links=5)
    if name == "wide":
        return make_org(60, "wide", links=5)  # units of more than 8 direct reports
    return load_template(name)


def _named_in_messages(org: Organization) -> list[str]:
    """The nodes findings name first: the first owners of each responsibility, the first teams
    doing MLOps work, and the units with the most direct reports."""
    index = build_index(org)
    out = [index.ids[i] for i in index.mlops_work[:5]]
    for owners in index.owners.values():
        out += [index.ids[i] for i in owners[:2]]
    out += sorted(org.iter_preorder(), key=org.child_count)[-3:]
    return list(dict.fromkeys(out))


new_names = names | st.sampled_from(BAD_NAMES)
indexes = st.none() | st.integers(-2, 12)
field_changes = st.fixed_dictionaries(
    {},
    optional={
        "headcount": st.integers(-3, 30) | st.sampled_from([1_000_000, 1_000_001, -(10**12)]),
        "discipline": st.sampled_from([*(d.value for d in DISCIPLINES), "astrology"]),
        "structure": st.sampled_from([*(s.value for s in STRUCTURES), "holacracy"]),
        "responsibilities": st.none() | st.lists(st.sampled_from([*RESPONSIBILITIES, "teleportation"]), max_size=4),
        "lead": st.none() | new_names,
        "notes": st.none() | st.sampled_from(["", "two\nlines\r\nok", "bell\x07", "n" * 10_001]),
        "kind": st.sampled_from(["unit", "team"]),
    },
).filter(bool)


class DocumentMachine(RuleBasedStateMachine):
    """Random edits, saves, undos and redos on one Document."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="orgdoc-"))
        self.doc: Document | None = None
        self.first: Organization | None = None
        self.saved: Organization | None = None
        self.history: list[Organization] = []  # the model at each undo-stack index
        self.analysis: LiveAnalysis | None = None
        self.full: Report | None = None  # analyse() of the model after the last step
        self.view: ViewState | None = None
        self.scene: OrgScene | None = None  # the canvas's scene, following every step
        self.emitted = 0  # changed signals since the last step

    # Helpers ---------------------------------------------------------------------------------

    @property
    def d(self) -> Document:
        assert self.doc is not None
        return self.doc

    @property
    def org(self) -> Organization:
        return self.d.org

    def _ids(self, data: st.DataObject, extra: tuple[str, ...] = ()) -> str:
        if len(self.org) and data.draw(st.booleans(), label="aim at a node messages name"):
            return data.draw(st.sampled_from(_named_in_messages(self.org)))
        choices = [*self.org.iter_preorder(), *extra]
        return data.draw(st.sampled_from(choices)) if choices else GHOST

    def _edit(self, action: Callable[[], Any], refused: bool | None = None) -> bool:
        """Run an edit. Refused: EditRefused, and the model and the stack are as they were.
        Applied: one new undo entry (recorded), or none when the edit changed nothing.
        ``refused`` says what must happen (None: either)."""
        stack = self.d.undo_stack
        before, count, index = self.org.copy(), stack.count(), stack.index()
        try:
            action()
        except EditRefused:
            assert refused is not False, "a valid edit was refused"
            assert self.org == before, "a refused edit changed the model"
            assert (stack.count(), stack.index()) == (count, index), "a refused edit reached the undo stack"
            STATS["refused edits"] += 1
            return False
        assert refused is not True, "an invalid edit was applied"
        STATS["applied edits" if stack.index() != index else "edits that changed nothing"] += 1
        if stack.index() == index:
            assert stack.count() == count and self.org == before, "an edit changed the model without an undo entry"
        else:
            assert stack.index() == index + 1 and stack.count() == index + 1
            self.history = [*self.history[: index + 1], self.org.copy()]
        return True

    # Start -----------------------------------------------------------------------------------

    @initialize(start=st.sampled_from(STARTS))
    def start(self, start: str) -> None:
        org = _start_org(start)
        self.doc = Document(org, None)
        self.first = org.copy()
        self.saved = org.copy()
        self.history = [org.copy()]
        self.analysis = LiveAnalysis(self.doc)
        self.full = assert_same_report(self.analysis.report, org)
        self.view = ViewState()
        self.scene = OrgScene(self.doc, self.view)
        self.doc.changed.connect(self._count_changed)

    def _count_changed(self) -> None:
        self.emitted += 1

    # Edits -----------------------------------------------------------------------------------

    @rule(data=st.data(), discipline=st.sampled_from(DISCIPLINES), index=indexes)
    def add_team(self, data: st.DataObject, discipline: Any, index: int | None) -> None:
        if len(self.org) == 0:
            root = Unit(id="root", name="Root", structure=STRUCTURES[0])
            self._edit(lambda: self.d.add_node(root, None), refused=False)
            return
        parent = self._ids(data, (GHOST,))
        self._edit(lambda: self.d.add_team(discipline, parent, index), refused=parent == GHOST)

    @rule(data=st.data(), structure=st.sampled_from(STRUCTURES), index=indexes, name=st.none() | names)
    def add_unit(self, data: st.DataObject, structure: Any, index: int | None, name: str | None) -> None:
        parent = self._ids(data, (GHOST,))
        self._edit(lambda: self.d.add_unit(structure, parent, index, name), refused=parent not in self.org)

    @rule(data=st.data())
    def add_a_second_root(self, data: st.DataObject) -> None:
        unit = Unit(id="another-root", name="Another root", structure=STRUCTURES[0])
        self._edit(lambda: self.d.add_node(unit, None), refused=len(self.org) > 0)

    @rule(data=st.data(), k=st.integers(1, 3))
    def remove(self, data: st.DataObject, k: int) -> None:
        ids = [self._ids(data, (GHOST,)) for _ in range(k)]
        self._edit(lambda: self.d.remove_nodes(ids), refused=False)

    @rule(data=st.data(), k=st.integers(1, 3), index=indexes)
    def move(self, data: st.DataObject, k: int, index: int | None) -> None:
        org = self.org
        ids = [self._ids(data, (GHOST,)) for _ in range(k)]
        target = self._ids(data, (GHOST,))
        known = [i for i in ids if i in org]
        if not known:
            refused: bool | None = False
        elif target not in org:
            refused = True
        else:
            refused = any(org.parent(i) is None or org.is_ancestor(i, target) for i in known)
        self._edit(lambda: self.d.move_nodes(ids, target, index), refused=refused)

    @rule(data=st.data(), name=new_names)
    def rename(self, data: st.DataObject, name: str) -> None:
        nid = self._ids(data)
        if nid == GHOST:
            return
        self._edit(lambda: self.d.set_fields(nid, name=name), refused=name in BAD_NAMES)

    @rule(name=new_names)
    def rename_org(self, name: str) -> None:
        self._edit(lambda: self.d.set_org_name(name), refused=name in BAD_NAMES)

    @rule(stage=st.integers(-1, 7))
    def set_stage(self, stage: int) -> None:
        self._edit(lambda: self.d.set_target_stage(stage), refused=not 1 <= stage <= 5)

    @rule(data=st.data(), changes=field_changes)
    def set_fields(self, data: st.DataObject, changes: dict[str, Any]) -> None:
        nid = self._ids(data)
        if nid == GHOST:
            return
        node = self.org.node(nid)
        becomes_team = changes.get("kind", node.kind) == "team"
        resp = changes.get("responsibilities") or []
        if becomes_team:
            # Refused for sure: a negative or too big headcount, an unknown discipline, an
            # unknown or repeated responsibility, a structure (teams have none).
            must_refuse = (
                not 0 <= changes.get("headcount", 0) <= 1_000_000
                or changes.get("discipline") == "astrology"
                or "teleportation" in resp
                or len(set(resp)) != len(resp)
                or "structure" in changes
            )
        else:
            # Units have no headcount, discipline or responsibilities (None means "leave out").
            must_refuse = (
                changes.get("structure") == "holacracy"
                or "headcount" in changes
                or "discipline" in changes
                or changes.get("responsibilities") is not None
            )
        refused: bool | None = True if must_refuse else None
        self._edit(lambda: self.d.set_fields(nid, **changes), refused=refused)

    @rule(data=st.data())
    def link(self, data: st.DataObject) -> None:
        source, target = self._ids(data, (GHOST,)), self._ids(data, (GHOST,))
        org = self.org
        refused = (
            source not in org
            or target not in org
            or not isinstance(org.node(source), Team)
            or source == target
            or Link(source=source, target=target) in org.links
        )
        self._edit(lambda: self.d.add_link(source, target), refused=refused)

    @rule(data=st.data())
    def unlink(self, data: st.DataObject) -> None:
        links = list(self.org.links)
        real: bool = data.draw(st.booleans())
        if links and real:
            link = data.draw(st.sampled_from(links))
            self._edit(lambda: self.d.remove_link(link), refused=False)
        else:
            ghost = Link(source=GHOST, target="root")
            self._edit(lambda: self.d.remove_link(ghost), refused=True)

    @rule(name=st.sampled_from(TEMPLATES))
    def apply_template(self, name: str) -> None:
        self._edit(lambda: self.d.apply_template(load_template(name), name), refused=False)

    @rule(data=st.data(), k=st.integers(2, 3))
    def several_edits_unseen(self, data: st.DataObject, k: int) -> None:
        # Edits in a row before anyone reads the analysis: it follows them all at once.
        for _ in range(k):
            nid, target = self._ids(data), self._ids(data)
            if nid != GHOST and target != GHOST:
                self._edit(lambda n=nid, t=target: self.d.move_nodes([n], t))  # type: ignore[misc]
                self._edit(lambda n=nid: self.d.set_fields(n, name=f"{self.org.label(n)} 2"))  # type: ignore[misc]

    # Saving, undo, redo --------------------------------------------------------------------------

    @rule(which=st.sampled_from(["a.json", "b.json"]))
    def save(self, which: str) -> None:
        path = self.folder / which
        self.d.save(str(path))
        self.saved = self.org.copy()
        assert read_org(path) == self.org
        assert not self.d.is_modified
        STATS["saves"] += 1

    @rule(times=st.integers(1, 4))
    def undo(self, times: int) -> None:
        stack = self.d.undo_stack
        for _ in range(times):
            if stack.canUndo():
                stack.undo()
                STATS["undos"] += 1
                assert self.org == self.history[stack.index()], "undo did not restore the model"

    @rule(times=st.integers(1, 4))
    def redo(self, times: int) -> None:
        stack = self.d.undo_stack
        for _ in range(times):
            if stack.canRedo():
                stack.redo()
                STATS["redos"] += 1
                assert self.org == self.history[stack.index()], "redo did not give the model back"

    @rule(undos=st.integers(1, 5), redos=st.integers(1, 5))
    def undo_then_redo(self, undos: int, redos: int) -> None:
        self.undo(undos)
        self.redo(redos)

    # Invariants --------------------------------------------------------------------------------

    @invariant()
    def model_is_valid(self) -> None:
        if self.doc is None:
            return
        org = self.org
        assert parse_org(dumps_org(org)) == org
        roots = [f.node.id for f in org.flat() if f.parent is None]
        assert len(org.flat()) == len(org)  # every node reachable from the root
        assert roots == ([org.root] if len(org) else [])
        for lk in org.links:
            assert lk.source in org and lk.target in org and lk.source != lk.target
            assert isinstance(org.node(lk.source), Team)
        assert org._link_keys == {link_key(lk) for lk in org.links}  # the index that checks for repeats
        assert len(org._link_keys) == len(org.links)

    @invariant()
    def model_matches_the_undo_stack(self) -> None:
        if self.doc is None:
            return
        stack = self.d.undo_stack
        assert len(self.history) == stack.count() + 1
        assert self.org == self.history[stack.index()]

    @rule(data=st.data())
    def fold(self, data: st.DataObject) -> None:
        # What the canvas shows changes too: nodes folded and opened, the orientation turned.
        assert self.view is not None
        if len(self.org):
            self.view.toggle_collapsed(self.org, [self._ids(data)])

    @rule()
    def turn(self) -> None:
        assert self.view is not None
        self.view.set_orientation("left-right" if self.view.orientation == "top-down" else "top-down")

    @invariant()
    def scene_equals_a_fresh_layout(self) -> None:
        if self.scene is None:
            return
        pl = self.scene.placement
        assert pl is not None
        assert pl.options == self.scene.options()
        fresh = assert_same_placement(pl, self.org)
        # The dotted lines drawn are those routed afresh (kept when no card moved).
        assert self.scene.link_lines() == [((ln.source_id, ln.target_id), ln.points) for ln in route_links(fresh)]
        shown = [pl.arrays.ids[i] for i in pl.order]
        assert list(self.scene.cards) == shown  # the card handles are those of the placement
        for nid in shown[:: max(1, len(shown) // 5)]:
            assert self.scene.cards[nid].box == pl.box_of(nid)
        STATS["scenes checked"] += 1

    @invariant()
    def live_analysis_equals_a_full_one(self) -> None:
        if self.doc is None or self.analysis is None:
            return
        single = self.emitted == 1
        self.emitted = 0
        live = self.analysis
        was_pending = live.pending
        report = live.report  # brings it up to date
        assert not live.pending
        full = assert_same_report(report, self.org)
        assert live.badges == report_badges(full)
        assert_same_index(live._live.index, self.org)
        if was_pending and single and live.delta:
            assert self.full is not None
            expected = edit_delta(self.full, full)
            assert (live.delta.new, live.delta.resolved, live.delta.figures) == (
                expected.new,
                expected.resolved,
                expected.figures,
            )
        STATS["live reports checked"] += 1
        self.full = full

    @invariant()
    def modified_exactly_when_unlike_the_saved_model(self) -> None:
        if self.doc is None:
            return
        assert self.d.is_modified == (self.org != self.saved)

    def teardown(self) -> None:
        try:
            if self.doc is None:
                return
            stack = self.d.undo_stack
            last = self.history[-1]  # the model after the newest entry on the stack
            STATS["runs"] += 1
            STATS["undo entries at the end"] += stack.count()
            while stack.canUndo():
                stack.undo()
            assert self.org == self.first, "undoing everything did not restore the first model"
            assert self.d.is_modified == (self.org != self.saved)
            while stack.canRedo():
                stack.redo()
            assert self.org == last, "redoing everything did not give the last model"
            assert self.d.is_modified == (self.org != self.saved)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            if self.scene is not None:
                self.scene.deleteLater()
            if self.doc is not None:
                self.doc.deleteLater()


class ScenarioMachine(DocumentMachine):
    """The same edits with scenarios made and shown between them: undo then shows the scenario
    an entry edits, so only the live analysis is held to the full one (and the model to the
    file format)."""

    @rule(name=st.none() | st.sampled_from(["Option B", "option b", "Plan"]))
    def new_scenario(self, name: str | None) -> None:
        try:
            self.d.new_scenario(name)
        except EditRefused:
            STATS["refused edits"] += 1

    @rule(data=st.data())
    def show_scenario(self, data: st.DataObject) -> None:
        self.d.show_scenario(data.draw(st.sampled_from(["baseline", *self.d.chart.names()])))

    @rule(which=st.sampled_from(["a.json", "b.json"]))
    def save(self, which: str) -> None:
        self.d.save(str(self.folder / which))

    @rule(times=st.integers(1, 4))
    def undo(self, times: int) -> None:
        for _ in range(times):
            if self.d.undo_stack.canUndo():
                self.d.undo_stack.undo()

    @rule(times=st.integers(1, 4))
    def redo(self, times: int) -> None:
        for _ in range(times):
            if self.d.undo_stack.canRedo():
                self.d.undo_stack.redo()

    def _edit(self, action: Callable[[], Any], refused: bool | None = None) -> bool:
        try:
            action()
        except EditRefused:
            return False
        return True

    @invariant()
    def model_matches_the_undo_stack(self) -> None:
        return None

    @invariant()
    def modified_exactly_when_unlike_the_saved_model(self) -> None:
        return None

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.scene is not None:
            self.scene.deleteLater()
        if self.doc is not None:
            self.doc.deleteLater()


def test_live_analysis_follows_edits_across_scenarios(qapp: QApplication) -> None:
    STATS.clear()
    run_state_machine_as_test(
        ScenarioMachine,
        settings=settings(
            max_examples=int(os.environ.get("ORGDESIGNER_STATEFUL_EXAMPLES", "150")) // 3,
            stateful_step_count=40,
            deadline=timedelta(seconds=5),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    print("\nscenario machine: " + ", ".join(f"{n} {k}" for k, n in STATS.items()))
    assert STATS["live reports checked"] > 0


def test_document_and_undo_stack_under_random_edits(qapp: QApplication) -> None:
    STATS.clear()
    run_state_machine_as_test(
        DocumentMachine,
        settings=settings(
            max_examples=int(os.environ.get("ORGDESIGNER_STATEFUL_EXAMPLES", "150")),
            stateful_step_count=50,
            deadline=timedelta(seconds=5),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    print("\nstate machine: " + ", ".join(f"{n} {k}" for k, n in STATS.items()))
    assert STATS["applied edits"] > 0 and STATS["refused edits"] > 0 and STATS["saves"] > 0
    assert STATS["undos"] > 0 and STATS["redos"] > 0 and STATS["live reports checked"] > 0
    assert STATS["scenes checked"] > 0
