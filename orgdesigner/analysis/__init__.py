"""The analysis: what an org chart covers and misses, as one :class:`Report` (no Qt).

``analyse(org, options=None) -> Report`` is the entry point; the sub-reports live in modules
named after what they judge.
"""

from orgdesigner.analysis.coverage import CoverageReport, Overlap, Requirement
from orgdesigner.analysis.dependencies import DependencyCheck, DependencyStatus
from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.analysis.graph import OrgIndex, build_index, relation_graph
from orgdesigner.analysis.handoffs import HandoffReport, HandoffStep
from orgdesigner.analysis.maturity import MaturityReport, NextStage, OwnedRequirement, StageEvidence
from orgdesigner.analysis.mlops_placement import MlopsPlacement, MlopsPlacementReport, MlopsTeamPlacement
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
    "MlopsPlacement",
    "MlopsPlacementReport",
    "MlopsTeamPlacement",
    "NextStage",
    "OrgIndex",
    "Overlap",
    "OwnedRequirement",
    "Report",
    "ReportSummary",
    "Requirement",
    "Severity",
    "Span",
    "StaffingSuggestion",
    "StageEvidence",
    "StructureReport",
    "analyse",
    "build_index",
    "relation_graph",
]
