"""The key figures of an analysed org, the ones a decision turns on: maturity stage, where
MLOps sits, coverage gaps, errors and warnings, the reporting lines the ML project crosses
(in all, per step, and the worst hop), headcount per top-level structure and the widest span."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.mlops_placement import MlopsPlacement
from orgdesigner.analysis.report import Report
from orgdesigner.model import OrgTree, Structure, Team, Unit

STRUCTURE_ORDER = tuple(s.value for s in Structure)


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """One org's key figures. ``step_distances`` has one entry per step of the ML project
    flow (None for step 1 and for unowned steps); ``worst_hop`` is ``(step, distance)`` of
    the longest hand-off (the first, on a tie), None when no hand-off was traced; ``headcount``
    maps each top-level structure on the chart (the structure of the units reporting to the
    top; ``executive`` for teams reporting to it directly) to its people, in catalogue order;
    ``max_span`` is the widest span of control and ``widest`` the node that has it."""

    name: str
    stage: int
    stage_name: str
    target_stage: int
    mlops: MlopsPlacement
    gaps: int
    errors: int
    warnings: int
    total_distance: int
    step_distances: tuple[int | None, ...]
    worst_hop: tuple[int, int] | None
    headcount: dict[str, int]
    total_headcount: int
    max_span: int
    widest: str | None


def key_figures(org: OrgTree, report: Report) -> KeyFigures:
    """The key figures of ``org``, read from its ``report`` (linear in the org's top level)."""
    steps = report.handoffs.steps
    hops = [(s.step, s.distance) for s in steps if s.distance is not None]
    worst = max(hops, key=lambda h: h[1], default=None)
    if worst is not None:
        worst = next(h for h in hops if h[1] == worst[1])
    widest = report.structure.widest
    return KeyFigures(
        org.name,
        report.maturity.stage,
        report.maturity.name,
        org.target_stage,
        report.placement.kind,
        len(report.coverage.gaps),
        report.summary.errors,
        report.summary.warnings,
        report.handoffs.total_distance,
        tuple(s.distance for s in steps),
        worst,
        top_level_headcount(org, report),
        report.structure.total_headcount,
        widest.direct_reports if widest is not None else 0,
        widest.node if widest is not None else None,
    )


def top_level_headcount(org: OrgTree, report: Report) -> dict[str, int]:
    """People per top-level structure, in catalogue order of the structures.

    A unit's structure counts from the top down: a unit of structure ``other`` (a "Research &
    Development" or "Technology" department around Platform, Data & AI and Product) is looked
    through, as the placement looks through it, so its units count as their own structures and
    only the teams straight in it as ``other``. Teams reporting to the top are ``executive``.
    """
    sums: dict[str, int] = {}
    root = org.root
    if root is None:
        return sums
    top = org.node(root)
    if isinstance(top, Team):
        sums[Structure.EXECUTIVE.value] = report.structure.total_headcount
        return sums
    rolled = report.structure.headcount

    def people_of_team(team_id: str) -> int:  # a team with whatever reports to it
        return sum(n.headcount for n in map(org.node, org.subtree_ids(team_id)) if isinstance(n, Team))

    stack = [(child, Structure.EXECUTIVE.value) for child in reversed(org.children(root))]
    while stack:
        nid, around = stack.pop()
        node = org.node(nid)
        if isinstance(node, Unit) and node.structure is Structure.OTHER:
            sums.setdefault(Structure.OTHER.value, 0)
            stack.extend((child, Structure.OTHER.value) for child in reversed(org.children(nid)))
            continue
        key, people = (
            (node.structure.value, rolled.get(nid, 0)) if isinstance(node, Unit) else (around, people_of_team(nid))
        )
        sums[key] = sums.get(key, 0) + people
    return {k: sums[k] for k in STRUCTURE_ORDER if k in sums}
