"""One :class:`Report` of everything the analysis judges, made by :func:`analyse`."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.coverage import CoverageReport, check_coverage
from orgdesigner.analysis.dependencies import DependencyCheck, check_dependencies
from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.analysis.graph import OrgIndex, build_index
from orgdesigner.analysis.handoffs import HandoffReport, trace_handoffs
from orgdesigner.analysis.maturity import MaturityReport, assess_maturity
from orgdesigner.analysis.mlops_placement import MlopsPlacement, MlopsPlacementReport, check_mlops_placement
from orgdesigner.analysis.staffing import StaffingSuggestion, suggest_staffing
from orgdesigner.analysis.structure import DEFAULT_MAX_SPAN, StructureReport, check_structure
from orgdesigner.model import OrgTree, load_catalogue


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """Settings of an analysis: ``max_span``, the most direct reports before a warning."""

    max_span: int = DEFAULT_MAX_SPAN

    def __post_init__(self) -> None:
        if self.max_span < 1:
            raise ValueError(f"max_span must be at least 1, not {self.max_span}")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """The report in a line: the org, its stage against its target, where MLOps sits, its
    size and how many findings of each severity."""

    name: str
    target_stage: int
    stage: int
    stage_name: str
    mlops_structure: MlopsPlacement
    units: int
    teams: int
    links: int
    headcount: int
    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the analysis found: one sub-report per judgement and every finding, errors
    first, then warnings, then info (in section order within each severity)."""

    summary: ReportSummary
    coverage: CoverageReport
    dependencies: tuple[DependencyCheck, ...]
    placement: MlopsPlacementReport
    maturity: MaturityReport
    handoffs: HandoffReport
    structure: StructureReport
    suggestions: tuple[StaffingSuggestion, ...]
    findings: tuple[Finding, ...]
    options: AnalysisOptions

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of ``severity`` or worse."""
        return tuple(f for f in self.findings if f.severity.rank <= severity.rank)

    def of(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of exactly ``severity``."""
        return tuple(f for f in self.findings if f.severity is severity)

    def codes(self) -> set[str]:
        """The distinct finding codes, handy in tests and tools."""
        return {f.code for f in self.findings}


def analyse(org: OrgTree, options: AnalysisOptions | None = None, index: OrgIndex | None = None) -> Report:
    """Judge ``org``: coverage, dependencies, MLOps placement, maturity, hand-offs, structure
    health and staffing, in one report. The org is only read; ``index``, when a caller has
    built it already, is ``build_index(org)``."""
    opts = options or AnalysisOptions()
    cat = load_catalogue()
    target = org.target_stage
    if index is None:
        index = build_index(org)
    coverage, f_coverage = check_coverage(index, cat, target)
    dependencies, f_dependencies = check_dependencies(index, cat, target)
    handoffs, f_handoffs = trace_handoffs(index, cat, target)
    maturity, f_maturity = assess_maturity(coverage.owners, cat, target)
    placement, f_placement = check_mlops_placement(index, cat)
    structure, f_structure = check_structure(index, opts.max_span)
    suggestions, f_staffing = suggest_staffing(index, cat, coverage, dependencies)
    found = f_coverage + f_dependencies + f_handoffs + f_structure + f_maturity + f_placement + f_staffing
    parts = (coverage, dependencies, placement, maturity, handoffs, structure, suggestions)
    return assemble_report(org.name, target, len(org.links), parts, found, opts)


ReportParts = tuple[
    CoverageReport,
    tuple[DependencyCheck, ...],
    MlopsPlacementReport,
    MaturityReport,
    HandoffReport,
    StructureReport,
    tuple[StaffingSuggestion, ...],
]
"""The sections of a report, in :class:`Report`'s order."""


def assemble_report(
    name: str, target: int, links: int, parts: ReportParts, found: list[Finding], options: AnalysisOptions
) -> Report:
    """One report of its sections and their findings (worst first), with the summary counted
    from them: the one place a report is put together, for ``analyse`` and the live report."""
    placement, maturity, structure = parts[2], parts[3], parts[5]
    found.sort(key=lambda f: f.severity.rank)
    counts = {s: 0 for s in Severity}
    for f in found:
        counts[f.severity] += 1
    summary = ReportSummary(
        name,
        target,
        maturity.stage,
        maturity.name,
        placement.kind,
        structure.units,
        structure.teams,
        links,
        structure.total_headcount,
        counts[Severity.ERROR],
        counts[Severity.WARNING],
        counts[Severity.INFO],
    )
    return Report(summary, *parts, tuple(found), options)
