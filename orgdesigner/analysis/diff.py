"""What changed between two orgs, node by node: matched by node id (the same id is the same
team or unit), in one pass over each org."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgdesigner.model import Link, Node, OrgTree, Team, Unit

FIELDS = ("kind", "structure", "discipline", "headcount", "lead", "notes", "responsibilities")
"""The node fields compared, in the order changes are listed (the name is a rename)."""


@dataclass(frozen=True, slots=True)
class NodeChange:
    """A node added or removed: its id, kind, name and parent (as the org that has it says)."""

    node: str
    kind: str
    name: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class Move:
    """A node that reports somewhere else: its old parent and its new one."""

    node: str
    name: str
    old_parent: str | None
    new_parent: str | None


@dataclass(frozen=True, slots=True)
class Rename:
    """A node whose name changed."""

    node: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one node changed (``node`` None for the org's own ``target_stage``);
    values as the file writes them (text, numbers, lists, or None when absent)."""

    node: str | None
    name: str
    field: str
    base: Any
    other: Any


@dataclass(frozen=True, slots=True)
class OrgChanges:
    """Every change from one org to another, each list in the file order of the org that has
    the node (removals in the base's order, the rest in the other's)."""

    added: tuple[NodeChange, ...]
    removed: tuple[NodeChange, ...]
    moved: tuple[Move, ...]
    renamed: tuple[Rename, ...]
    fields: tuple[FieldChange, ...]
    links_added: tuple[Link, ...]
    links_removed: tuple[Link, ...]

    def __bool__(self) -> bool:
        return any(
            (self.added, self.removed, self.moved, self.renamed, self.fields, self.links_added, self.links_removed)
        )


def field_value(node: Node, field: str) -> Any:
    """A node's ``field`` as the file stores it (None when the node has no such field)."""
    if field == "kind":
        return node.kind
    if field == "structure":
        return node.structure.value if isinstance(node, Unit) else None
    if field == "discipline":
        return node.discipline.value if isinstance(node, Team) else None
    if field == "headcount":
        return node.headcount if isinstance(node, Team) else None
    if field == "responsibilities":
        return list(node.responsibilities) if isinstance(node, Team) and node.responsibilities is not None else None
    value: Any = getattr(node, field)
    return value


def diff_orgs(base: OrgTree, other: OrgTree) -> OrgChanges:
    """The changes that turn ``base`` into ``other`` (linear in their sizes)."""
    added: list[NodeChange] = []
    moved: list[Move] = []
    renamed: list[Rename] = []
    fields: list[FieldChange] = []
    if base.target_stage != other.target_stage:
        fields.append(FieldChange(None, other.name, "target_stage", base.target_stage, other.target_stage))
    base_get, base_parent = base.get, base.parent
    for f in other.flat():
        nid, node, parent = f.node.id, f.node, f.parent
        old = base_get(nid)
        if old is None:
            added.append(NodeChange(nid, node.kind, node.name, parent))
            continue
        was_under = base_parent(nid)
        if was_under != parent:
            moved.append(Move(nid, node.name, was_under, parent))
        if old is node:  # copies share their unchanged nodes
            continue
        if old.name != node.name:
            renamed.append(Rename(nid, old.name, node.name))
        if type(old) is not type(node) or old.__dict__ != node.__dict__:  # pydantic's == is 5x slower
            for field in FIELDS:
                before, after = field_value(old, field), field_value(node, field)
                if before != after:
                    fields.append(FieldChange(nid, node.name, field, before, after))
    removed = [
        NodeChange(nid, base.node(nid).kind, base.node(nid).name, base.parent(nid))
        for nid in base.iter_preorder()
        if nid not in other
    ]
    base_links, other_links = set(base.links), set(other.links)
    return OrgChanges(
        tuple(added),
        tuple(removed),
        tuple(moved),
        tuple(renamed),
        tuple(fields),
        tuple(lk for lk in other.links if lk not in base_links),
        tuple(lk for lk in base.links if lk not in other_links),
    )
