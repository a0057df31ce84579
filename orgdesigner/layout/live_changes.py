"""What an edit changed, as the live layout needs to know it: a :class:`ChangeSet` read from the
model's own record of the edit (:mod:`orgdesigner.model.journal`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.layout.live_tree import LiveTree
from orgdesigner.model.journal import (
    Change,
    LinkAdded,
    LinkRemoved,
    NodeMoved,
    NodeReplaced,
    NodesAdded,
    OrgFieldSet,
    SubtreeRemoved,
)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What an edit changed in an org, as the layout needs to know it: the nodes whose list of
    children changed (a child added, removed, moved in or out, or put in another place), the
    nodes whose own fields changed (name, lead, kind, discipline, structure, headcount), whether
    the dotted lines changed, and ``everything`` when it cannot say (a whole chart replaced)."""

    parents: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    links: bool = False
    everything: bool = False


EVERYTHING = ChangeSet(everything=True)


def change_set(journal: Sequence[Change] | None, tree: LiveTree | None) -> ChangeSet:
    """What the change records (oldest first) mean for a layout whose tree, as it was before
    them, is ``tree``: the parents whose children changed, the nodes whose fields changed, the
    dotted lines. ``everything`` for None (another chart), a new root, the whole org replaced,
    or a removed node the tree cannot place (added since)."""
    if journal is None:
        return EVERYTHING
    parents: set[str] = set()
    nodes: set[str] = set()
    links = False
    for change in journal:
        if isinstance(change, NodeMoved):
            parents.update((change.old_parent, change.new_parent))
        elif isinstance(change, NodeReplaced):
            nodes.add(change.new.id)
        elif isinstance(change, NodesAdded):
            if change.parent is None:
                return EVERYTHING
            parents.add(change.parent)
            links = links or bool(change.links)
        elif isinstance(change, SubtreeRemoved):
            slot = None if tree is None else tree.slot_of.get(change.node_id)
            if tree is None or slot is None or tree.ids[slot] != change.node_id or tree.parent[slot] < 0:
                return EVERYTHING
            parents.add(tree.ids[tree.parent[slot]])
            links = links or bool(change.links)
        elif isinstance(change, (LinkAdded, LinkRemoved)):
            links = True
        elif not isinstance(change, OrgFieldSet):  # the name and stage move nothing
            return EVERYTHING
    return ChangeSet(frozenset(parents), frozenset(nodes), links)
