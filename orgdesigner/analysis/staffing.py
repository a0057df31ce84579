"""Staffing suggestions: for each discipline the org lacks but needs, the teams on the chart
that have a career path into it, and what they would have to learn."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.coverage import CoverageReport
from orgdesigner.analysis.dependencies import DependencyCheck, DependencyStatus
from orgdesigner.analysis.findings import Finding, Severity, names_list, quoted, with_discipline
from orgdesigner.analysis.graph import OrgIndex
from orgdesigner.model import Catalogue, Discipline

NATURAL_SOURCE = Discipline.DEVOPS_SRE


@dataclass(frozen=True, slots=True)
class CareerOption:
    """Teams of one discipline that could grow into the missing one, with what they already
    know and what they would learn."""

    source: Discipline
    teams: tuple[str, ...]
    knows: tuple[str, ...]
    learn: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class StaffingSuggestion:
    """A discipline the org has no team of but needs: for its own responsibilities that are
    gaps (``gaps``) or because teams depend on it (``needed_by``); ``options`` put the
    natural path (DevOps) first."""

    discipline: Discipline
    name: str
    gaps: tuple[str, ...]
    needed_by: tuple[str, ...]
    options: tuple[CareerOption, ...]


def suggest_staffing(
    index: OrgIndex, cat: Catalogue, coverage: CoverageReport, dependencies: tuple[DependencyCheck, ...]
) -> tuple[tuple[StaffingSuggestion, ...], list[Finding]]:
    """Suggest who could grow into each missing discipline."""
    present = {info.id: index.doing(info.id) for info in cat.disciplines if index.doing(info.id)}
    gaps: dict[Discipline, list[str]] = {}
    for rid in coverage.gaps:
        home = cat.responsibility(rid).discipline
        if home not in present:
            gaps.setdefault(home, []).append(rid)
    needed_by: dict[Discipline, set[int]] = {}
    for dep in dependencies:
        if dep.status is DependencyStatus.MISSING and dep.provider not in present:
            needed_by.setdefault(dep.provider, set()).update(index.pos[t] for t in dep.consumers)
    suggestions: list[StaffingSuggestion] = []
    findings: list[Finding] = []
    for info in cat.disciplines:
        d = info.id
        if d not in gaps and d not in needed_by:
            continue
        paths = sorted(
            (p for p in cat.career_paths if p.target == d and p.source in present),
            key=lambda p: p.source != NATURAL_SOURCE,
        )
        options = tuple(
            CareerOption(p.source, index.id_tuple(present[p.source]), p.knows, p.learn, p.note) for p in paths
        )
        dependants = sorted(needed_by.get(d, ()))
        suggestion = StaffingSuggestion(d, info.name, tuple(gaps.get(d, ())), index.id_tuple(dependants), options)
        suggestions.append(suggestion)
        findings.append(_finding(index, cat, suggestion, dependants))
    return tuple(suggestions), findings


def _finding(index: OrgIndex, cat: Catalogue, s: StaffingSuggestion, dependants: list[int]) -> Finding:
    why: list[str] = []
    if s.gaps:
        why.append(f"nobody owns {names_list(quoted(cat.responsibility(r).title for r in s.gaps), 3)}")
    if dependants:
        verb = "depends" if len(dependants) == 1 else "depend"
        why.append(f"{index.listed(dependants, 3)} {verb} on it")
    text = f"The org has no {s.name} team but needs one: {' and '.join(why)}."
    nodes: list[int] = []
    if not s.options:
        text += f" No team on the chart has a known path into {s.name}: hire for it."
    for k, option in enumerate(s.options):
        positions = [index.pos[t] for t in option.teams]
        nodes.extend(positions)
        note = option.note[:1].lower() + option.note[1:].rstrip(".")
        source = cat.discipline(option.source).name
        who = (
            with_discipline(index.listed(positions, 2), source)
            if len(positions) == 1
            else (f"{source} ({index.listed(positions, 2)})")
        )
        if k == 0:
            text += f" {who} could grow into it, {note}, by learning {', '.join(option.learn)}."
        else:
            text += f" Or {who}, by learning {', '.join(option.learn)}."
    return Finding(Severity.INFO, "staffing.suggestion", text, index.id_tuple(sorted(nodes)), s.discipline.value)
