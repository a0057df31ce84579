"""The org as the live checks read it, by node id, kept up to date change by change.

Positions in a file-order list would shift for thousands of nodes on every move; here every
node keeps its id, and file order is a label per node (:mod:`orgdesigner.analysis.live.order`)
that only the moved or added subtree changes. A change costs the size of the subtree it moves,
adds or removes, the depth of its old and new place, and a binary search in each ordered list.

The index mirrors the org's tree (parents, children, nodes, links) because it applies changes
later than the org made them: an edit of several steps is applied step by step, each on the
tree as it was then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from orgdesigner.analysis.graph import does_mlops_work, mlops_duties
from orgdesigner.analysis.live.order import GAP, OrderedIds
from orgdesigner.model import Discipline, Link, Node, OrgTree, Structure, Team, Unit, load_catalogue
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

STRUCTURES = tuple(Structure)
"""The structures, numbered for ``structure_of``."""


class NeedsRebuild(Exception):
    """A change the index does not follow (the whole org replaced): build it again."""


@dataclass
class Dirt:
    """What the changes applied since the last judgement touched, for the checks to judge
    again only that: responsibilities whose owners changed (who, their order, where they sit,
    their discipline), disciplines whose teams changed, renamed nodes, MLOps teams to place
    again, teams that came, went or moved (their distances to the others changed), and
    whole-org facts."""

    rids: set[str] = field(default_factory=set)
    disciplines: set[Discipline] = field(default_factory=set)
    named: set[str] = field(default_factory=set)
    placed: set[str] = field(default_factory=set)
    relocated: set[str] = field(default_factory=set)
    spans: set[str] = field(default_factory=set)
    rolled: bool = False
    structures: bool = False
    stage: bool = False


def _structured(node: Node) -> bool:
    return isinstance(node, Unit) and node.structure is not Structure.OTHER


class LiveIndex:
    """An org by node id: the tree (``parent``, ``children``, ``nodes``, ``root``, ``links``,
    ``name``, ``target_stage``), file-order ``label``, and per node ``depth``, ``top`` (the
    ancestor-or-self one level below the root; the root's is itself), ``sits`` (the nearest
    ancestor-or-self unit whose structure is not ``other``, or None), ``size`` (nodes in its
    subtree), ``heads`` (headcount of the teams in its subtree) and ``teams_below`` (teams in
    its subtree, itself included); per team ``owned`` (its responsibilities, explicit or its
    discipline's); ``structure_of`` each unit whose structure is not ``other`` (and None) to
    its structure's number in :data:`STRUCTURES` (numbers hash in C, enums in Python). The
    ordered lists: ``owners_in[rid][n]`` the owners of ``rid`` that sit in structure number
    ``n`` (the structures an overlap names, in the order the file shows them, are the first
    owners of these); and (file order): ``owners`` per responsibility,
    ``by_discipline``, ``mlops_work`` (teams doing MLOps work), ``units``, ``internal`` (nodes
    with children), ``wide`` (nodes with more than ``max_span`` children), ``empty`` (units
    with no team below) and ``unstaffed`` (teams of headcount 0). ``dirt`` collects what
    changed.
    """

    def __init__(self, org: OrgTree, max_span: int) -> None:
        cat = load_catalogue()
        self._duties = mlops_duties()
        self.name = org.name
        self.target_stage = org.target_stage
        self.root = org.root
        self.links: list[Link] = list(org.links)
        self.nodes: dict[str, Node] = {}
        self.parent: dict[str, str | None] = {}
        self.children: dict[str, list[str]] = {}
        self.label: dict[str, int] = {}
        self.depth: dict[str, int] = {}
        self.top: dict[str, str] = {}
        self.sits: dict[str, str | None] = {}
        self.size: dict[str, int] = {}
        self.heads: dict[str, int] = {}
        self.teams_below: dict[str, int] = {}
        self.owned: dict[str, tuple[str, ...]] = {}
        self.structure_of: dict[str | None, int] = {None: STRUCTURES.index(Structure.OTHER)}
        self.max_span = max_span
        key = self.label.__getitem__
        self.owners = {r.id: OrderedIds(key) for r in cat.responsibilities}
        self.owners_in = {r.id: [OrderedIds(key) for _ in STRUCTURES] for r in cat.responsibilities}
        self.by_discipline = {d: OrderedIds(key) for d in Discipline}
        self.mlops_work = OrderedIds(key)
        self.units = OrderedIds(key)
        self.internal = OrderedIds(key)
        self.wide = OrderedIds(key)
        self.empty = OrderedIds(key)
        self.unstaffed = OrderedIds(key)
        self.dirt = Dirt()
        order = list(org.iter_preorder())
        for i, nid in enumerate(order):
            self.nodes[nid] = org.node(nid)
            self.parent[nid] = org.parent(nid)
            self.children[nid] = list(org.children(nid))
            self.label[nid] = i * GAP
        self._derive(order)
        for nid in order:
            for lst in self._lists_of(nid):
                lst.items.append(nid)

    # Queries -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.nodes)

    def doing(self, discipline: Discipline) -> OrderedIds:
        """The teams practising ``discipline`` (for MLOps, every team doing MLOps work)."""
        return self.mlops_work if discipline is Discipline.MLOPS else self.by_discipline[discipline]

    def doing_count(self, discipline: Discipline) -> int:
        """How many teams practise ``discipline``."""
        return len(self.doing(discipline))

    def doing_ids(self, discipline: Discipline) -> list[str]:
        """The ids of the teams practising ``discipline``, in file order."""
        return self.doing(discipline).items

    def order_of(self, node_id: str) -> int:
        """A number that sorts nodes in file order."""
        return self.label[node_id]

    def name_of(self, node_id: str) -> str:
        """A node's name."""
        return self.nodes[node_id].name

    def does_mlops(self, node_id: str) -> bool:
        """Whether the node is a team doing MLOps work."""
        node = self.nodes[node_id]
        return isinstance(node, Team) and does_mlops_work(node, self.owned[node_id], self._duties)

    def subtree(self, node_id: str) -> list[str]:
        """The node and everything below it, in file order."""
        children = self.children
        out: list[str] = []
        stack = [node_id]
        while stack:
            nid = stack.pop()
            out.append(nid)
            kids = children[nid]
            if kids:
                stack.extend(reversed(kids))
        return out

    def ancestors(self, node_id: str) -> Iterator[str]:
        """The node's parent, its parent, ... up to the root."""
        parent = self.parent
        p = parent[node_id]
        while p is not None:
            yield p
            p = parent[p]

    # Applying changes ----------------------------------------------------------------------

    def apply(self, change: Change) -> None:
        """Apply one primitive change (raises :class:`NeedsRebuild` for a whole-org one)."""
        if isinstance(change, NodeMoved):
            self._move(change)
        elif isinstance(change, NodeReplaced):
            self._replace(change.old, change.new)
        elif isinstance(change, NodesAdded):
            self._add(change)
        elif isinstance(change, SubtreeRemoved):
            self._remove(change)
        elif isinstance(change, LinkAdded):
            self.links.insert(change.index, change.link)
            self.dirt.placed.add(change.link.source)
        elif isinstance(change, LinkRemoved):
            assert self.links[change.index] == change.link
            del self.links[change.index]
            self.dirt.placed.add(change.link.source)
        elif isinstance(change, OrgFieldSet):
            if change.field == "name":
                self.name = str(change.new)
            else:
                assert isinstance(change.new, int)
                self.target_stage = change.new
                self.dirt.stage = True
        else:
            raise NeedsRebuild(type(change).__name__)

    def _add(self, change: NodesAdded) -> None:
        top = change.nodes[0].node.id
        for flat in change.nodes:
            nid = flat.node.id
            self.nodes[nid] = flat.node
            self.parent[nid] = flat.parent
            self.children[nid] = []
            if flat is not change.nodes[0]:
                assert flat.parent is not None
                self.children[flat.parent].append(nid)
        parent = change.parent
        if parent is None:
            self.root = top
        else:
            self._children_changed(parent, lambda kids: kids.insert(change.index, top))
        block = self.subtree(top)
        self.dirt.rolled = True
        self._place(block)
        self._derive(block)
        self.dirt.spans.update(n for n in block if len(self.children[n]) > self.max_span)
        runs: dict[int, tuple[OrderedIds, list[str]]] = {}
        for nid in block:
            for lst in self._lists_of(nid):
                runs.setdefault(id(lst), (lst, []))[1].append(nid)
        for lst, run in runs.values():
            lst.put(run)
        if parent is not None:
            self._add_up(parent, self.size[top], self.heads[top], self.teams_below[top])
        for i, link in change.links:
            self.links.insert(i, link)
            self.dirt.placed.add(link.source)
        self._touched(block, relocated=True)

    def _remove(self, change: SubtreeRemoved) -> None:
        nid = change.node_id
        block = self.subtree(nid)
        self._touched(block, relocated=True)
        self.dirt.rolled = True
        low, high = self.label[block[0]], self.label[block[-1]]
        for lst in self._all_lists():
            lst.cut(low, high)
        for _, lst in self._code_lists():
            lst.cut(low, high)
        parent = self.parent[nid]
        if parent is None:
            self.root = None
        else:
            self._add_up(parent, -self.size[nid], -self.heads[nid], -self.teams_below[nid])
            self._children_changed(parent, lambda kids: kids.remove(nid))
        for gone in block:
            self._forget(gone)
        if change.links:
            dropped = {i for i, _ in change.links}
            self.links = [lk for i, lk in enumerate(self.links) if i not in dropped]
            self.dirt.placed.update(lk.source for _, lk in change.links)

    def _move(self, change: NodeMoved) -> None:
        nid = change.node_id
        block = self.subtree(nid)
        low, high = self.label[block[0]], self.label[block[-1]]
        runs = [(lst, run) for lst in self._all_lists() if (run := lst.cut(low, high))]
        code_runs = [(rid, run) for rid, lst in self._code_lists() if (run := lst.cut(low, high))]
        size, heads, teams = self.size[nid], self.heads[nid], self.teams_below[nid]
        old, new = change.old_parent, change.new_parent
        self._add_up(old, -size, -heads, -teams)
        assert self.children[old][change.old_index] == nid
        self._children_changed(old, lambda kids: kids.pop(change.old_index))
        self._children_changed(new, lambda kids: kids.insert(change.new_index, nid))
        self.parent[nid] = new
        self._add_up(new, size, heads, teams)
        old_sits, new_sits = self.sits[old], self.sits[new]
        shift = self.depth[new] + 1 - self.depth[nid]
        top = nid if self.depth[new] == 0 else self.top[new]
        depth, tops, sits = self.depth, self.top, self.sits
        for v in block:
            depth[v] += shift
            tops[v] = top
            if sits[v] == old_sits:
                sits[v] = new_sits
        self._place(block)
        for lst, run in runs:
            lst.put(run)
        owners_in, codes = self.owners_in, self.structure_of
        for rid, run in code_runs:  # by where each sits now (inside the block: as before)
            for v in run:
                owners_in[rid][codes[sits[v]]].add(v)
        self._touched(block, relocated=True)

    def _replace(self, old: Node, new: Node) -> None:
        nid = new.id
        dirt = self.dirt
        if old.name != new.name:
            dirt.named.add(nid)
        restructured = old.kind != new.kind or (
            isinstance(old, Unit) and isinstance(new, Unit) and old.structure is not new.structure
        )
        dirt.structures |= restructured
        if (isinstance(old, Unit) and not restructured) or (
            isinstance(old, Team)
            and isinstance(new, Team)
            and (old.discipline, old.responsibilities, old.headcount)
            == (new.discipline, new.responsibilities, new.headcount)
        ):
            self.nodes[nid] = new
            return
        owning = not (
            isinstance(old, Team)
            and isinstance(new, Team)
            and (old.discipline, old.responsibilities) == (new.discipline, new.responsibilities)
        )
        if owning:  # a headcount alone changes roll-ups, not who owns or does what
            self._touched([nid], relocated=False)  # as it was: its old responsibilities and discipline
        for lst in self._lists_of(nid):
            lst.remove(nid)
        old_sits = self.sits[nid]
        resits = _structured(old) != _structured(new)
        below: list[str] = []  # the teams below whose structure changes with this node's
        if resits or (_structured(old) and restructured):
            below = [v for v in self.subtree(nid)[1:] if self.sits[v] == old_sits and isinstance(self.nodes[v], Team)]
        for v in below:
            for lst in self._code_lists_of(v):
                lst.remove(v)
        self.nodes[nid] = new
        self.structure_of.pop(nid, None)
        if isinstance(new, Unit):
            self._structure_known(nid)
        if isinstance(new, Team):
            self.owned[nid] = new.responsibilities if new.responsibilities is not None else self._defaults(new)
        else:
            self.owned.pop(nid, None)
        if resits:
            parent = self.parent[nid]
            new_sits = nid if _structured(new) else (None if parent is None else self.sits[parent])
            sits = self.sits
            for v in self.subtree(nid):
                if sits[v] == old_sits:
                    sits[v] = new_sits
        for lst in self._lists_of(nid):
            lst.add(nid)
        for v in below:
            for lst in self._code_lists_of(v):
                lst.add(v)
        heads = (new.headcount if isinstance(new, Team) else 0) - (old.headcount if isinstance(old, Team) else 0)
        teams = isinstance(new, Team) - isinstance(old, Team)
        if heads or teams:
            self._add_up(nid, 0, heads, teams)
        if owning:
            self._touched([nid], relocated=False)

    # Internals -----------------------------------------------------------------------------

    def _defaults(self, team: Team) -> tuple[str, ...]:
        return load_catalogue().defaults(team.discipline)

    def _derive(self, block: list[str]) -> None:
        """Depth, top, sits, owned, size, heads and teams_below of a subtree (in file order)
        whose parent's are known."""
        if not block:
            return
        nodes, parent, depth, tops, sits = self.nodes, self.parent, self.depth, self.top, self.sits
        size, heads, below, owned = self.size, self.heads, self.teams_below, self.owned
        for nid in block:
            node = nodes[nid]
            p = parent[nid]
            if p is None:
                depth[nid] = 0
                tops[nid] = nid
                here = None
            else:
                d = depth[nid] = depth[p] + 1
                tops[nid] = nid if d == 1 else tops[p]
                here = sits[p]
            size[nid] = 1
            if isinstance(node, Team):
                owned[nid] = node.responsibilities if node.responsibilities is not None else self._defaults(node)
                heads[nid] = node.headcount
                below[nid] = 1
            else:
                heads[nid] = 0
                below[nid] = 0
                if node.structure is not Structure.OTHER:
                    here = nid
                    self.structure_of[nid] = STRUCTURES.index(node.structure)
            sits[nid] = here
        top = block[0]
        for nid in reversed(block):
            if nid == top:
                break
            p = parent[nid]
            assert p is not None
            size[p] += size[nid]
            heads[p] += heads[nid]
            below[p] += below[nid]

    def _add_up(self, start: str, size: int, heads: int, teams: int) -> None:
        """Add to the subtree totals of ``start`` and every node above it."""
        sizes, head, below, parent, nodes = self.size, self.heads, self.teams_below, self.parent, self.nodes
        self.dirt.rolled = True
        p: str | None = start
        while p is not None:
            sizes[p] += size
            head[p] += heads
            if teams:
                was = below[p]
                now = below[p] = was + teams
                if (not was) != (not now) and isinstance(nodes[p], Unit):
                    (self.empty.add if not now else self.empty.remove)(p)
            p = parent[p]

    def _children_changed(self, node_id: str, edit: Callable[[list[str]], object]) -> None:
        """Change a node's children list, keeping ``internal`` and ``wide`` true."""
        kids = self.children[node_id]
        before = len(kids)
        edit(kids)
        after = len(kids)
        if (not before) != (not after):
            (self.internal.add if after else self.internal.remove)(node_id)
        span = self.max_span
        if (before > span) != (after > span):
            (self.wide.add if after > span else self.wide.remove)(node_id)
        self.dirt.spans.add(node_id)
        self.dirt.rolled = True

    def _structure_known(self, unit: str) -> None:
        node = self.nodes[unit]
        if isinstance(node, Unit) and node.structure is not Structure.OTHER:
            self.structure_of[unit] = STRUCTURES.index(node.structure)

    def _lists_of(self, nid: str) -> list[OrderedIds]:
        """The ordered lists a node belongs to."""
        node = self.nodes[nid]
        kids = len(self.children[nid])
        out = [self.internal] if kids else []
        if kids > self.max_span:
            out.append(self.wide)
        if not isinstance(node, Team):
            out.append(self.units)
            if not self.teams_below[nid]:
                out.append(self.empty)
            return out
        owned = self.owned[nid]
        out += [self.owners[r] for r in owned]
        out += self._code_lists_of(nid)
        out.append(self.by_discipline[node.discipline])
        if does_mlops_work(node, owned, self._duties):
            out.append(self.mlops_work)
        if node.headcount == 0:
            out.append(self.unstaffed)
        return out

    def _code_lists(self) -> list[tuple[str, OrderedIds]]:
        return [(rid, lst) for rid, lists in self.owners_in.items() for lst in lists if lst.items]

    def _code_lists_of(self, nid: str) -> list[OrderedIds]:
        """The ``owners_in`` lists a team belongs to, by where it sits now."""
        code = self.structure_of[self.sits[nid]]
        return [self.owners_in[r][code] for r in self.owned[nid]]

    def _all_lists(self) -> list[OrderedIds]:
        """Every non-empty ordered list but ``owners_in`` (moves change a team's list there)."""
        lists = [lst for lst in self.owners.values() if lst.items]
        lists += [lst for lst in self.by_discipline.values() if lst.items]
        lists += [self.mlops_work, self.units, self.internal, self.wide, self.empty, self.unstaffed]
        return lists

    def _forget(self, nid: str) -> None:
        del self.nodes[nid], self.parent[nid], self.children[nid], self.label[nid], self.depth[nid]
        del self.top[nid], self.sits[nid], self.size[nid], self.heads[nid], self.teams_below[nid]
        self.owned.pop(nid, None)
        self.structure_of.pop(nid, None)

    def _touched(self, block: list[str], relocated: bool) -> None:
        """Mark what a subtree that came, went, moved or changed makes the checks look at."""
        dirt, nodes, owned, mlops = self.dirt, self.nodes, self.owned, Discipline.MLOPS
        inside = set(block)
        if relocated:
            dirt.relocated |= inside
        for nid in block:
            node = nodes[nid]
            if not isinstance(node, Team):
                continue
            dirt.rids.update(owned[nid])
            dirt.disciplines.add(node.discipline)
            if does_mlops_work(node, owned[nid], self._duties):
                dirt.disciplines.add(mlops)
                dirt.placed.add(nid)
        dirt.placed.update(lk.source for lk in self.links if lk.target in inside)

    def _place(self, block: list[str]) -> None:
        """Give a subtree, now in its place in the tree, labels between its neighbours in file
        order (all nodes get new ones when there is no room)."""
        top = block[0]
        parent = self.parent[top]
        if parent is None:
            before = None
        else:
            kids = self.children[parent]
            k = kids.index(top)
            before = parent if k == 0 else self._last_below(kids[k - 1])
        after = self._next_after(top)
        low = -GAP if before is None else self.label[before]
        high = low + GAP * (len(block) + 1) if after is None else self.label[after]
        step = (high - low) // (len(block) + 1)
        if step < 1:
            self._relabel()
            return
        label = self.label
        for k, nid in enumerate(block, start=1):
            label[nid] = low + step * k

    def _last_below(self, node_id: str) -> str:
        children = self.children
        while children[node_id]:
            node_id = children[node_id][-1]
        return node_id

    def _next_after(self, node_id: str) -> str | None:
        """The first node after ``node_id``'s subtree in file order."""
        parent, children = self.parent, self.children
        x = node_id
        while (p := parent[x]) is not None:
            kids = children[p]
            k = kids.index(x)
            if k + 1 < len(kids):
                return kids[k + 1]
            x = p
        return None

    def _relabel(self) -> None:
        if self.root is not None:
            label = self.label
            for i, nid in enumerate(self.subtree(self.root)):
                label[nid] = i * GAP
