"""Where MLOps sits: under Platform, in Data & AI, in Product, cross-functional, split across
several places (mixed), or nowhere (none).

The MLOps work decides, whoever does it: a team of discipline MLOps, or a team of another
discipline that owns MLOps responsibilities (a combined ML Engineering / MLOps team, say); see
:meth:`~orgdesigner.analysis.graph.OrgIndex.doing`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from orgdesigner.analysis.findings import Finding, Severity, names_list
from orgdesigner.analysis.graph import NO_NODE, OrgIndex
from orgdesigner.model import Catalogue, Discipline, Node, Structure, Team, Unit, load_catalogue


class MlopsPlacement(StrEnum):
    """The catalogue's MLOps placements."""

    PLATFORM = "platform"
    DATA_AI = "data_ai"
    PRODUCT = "product"
    CROSS_FUNCTIONAL = "cross_functional"
    MIXED = "mixed"
    NONE = "none"


_BY_STRUCTURE = {
    Structure.PLATFORM: MlopsPlacement.PLATFORM,
    Structure.DATA_AI: MlopsPlacement.DATA_AI,
    Structure.PRODUCT: MlopsPlacement.PRODUCT,
}

_KIND_WORDS = {
    MlopsPlacement.PLATFORM: "under Platform",
    MlopsPlacement.DATA_AI: "under Data & AI",
    MlopsPlacement.PRODUCT: "in Product",
    MlopsPlacement.CROSS_FUNCTIONAL: "cross-functional",
}


@dataclass(frozen=True, slots=True)
class MlopsTeamPlacement:
    """Where one team doing MLOps work sits: its kind, the unit that decides it (None when it
    reports to the top), the top-level structures its dotted lines reach, why, in words, and
    the MLOps responsibilities it owns (``owns``, catalogue order)."""

    team: str
    kind: MlopsPlacement
    unit: str | None
    serves: tuple[Structure, ...]
    reason: str
    owns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MlopsPlacementReport:
    """The org's MLOps placement with the catalogue's focus and trade-offs, and each team's."""

    kind: MlopsPlacement
    name: str
    focus: str
    strengths: tuple[str, ...]
    risks: tuple[str, ...]
    teams: tuple[MlopsTeamPlacement, ...]


Reach = tuple[object, Structure]
"""Where a dotted line reaches, as the placement counts it: a key (the top-level structure, or
the top-level unit itself when its structure is ``other``: each of those counts on its own)
and the structure."""


def team_placement(
    team: str, unit: str | None, unit_node: Unit | None, reached: Iterable[Reach], owns: tuple[str, ...]
) -> MlopsTeamPlacement:
    """The placement of MLOps team ``team``: ``unit`` is the nearest unit above it (or itself)
    whose structure is not ``other`` (None when there is none), ``reached`` what its dotted
    lines reach, ``owns`` the MLOps responsibilities it owns.

    The nearest unit decides; a team that reaches the executive unit (or no structured unit)
    reports to the top and belongs to no single structure, so it counts as cross-functional.
    Dotted lines reaching two or more top-level structures make it cross-functional too.
    """
    seen: dict[object, Structure] = {}
    for key, structure in reached:
        seen.setdefault(key, structure)
    serves = tuple(seen.values())
    structure = Structure.EXECUTIVE if unit_node is None else unit_node.structure
    kind = _BY_STRUCTURE.get(structure, MlopsPlacement.CROSS_FUNCTIONAL)
    name = "" if unit_node is None else unit_node.name
    if structure is Structure.EXECUTIVE:
        top = "the top of the org" if unit_node is None else name
        reason = f"reports to {top}, so it belongs to no single structure"
        unit = None
    elif structure is Structure.CROSS_FUNCTIONAL:
        reason = f"sits in the cross-functional unit {name}"
    else:
        reason = f"reports into {name}"
    if len(seen) >= 2:
        kind = MlopsPlacement.CROSS_FUNCTIONAL
        reason += f", and its dotted lines reach {len(seen)} structures"
    return MlopsTeamPlacement(team, kind, unit, serves, reason, owns)


def place_team(index: OrgIndex, team: int, served: list[int]) -> MlopsTeamPlacement:
    """The placement of the MLOps team at position ``team`` that serves the nodes ``served``
    (see :func:`team_placement`)."""
    unit = index.structured[team]
    reached = [_reach(index.top_structure(t), ("unit", index.top[t])) for t in served]
    node = None if unit == NO_NODE else index.nodes[unit]
    assert node is None or isinstance(node, Unit)
    unit_id = None if unit == NO_NODE else index.ids[unit]
    return team_placement(index.ids[team], unit_id, node, reached, mlops_owned(index.nodes[team]))


def _reach(structure: Structure, top: object) -> Reach:
    return (top if structure is Structure.OTHER else structure), structure


def reach_of(structure: Structure, top: str) -> Reach:
    """What a dotted line to a node under top-level node ``top`` (of ``structure``) reaches."""
    return _reach(structure, ("unit", top))


def mlops_owned(team: Node) -> tuple[str, ...]:
    """The MLOps responsibilities ``team`` owns, in catalogue order."""
    assert isinstance(team, Team)
    cat = load_catalogue()
    owned = set(team.responsibilities if team.responsibilities is not None else cat.defaults(team.discipline))
    return tuple(r for r in cat.defaults(Discipline.MLOPS) if r in owned)


def check_mlops_placement(index: OrgIndex, cat: Catalogue) -> tuple[MlopsPlacementReport, list[Finding]]:
    """Place every team doing MLOps work and combine them (see :func:`combine`)."""
    mlops = index.doing(Discipline.MLOPS)
    served: dict[int, list[int]] = {i: [] for i in mlops}
    pos = index.pos
    for link in index.org.links:
        targets = served.get(pos[link.source])
        if targets is not None:
            targets.append(pos[link.target])
    report = combine(tuple(place_team(index, i, served[i]) for i in mlops), cat)
    first = index.nodes[mlops[0]] if mlops else None
    assert first is None or isinstance(first, Team)
    return report, [placement_finding(report, first, index.listed(mlops, 3), index.id_tuple(mlops), cat)]


def _who(team: Team, cat: Catalogue) -> str:
    """A team's name, with its discipline when that is not MLOps (it does the MLOps work)."""
    if team.discipline is Discipline.MLOPS:
        return team.name
    return f"{team.name} ({cat.discipline(team.discipline).name}, doing the MLOps work)"


def placement_finding(
    report: MlopsPlacementReport, first: Team | None, listed: str, teams: tuple[str, ...], cat: Catalogue
) -> Finding:
    """The note saying where MLOps sits: ``first`` is the first team doing MLOps work, ``listed``
    names the first three, ``teams`` are all their ids in file order."""
    if not report.teams or first is None:
        what = "Nobody does the MLOps work: no MLOps team, and no team owns an MLOps responsibility."
    elif len(report.teams) == 1:
        what = f"{_who(first, cat)} {report.teams[0].reason}."
    else:
        counts = Counter(t.kind for t in report.teams)
        parts = [f"{n} {_KIND_WORDS[k]}" for k, n in counts.most_common()]
        what = f"{len(report.teams)} teams do MLOps work ({listed}): {names_list(parts, 5)}."
    message = f"{report.name} (focus: {report.focus}). {what} Risks: {'; '.join(report.risks)}."
    return Finding(Severity.INFO, "mlops.placement", message, teams, report.kind.value)


def combine(teams: tuple[MlopsTeamPlacement, ...], cat: Catalogue) -> MlopsPlacementReport:
    """The org's placement from its teams': all agree, that placement; they disagree, mixed;
    nobody does MLOps work, none."""
    kinds = {t.kind for t in teams}
    if not kinds:
        kind = MlopsPlacement.NONE
    elif len(kinds) == 1:
        kind = next(iter(kinds))
    else:
        kind = MlopsPlacement.MIXED
    info = cat.mlops_option(kind)
    return MlopsPlacementReport(kind, info.name, info.focus, info.strengths, info.risks, teams)
