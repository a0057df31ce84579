"""The flat arrays of an org kept up to date edit by edit: :class:`LiveTree`.

Each node keeps its number (its *slot*) for as long as the tree lives: an edit changes the
entries of the nodes it touches, never renumbers the others, so an edit costs about what it
changed. A node deleted and brought back (undo) gets its old slot again; slots of deleted nodes
stay unused (id ``""``) until the tree is built again.

The lists are shared with the placements made from them and copied before the first change that
follows (copy on write), so every placement handed out stays as it was made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orgdesigner.layout.arrays import _CATEGORY_OF, OrgArrays, org_arrays
from orgdesigner.model import OrgTree, Team


class NeedsRebuild(Exception):
    """The edit is better done by building the tree again (a new root, more nodes than slots)."""


@dataclass
class TreeEdit:
    """What :meth:`LiveTree.apply` changed: the parents whose children changed, the roots of the
    subtrees that came into the tree, left it or moved, and the nodes whose own fields changed."""

    parents: set[int] = field(default_factory=set)
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)
    deeper: list[int] = field(default_factory=list)
    """Roots of moved subtrees that now stand at another depth."""
    grown: list[int] = field(default_factory=list)
    """Every slot that came into the tree."""
    gone: list[int] = field(default_factory=list)
    """Every slot that left it."""
    fields: set[int] = field(default_factory=set)


_ARRAYS = ("ids", "parent", "kids", "depth", "is_team", "category", "headcount", "names", "leads", "preorder")
_TOTALS = ("teams_below", "heads_below", "nodes_below")


class LiveTree:
    """An org's arrays (:class:`OrgArrays`, numbered by slot), its pre-order, and per node the
    teams, headcount and nodes of its subtree, all changed in place by :meth:`apply`."""

    def __init__(self, org: OrgTree, flat: OrgArrays | None = None, spare: float = 0.25) -> None:
        """Build from ``org`` (``flat``: the org already flattened by ``org_arrays``, numbered in
        pre-order); ``spare`` slots are left for nodes yet to come, as a share of the nodes."""
        flat = flat if flat is not None else org_arrays(org)
        n = len(flat)
        cap = max(64, n + int(n * spare))
        pad = cap - n
        self.capacity = cap
        self.name = org.name
        self.slot_of: dict[str, int] = dict(zip(flat.ids, range(n), strict=True))
        self.next_slot = n
        self.ids: list[str] = flat.ids + [""] * pad
        self.parent: list[int] = flat.parent + [-1] * pad
        self.kids: list[list[int]] = flat.kids + [[] for _ in range(pad)]
        self.depth: list[int] = flat.depth + [-1] * pad
        self.is_team: list[bool] = flat.is_team + [False] * pad
        self.category: list[int] = flat.category + [0] * pad
        self.headcount: list[int] = flat.headcount + [0] * pad
        self.names: list[str] = flat.names + [""] * pad
        self.leads: list[str | None] = flat.leads + [None] * pad
        self.nodes: list[Any] = list(map(org.node, flat.ids)) + [None] * pad
        teams = [1 if t else 0 for t in self.is_team]
        heads = list(self.headcount)
        below = [1] * n + [0] * pad
        parent = self.parent
        for i in range(n - 1, 0, -1):
            q = parent[i]
            teams[q] += teams[i]
            heads[q] += heads[i]
            below[q] += below[i]
        self.teams_below: list[int] = teams
        self.heads_below: list[int] = heads
        self.nodes_below: list[int] = below
        counts = Counter(flat.depth)
        self.depth_count: list[int] = [counts.get(d, 0) for d in range(max(counts, default=0) + 1)]
        self.links: list[tuple[int, int]] = list(flat.links)
        self.preorder: list[int] = list(range(n))
        self._shared: set[str] = set()

    # The arrays as a placement takes them ----------------------------------------------------

    def arrays(self) -> OrgArrays:
        """The arrays now; later edits copy a list before changing it, so these stay as they are."""
        self._shared.update(_ARRAYS, _TOTALS, ("links",))
        return OrgArrays(
            self.name,
            self.ids,
            self.parent,
            self.kids,
            self.depth,
            self.is_team,
            self.category,
            self.headcount,
            self.names,
            self.leads,
            self.links,
        )

    def totals(self) -> tuple[list[int], list[int], list[int]]:
        """Per slot: the teams, the headcount and the nodes of its subtree (itself included)."""
        self._shared.update(_TOTALS)
        return self.teams_below, self.heads_below, self.nodes_below

    def _own(self, name: str) -> Any:
        """The list ``name``, copied first if a placement holds it."""
        value = getattr(self, name)
        if name in self._shared:
            self._shared.discard(name)
            value = list(value)
            setattr(self, name, value)
        return value

    @property
    def root(self) -> int:
        """The root's slot."""
        return self.preorder[0]

    def __len__(self) -> int:
        return len(self.preorder)

    # Applying an edit ------------------------------------------------------------------------

    def apply(self, org: OrgTree, parents: Iterable[str], nodes: Iterable[str], links: bool) -> TreeEdit:
        """Bring the tree in line with ``org``, told which nodes' children changed (``parents``)
        and which nodes' own fields did (``nodes``). Raises :class:`NeedsRebuild` when building
        again is simpler (the root changed, the slots ran out, an edit inside a moved subtree)."""
        if org.root is None or org.root != self.ids[self.root]:
            raise NeedsRebuild("the root changed")
        edit = TreeEdit()
        self.name = org.name
        try:
            self._restructure(org, parents, edit)
        except ValueError:  # a dirty parent inside a subtree that moved: not one edit's doing
            raise NeedsRebuild("nested changes") from None
        for nid in nodes:
            slot = self.slot_of.get(nid)
            if slot is not None and self.ids[slot] == nid and nid in org and self.nodes[slot] is not org.node(nid):
                self._change(slot, org.node(nid))
                edit.fields.add(slot)
        if links or edit.removed or edit.added:
            self.set_links(org)
        return edit

    def _restructure(self, org: OrgTree, parents: Iterable[str], edit: TreeEdit) -> None:
        ids, parent = self.ids, self.parent
        dirty: dict[int, tuple[str, ...]] = {}
        queue = list(parents)
        while queue:
            pid = queue.pop()
            if pid not in org or not self._alive(pid):
                continue  # a deleted parent: its own parent lists the change
            p = self.slot_of[pid]
            if p in dirty:
                continue
            new_ids = org.children(pid)
            old = self.kids[p]
            if len(old) == len(new_ids) and all(ids[c] == nid for c, nid in zip(old, new_ids, strict=True)):
                continue
            dirty[p] = new_ids
            for nid in new_ids:  # came from another parent: that one changed too
                c = self.slot_of.get(nid)
                if c is not None and ids[c] == nid and parent[c] != p and parent[c] >= 0:
                    queue.append(ids[parent[c]])
            new_set = set(new_ids)
            for c in old:  # went to another parent: that one changed too
                if ids[c] not in new_set and ids[c] in org:
                    q = org.parent(ids[c])
                    if q is not None:
                        queue.append(q)
        if not dirty:
            return
        edit.parents.update(dirty)
        for name in (*_ARRAYS, *_TOTALS):  # copied once, before any change (see _own)
            self._own(name)
        ids, parent = self.ids, self.parent
        # Cut out every child that leaves its parent, or stands out of its old order there.
        cut: dict[int, list[int]] = {}
        placed: dict[int, set[int]] = {}  # per dirty parent: the children that stay where they were
        for p, new_ids in dirty.items():
            old = self.kids[p]
            new_set = set(new_ids)
            staying = [c for c in old if ids[c] in new_set]
            keep = _in_order(staying, {nid: k for k, nid in enumerate(new_ids)}, ids)
            placed[p] = keep
            for c in old:
                if c not in keep:
                    cut[c] = self._cut(c, p, left=ids[c] not in new_set)
        # Put each parent's children in their new order, cut blocks and new subtrees in place.
        kids = self._own("kids")
        for p, new_ids in dirty.items():
            kids[p] = row = []
            for nid in new_ids:
                c = self.slot_of.get(nid, -1)
                if c >= 0 and c in placed[p]:
                    row.append(c)
                    continue
                if c >= 0 and c in cut:
                    block = cut.pop(c)
                    if parent[c] == p:
                        row.append(c)
                        self._insert(c, p, block, reordered=True)
                        continue
                    row.append(c)
                    if self._insert(c, p, block, reordered=False):
                        edit.deeper.append(c)
                    edit.moved.append(c)
                    continue
                c, block = self._grow(org, nid, p)
                row.append(c)
                self._insert(c, p, block, reordered=False)
                edit.added.append(c)
                edit.grown.extend(block)
        for c, block in cut.items():  # not put back anywhere: deleted
            self._kill(block)
            edit.removed.append(c)
            edit.gone.extend(block)

    def _cut(self, c: int, p: int, left: bool) -> list[int]:
        """Take ``c``'s subtree out of the pre-order (and, if it ``left`` ``p``, out of p's totals)."""
        preorder: list[int] = self._own("preorder")
        at = preorder.index(c)
        size = self.nodes_below[c]
        block = preorder[at : at + size]
        del preorder[at : at + size]
        if left:
            self._path_add(p, -self.teams_below[c], -self.heads_below[c], -size)
            self._own("parent")[c] = -1
        return block

    def _insert(self, c: int, p: int, block: list[int], reordered: bool) -> int:
        """Put ``c``'s subtree (its pre-order ``block``) under ``p``, after the sibling before it
        in p's (new) list of children; returns how many levels deeper it stands now."""
        shift = 0
        if not reordered:
            self._own("parent")[c] = p
            shift = self.depth[p] + 1 - self.depth[c]
            if shift:
                depth = self._own("depth")
                counts = self.depth_count
                for k in block:
                    counts[depth[k]] -= 1
                    depth[k] += shift
                    self._count_depth(depth[k], 1)
            self._path_add(p, self.teams_below[c], self.heads_below[c], self.nodes_below[c])
        row = self.kids[p]
        at = len(row) - 1  # c was just appended
        preorder = self._own("preorder")
        if at == 0:
            where = preorder.index(p) + 1
        else:
            before = row[at - 1]
            where = preorder.index(before) + self.nodes_below[before]
        preorder[where:where] = block
        return shift

    def set_links(self, org: OrgTree) -> None:
        """The ``serves`` links as (source, target) slots, in the org's order."""
        slot_of = self.slot_of
        self.links = [(slot_of[link.source], slot_of[link.target]) for link in org.links]
        self._shared.discard("links")

    # Helpers ---------------------------------------------------------------------------------

    def _alive(self, nid: str) -> bool:
        slot = self.slot_of.get(nid)
        return slot is not None and self.ids[slot] == nid

    def _fill(self, i: int, node: Any) -> None:
        self.nodes[i] = node
        team = isinstance(node, Team)
        self.is_team[i] = team
        self.category[i] = _CATEGORY_OF[node.discipline] if team else _CATEGORY_OF[node.structure]
        self.headcount[i] = node.headcount
        self.names[i] = node.name
        self.leads[i] = node.lead

    def _roll_own(self, i: int) -> None:
        self.teams_below[i] = 1 if self.is_team[i] else 0
        self.heads_below[i] = self.headcount[i]
        self.nodes_below[i] = 1

    def _count_depth(self, d: int, by: int) -> None:
        counts = self.depth_count
        while len(counts) <= d:
            counts.append(0)
        counts[d] += by

    @property
    def max_depth(self) -> int:
        """The depth of the deepest node."""
        counts = self.depth_count
        d = len(counts) - 1
        while d > 0 and not counts[d]:
            d -= 1
        return d

    def _path_add(self, p: int, teams: int, heads: int, nodes: int) -> None:
        """Add to the totals of ``p`` and every node above it."""
        tb, hb, nb, parent = self._own("teams_below"), self._own("heads_below"), self._own("nodes_below"), self.parent
        while p >= 0:
            tb[p] += teams
            hb[p] += heads
            nb[p] += nodes
            p = parent[p]

    def _grow(self, org: OrgTree, nid: str, p: int) -> tuple[int, list[int]]:
        """Slots for a subtree new to the tree (or coming back), filled from ``org``: its root's
        slot and the subtree's slots in pre-order, its root not yet under ``p``."""
        ids = list(org.iter_preorder(nid))
        slots = [self._slot(k) for k in ids]
        if any(self.ids[s] for s in slots):
            raise NeedsRebuild("a node came back while still in the tree")
        kids, parent, depth = self._own("kids"), self._own("parent"), self._own("depth")
        for name in ("ids", "is_team", "category", "headcount", "names", "leads"):
            self._own(name)
        tb, hb, nb = self._own("teams_below"), self._own("heads_below"), self._own("nodes_below")
        base = self.depth[p] + 1
        slot_of = self.slot_of
        for slot, k in zip(slots, ids, strict=True):
            self.ids[slot] = k
            self._fill(slot, org.node(k))
            kids[slot] = []
            if k == nid:
                parent[slot] = -1
                depth[slot] = base
            else:
                q = slot_of[org.parent(k)]  # type: ignore[index]
                parent[slot] = q
                kids[q].append(slot)
                depth[slot] = depth[q] + 1
            self._count_depth(depth[slot], 1)
        for slot in reversed(slots):
            self._roll_own(slot)
        for slot in reversed(slots[1:]):
            q = parent[slot]
            tb[q] += tb[slot]
            hb[q] += hb[slot]
            nb[q] += nb[slot]
        return slots[0], slots

    def _slot(self, nid: str) -> int:
        slot = self.slot_of.get(nid)
        if slot is not None:
            return slot
        if self.next_slot >= self.capacity:
            raise NeedsRebuild("out of slots")
        slot = self.next_slot
        self.next_slot += 1
        self.slot_of[nid] = slot
        return slot

    def _kill(self, block: list[int]) -> None:
        """Mark a subtree (cut out already) as gone."""
        ids, kids = self._own("ids"), self._own("kids")
        for k in block:
            ids[k] = ""
            kids[k] = []
            self.depth_count[self.depth[k]] -= 1
            self.nodes[k] = None

    def _change(self, slot: int, node: Any) -> None:
        """A node's own fields changed."""
        for name in ("is_team", "category", "headcount", "names", "leads"):
            self._own(name)
        teams, heads = self.is_team[slot], self.headcount[slot]
        self._fill(slot, node)
        dt, dh = int(self.is_team[slot]) - int(teams), self.headcount[slot] - heads
        if dt or dh:
            self._path_add(slot, dt, dh, 0)


def _in_order(staying: list[int], rank: dict[str, int], ids: list[str]) -> set[int]:
    """The most of ``staying`` (old order) that are in the same order in the new one (``rank``):
    a longest increasing run of their new positions (patience sorting); the others must move."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(staying)
    for k, c in enumerate(staying):
        r = rank[ids[c]]
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < r:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(r)
            tail_at.append(k)
        else:
            tails[lo] = r
            tail_at[lo] = k
        back[k] = tail_at[lo - 1] if lo else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(staying[k])
        k = back[k]
    return keep
