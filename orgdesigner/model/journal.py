"""What edits did to an org, one primitive change at a time, for readers that keep their own
picture of the org up to date instead of reading it all again (the window's live analysis).

An :class:`~orgdesigner.model.Organization` records its changes only while someone asked it
to (:meth:`~orgdesigner.model.Organization.record_changes`); every edit then appends the
changes it made, in order, after it succeeded (a refused edit records nothing). Each change
carries what was there before as well as what is there now, so a reader can apply it to its
own copy without looking at the org, whose state may already be several changes further on.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.model.nodes import Link, Node
from orgdesigner.model.tree import FlatNode


@dataclass(frozen=True, slots=True)
class NodesAdded:
    """New nodes: ``nodes[0]`` became child number ``index`` of ``parent`` (None: it is the
    new root), the others went under their own parents (earlier in the list), each last;
    ``links`` went into the link list at their indexes, in order."""

    parent: str | None
    index: int
    nodes: tuple[FlatNode, ...]
    links: tuple[tuple[int, Link], ...] = ()


@dataclass(frozen=True, slots=True)
class SubtreeRemoved:
    """``node_id`` and everything below it left the org, with the links touching them (at
    their indexes in the link list before the removal)."""

    node_id: str
    links: tuple[tuple[int, Link], ...]


@dataclass(frozen=True, slots=True)
class NodeMoved:
    """``node_id`` (with its subtree) went from child ``old_index`` of ``old_parent`` to child
    ``new_index`` of ``new_parent`` (counted after it left its old place)."""

    node_id: str
    old_parent: str
    old_index: int
    new_parent: str
    new_index: int


@dataclass(frozen=True, slots=True)
class NodeReplaced:
    """The node with ``new.id`` changed its fields (name, kind, headcount, ...) from ``old``."""

    old: Node
    new: Node


@dataclass(frozen=True, slots=True)
class LinkAdded:
    """A dotted line went into the link list at ``index``."""

    link: Link
    index: int


@dataclass(frozen=True, slots=True)
class LinkRemoved:
    """A dotted line left the link list from ``index``."""

    link: Link
    index: int


@dataclass(frozen=True, slots=True)
class OrgFieldSet:
    """The org's own ``name`` or ``target_stage`` changed from ``old`` to ``new``."""

    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class OrgReplaced:
    """The whole org was replaced (a template applied, an alternative taken): read it again."""


Change = NodesAdded | SubtreeRemoved | NodeMoved | NodeReplaced | LinkAdded | LinkRemoved | OrgFieldSet | OrgReplaced
"""One primitive change to an org."""
