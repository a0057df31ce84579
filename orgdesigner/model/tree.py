"""The org tree's state and read-only queries; edits live in ``organization.py``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from orgdesigner.model.catalogue import load_catalogue
from orgdesigner.model.errors import ModelError
from orgdesigner.model.nodes import Link, Node, Team, Unit
from orgdesigner.model.text import check_name, shown

DEFAULT_TARGET_STAGE = 4
T = TypeVar("T", bound="OrgTree")


@dataclass(frozen=True)
class FlatNode:
    """A node with its parent id, as stored in files (``parent`` None for the root)."""

    node: Node
    parent: str | None


@dataclass(frozen=True)
class RemovedSubtree:
    """What ``remove_subtree`` took out, enough to put it back exactly."""

    parent: str | None
    index: int
    nodes: tuple[FlatNode, ...]
    links: tuple[tuple[int, Link], ...] = field(default=())


def check_stage(stage: object) -> int:
    """A maturity stage number, 1 to 5."""
    if not isinstance(stage, int) or isinstance(stage, bool) or not 1 <= stage <= 5:
        raise ValueError(f"target_stage must be a whole number from 1 to 5, not {shown(stage)}")
    return stage


class OrgTree:
    """An org chart's state: one root, a tree of units and teams, and ``serves`` links.

    This class holds the state and the queries; :class:`Organization` adds the edits.
    """

    __slots__ = ("_children", "_link_keys", "_links", "_name", "_nodes", "_parent", "_root", "_target_stage")

    def __init__(self, name: str, target_stage: int = DEFAULT_TARGET_STAGE) -> None:
        self._name = check_name(name, "organisation name")
        self._target_stage = check_stage(target_stage)
        self._nodes: dict[str, Node] = {}
        self._parent: dict[str, str | None] = {}
        self._children: dict[str, list[str]] = {}
        self._root: str | None = None
        self._links: list[Link] = []
        # The links' keys beside the list, so that "is this link already there?" is one lookup
        # (a list scan made loading 20,000 links take minutes). Every edit keeps both in step.
        self._link_keys: set[tuple[str, str, str]] = set()

    # Construction ------------------------------------------------------------------------

    @classmethod
    def from_flat(
        cls: type[T],
        name: str,
        target_stage: int,
        nodes: Sequence[FlatNode],
        links: Iterable[Link] = (),
    ) -> T:
        """Build an org from a flat, parent-linked node list; raise ``ModelError`` if invalid."""
        try:
            org = cls(name, target_stage)
        except ValueError as exc:
            raise ModelError(str(exc), field="target_stage" if "stage" in str(exc) else "name") from None
        known = load_catalogue().responsibility_ids()
        nodes_by_id = org._nodes
        parent_of = org._parent
        for flat in nodes:
            nid = flat.node.id
            if nid in nodes_by_id:
                raise ModelError("duplicate id: another node already uses it", nid, "id")
            nodes_by_id[nid] = flat.node
            parent_of[nid] = flat.parent
            _check_responsibilities(flat.node, known)
        children = org._children
        for nid in nodes_by_id:
            children[nid] = []
        root: str | None = None
        for nid, pid in parent_of.items():
            if pid is None:
                if root is not None:
                    raise ModelError(
                        f"two roots: {shown(root)} and {shown(nid)} both have no parent; an org has one root",
                        nid,
                        "parent",
                    )
                root = nid
            elif pid == nid:
                raise ModelError("the node is its own parent", nid, "parent")
            elif pid not in nodes_by_id:
                raise ModelError(f"parent {shown(pid)} is not a node of this org", nid, "parent")
            else:
                children[pid].append(nid)
        if nodes_by_id and root is None:
            first = next(iter(nodes_by_id))
            raise ModelError(f"no root: {_cycle_from(first, parent_of)}", first, "parent")
        org._root = root
        if root is not None:
            reached = sum(1 for _ in org.iter_preorder())
            if reached != len(nodes_by_id):
                seen = set(org.iter_preorder())
                stray = next(n for n in nodes_by_id if n not in seen)
                raise ModelError(_cycle_from(stray, parent_of), stray, "parent")
        for link in links:
            problem = org._link_problem(link)
            if problem:
                raise ModelError(problem, link.source, "links")
            org._links.append(link)
            org._link_keys.add(link_key(link))
        return org

    def copy(self: T) -> T:
        """An independent copy (nodes are immutable, so they are shared)."""
        other = type(self).__new__(type(self))
        other._name = self._name
        other._target_stage = self._target_stage
        other._nodes = dict(self._nodes)
        other._parent = dict(self._parent)
        other._children = {k: list(v) for k, v in self._children.items()}
        other._root = self._root
        other._links = list(self._links)
        other._link_keys = set(self._link_keys)
        return other

    # Queries -----------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The organisation's name."""
        return self._name

    @property
    def target_stage(self) -> int:
        """The maturity stage (1-5) the org is designed for."""
        return self._target_stage

    @property
    def root(self) -> str | None:
        """The root's id, or None for an empty org."""
        return self._root

    @property
    def links(self) -> tuple[Link, ...]:
        """The dotted-line links, in order."""
        return tuple(self._links)

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> Node:
        """The node with this id (``KeyError`` if absent)."""
        return self._nodes[node_id]

    def get(self, node_id: str) -> Node | None:
        """The node with this id, or None."""
        return self._nodes.get(node_id)

    def parent(self, node_id: str) -> str | None:
        """The parent's id (None for the root)."""
        return self._parent[node_id]

    def children(self, node_id: str) -> tuple[str, ...]:
        """The children's ids, in sibling order."""
        return tuple(self._children[node_id])

    def child_count(self, node_id: str) -> int:
        """How many direct children a node has."""
        return len(self._children[node_id])

    def index_in_parent(self, node_id: str) -> int:
        """The node's position among its siblings (0 for the root)."""
        pid = self._parent[node_id]
        return 0 if pid is None else self._children[pid].index(node_id)

    def iter_preorder(self, start: str | None = None) -> Iterator[str]:
        """Ids in depth-first pre-order (file order) from ``start`` (default: the root)."""
        first = self._root if start is None else start
        if first is None:
            return
        stack = [first]
        children = self._children
        while stack:
            nid = stack.pop()
            yield nid
            kids = children[nid]
            if kids:
                stack.extend(reversed(kids))

    def iter_nodes(self) -> Iterator[Node]:
        """Nodes in pre-order."""
        nodes = self._nodes
        return (nodes[nid] for nid in self.iter_preorder())

    def teams(self) -> list[Team]:
        """Every team, in pre-order."""
        return [n for n in self.iter_nodes() if isinstance(n, Team)]

    def units(self) -> list[Unit]:
        """Every unit, in pre-order."""
        return [n for n in self.iter_nodes() if isinstance(n, Unit)]

    def ancestors(self, node_id: str) -> list[str]:
        """Ids from the parent up to the root."""
        out = []
        pid = self._parent[node_id]
        while pid is not None:
            out.append(pid)
            pid = self._parent[pid]
        return out

    def depth(self, node_id: str) -> int:
        """Edges between the node and the root."""
        return len(self.ancestors(node_id))

    def is_ancestor(self, ancestor: str, node_id: str) -> bool:
        """True when ``ancestor`` is ``node_id`` or above it."""
        cur: str | None = node_id
        while cur is not None:
            if cur == ancestor:
                return True
            cur = self._parent[cur]
        return False

    def subtree_ids(self, node_id: str) -> list[str]:
        """The node and everything below it, in pre-order."""
        return list(self.iter_preorder(node_id))

    def links_of(self, node_id: str) -> list[Link]:
        """Links that start or end at the node."""
        return [lk for lk in self._links if node_id in (lk.source, lk.target)]

    def owned_responsibilities(self, team: Team) -> tuple[str, ...]:
        """The team's explicit responsibilities, or its discipline's defaults."""
        if team.responsibilities is not None:
            return team.responsibilities
        return load_catalogue().defaults(team.discipline)

    def flat(self) -> list[FlatNode]:
        """Every node with its parent, in pre-order: the file's node list."""
        nodes, parent = self._nodes, self._parent
        return [FlatNode(nodes[nid], parent[nid]) for nid in self.iter_preorder()]

    def label(self, node_id: str) -> str:
        """A node's name for messages."""
        return self._nodes[node_id].name

    def new_id(self, base: str) -> str:
        """An id not yet used, made from ``base`` (already id-safe)."""
        base = base[:56] or "node"
        if base not in self._nodes:
            return base
        n = 2
        while f"{base}-{n}" in self._nodes:
            n += 1
        return f"{base}-{n}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OrgTree):
            return NotImplemented
        # The same nodes with the same parents, and every node's children in the same order:
        # the same pre-order list. Copies share their (immutable) nodes, so comparing the
        # dicts mostly compares identities; every node has a children list, so the children
        # dicts compare whole (in C: the Document compares the chart after every edit).
        return (
            self._name == other._name
            and self._target_stage == other._target_stage
            and self._root == other._root
            and self._links == other._links
            and self._parent == other._parent
            and self._nodes == other._nodes
            and self._children == other._children
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._name!r}: {len(self._nodes)} nodes, {len(self._links)} links>"

    # Internal checks shared with the edits --------------------------------------------------

    def _link_problem(self, link: Link) -> str | None:
        """Why ``link`` cannot be added (None if it can): checked against the set of the links'
        keys, so a chart of 200,000 dotted lines loads in linear time."""
        src, dst = self._nodes.get(link.source), self._nodes.get(link.target)
        if src is None:
            return f"link source {shown(link.source)} is not a node of this org"
        if dst is None:
            return f"link target {shown(link.target)} is not a node of this org"
        if not isinstance(src, Team):
            return f"only a team can serve another node, and {shown(src.name)} is a unit"
        if link.source == link.target:
            return f"{shown(src.name)} cannot serve itself"
        if link_key(link) in self._link_keys:
            return f"{shown(src.name)} already serves {shown(dst.name)}"
        return None


def link_key(link: Link) -> tuple[str, str, str]:
    """What makes a link the same link: its two ends and its kind."""
    return (link.source, link.target, link.kind.value)


def _check_responsibilities(node: Node, known: frozenset[str]) -> None:
    if isinstance(node, Team) and node.responsibilities is not None:
        seen: set[str] = set()
        for rid in node.responsibilities:
            if rid not in known:
                raise ModelError(f"unknown responsibility {shown(rid)}", node.id, "responsibilities")
            if rid in seen:
                raise ModelError(f"responsibility {shown(rid)} is listed twice", node.id, "responsibilities")
            seen.add(rid)


def check_responsibilities(node: Node) -> None:
    """Raise ``ModelError`` if a team lists an unknown or repeated responsibility."""
    _check_responsibilities(node, load_catalogue().responsibility_ids())


def _cycle_from(start: str, parent_of: dict[str, str | None]) -> str:
    seen: dict[str, int] = {}
    path: list[str] = []
    cur: str | None = start
    while cur is not None and cur not in seen and cur in parent_of:
        seen[cur] = len(path)
        path.append(cur)
        cur = parent_of[cur]
    if cur is not None and cur in seen:
        cycle = [*path[seen[cur] :], cur]
        path_text = " -> ".join(shown(c) for c in cycle[:8]) + (" -> ..." if len(cycle) > 8 else "")
        return f"parents form a cycle ({path_text})"
    return "the node is not connected to the root"
