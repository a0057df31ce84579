"""Structure health: headcount rolled up per unit, span of control, empty units, and teams
with no people yet."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.findings import Finding, Severity, plural
from orgdesigner.analysis.graph import OrgIndex
from orgdesigner.model import Team

DEFAULT_MAX_SPAN = 8


@dataclass(frozen=True, slots=True)
class Span:
    """A node and how many direct reports (child units and teams) it has."""

    node: str
    direct_reports: int


@dataclass(frozen=True, slots=True)
class StructureReport:
    """Headcount per unit (everyone in teams below it), the spans above ``max_span``, the
    widest span, the units with no team below them and the teams with headcount 0."""

    max_span: int
    units: int
    teams: int
    total_headcount: int
    headcount: dict[str, int]
    widest: Span | None
    over_span: tuple[Span, ...]
    empty_units: tuple[str, ...]
    teams_without_headcount: tuple[str, ...]


def check_structure(index: OrgIndex, max_span: int = DEFAULT_MAX_SPAN) -> tuple[StructureReport, list[Finding]]:
    """Roll headcount up the tree and look for spans that are too wide and empty places."""
    n = len(index)
    nodes, parent, ids = index.nodes, index.parent, index.ids
    rolled = [0] * n
    has_team = [False] * n
    size = [1] * n
    for i in index.teams:
        node = nodes[i]
        assert isinstance(node, Team)
        rolled[i] = node.headcount
        has_team[i] = True
    for i in range(n - 1, 0, -1):
        p = parent[i]
        rolled[p] += rolled[i]
        size[p] += size[i]
        if has_team[i]:
            has_team[p] = True
    units = [i for i in range(n) if not isinstance(nodes[i], Team)]
    headcount = {ids[i]: rolled[i] for i in units}
    findings: list[Finding] = []
    counts = index.child_count
    over = [i for i in range(n) if counts[i] > max_span]
    findings += [span_finding(ids[i], index.name(i), counts[i], max_span) for i in over]
    empty = [i for i in units if not has_team[i]]
    for i in empty:
        if i == 0 or has_team[parent[i]]:
            findings.append(empty_unit_finding(index.name(i), tuple(ids[i : i + size[i]])))
    unstaffed = [i for i in index.teams if nodes[i].headcount == 0]
    if unstaffed:
        findings.append(no_headcount_finding(index.listed(unstaffed, 5), index.id_tuple(unstaffed)))
    widest_at = max(range(n), key=counts.__getitem__, default=None)
    widest = None if widest_at is None else Span(ids[widest_at], counts[widest_at])
    report = StructureReport(
        max_span,
        len(units),
        len(index.teams),
        rolled[0] if n else 0,
        headcount,
        widest,
        tuple(Span(ids[i], counts[i]) for i in over),
        index.id_tuple(empty),
        index.id_tuple(unstaffed),
    )
    return report, findings


def span_finding(node: str, name: str, count: int, max_span: int) -> Finding:
    """The warning for a node with more than ``max_span`` direct reports."""
    return Finding(
        Severity.WARNING,
        "structure.span",
        f"{name} has {count} direct reports, more than {max_span}: "
        "consider splitting it or adding a level of management.",
        (node,),
        node,
        topic="span",
        group_text=f"{{n}} units have more than {max_span} direct reports: consider splitting them or "
        "adding a level of management.",
    )


def empty_unit_finding(name: str, nodes: tuple[str, ...]) -> Finding:
    """The warning for a unit with no team below it: ``nodes`` is its subtree in file order,
    itself first (the units below it are said once, with it)."""
    below = len(nodes) - 1
    tail = f" (nor do the {plural(below, 'unit')} below it)" if below else ""
    return Finding(
        Severity.WARNING,
        "structure.empty_unit",
        f"{name} has no teams{tail}: staff it or remove it.",
        nodes,
        nodes[0],
        topic="empty",
        group_text="{n} units have no teams: staff them or remove them.",
    )


def no_headcount_finding(who: str, teams: tuple[str, ...]) -> Finding:
    """The note listing the teams with no people yet (``who`` names the first of them)."""
    verb = "has" if len(teams) == 1 else "have"
    return Finding(
        Severity.INFO,
        "structure.no_headcount",
        f"{plural(len(teams), 'team')} {verb} no headcount yet: {who}.",
        teams,
    )
