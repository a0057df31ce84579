"""The Organization: the org tree plus the edits that keep its invariants."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from orgdesigner.model.errors import EditRefused, ModelError
from orgdesigner.model.journal import (
    Change,
    LinkAdded,
    LinkRemoved,
    NodeMoved,
    NodeReplaced,
    NodesAdded,
    OrgFieldSet,
    OrgReplaced,
    SubtreeRemoved,
)
from orgdesigner.model.nodes import NODE_ADAPTER, Link, Node, NodeKind, Team, Unit
from orgdesigner.model.text import check_name, shown
from orgdesigner.model.tree import (
    FlatNode,
    OrgTree,
    RemovedSubtree,
    check_responsibilities,
    check_stage,
    link_key,
)

_COMMON_FIELDS = ("id", "name", "lead", "notes")


def explain_validation(exc: ValidationError) -> str:
    """One readable sentence from pydantic's first error."""
    err = exc.errors()[0]
    loc = [str(p) for p in err["loc"] if p not in ("unit", "team")]
    where = ".".join(loc)
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err["type"] == "literal_error" and not loc:
        msg = "kind must be 'unit' or 'team'"
    return f"{where}: {msg}" if where and not msg.startswith(where) else msg


class Organization(OrgTree):
    """An org chart that can be edited.

    Every edit either succeeds and keeps the invariants (one root, a tree, unique ids, links
    between existing nodes, known disciplines and responsibilities) or raises
    :class:`EditRefused` with a reason a person understands and leaves the org unchanged.
    Edits return what their inverse needs, so undo commands can restore the org exactly.
    While :meth:`record_changes` is on, every edit also appends the changes it made (see
    :mod:`orgdesigner.model.journal`).
    """

    __slots__ = ("_journal", "_recorded")

    # Recording changes ---------------------------------------------------------------------

    def record_changes(self, on: bool = True) -> None:
        """Start (or, with ``on`` False, stop) recording every change; starting again drops
        what was recorded and not taken, and counts from 0 again."""
        self._journal: list[Change] | None = [] if on else None
        self._recorded = 0

    @property
    def changes_recorded(self) -> int:
        """How many changes were recorded since recording started (taken or not): a reader
        that read the org when this was N skips the first N changes it is handed."""
        return int(getattr(self, "_recorded", 0))

    def take_changes(self) -> list[Change] | None:
        """The changes made since the last call (oldest first), or None when not recording."""
        journal: list[Change] | None = getattr(self, "_journal", None)
        if journal is None:
            return None
        self._journal = []
        return journal

    def _log(self, change: Change) -> None:
        journal: list[Change] | None = getattr(self, "_journal", None)
        if journal is not None:
            journal.append(change)
            self._recorded += 1

    # Org-level fields ----------------------------------------------------------------------

    def set_name(self, name: str) -> str:
        """Rename the organisation; return the old name."""
        try:
            check_name(name, "organisation name")
        except ValueError as exc:
            raise EditRefused(str(exc)) from None
        old, self._name = self._name, name
        self._log(OrgFieldSet("name", old, name))
        return old

    def set_target_stage(self, stage: int) -> int:
        """Change the target maturity stage; return the old one."""
        try:
            check_stage(stage)
        except ValueError as exc:
            raise EditRefused(str(exc)) from None
        old, self._target_stage = self._target_stage, stage
        self._log(OrgFieldSet("target_stage", old, stage))
        return old

    # Nodes ---------------------------------------------------------------------------------

    def add_node(self, node: Node, parent: str | None, index: int | None = None) -> None:
        """Add a node under ``parent`` at sibling ``index`` (default: last)."""
        self._check_new_node(node)
        if parent is None:
            if self._root is not None:
                raise EditRefused(
                    f"cannot add {shown(node.name)} without a parent: the org already has its root "
                    f"{shown(self.label(self._root))}"
                )
            self._insert(node, None, 0)
            self._log(NodesAdded(None, 0, (FlatNode(node, None),)))
            return
        if parent not in self._nodes:
            raise EditRefused(f"cannot add {shown(node.name)}: its parent {shown(parent)} is not in the org")
        at = self._clamp(parent, index)
        self._insert(node, parent, at)
        self._log(NodesAdded(parent, at, (FlatNode(node, parent),)))

    def remove_subtree(self, node_id: str) -> RemovedSubtree:
        """Remove a node, everything below it and every link touching them."""
        self._require(node_id)
        ids = self.subtree_ids(node_id)
        gone = set(ids)
        parent = self._parent[node_id]
        index = self.index_in_parent(node_id)
        flat = tuple(FlatNode(self._nodes[n], self._parent[n]) for n in ids)
        links = tuple((i, lk) for i, lk in enumerate(self._links) if lk.source in gone or lk.target in gone)
        if parent is None:
            self._root = None
        else:
            self._children[parent].remove(node_id)
        for n in ids:
            del self._nodes[n], self._parent[n], self._children[n]
        if links:
            dropped = {i for i, _ in links}
            self._links = [lk for i, lk in enumerate(self._links) if i not in dropped]
            self._link_keys.difference_update(link_key(lk) for _, lk in links)
        self._log(SubtreeRemoved(node_id, links))
        return RemovedSubtree(parent, index, flat, links)

    def restore_subtree(self, removed: RemovedSubtree) -> None:
        """Put back what ``remove_subtree`` took out, at the same place."""
        if not removed.nodes:
            return
        top = removed.nodes[0]
        for flat in removed.nodes:
            if flat.node.id in self._nodes:
                raise EditRefused(f"cannot restore {shown(flat.node.name)}: id {shown(flat.node.id)} is taken")
        if removed.parent is not None and removed.parent not in self._nodes:
            raise EditRefused(f"cannot restore {shown(top.node.name)}: its parent is gone")
        if removed.parent is None and self._root is not None:
            raise EditRefused(f"cannot restore {shown(top.node.name)} as root: the org has a root")
        at = self._clamp(removed.parent, removed.index)
        self._insert(top.node, removed.parent, at)
        for flat in removed.nodes[1:]:
            assert flat.parent is not None
            self._insert(flat.node, flat.parent, len(self._children[flat.parent]))
        placed: list[tuple[int, Link]] = []
        if removed.links:
            self._links, placed = _merge_back(self._links, removed.links)
            self._link_keys.update(link_key(lk) for _, lk in removed.links)
        self._log(
            NodesAdded(removed.parent, at, (FlatNode(top.node, removed.parent), *removed.nodes[1:]), tuple(placed))
        )

    def add_subtree(self, nodes: list[FlatNode], parent: str, index: int | None = None) -> None:
        """Add several nodes at once: the first goes under ``parent``, the rest under their own
        parents (which must come earlier in the list)."""
        if not nodes:
            return
        self._require(parent)
        ids = [f.node.id for f in nodes]
        if len(set(ids)) != len(ids):
            raise EditRefused("cannot add the same id twice")
        for f in nodes:
            self._check_new_node(f.node)
        seen = {ids[0]}
        for f in nodes[1:]:
            if f.parent not in seen:
                raise EditRefused(f"cannot add {shown(f.node.name)}: its parent is not among the new nodes")
            seen.add(f.node.id)
        self.restore_subtree(
            RemovedSubtree(parent, self._clamp(parent, index), tuple([FlatNode(nodes[0].node, parent), *nodes[1:]]))
        )

    def move_node(self, node_id: str, new_parent: str, index: int | None = None) -> tuple[str, int]:
        """Move a node (with its subtree) under ``new_parent`` at sibling ``index``, counted
        after the node has left its old place. Returns the old parent and index."""
        self._require(node_id)
        node = self._nodes[node_id]
        if new_parent not in self._nodes:
            raise EditRefused(f"cannot move {shown(node.name)}: the target {shown(new_parent)} is not in the org")
        old_parent = self._parent[node_id]
        if old_parent is None:
            raise EditRefused(f"cannot move {shown(node.name)}: it is the root of the org")
        if new_parent == node_id:
            raise EditRefused(f"cannot move {shown(node.name)} under itself")
        if self.is_ancestor(node_id, new_parent):
            target = self._nodes[new_parent]
            raise EditRefused(f"cannot move {shown(node.name)} under its own {target.kind} {shown(target.name)}")
        old_index = self._children[old_parent].index(node_id)
        self._children[old_parent].pop(old_index)
        siblings = self._children[new_parent]
        pos = len(siblings) if index is None else max(0, min(index, len(siblings)))
        siblings.insert(pos, node_id)
        self._parent[node_id] = new_parent
        self._log(NodeMoved(node_id, old_parent, old_index, new_parent, pos))
        return old_parent, old_index

    def replace_node(self, node: Node) -> Node:
        """Replace the node that has ``node.id`` by ``node``; return the old one."""
        self._require(node.id)
        old = self._nodes[node.id]
        if isinstance(node, Unit) and any(lk.source == node.id for lk in self._links):
            raise EditRefused(
                f"cannot make {shown(node.name)} a unit while it serves other nodes: remove its dotted lines first"
            )
        try:
            check_responsibilities(node)
        except ModelError as exc:
            raise EditRefused(f"{node.name}: {exc.problem}") from None
        self._nodes[node.id] = node
        self._log(NodeReplaced(old, node))
        return old

    def set_fields(self, node_id: str, **changes: Any) -> Node:
        """Change some fields of a node (``kind`` too); return the old node."""
        self._require(node_id)
        old = self._nodes[node_id]
        if "id" in changes and changes["id"] != node_id:
            raise EditRefused(f"cannot change the id of {shown(old.name)}")
        data = old.model_dump(exclude_none=True)
        kind = changes.get("kind", old.kind)
        if kind != old.kind:
            data = {k: v for k, v in data.items() if k in _COMMON_FIELDS}
            if kind == NodeKind.TEAM and "discipline" not in changes:
                raise EditRefused(f"to make {shown(old.name)} a team, give it a discipline")
        data.update(changes)
        data = {k: v for k, v in data.items() if v is not None}
        try:
            new = NODE_ADAPTER.validate_python(data)
        except ValidationError as exc:
            raise EditRefused(f"{old.name}: {explain_validation(exc)}") from None
        return self.replace_node(new)

    def rename(self, node_id: str, name: str) -> Node:
        """Rename a node; return the old node."""
        return self.set_fields(node_id, name=name)

    # Links ---------------------------------------------------------------------------------

    def add_link(self, link: Link, index: int | None = None) -> None:
        """Add a dotted line (at ``index`` in the link list; default last)."""
        problem = self._link_problem(link)
        if problem:
            raise EditRefused(problem)
        pos = len(self._links) if index is None else max(0, min(index, len(self._links)))
        self._links.insert(pos, link)
        self._link_keys.add(link_key(link))
        self._log(LinkAdded(link, pos))

    def remove_link(self, link: Link) -> int:
        """Remove a dotted line; return where it was in the link list."""
        if link_key(link) not in self._link_keys:
            raise EditRefused(f"there is no dotted line from {shown(link.source)} to {shown(link.target)}")
        i = self._links.index(link)
        del self._links[i]
        self._link_keys.discard(link_key(link))
        self._log(LinkRemoved(link, i))
        return i

    # Whole org -----------------------------------------------------------------------------

    def replace_all(self, other: OrgTree) -> Organization:
        """Become a copy of ``other`` (applying a template); return a copy of the old state."""
        before = self.copy()
        src = other.copy()
        for slot in OrgTree.__slots__:
            setattr(self, slot, getattr(src, slot))
        self._log(OrgReplaced())
        return before

    # Internals -----------------------------------------------------------------------------

    def _require(self, node_id: str) -> None:
        if node_id not in self._nodes:
            raise EditRefused(f"there is no node {shown(node_id)} in the org")

    def _check_new_node(self, node: Node) -> None:
        if node.id in self._nodes:
            other = self._nodes[node.id].name
            raise EditRefused(
                f"cannot add {shown(node.name)}: the id {shown(node.id)} is already used by {shown(other)}"
            )
        try:
            check_responsibilities(node)
        except ModelError as exc:
            raise EditRefused(f"{node.name}: {exc.problem}") from None

    def _clamp(self, parent: str | None, index: int | None) -> int:
        if parent is None:
            return 0
        n = len(self._children[parent])
        return n if index is None else max(0, min(index, n))

    def _insert(self, node: Node, parent: str | None, index: int) -> None:
        self._nodes[node.id] = node
        self._parent[node.id] = parent
        self._children[node.id] = []
        if parent is None:
            self._root = node.id
        else:
            self._children[parent].insert(index, node.id)


def _merge_back(links: list[Link], removed: tuple[tuple[int, Link], ...]) -> tuple[list[Link], list[tuple[int, Link]]]:
    """``links`` with the ``removed`` ones back at their old places (indexes ascending, or at
    the end when the list is shorter now), in one pass: inserting them one by one costs a list
    shift each. Also where each went."""
    out: list[Link] = []
    placed: list[tuple[int, Link]] = []
    rest = iter(links)
    for index, link in removed:
        while len(out) < index:
            nxt = next(rest, None)
            if nxt is None:
                break
            out.append(nxt)
        placed.append((len(out), link))
        out.append(link)
    out.extend(rest)
    return out, placed


def new_team(org: OrgTree, name: str, discipline: str, headcount: int = 0, **extra: Any) -> Team:
    """A team with a fresh id derived from its name."""
    from orgdesigner.model.text import slugify

    return Team(
        id=org.new_id(slugify(name, "team")),
        name=name,
        discipline=discipline,
        headcount=headcount,
        **extra,
    )


def new_unit(org: OrgTree, name: str, structure: str, **extra: Any) -> Unit:
    """A unit with a fresh id derived from its name."""
    from orgdesigner.model.text import slugify

    return Unit(id=org.new_id(slugify(name, "unit")), name=name, structure=structure, **extra)


def subtree_org(org: OrgTree, node_id: str) -> Organization:
    """The part of ``org`` from ``node_id`` down, as an org of its own (same name and target
    stage, ``node_id`` its root, the dotted lines between its nodes); ``ModelError`` for an
    unknown id."""
    if node_id not in org:
        raise ModelError("no node has this id", node_id, "id")
    ids = org.subtree_ids(node_id)
    keep = set(ids)
    flat = [FlatNode(org.node(nid), None if nid == node_id else org.parent(nid)) for nid in ids]
    links = [link for link in org.links if link.source in keep and link.target in keep]
    return Organization.from_flat(org.name, org.target_stage, flat, links)
