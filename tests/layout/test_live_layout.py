"""The layout the canvas keeps edit by edit (``LiveLayout``) equals ``layout()`` from scratch
after every step of random edit sequences: moves (also into and out of stacks of leaves), adds,
deletes and their undos, field changes, dotted lines, folded nodes, both orientations, with and
without stacks of leaves. Its change sets come from the model's own record of each edit."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.layout import BadgeCounts, LayoutOptions
from orgdesigner.layout.live import LiveLayout
from orgdesigner.layout.live_changes import EVERYTHING, ChangeSet
from orgdesigner.model import Discipline, EditRefused, Link, Organization, Team, Unit
from orgdesigner.model.tree import RemovedSubtree
from tests.layout.placement_checks import assert_same_placement
from tests.synthetic import SHAPES, make_org

KINDS = ["move", "move", "add", "add_unit", "remove", "undo_remove", "rename", "fields", "link", "unlink", "badges"]
EXAMPLES = int(os.environ.get("ORGDESIGNER_LIVE_LAYOUT_EXAMPLES", "150"))
edits = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.none() | st.integers(0, 12),
    ),
    min_size=1,
    max_size=14,
)


def _apply(org: Organization, edit: tuple[str, int, int, int | None], removed: list[RemovedSubtree], n: int) -> None:
    kind, a, b, index = edit
    ids = list(org.iter_preorder())
    if not ids:  # the root was deleted: only its undo is left
        if removed:
            org.restore_subtree(removed.pop())
        return
    node = ids[a % len(ids)]
    other = ids[b % len(ids)]
    if kind == "move":
        org.move_node(node, other, index)
    elif kind == "add":
        org.add_node(Team(id=f"new-{n}", name=f"New team {n}", discipline=Discipline.MLOPS, headcount=3), other, index)
    elif kind == "add_unit":
        org.add_node(Unit(id=f"unit-{n}", name=f"New unit {n}", structure="platform"), other, index)
    elif kind == "remove":
        removed.append(org.remove_subtree(node))
    elif kind == "undo_remove" and removed:
        org.restore_subtree(removed.pop())
    elif kind == "rename":
        org.rename(node, "A much longer name that wraps onto a second line " * (a % 3))
    elif kind == "fields":
        found = org.node(node)
        if isinstance(found, Team):
            org.set_fields(node, headcount=a % 40, lead="Ada Lovelace" if a % 2 else None)
        else:
            org.set_fields(node, structure=["platform", "data-ai", "product", "other"][a % 4])
    elif kind == "link":
        org.add_link(Link(source=node, target=other))
    elif kind == "unlink" and org.links:
        org.remove_link(org.links[a % len(org.links)])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.sampled_from(SHAPES),
    n=st.integers(2, 60),
    seed=st.integers(0, 50),
    orientation=st.sampled_from(["top-down", "left-right"]),
    compact=st.sampled_from([6, 2, None]),
    fold=st.integers(0, 3),
    badged=st.integers(0, 4),
    steps=edits,
)
def test_the_followed_layout_equals_a_fresh_one_after_every_edit(
    shape: str, n: int, seed: int, orientation: Any, compact: int | None, fold: int, badged: int, steps: list[Any]
) -> None:
    org = make_org(n, shape, seed=seed, links=n // 10)
    org.record_changes()
    ids = list(org.iter_preorder())
    folded = frozenset(ids[1 + (k * 7) % (len(ids) - 1)] for k in range(fold)) if len(ids) > 1 else frozenset()

    # Finding badges on every few nodes, the same mapping from edit to edit (as the canvas keeps
    # the last report's until the next one comes), a new one now and then; folded cards sum them.
    def new_badges(k: int) -> dict[str, BadgeCounts]:
        every = badged + k % 3
        return {nid: BadgeCounts(1, k % 2, 2) for j, nid in enumerate(org.iter_preorder()) if every and j % every == 0}

    badges = [new_badges(0)]

    def options() -> LayoutOptions:
        return LayoutOptions(
            orientation=orientation,
            compact_threshold=compact,
            collapsed=frozenset(c for c in folded if c in org),
            badges=badges[0],
        )

    live = LiveLayout(org, options())
    assert_same_placement(live.placement, org)
    removed: list[RemovedSubtree] = []
    followed = 0
    for k, step in enumerate(steps):
        if step[0] == "badges":  # a new report: its badges put on the cards as the canvas does
            old, new = badges[0], new_badges(k + 1)
            badges[0] = new
            changed = {nid for nid in old.keys() | new.keys() if old.get(nid) != new.get(nid)}
            if live.placement.badges_move_things(new):  # the legend's badge entry comes or goes
                live.update(org, options(), ChangeSet())
            else:
                live.with_badges(new, changed if step[1] % 2 else None)
            assert_same_placement(live.placement, org)
            continue
        try:
            _apply(org, step, removed, k)
        except EditRefused:
            assert org.take_changes() == []  # a refused edit records nothing
            continue
        changes = live.changes_of(org.take_changes())
        live.update(org, options(), changes)
        followed += not changes.everything
        assert_same_placement(live.placement, org)
    assert live.rebuilds <= 1 + len(steps) - followed


def test_a_change_it_cannot_place_is_a_fresh_layout() -> None:
    org = make_org(30, "random", seed=3)
    live = LiveLayout(org, LayoutOptions())
    org.record_changes()
    org.add_node(Team(id="x", name="X", discipline=Discipline.MLOPS), org.root)
    org.remove_subtree("x")  # added since the layout last looked: its parent is unknown to it
    assert live.changes_of(org.take_changes()) == EVERYTHING
    assert live.changes_of(None) == EVERYTHING
    before = live.rebuilds
    live.update(org, LayoutOptions(), EVERYTHING)
    assert live.rebuilds == before + 1
    assert_same_placement(live.placement, org)
