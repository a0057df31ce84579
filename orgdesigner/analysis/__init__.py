"""The analysis: what an org chart covers and misses, as one :class:`Report` (no Qt).

``analyse(org, options=None) -> Report`` is the entry point; the sub-reports live in modules
named after what they judge.
"""

from orgdesigner.analysis.coverage import CoverageReport, Overlap, Requirement
from orgdesigner.analysis.dependencies import DependencyCheck, DependencyStatus
from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.analysis.graph import OrgIndex, build_index, org_graph
from orgdesigner.analysis.handoffs import HandoffReport, HandoffStep
from orgdesigner.analysis.maturity import MaturityReport, NextStage, OwnedRequirement, StageEvidence
from orgdesigner.analysis.placement import PlacementKind, PlacementReport, TeamPlacement
from orgdesigner.analysis.report import AnalysisOptions, Report, ReportSummary, analyse
from orgdesigner.analysis.staffing import CareerOption, StaffingSuggestion
from orgdesigner.analysis.structure import DEFAULT_MAX_SPAN, Span, StructureReport

__all__ = [
    "DEFAULT_MAX_SPAN",
    "AnalysisOptions",
    "CareerOption",
    "CoverageReport",
    "DependencyCheck",
    "DependencyStatus",
    "Finding",
    "HandoffReport",
    "HandoffStep",
    "MaturityReport",
    "NextStage",
    "OrgIndex",
    "Overlap",
    "OwnedRequirement",
    "PlacementKind",
    "PlacementReport",
    "Report",
    "ReportSummary",
    "Requirement",
    "Severity",
    "Span",
    "StaffingSuggestion",
    "StageEvidence",
    "StructureReport",
    "TeamPlacement",
    "analyse",
    "build_index",
    "org_graph",
]
