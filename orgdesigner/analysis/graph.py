"""The org as indexed arrays for the checks, and as a networkx graph for other readers.

Every check walks the same :class:`OrgIndex`: nodes in file (pre-)order, with parent, depth
and structure positions in flat lists. Flat lists keep a 100,000-node report within the
window's budget; building a networkx graph of that size alone takes a tenth of it, so
:func:`relation_graph` is offered to readers that want graph algorithms, not used by the checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgdesigner.analysis.findings import names_list
from orgdesigner.model import Discipline, Node, OrgTree, Structure, Team, Unit, load_catalogue

if TYPE_CHECKING:
    import networkx as nx

NO_NODE = -1


@dataclass(frozen=True, slots=True, eq=False)
class OrgIndex:
    """An org's nodes in file order, with positions (indexes into ``ids``) for fast walks.

    ``parent[i]`` is the parent's position (``NO_NODE`` for the root); ``top[i]`` is the
    position of the ancestor-or-self one level below the root (the root's own is 0);
    ``structured[i]`` is the nearest ancestor-or-self unit whose structure is not ``other``
    (``NO_NODE`` if none); ``owners`` maps each owned responsibility to the teams that own it
    and ``by_discipline`` each discipline on the chart to its teams, both in file order.
    ``mlops_work`` lists the teams that do MLOps work (see :func:`does_mlops_work`), in file
    order: every check asks :meth:`doing` who practises a discipline, so they all agree.
    """

    org: OrgTree
    ids: list[str]
    pos: dict[str, int]
    nodes: list[Node]
    parent: list[int]
    depth: list[int]
    child_count: list[int]
    top: list[int]
    structured: list[int]
    teams: list[int]
    owners: dict[str, list[int]]
    by_discipline: dict[Discipline, list[int]]
    mlops_work: list[int]

    def __len__(self) -> int:
        return len(self.ids)

    def name(self, i: int) -> str:
        """The name of the node at position ``i``."""
        return self.nodes[i].name

    def names(self, positions: Sequence[int]) -> list[str]:
        """The names of several nodes."""
        return [node.name for node in map(self.nodes.__getitem__, positions)]

    def listed(self, positions: Sequence[int], limit: int = 4) -> str:
        """The names of several nodes for a message: the first ``limit``, then how many more."""
        return names_list(self.names(positions[: limit + 1]), limit, len(positions))

    def id_tuple(self, positions: Iterable[int]) -> tuple[str, ...]:
        """The ids of several nodes."""
        return tuple(map(self.ids.__getitem__, positions))

    def structure_at(self, i: int) -> Structure:
        """The structure of the unit at ``i`` (``executive`` for a team at the top)."""
        node = self.nodes[i]
        return node.structure if isinstance(node, Unit) else Structure.EXECUTIVE

    def top_structure(self, i: int) -> Structure:
        """The structure a node sits in at the top level: its depth-1 ancestor-or-self's
        (the root counts as ``executive``)."""
        t = self.top[i]
        if t == 0:
            return Structure.EXECUTIVE
        return self.structure_at(t)

    def doing(self, discipline: Discipline) -> list[int]:
        """The teams that practise ``discipline``: its teams, and for MLOps every team that
        does MLOps work (a combined ML Engineering / MLOps team, say), in file order."""
        if discipline is Discipline.MLOPS:
            return self.mlops_work
        return self.by_discipline.get(discipline, [])

    def doing_count(self, discipline: Discipline) -> int:
        """How many teams practise ``discipline``."""
        return len(self.doing(discipline))

    def doing_ids(self, discipline: Discipline) -> tuple[str, ...]:
        """The ids of the teams practising ``discipline``, in file order."""
        return self.id_tuple(self.doing(discipline))

    def order_of(self, node_id: str) -> int:
        """A number that sorts nodes in file order (the position)."""
        return self.pos[node_id]

    def name_of(self, node_id: str) -> str:
        """The name of the node with this id."""
        return self.nodes[self.pos[node_id]].name

    def sits_in(self, i: int) -> Structure:
        """The structure of the nearest unit at or above ``i`` that has one (not ``other``)."""
        s = self.structured[i]
        return Structure.OTHER if s == NO_NODE else self.structure_at(s)


def mlops_duties() -> frozenset[str]:
    """The MLOps work: the responsibilities a team of discipline MLOps owns by default."""
    return frozenset(load_catalogue().defaults(Discipline.MLOPS))


def does_mlops_work(team: Team, owned: Iterable[str], duties: frozenset[str]) -> bool:
    """True when ``team`` (owning ``owned``) does MLOps work: its discipline is MLOps, or it
    owns at least one of the MLOps ``duties``."""
    return team.discipline is Discipline.MLOPS or not duties.isdisjoint(owned)


def build_index(org: OrgTree) -> OrgIndex:
    """Index ``org`` in one pass over its nodes in file order."""
    ids: list[str] = []
    pos: dict[str, int] = {}
    nodes: list[Node] = []
    parent: list[int] = []
    depth: list[int] = []
    top: list[int] = []
    structured: list[int] = []
    teams: list[int] = []
    owners: dict[str, list[int]] = {}
    by_discipline: dict[Discipline, list[int]] = {}
    defaults: dict[Discipline, tuple[str, ...]] = {}
    duties = mlops_duties()
    default_mlops: dict[Discipline, bool] = {}
    mlops_work: list[int] = []
    other = Structure.OTHER
    for i, nid in enumerate(org.iter_preorder()):
        node = org.node(nid)
        pid = org.parent(nid)
        ids.append(nid)
        pos[nid] = i
        nodes.append(node)
        if pid is None:
            p = NO_NODE
            depth.append(0)
            top.append(0)
            here = NO_NODE
        else:
            p = pos[pid]
            d = depth[p] + 1
            depth.append(d)
            top.append(i if d == 1 else top[p])
            here = structured[p]
        parent.append(p)
        if isinstance(node, Team):
            teams.append(i)
            same = by_discipline.get(node.discipline)
            if same is None:
                by_discipline[node.discipline] = [i]
            else:
                same.append(i)
            owned = node.responsibilities
            if owned is None:
                owned = defaults.get(node.discipline)
                if owned is None:
                    owned = defaults[node.discipline] = org.owned_responsibilities(node)
                    default_mlops[node.discipline] = does_mlops_work(node, owned, duties)
                if default_mlops[node.discipline]:
                    mlops_work.append(i)
            elif does_mlops_work(node, owned, duties):
                mlops_work.append(i)
            for rid in owned:
                owned_by = owners.get(rid)
                if owned_by is None:
                    owners[rid] = [i]
                else:
                    owned_by.append(i)
        elif node.structure is not other:
            here = i
        structured.append(here)
    child_count = [0] * len(ids)
    for p in parent:
        if p >= 0:
            child_count[p] += 1
    return OrgIndex(
        org, ids, pos, nodes, parent, depth, child_count, top, structured, teams, owners, by_discipline, mlops_work
    )


def relation_graph(org: OrgTree) -> nx.MultiDiGraph:
    """The org as a networkx graph: one node per org node (attributes ``kind``, ``name``, and
    ``structure`` or ``discipline``), a ``reports_to`` edge from each parent to each child, and
    a ``serves`` edge for each dotted line (edge keys are the kinds)."""
    import networkx as nx  # imported here: start-up of the headless verbs stays quick

    graph = nx.MultiDiGraph(name=org.name)
    for node in org.iter_nodes():
        if isinstance(node, Team):
            graph.add_node(node.id, kind="team", name=node.name, discipline=str(node.discipline))
        else:
            graph.add_node(node.id, kind="unit", name=node.name, structure=str(node.structure))
    for nid in org.iter_preorder():
        pid = org.parent(nid)
        if pid is not None:
            graph.add_edge(pid, nid, key="reports_to")
    for link in org.links:
        graph.add_edge(link.source, link.target, key=str(link.kind))
    return graph
