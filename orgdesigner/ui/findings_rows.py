"""What the findings panel shows of a report, as plain rows: findings grouped by severity and
kind (what the last edit created first, marked NEW; what it resolved in a section of its own),
then where MLOps sits, the maturity stage and the ML project's hand-offs.

The panel compares these rows with those it shows and changes only the tree items that differ.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from orgdesigner.analysis import Finding, MlopsPlacement, MlopsTeamPlacement, Report, Severity
from orgdesigner.analysis.edit_delta import EditDelta
from orgdesigner.analysis.grouping import FindingGroup, group_findings
from orgdesigner.export.report_common import PLACEMENT_WORDS
from orgdesigner.model import OrgTree

SEVERITY_TITLES = {Severity.ERROR: "Gaps and errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
SEVERITY_COLORS = {Severity.ERROR: "#c0392b", Severity.WARNING: "#a8650f", Severity.INFO: "#4a5568"}
SEVERITY_MARKS = {Severity.ERROR: "■", Severity.WARNING: "▲", Severity.INFO: "●"}
TEAMS_LISTED = 3
"""Up to this many MLOps teams, each gets its own line; more are summed up per placement."""
NEW_MARK = "NEW: "
"""Put before a finding the last edit created (in bold: never colour alone)."""
RESOLVED_MARK = "✓ "
CHILDREN_SHOWN = 500
"""An expanded group lists this many of its findings, then says how many more there are."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the panel: its text, the nodes it names (activating it selects them), its
    colour and weight, the findings it lists when opened (``lazy``: made on first opening) or
    the rows below it made now (``rows``); ``key`` says which line it is when its text changes
    with the report (a group's count), so the line is kept and updated, not replaced."""

    text: str
    nodes: tuple[str, ...] = ()
    color: str = ""
    bold: bool = False
    lazy: tuple[Finding, ...] = ()
    rows: tuple[Row, ...] = ()
    key: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level line with its rows; ``opened`` when it must be shown expanded (it holds
    what the last edit created, or it is the resolved section)."""

    key: str
    title: str
    rows: tuple[Row, ...]
    opened: bool = False


def sections(report: Report, org: OrgTree, delta: EditDelta | None) -> list[Section]:
    """The panel's sections for ``report`` of ``org``; with ``delta``, what the last edit
    created comes first in its section, marked, and what it resolved gets a section."""
    fresh = {id(f) for f in delta.new} if delta else set()
    out: list[Section] = []
    by_severity: dict[Severity, list[Finding]] = {s: [] for s in Severity}
    for f in report.findings:
        by_severity[f.severity].append(f)
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        found = by_severity[severity]
        groups = group_findings(found)
        if fresh:
            groups.sort(key=lambda g: not any(id(f) in fresh for f in g.findings))
        rows: list[Row] = []
        opened = False
        for group in groups:
            text = f"{SEVERITY_MARKS[severity]} {group_line(group)}"
            made = sum(1 for f in group.findings if id(f) in fresh) if fresh else 0
            if made:
                text = f"{NEW_MARK if group.count == 1 else f'{NEW_MARK[:-2]} ({made}): '}{text}"
                opened = True
            lazy = group.findings if group.count > 1 else ()
            key = f"{group.code}|{group.findings[0].topic}" if group.findings[0].topic else ""
            rows.append(Row(text, group.nodes, SEVERITY_COLORS[severity], bool(made), lazy, key=key))
        out.append(Section(severity.value, f"{SEVERITY_TITLES[severity]} ({len(found)})", tuple(rows), opened))
    if delta is not None and delta.resolved:
        rows = [Row(f"{RESOLVED_MARK}{group_line(g)}", g.nodes) for g in group_findings(delta.resolved)]
        out.append(Section("resolved", f"Resolved by the last edit ({len(delta.resolved)})", tuple(rows), True))
    out.append(_placement(report, org))
    out.append(_maturity(report))
    out.append(_handoffs(report, org))
    return out


def lazy_rows(findings: tuple[Finding, ...]) -> list[Row]:
    """The lines of an opened group: its findings, the first :data:`CHILDREN_SHOWN` of them."""
    rows = [Row(f.message, f.nodes) for f in findings[:CHILDREN_SHOWN]]
    if len(findings) > CHILDREN_SHOWN:
        rows.append(Row(f"… and {len(findings) - CHILDREN_SHOWN:,} more (File > Export > Report)"))
    return rows


def _name(org: OrgTree, node_id: str) -> str:
    node = org.get(node_id)
    return node_id if node is None else node.name


def _placement(report: Report, org: OrgTree) -> Section:
    p = report.placement
    rows = [Row(f"Focus: {p.focus}", tuple(t.team for t in p.teams))]
    rows += [Row(f"+ {s}") for s in p.strengths]
    rows += [Row(f"− {r}") for r in p.risks]
    if len(p.teams) <= TEAMS_LISTED:
        rows += [Row(f"{_name(org, t.team)} {t.reason}.", (t.team,)) for t in p.teams]
    else:
        by_kind: dict[MlopsPlacement, list[MlopsTeamPlacement]] = defaultdict(list)
        for t in p.teams:
            by_kind[t.kind].append(t)
        for kind, teams in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
            names = ", ".join(_name(org, t.team) for t in teams[:TEAMS_LISTED])
            more = f" and {len(teams) - TEAMS_LISTED} more" if len(teams) > TEAMS_LISTED else ""
            line = f"{len(teams)} MLOps teams {PLACEMENT_WORDS[kind.value]}: {names}{more}"
            each = tuple(Row(f"{_name(org, t.team)} {t.reason}.", (t.team,)) for t in teams[:CHILDREN_SHOWN])
            rows.append(Row(line, tuple(t.team for t in teams), rows=each, key=f"kind:{kind.value}"))
    return Section("Where MLOps sits", f"Where MLOps sits: {p.name}", tuple(rows))


def _maturity(report: Report) -> Section:
    m = report.maturity
    rows: list[Row] = []
    for ev in m.evidence:
        reqs = tuple(
            Row(f"{req.title}: {len(req.owners)} owner{'s' * (len(req.owners) != 1)}", req.owners)
            for req in ev.requirements
        )
        rows.append(Row(f"Stage {ev.stage}, {ev.name}: met", rows=reqs))
    if m.next is not None:
        missing = tuple(Row(title) for _rid, title in m.next.missing)
        rows.append(Row(f"For stage {m.next.stage}, {m.next.name}, someone must own:", rows=missing))
    return Section("Maturity", f"Maturity: stage {m.stage}, {m.name} (target {m.target_stage})", tuple(rows))


def _handoffs(report: Report, org: OrgTree) -> Section:
    h = report.handoffs
    rows: list[Row] = []
    for step in h.steps:
        if step.owner is None:
            rows.append(Row(f"{step.step}. {step.name}: nobody owns this step"))
        else:
            hop = "" if step.distance is None else f" (+{step.distance} reporting lines)"
            rows.append(Row(f"{step.step}. {step.name}: {_name(org, step.owner)}{hop}", (step.owner,)))
    return Section("ML project trace", f"ML project trace: {h.total_distance} reporting lines crossed", tuple(rows))


def headline_text(report: Report) -> str:
    """The key figures in a line or two: stage against target, where MLOps sits, the counts."""
    s = report.summary
    return (
        f"Stage {s.stage} ({s.stage_name}), target {s.target_stage} · MLOps: {report.placement.name} · "
        f"{s.errors} error{'s' * (s.errors != 1)}, {s.warnings} warning{'s' * (s.warnings != 1)}, "
        f"{s.infos} note{'s' * (s.infos != 1)}"
    )


def group_line(group: FindingGroup) -> str:
    """What a person reads for a group: its sentence, and how many findings it stands for when
    its sentence does not say so itself."""
    if group.count == 1 or group.findings[0].group_text:
        return group.text
    return f"{group.text} (×{group.count})"
