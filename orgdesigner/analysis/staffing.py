"""Staffing suggestions: for each discipline the org lacks but needs, the teams on the chart
that have a career path into it, and what they would have to learn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from orgdesigner.analysis.coverage import CoverageReport
from orgdesigner.analysis.dependencies import DependencyCheck, DependencyStatus
from orgdesigner.analysis.findings import Finding, Severity, names_list, quoted, with_discipline
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


class TeamsView(Protocol):
    """What staffing reads of an index: the teams doing each discipline, file order, names."""

    def doing_count(self, discipline: Discipline) -> int:
        """How many teams practise ``discipline``."""
        ...

    def doing_ids(self, discipline: Discipline) -> Sequence[str]:
        """The ids of the teams practising ``discipline``, in file order."""
        ...

    def order_of(self, node_id: str) -> int:
        """A number that sorts nodes in file order."""
        ...

    def name_of(self, node_id: str) -> str:
        """A node's name."""
        ...


def suggest_staffing(
    view: TeamsView, cat: Catalogue, coverage: CoverageReport, dependencies: tuple[DependencyCheck, ...]
) -> tuple[tuple[StaffingSuggestion, ...], list[Finding]]:
    """Suggest who could grow into each missing discipline."""
    present = {info.id for info in cat.disciplines if view.doing_count(info.id)}
    gaps: dict[Discipline, list[str]] = {}
    for rid in coverage.gaps:
        home = cat.responsibility(rid).discipline
        if home not in present:
            gaps.setdefault(home, []).append(rid)
    needed_by: dict[Discipline, set[str]] = {}
    for dep in dependencies:
        if dep.status is DependencyStatus.MISSING and dep.provider not in present:
            needed_by.setdefault(dep.provider, set()).update(dep.consumers)
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
            CareerOption(p.source, tuple(view.doing_ids(p.source)), p.knows, p.learn, p.note) for p in paths
        )
        dependants = tuple(sorted(needed_by.get(d, ()), key=view.order_of))
        suggestion = StaffingSuggestion(d, info.name, tuple(gaps.get(d, ())), dependants, options)
        suggestions.append(suggestion)
        findings.append(_finding(view, cat, suggestion))
    return tuple(suggestions), findings


def _listed(view: TeamsView, ids: Sequence[str], limit: int) -> str:
    return names_list([view.name_of(t) for t in ids[: limit + 1]], limit, len(ids))


def _finding(view: TeamsView, cat: Catalogue, s: StaffingSuggestion) -> Finding:
    why: list[str] = []
    if s.gaps:
        why.append(f"nobody owns {names_list(quoted(cat.responsibility(r).title for r in s.gaps), 3)}")
    if s.needed_by:
        verb = "depends" if len(s.needed_by) == 1 else "depend"
        why.append(f"{_listed(view, s.needed_by, 3)} {verb} on it")
    text = f"The org has no {s.name} team but needs one: {' and '.join(why)}."
    nodes: list[str] = []
    if not s.options:
        text += f" No team on the chart has a known path into {s.name}: hire for it."
    for k, option in enumerate(s.options):
        nodes.extend(option.teams)
        note = option.note[:1].lower() + option.note[1:].rstrip(".")
        source = cat.discipline(option.source).name
        listed = _listed(view, option.teams, 2)
        who = with_discipline(listed, source) if len(option.teams) == 1 else f"{source} ({listed})"
        if k == 0:
            text += f" {who} could grow into it, {note}, by learning {', '.join(option.learn)}."
        else:
            text += f" Or {who}, by learning {', '.join(option.learn)}."
    nodes.sort(key=view.order_of)
    return Finding(Severity.INFO, "staffing.suggestion", text, tuple(nodes), s.discipline.value)
