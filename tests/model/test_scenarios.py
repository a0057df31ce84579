"""Scenarios: the rules on their names, edits that refuse and change nothing, and inverses that
undo every edit exactly."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from orgdesigner.model import (
    MAX_SCENARIOS,
    EditRefused,
    ModelError,
    Organization,
    RemovedScenario,
    ScenarioSet,
    Unit,
)
from orgdesigner.model.scenarios import name_key


def org(name: str = "Acme", stage: int = 4) -> Organization:
    o = Organization(name, stage)
    o.add_node(Unit(id="cto", name="CTO"), None)
    return o


def chart(*names: str) -> ScenarioSet:
    return ScenarioSet(org(), [org(n) for n in names])


def state(s: ScenarioSet) -> tuple[object, ...]:
    """Everything an edit could change: the orgs (by identity and by value) and their order."""
    return (id(s.baseline), tuple(id(o) for o in s), tuple(o.copy() for o in s), s.names())


def test_names_and_lookups() -> None:
    s = chart("MLOps under Platform", "Cross-functional")
    assert s.names() == ["MLOps under Platform", "Cross-functional"]
    assert len(s) == 2
    assert s.get("baseline") is s.baseline and s.get(" BaseLine ") is s.baseline
    assert s.get("mlops UNDER platform") is s.scenarios[0]
    assert s.get("ｃｒｏｓｓ-functional") is s.scenarios[1]  # full-width letters: the same name (NFKC)
    assert s.get("nope") is None
    assert s.index("cross-functional") == 1


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("two\nlines", "line break"),
        ("x" * 201, "201 characters long"),
        ("bell\x07", "control character"),
        ("baseline", "reserved for the baseline"),
        (" BASELINE ", "reserved for the baseline"),
        ("a", "already a scenario called 'A'"),
        (" A ", "already a scenario called 'A'"),
        ("Ａ", "already a scenario called 'A'"),
    ],
)
def test_a_bad_name_is_refused_and_nothing_changes(name: str, problem: str) -> None:
    s = chart("A", "B")
    before = state(s)
    newcomer = org("X")
    with pytest.raises(EditRefused, match=problem):
        s.add(name, newcomer)
    with pytest.raises(EditRefused, match=problem):
        s.duplicate("B", name)
    with pytest.raises(EditRefused, match=problem):
        s.rename("B", name)
    assert state(s) == before
    assert newcomer.name == "X"


def test_a_name_of_200_characters_is_fine_and_201_is_not() -> None:
    s = chart()
    s.add("x" * 200, org())
    with pytest.raises(EditRefused):
        s.add("y" * 201, org())


def test_the_constructor_applies_the_same_rules() -> None:
    with pytest.raises(ModelError, match="already a scenario called 'Same'"):
        ScenarioSet(org(), [org("Same"), org("same")])
    with pytest.raises(ModelError, match="reserved"):
        ScenarioSet(org(), [org("Baseline")])


def test_add_takes_the_org_itself_and_names_it() -> None:
    s = chart("A")
    mine = org("whatever")
    assert s.add("New", mine, 0) == 0
    assert s.scenarios[0] is mine and mine.name == "New"
    assert s.names() == ["New", "A"]
    with pytest.raises(EditRefused, match="already in the chart"):
        s.add("Again", mine)
    with pytest.raises(EditRefused, match="already in the chart"):
        s.add("Again", s.baseline)
    assert s.names() == ["New", "A"]


def test_duplicate_is_an_independent_copy_placed_after_its_source() -> None:
    s = chart("A", "B")
    copy = s.duplicate("A", "A again")
    assert s.names() == ["A", "A again", "B"]
    copy.add_node(Unit(id="x", name="X"), "cto")
    assert "x" not in s.get("A")  # type: ignore[operator]
    from_baseline = s.duplicate("baseline", "From baseline")
    assert s.names()[-1] == "From baseline"
    assert from_baseline.node("cto") == s.baseline.node("cto") and from_baseline is not s.baseline
    with pytest.raises(EditRefused, match="no scenario called 'ghost'"):
        s.duplicate("ghost", "Z")


def test_rename_returns_the_old_name_and_its_inverse_restores_it() -> None:
    s = chart("A", "B")
    target = s.scenarios[0]
    old = s.rename("a", "Platform")
    assert old == "A" and target.name == "Platform" and s.names() == ["Platform", "B"]
    s.rename("Platform", old)
    assert s.names() == ["A", "B"] and s.scenarios[0] is target
    s.rename("A", "a")  # the same name in another case is a rename, not a clash
    assert s.names() == ["a", "B"]


def test_names_that_differ_only_in_spacing_or_case_clash() -> None:
    s = chart("MLOps under Platform")
    for other in ("mlops  under platform", " MLOps under\u00a0Platform ", "MLOps under\u2003Platform"):
        with pytest.raises(EditRefused, match="already a scenario called 'MLOps under Platform'"):
            s.add(other, s.baseline.copy())
    assert s.get("mlops   UNDER platform") is s.scenarios[0]
    with pytest.raises(ModelError, match="already a scenario"):
        ScenarioSet(org(), [org("MLOps under Platform"), org("MLOps  under Platform")])


def test_remove_and_restore_put_back_the_same_object_at_the_same_place() -> None:
    s = chart("A", "B", "C")
    b = s.scenarios[1]
    removed = s.remove("b")
    assert removed == RemovedScenario(1, b) and s.names() == ["A", "C"]
    s.restore(removed)
    assert s.names() == ["A", "B", "C"] and s.scenarios[1] is b
    with pytest.raises(EditRefused, match="already a scenario called 'B'"):
        s.restore(removed)
    removed = s.remove("B")
    s.add("b", org())
    with pytest.raises(EditRefused, match="already a scenario"):
        s.restore(removed)


def test_move_returns_the_old_index() -> None:
    s = chart("A", "B", "C")
    assert s.move("A", 2) == 0
    assert s.names() == ["B", "C", "A"]
    s.move("A", 0)
    assert s.names() == ["A", "B", "C"]
    assert s.move("B", 99) == 1 and s.names() == ["A", "C", "B"]


def test_the_baseline_is_not_a_scenario() -> None:
    s = chart("A")
    for edit in (lambda: s.rename("baseline", "X"), lambda: s.remove("Baseline"), lambda: s.move("baseline", 0)):
        with pytest.raises(EditRefused, match="baseline is not a scenario"):
            edit()
    with pytest.raises(EditRefused, match="no scenario called 'ghost'"):
        s.remove("ghost")


def test_at_most_max_scenarios() -> None:
    s = ScenarioSet(org(), [org(f"S{i}") for i in range(MAX_SCENARIOS)])
    with pytest.raises(EditRefused, match="at most 1,000 scenarios"):
        s.add("One more", org())
    with pytest.raises(ModelError, match="more than 1,000"):
        ScenarioSet(org(), [org(f"S{i}") for i in range(MAX_SCENARIOS + 1)])


def test_unique_name_finds_a_free_name() -> None:
    s = chart("MLOps under Platform", "MLOps under Platform (2)")
    assert s.unique_name("mlops under platform") == "mlops under platform (3)"
    assert s.unique_name("Fresh") == "Fresh"
    assert s.unique_name("baseline") == "baseline scenario"
    assert s.unique_name("  ") == "Scenario"
    assert len(s.unique_name("x" * 400)) <= 200


def test_problem_finds_a_scenario_renamed_behind_the_sets_back() -> None:
    s = chart("A", "B")
    assert s.problem() is None
    s.scenarios[1].set_name("a")
    assert "already a scenario called 'A'" in (s.problem() or "")


NAMES = st.sampled_from(["A", "a", "B", "Platform", " platform", "baseline", "", "C", "x" * 201, "D\n"])


class ScenarioEdits(RuleBasedStateMachine):
    """Random edits, each undone later by its own returned inverse: every refused edit leaves
    the set as it was, the rules always hold, and undoing everything gives back the start."""

    def __init__(self) -> None:
        super().__init__()
        self.s = chart("A", "B")
        self.start = state(self.s)
        self.undo: list[object] = []

    def _try(self, edit: object) -> object | None:
        before = state(self.s)
        try:
            return edit()  # type: ignore[operator]
        except EditRefused:
            assert state(self.s) == before
            return None

    @rule(name=NAMES, index=st.integers(-1, 5))
    def add(self, name: str, index: int) -> None:
        new = org("tmp")
        if self._try(lambda: self.s.add(name, new, index)) is not None:
            self.undo.append(("remove", name))

    @rule(source=NAMES, name=NAMES)
    def duplicate(self, source: str, name: str) -> None:
        if self._try(lambda: self.s.duplicate(source, name)) is not None:
            self.undo.append(("remove", name))

    @rule(name=NAMES, new=NAMES)
    def rename(self, name: str, new: str) -> None:
        old = self._try(lambda: self.s.rename(name, new))
        if old is not None:
            self.undo.append(("rename", new, old))

    @rule(name=NAMES)
    def remove(self, name: str) -> None:
        removed = self._try(lambda: self.s.remove(name))
        if removed is not None:
            self.undo.append(("restore", removed))

    @rule(name=NAMES, index=st.integers(0, 5))
    def move(self, name: str, index: int) -> None:
        old = self._try(lambda: self.s.move(name, index))
        if old is not None:
            self.undo.append(("move", name, index, old))

    @precondition(lambda self: bool(self.undo))
    @rule()
    def undo_last(self) -> None:
        step = self.undo.pop()
        assert isinstance(step, tuple)
        if step[0] == "remove":
            self.s.remove(step[1])
        elif step[0] == "rename":
            self.s.rename(step[1], step[2])
        elif step[0] == "restore":
            self.s.restore(step[1])
        else:
            self.s.move(step[1], step[3])

    @invariant()
    def rules_hold(self) -> None:
        assert self.s.problem() is None
        keys = [name_key(n) for n in self.s.names()]
        assert len(set(keys)) == len(keys) and "baseline" not in keys

    def teardown(self) -> None:
        while self.undo:
            self.undo_last()
        assert state(self.s) == self.start


ScenarioEdits.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
test_scenario_edits_undo_exactly = ScenarioEdits.TestCase
