"""An org flattened into integer-indexed lists, the form the layout works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from orgdesigner.model import Discipline, OrgTree, Structure, Team
from orgdesigner.model.gc_pause import gc_paused

DISCIPLINES: tuple[Discipline, ...] = tuple(Discipline)
STRUCTURES: tuple[Structure, ...] = tuple(Structure)
CATEGORY_IDS: tuple[str, ...] = tuple(d.value for d in DISCIPLINES) + tuple(s.value for s in STRUCTURES)
"""Category numbers: disciplines first (teams), then structures (units)."""
_CATEGORY_OF = {member: i for i, member in enumerate((*DISCIPLINES, *STRUCTURES))}
FIRST_STRUCTURE = len(DISCIPLINES)


@dataclass(slots=True)
class OrgArrays:
    """The org's nodes in pre-order, each field a list indexed by the node's number.

    ``parent[i]`` is the parent's number (-1 for the root, which is number 0), ``kids[i]`` the
    children's numbers in sibling order, ``category[i]`` an index into :data:`CATEGORY_IDS`
    (the team's discipline or the unit's structure), ``links`` the ``serves`` links as
    (source, target) numbers.
    """

    name: str
    ids: list[str] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)
    is_team: list[bool] = field(default_factory=list)
    category: list[int] = field(default_factory=list)
    headcount: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    leads: list[str | None] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def org_arrays(org: OrgTree) -> OrgArrays:
    """Flatten ``org`` (any :class:`OrgTree`) into :class:`OrgArrays`."""
    with gc_paused():
        return _org_arrays(org)


def _org_arrays(org: OrgTree) -> OrgArrays:
    ids = list(org.iter_preorder())
    n = len(ids)
    out = OrgArrays(org.name, ids)
    if not n:
        return out
    number = {nid: i for i, nid in enumerate(ids)}
    nodes = list(map(org.node, ids))
    parent_ids = list(map(org.parent, ids))
    parent = [-1] * n
    kids: list[list[int]] = [[] for _ in range(n)]
    depth = [0] * n
    for i in range(1, n):
        p = number[parent_ids[i]]  # type: ignore[index]
        parent[i] = p
        kids[p].append(i)
        depth[i] = depth[p] + 1
    kinds, names, leads, heads = zip(*map(attrgetter("kind", "name", "lead", "headcount"), nodes), strict=True)
    category_of = _CATEGORY_OF
    out.parent = parent
    out.kids = kids
    out.depth = depth
    out.is_team = [kind == "team" for kind in kinds]
    out.category = [
        category_of[node.discipline] if isinstance(node, Team) else category_of[node.structure] for node in nodes
    ]
    out.headcount = list(heads)
    out.names = list(names)
    out.leads = list(leads)
    out.links = [(number[link.source], number[link.target]) for link in org.links]
    return out
