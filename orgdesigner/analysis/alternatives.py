"""Where could MLOps sit? From an org as it is, one alternative per placement: the MLOps work
(whoever does it) moved under Platform, into Data & AI, into Product, or into a
cross-functional unit reporting to the top that serves, by dotted lines, the teams MLOps works
with. Each alternative is a new org and the list of moves that made it; the org given is only
read.

How each is built, so that it lands exactly in its placement:
- the org's own unit of that structure is used (the one holding the most people of the
  structure's own disciplines, then a top-level one, then the shallowest, in file order; for the
  cross-functional option only a unit reporting to the top); when there is none, one is
  created under the top, named after the structure (``Platform Engineering``, ``Data & AI``,
  ``Product Engineering``, ``Cross-functional MLOps``);
- each team doing MLOps work that is not already in the placement moves there, with its
  subtree (a team below another moved team goes with it); no unit is created when nothing
  would move into it (the work is cross-functional already, or only the top does it);
- under Platform, Data & AI and Product, a moved team keeps the dotted lines into its new
  top-level structure and drops the others (dotted lines reaching two structures would make it
  cross-functional); in the cross-functional unit, a moved team serves each team that consumes
  MLOps work (the catalogue's: data science, software engineering, AI engineering), or the
  top-level unit when that unit holds more than :data:`LINKS_PER_UNIT` of them;
- an org where nobody does MLOps work gets a new ``MLOps`` team in each place, of a quarter of
  the people in data science, ML engineering and AI engineering (at least 2, at most 12).
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.graph import OrgIndex, build_index
from orgdesigner.analysis.mlops_placement import MlopsPlacement
from orgdesigner.model import Discipline, Link, Organization, OrgTree, Structure, Team, Unit, load_catalogue
from orgdesigner.model.text import slugify

PLACEMENTS = (MlopsPlacement.PLATFORM, MlopsPlacement.DATA_AI, MlopsPlacement.PRODUCT, MlopsPlacement.CROSS_FUNCTIONAL)
"""The placements an alternative is built for, in the order they are shown."""
STRUCTURE_OF = {
    MlopsPlacement.PLATFORM: Structure.PLATFORM,
    MlopsPlacement.DATA_AI: Structure.DATA_AI,
    MlopsPlacement.PRODUCT: Structure.PRODUCT,
    MlopsPlacement.CROSS_FUNCTIONAL: Structure.CROSS_FUNCTIONAL,
}
LINKS_PER_UNIT = 3
NEW_TEAM_MIN, NEW_TEAM_MAX = 2, 12
_SIZED_BY = (Discipline.DATA_SCIENCE, Discipline.ML_ENGINEERING, Discipline.AI_ENGINEERING)


@dataclass(frozen=True, slots=True)
class Move:
    """One step from the org to an alternative, by node id. ``action`` is ``create`` (a new
    ``kind`` node ``name`` under ``parent``), ``move`` (``node`` from ``old_parent`` to
    ``parent``), ``link`` or ``unlink`` (``node`` serves ``target``)."""

    action: str
    node: str
    name: str
    parent: str | None = None
    old_parent: str | None = None
    target: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Alternative:
    """The org with its MLOps work in ``placement``: the new ``org`` (its name is the
    original's, so it can replace it in one step), the catalogue's ``title`` for the placement
    (a good scenario name) and the ``moves`` that made it, in order."""

    placement: MlopsPlacement
    title: str
    org: Organization
    moves: tuple[Move, ...]


def consumers_of_mlops() -> tuple[Discipline, ...]:
    """The disciplines that consume MLOps work: the consumers of the catalogue's relationships
    MLOps provides (not the overlaps)."""
    rels = load_catalogue().relationships
    return tuple(dict.fromkeys(r.consumer for r in rels if r.provider is Discipline.MLOPS and r.kind != "overlaps"))


def consuming_teams(index: OrgIndex, workers: set[int]) -> list[int]:
    """The teams that consume MLOps work, in file order: teams of the consuming disciplines
    that own some responsibility (a manager on their own, who owns none, consumes nothing),
    leaving out the ``workers`` (the teams doing MLOps work)."""
    owning = {t for teams in index.owners.values() for t in teams}
    found = {t for d in consumers_of_mlops() for t in index.by_discipline.get(d, [])}
    return sorted(t for t in found if t in owning and t not in workers)


def build_alternatives(org: OrgTree) -> list[Alternative]:
    """One alternative per placement in :data:`PLACEMENTS` (``org`` is only read)."""
    index = build_index(org)
    return [_build(org, index, p) for p in PLACEMENTS]


def build_alternative(org: OrgTree, placement: MlopsPlacement) -> Alternative:
    """The alternative for one ``placement`` (one of :data:`PLACEMENTS`)."""
    if placement not in STRUCTURE_OF:
        raise ValueError(f"no alternative is built for the placement {placement.value!r}")
    return _build(org, build_index(org), placement)


def _build(source: OrgTree, index: OrgIndex, placement: MlopsPlacement) -> Alternative:
    org = (
        source.copy()
        if isinstance(source, Organization)
        else Organization.from_flat(source.name, source.target_stage, source.flat(), source.links)
    )
    moves: list[Move] = []
    structure = STRUCTURE_OF[placement]
    workers = index.doing(Discipline.MLOPS)
    if org.root is None:
        root = Unit(id=org.new_id("executive"), name="Executive", structure=Structure.EXECUTIVE)
        org.add_node(root, None)
        moves.append(Move("create", root.id, root.name, None, kind="unit"))
    move, relink = _to_move(index, workers, structure)
    home = _home_unit(index, structure, workers)
    if home is None and workers and not move:
        # Nothing would go into a new unit (the work is cross-functional already, or only the
        # top does it, which cannot move): creating one would add an empty unit and nothing else.
        home_id = ""
    elif home is None:
        assert org.root is not None
        name = load_catalogue().structure(structure).name
        unit = Unit(id=org.new_id(slugify(name, "unit")), name=name, structure=structure)
        org.add_node(unit, org.root)
        moves.append(Move("create", unit.id, unit.name, org.root, kind="unit"))
        home_id = unit.id
    else:
        home_id = index.ids[home]
    moved: list[str] = []
    if not workers:
        team = Team(id=org.new_id("mlops"), name="MLOps", discipline=Discipline.MLOPS, headcount=_new_team_size(index))
        org.add_node(team, home_id)
        moves.append(Move("create", team.id, team.name, home_id, kind="team"))
        moved.append(team.id)
    for i in move:
        nid = index.ids[i]
        old = org.parent(nid)
        if old != home_id:
            org.move_node(nid, home_id)
            moves.append(Move("move", nid, index.name(i), home_id, old_parent=old))
        moved.append(nid)
    if placement is MlopsPlacement.CROSS_FUNCTIONAL:
        links = _serve_consumers(org, moved)
    else:
        links = _keep_links_home(org, moved + [index.ids[i] for i in relink])
    if links is not None:
        final, changed = links
        moves += changed
        # One rebuild with the final dotted lines: adding or removing them one by one would scan
        # the list each time.
        org = Organization.from_flat(org.name, org.target_stage, org.flat(), final)
    return Alternative(placement, load_catalogue().mlops_option(placement.value).name, org, tuple(moves))


def _home_unit(index: OrgIndex, structure: Structure, workers: list[int]) -> int | None:
    """The org's unit of ``structure`` to move MLOps into, or None (one must be created): the
    one whose subtree holds the most people of the structure's own disciplines (a Platform unit
    of SRE teams, not an IT helpdesk beside it), then a top-level one, then the shallowest, then
    the first; for the cross-functional option only a unit reporting to the top."""
    blocked = _below(index, workers)
    candidates = [
        i
        for i, node in enumerate(index.nodes)
        if isinstance(node, Unit)
        and node.structure is structure
        and not blocked[i]
        and (structure is not Structure.CROSS_FUNCTIONAL or index.depth[i] == 1)
    ]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    own = _people_of(index, _OWN_DISCIPLINES.get(structure, frozenset()), blocked)
    return min(candidates, key=lambda i: (-own[i], index.depth[i], i))


_OWN_DISCIPLINES = {
    Structure.PLATFORM: frozenset({Discipline.DEVOPS_SRE}),
    Structure.DATA_AI: frozenset(
        {
            Discipline.DATA_ENGINEERING,
            Discipline.DATA_SCIENCE,
            Discipline.ML_ENGINEERING,
            Discipline.ANALYTICS,
            Discipline.AI_ENGINEERING,
        }
    ),
    Structure.PRODUCT: frozenset({Discipline.SOFTWARE_ENGINEERING, Discipline.PRODUCT_MANAGEMENT}),
}
"""The disciplines that make a unit the home of its structure, when an org has several."""


def _people_of(index: OrgIndex, disciplines: frozenset[Discipline], skip: list[bool]) -> list[int]:
    """For each position, the people of ``disciplines`` in its subtree, leaving out the
    positions ``skip`` marks (the MLOps work that moves; one pass, children before parents)."""
    people = [0] * len(index)
    for i in range(len(index) - 1, -1, -1):
        node = index.nodes[i]
        if isinstance(node, Team) and node.discipline in disciplines and not skip[i]:
            people[i] += node.headcount
        if i > 0:
            people[index.parent[i]] += people[i]
    return people


def _below(index: OrgIndex, teams: list[int]) -> list[bool]:
    """For each position, whether it is one of ``teams`` or below one (one pass, pre-order)."""
    marked = [False] * len(index)
    for i in teams:
        marked[i] = True
    parent = index.parent
    for i in range(1, len(index)):
        if marked[parent[i]]:
            marked[i] = True
    return marked


def _to_move(index: OrgIndex, workers: list[int], structure: Structure) -> tuple[list[int], list[int]]:
    """The teams doing MLOps work that must move (not in the placement, and not below another
    team that moves: it carries them along; never the top of the org, which cannot move), and
    those that are in a unit of the structure already but whose dotted lines may have to go."""
    from orgdesigner.analysis.mlops_placement import place_team

    served: dict[int, list[int]] = {i: [] for i in workers}
    pos = index.pos
    for link in index.org.links:
        targets = served.get(pos[link.source])
        if targets is not None:
            targets.append(pos[link.target])
    move: list[int] = []
    relink: list[int] = []
    for i in workers:
        if i == 0:
            continue
        kind = place_team(index, i, served[i]).kind
        if structure is Structure.CROSS_FUNCTIONAL:
            if kind is not MlopsPlacement.CROSS_FUNCTIONAL:
                move.append(i)
        elif index.sits_in(i) is not structure:
            move.append(i)
        elif kind is MlopsPlacement.CROSS_FUNCTIONAL:
            relink.append(i)
    # A team below a moving team goes with it, unless a unit of another structure between them
    # would still decide where it sits: then it moves on its own too.
    carrier = _carriers(index, move)
    parent, structured, depth = index.parent, index.structured, index.depth
    kept: list[int] = []
    for i in move:
        a = carrier[parent[i]] if i else -1
        if a < 0:
            kept.append(i)
            continue
        s = structured[i]
        if s >= 0 and depth[s] > depth[a] and index.structure_at(s) is not structure:
            kept.append(i)
    return kept, relink


def _carriers(index: OrgIndex, teams: list[int]) -> list[int]:
    """For each position, the nearest of ``teams`` at or above it, or -1 (one pass, pre-order)."""
    carrier = [-1] * len(index)
    chosen = set(teams)
    parent = index.parent
    for i in range(len(index)):
        if i in chosen:
            carrier[i] = i
        elif i > 0:
            carrier[i] = carrier[parent[i]]
    return carrier


def _new_team_size(index: OrgIndex) -> int:
    people = sum(index.nodes[t].headcount for d in _SIZED_BY for t in index.by_discipline.get(d, []))
    return max(NEW_TEAM_MIN, min(NEW_TEAM_MAX, round(people / 4)))


LinkPlan = tuple[list[Link], list[Move]] | None
"""The final dotted lines and the moves that add or drop them (None: they stay as they are)."""


def _keep_links_home(org: Organization, teams: list[str]) -> LinkPlan:
    """For each of ``teams`` whose dotted lines reach two structures or more (which makes a
    team cross-functional), drop those that leave its own top-level structure."""
    if not teams:
        return None
    index = build_index(org)
    mine = set(teams)
    by_source: dict[str, list[Link]] = {}
    for lk in org.links:
        if lk.source in mine:
            by_source.setdefault(lk.source, []).append(lk)
    drop: set[Link] = set()
    for source, links in by_source.items():
        if len({_top_key(index, index.pos[lk.target]) for lk in links}) >= 2:
            home = _top_key(index, index.pos[source])
            drop.update(lk for lk in links if _top_key(index, index.pos[lk.target]) != home)
    if not drop:
        return None
    changes = [Move("unlink", lk.source, org.label(lk.source), target=lk.target) for lk in org.links if lk in drop]
    return [lk for lk in org.links if lk not in drop], changes


def _top_key(index: OrgIndex, i: int) -> object:
    """What the placement counts a dotted line's reach by: the top-level structure, or the
    top-level unit itself when its structure is ``other``."""
    structure = index.top_structure(i)
    return index.top[i] if structure is Structure.OTHER else structure


def _serve_consumers(org: Organization, moved: list[str]) -> LinkPlan:
    """Dotted lines from the first moved team (the unit's lead MLOps team; the others sit in the
    cross-functional unit too) to the teams that consume MLOps work: one line per target, so the
    lines grow with the org, not with the org times its MLOps teams."""
    if not moved:
        return None
    index = build_index(org)
    mine = {index.pos[m] for m in moved}
    by_top: dict[int, list[int]] = {}
    for t in consuming_teams(index, mine):
        by_top.setdefault(index.top[t], []).append(t)
    targets: list[int] = []
    for top in sorted(by_top):
        teams = sorted(by_top[top])
        targets += [top] if len(teams) > LINKS_PER_UNIT and top != 0 else teams
    source = moved[0]
    above = set()  # the lead team and its ancestors: it does not serve those
    i = index.pos[source]
    while i != -1:
        above.add(i)
        i = index.parent[i]
    final = list(org.links)
    existing = set(final)
    changes: list[Move] = []
    for t in targets:
        link = Link(source=source, target=index.ids[t])
        if link in existing or t in above:
            continue
        final.append(link)
        existing.add(link)
        changes.append(Move("link", source, org.label(source), target=link.target))
    return (final, changes) if changes else None
