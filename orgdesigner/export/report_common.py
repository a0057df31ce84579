"""What every report writer shows, as plain unescaped strings: each writer escapes them for
its own format. The report holds node ids; the org gives their names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesigner.analysis import Report, Severity
from orgdesigner.analysis.dependencies import DependencyStatus
from orgdesigner.analysis.findings import plural
from orgdesigner.analysis.grouping import FindingGroup, group_findings
from orgdesigner.model import Catalogue, OrgTree, load_catalogue

SEVERITY_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}
OWNERS_SHOWN = 4
UNITS_SHOWN = 20

PLACEMENT_WORDS = {
    "platform": "under Platform Engineering",
    "data_ai": "under Data & AI",
    "product": "inside Product Engineering",
    "cross_functional": "cross-functional",
    "mixed": "split across structures",
    "none": "no MLOps team",
}


@dataclass(frozen=True)
class Section:
    """A titled table of a report: a header row, body rows and lines of notes under it."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    notes: list[str]


def node_name(org: OrgTree, node_id: str) -> str:
    """A node's name, or its id if the org no longer has it."""
    node = org.get(node_id)
    return node_id if node is None else node.name


def names(org: OrgTree, ids: tuple[str, ...], limit: int = OWNERS_SHOWN) -> str:
    """Node names for a table cell: the first few, then how many more."""
    if not ids:
        return "nobody"
    shown = ", ".join(node_name(org, i) for i in ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"


NAMES_IN_GROUP = 6


@dataclass(frozen=True)
class FindingEntry:
    """One line of a report's findings: a kind of problem, said once, with the names of the
    nodes it concerns when it stands for several findings (None when it stands alone)."""

    severity: Severity
    code: str
    text: str
    count: int
    names: str | None


def finding_entries(report: Report, org: OrgTree, severity: Severity) -> list[FindingEntry]:
    """The findings of one severity, grouped as a person reads them (see ``analysis.grouping``)."""
    return [_entry(g, org) for g in group_findings(report.of(severity))]


def _entry(group: FindingGroup, org: OrgTree) -> FindingEntry:
    if group.count == 1:
        return FindingEntry(group.severity, group.code, group.text, 1, None)
    return FindingEntry(group.severity, group.code, group.text, group.count, names(org, group.nodes, NAMES_IN_GROUP))


def headline(report: Report) -> list[tuple[str, str]]:
    """Label/value pairs summing the report up."""
    s = report.summary
    p = report.placement
    return [
        ("Stage", f"{s.stage} of 5, {s.stage_name} (target: stage {s.target_stage})"),
        ("MLOps", f"{PLACEMENT_WORDS[p.kind.value]} (focus: {p.focus})"),
        (
            "Size",
            f"{plural(s.units, 'unit')}, {plural(s.teams, 'team')}, {plural(s.headcount, 'person', 'people')}, "
            f"{plural(s.links, 'dotted line')}",
        ),
        ("Findings", f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}, {s.infos} info"),
    ]


def sections(report: Report, org: OrgTree) -> list[Section]:
    """The report's tables, in reading order."""
    cat = load_catalogue()
    return [
        _maturity(report, org, cat),
        _handoffs(report, org),
        _coverage(report, org, cat),
        _dependencies(report, org, cat),
        _placement(report, org),
        _structure(report, org),
        _suggestions(report, org, cat),
    ]


def _coverage(report: Report, org: OrgTree, cat: Catalogue) -> Section:
    cov = report.coverage
    gaps, overlapping = set(cov.gaps), {o.responsibility for o in cov.overlaps}
    rows = []
    for resp in cat.responsibilities:
        owners = cov.owners.get(resp.id, ())
        if resp.id in gaps:
            status = "GAP"
        elif resp.id in overlapping:
            status = "overlap"
        elif not owners:
            status = "not needed yet"
        else:
            status = "ok"
        rows.append((resp.title, cat.discipline(resp.discipline).name, names(org, owners), status))
    notes = [f"{len(cov.gaps)} gaps, {len(cov.overlaps)} overlaps, {len(cov.unowned)} unowned but not needed."]
    return Section("Coverage", ("Responsibility", "Discipline", "Owners", "Status"), rows, notes)


def _dependencies(report: Report, org: OrgTree, cat: Catalogue) -> Section:
    rows = []
    for dep in report.dependencies:
        if dep.status in (DependencyStatus.OK, DependencyStatus.MISSING):
            rows.append(
                (
                    cat.discipline(dep.provider).name,
                    cat.discipline(dep.consumer).name,
                    dep.provides,
                    "MISSING" if dep.status is DependencyStatus.MISSING else "ok",
                )
            )
    notes = [] if rows else ["No relationship of the catalogue applies to this org yet."]
    return Section("Dependencies", ("Provider", "Consumer", "Provides", "Status"), rows, notes)


def _placement(report: Report, org: OrgTree) -> Section:
    p = report.placement
    rows = [(node_name(org, t.team), PLACEMENT_WORDS[t.kind.value], t.reason) for t in p.teams]
    notes = [f"{p.name}: focus {p.focus}."]
    notes += [f"+ {s}" for s in p.strengths] + [f"- {r}" for r in p.risks]
    return Section("MLOps placement", ("Team", "Placement", "Why"), rows, notes)


def _maturity(report: Report, org: OrgTree, cat: Catalogue) -> Section:
    m = report.maturity
    rows = []
    for ev in m.evidence:
        for req in ev.requirements:
            rows.append((f"{ev.stage}. {ev.name}", req.title, names(org, req.owners)))
    notes = [f"Stands at stage {m.stage} ({m.name}); designed for stage {m.target_stage}."]
    if not m.floor_met:
        notes.append("Stage 1 is not fully met either; 1 is the lowest stage shown.")
    if m.next is not None:
        missing = ", ".join(title for _, title in m.next.missing) or "nothing"
        notes.append(f"Next, stage {m.next.stage} ({m.next.name}) needs: {missing}.")
    return Section("Maturity", ("Stage", "Requirement", "Owners"), rows, notes)


def _handoffs(report: Report, org: OrgTree) -> Section:
    h = report.handoffs
    rows = [
        (
            str(s.step),
            s.name,
            "nobody" if s.owner is None else node_name(org, s.owner),
            "-" if s.distance is None else str(s.distance),
        )
        for s in h.steps
    ]
    notes = [f"Total distance: {h.total_distance} reporting lines."]
    return Section("ML project hand-offs", ("Step", "Name", "Owner", "Distance"), rows, notes)


def _structure(report: Report, org: OrgTree) -> Section:
    st = report.structure
    rows = []
    root = org.root
    if root is not None:
        shown = [root] + [c for c in org.children(root) if c in st.headcount]
        for uid in shown[:UNITS_SHOWN]:
            if uid in st.headcount:
                rows.append((node_name(org, uid), str(st.headcount[uid]), str(org.child_count(uid))))
    notes = [f"Total headcount: {st.total_headcount}."]
    if st.widest is not None:
        widest = node_name(org, st.widest.node)
        notes.append(f"Widest span: {widest}, {plural(st.widest.direct_reports, 'direct report')}.")
    notes.append(
        f"{len(st.over_span)} nodes have more than {st.max_span} direct reports; "
        f"{len(st.empty_units)} units have no team; "
        f"{len(st.teams_without_headcount)} teams have no headcount."
    )
    return Section("Structure", ("Unit", "Headcount", "Direct reports"), rows, notes)


def _suggestions(report: Report, org: OrgTree, cat: Catalogue) -> Section:
    rows = []
    for s in report.suggestions:
        if not s.options:
            rows.append((s.name, "nobody on the chart: hire", ""))
        for opt in s.options:
            who = f"{cat.discipline(opt.source).name}: {names(org, opt.teams, 2)}"
            rows.append((s.name, who, ", ".join(opt.learn)))
    notes = [] if rows else ["No discipline is missing."]
    return Section("Staffing suggestions", ("Missing", "Could grow into it", "Would learn"), rows, notes)
