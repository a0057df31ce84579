"""Where MLOps sits: under Platform, in Data & AI, in Product, cross-functional, split across
several places (mixed), or nowhere (none).

The MLOps work decides, whoever does it: a team of discipline MLOps, or a team of another
discipline that owns MLOps responsibilities (a combined ML Engineering / MLOps team, say); see
:meth:`~orgdesigner.analysis.graph.OrgIndex.doing`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from orgdesigner.analysis.findings import Finding, Severity, names_list
from orgdesigner.analysis.graph import NO_NODE, OrgIndex
from orgdesigner.model import Catalogue, Discipline, Structure, Team, load_catalogue


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


def place_team(index: OrgIndex, team: int, served: list[int]) -> MlopsTeamPlacement:
    """The placement of the MLOps team at position ``team`` that serves the nodes ``served``.

    The nearest unit above it with a structure other than ``other`` decides; a team that
    reaches the executive unit (or no structured unit) reports to the top and belongs to no
    single structure, so it counts as cross-functional. Dotted lines reaching two or more
    top-level structures make it cross-functional too (each ``other`` unit counts on its own).
    """
    unit = index.structured[team]
    reached: dict[Structure | int, Structure] = {}
    for target in served:
        structure = index.top_structure(target)
        reached.setdefault(index.top[target] if structure is Structure.OTHER else structure, structure)
    serves = tuple(reached.values())
    unit_id = None if unit == NO_NODE else index.ids[unit]
    structure = Structure.EXECUTIVE if unit == NO_NODE else index.structure_at(unit)
    kind = _BY_STRUCTURE.get(structure, MlopsPlacement.CROSS_FUNCTIONAL)
    if structure is Structure.EXECUTIVE:
        top = "the top of the org" if unit == NO_NODE else index.name(unit)
        reason = f"reports to {top}, so it belongs to no single structure"
        unit_id = None
    elif structure is Structure.CROSS_FUNCTIONAL:
        reason = f"sits in the cross-functional unit {index.name(unit)}"
    else:
        reason = f"reports into {index.name(unit)}"
    if len(reached) >= 2:
        kind = MlopsPlacement.CROSS_FUNCTIONAL
        reason += f", and its dotted lines reach {len(reached)} structures"
    return MlopsTeamPlacement(index.ids[team], kind, unit_id, serves, reason, _owns(index, team))


def _owns(index: OrgIndex, team: int) -> tuple[str, ...]:
    node = index.nodes[team]
    assert isinstance(node, Team)
    owned = set(index.org.owned_responsibilities(node))
    return tuple(r for r in load_catalogue().defaults(Discipline.MLOPS) if r in owned)


def check_mlops_placement(index: OrgIndex, cat: Catalogue) -> tuple[MlopsPlacementReport, list[Finding]]:
    """Place every team doing MLOps work and combine: all agree, that placement; they
    disagree, mixed; nobody does MLOps work, none."""
    mlops = index.doing(Discipline.MLOPS)
    served: dict[int, list[int]] = {i: [] for i in mlops}
    pos = index.pos
    for link in index.org.links:
        targets = served.get(pos[link.source])
        if targets is not None:
            targets.append(pos[link.target])
    teams = tuple(place_team(index, i, served[i]) for i in mlops)
    kinds = {t.kind for t in teams}
    if not kinds:
        kind = MlopsPlacement.NONE
    elif len(kinds) == 1:
        kind = next(iter(kinds))
    else:
        kind = MlopsPlacement.MIXED
    info = cat.mlops_option(kind)
    report = MlopsPlacementReport(kind, info.name, info.focus, info.strengths, info.risks, teams)
    return report, [_finding(index, report, mlops, cat)]


def _who(index: OrgIndex, team: int, cat: Catalogue) -> str:
    """A team's name, with its discipline when that is not MLOps (it does the MLOps work)."""
    node = index.nodes[team]
    assert isinstance(node, Team)
    if node.discipline is Discipline.MLOPS:
        return node.name
    return f"{node.name} ({cat.discipline(node.discipline).name}, doing the MLOps work)"


def _finding(index: OrgIndex, report: MlopsPlacementReport, mlops: list[int], cat: Catalogue) -> Finding:
    if not report.teams:
        what = "Nobody does the MLOps work: no MLOps team, and no team owns an MLOps responsibility."
    elif len(report.teams) == 1:
        what = f"{_who(index, mlops[0], cat)} {report.teams[0].reason}."
    else:
        counts = Counter(t.kind for t in report.teams)
        parts = [f"{n} {_KIND_WORDS[k]}" for k, n in counts.most_common()]
        what = f"{len(report.teams)} teams do MLOps work ({index.listed(mlops, 3)}): {names_list(parts, 5)}."
    message = f"{report.name} (focus: {report.focus}). {what} Risks: {'; '.join(report.risks)}."
    return Finding(Severity.INFO, "mlops.placement", message, index.id_tuple(mlops), report.kind.value)
