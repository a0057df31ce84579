"""Two orgs compared: what changed (matched by node id), which findings the change opens and
which it resolves (matched by what they are about, not their wording), and the key figures
side by side with their deltas."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from orgdesigner.analysis.diff import OrgChanges, diff_orgs
from orgdesigner.analysis.figures import STRUCTURE_ORDER, KeyFigures, key_figures
from orgdesigner.analysis.findings import Finding, Severity
from orgdesigner.analysis.report import AnalysisOptions, Report, analyse
from orgdesigner.model import OrgTree, load_catalogue


@dataclass(frozen=True, slots=True)
class Metric:
    """One key figure in both orgs; ``delta`` is ``other - base`` for counts, None where a
    difference means nothing (where MLOps sits, a node id) or a side has no value."""

    base: Any
    other: Any
    delta: int | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """``base`` against ``other``: the structural ``changes``, the findings that are ``new``
    in the other org and those ``resolved`` (each in its own report's order), and both orgs'
    key figures and reports."""

    changes: OrgChanges
    new: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    base: KeyFigures
    other: KeyFigures
    base_report: Report
    other_report: Report

    def metrics(self) -> dict[str, Any]:
        """The key figures side by side: ``stage``, ``mlops_structure``, ``gaps``, ``errors``,
        ``warnings``, ``total_distance``, ``step_distance`` (per step number), ``worst_hop``,
        ``headcount`` (per top-level structure), ``max_span`` and ``widest``: each a
        :class:`Metric` (``step_distance`` and ``headcount`` map to one each)."""
        b, o = self.base, self.other
        steps = {
            str(s.step): _count(bd, od)
            for s, bd, od in zip(load_catalogue().flow, b.step_distances, o.step_distances, strict=True)
        }
        structures = [k for k in STRUCTURE_ORDER if k in b.headcount or k in o.headcount]
        return {
            "stage": _count(b.stage, o.stage),
            "mlops_structure": Metric(b.mlops.value, o.mlops.value, None),
            "gaps": _count(b.gaps, o.gaps),
            "errors": _count(b.errors, o.errors),
            "warnings": _count(b.warnings, o.warnings),
            "total_distance": _count(b.total_distance, o.total_distance),
            "step_distance": steps,
            "worst_hop": _count(
                None if b.worst_hop is None else b.worst_hop[1], None if o.worst_hop is None else o.worst_hop[1]
            ),
            "headcount": {k: _count(b.headcount.get(k, 0), o.headcount.get(k, 0)) for k in structures},
            "max_span": _count(b.max_span, o.max_span),
            "widest": Metric(b.widest, o.widest, None),
        }

    def new_at_least(self, severity: Severity) -> tuple[Finding, ...]:
        """The new findings of ``severity`` or worse."""
        return tuple(f for f in self.new if f.severity.rank <= severity.rank)

    def resolved_of(self, code: str) -> int:
        """How many resolved findings have ``code``."""
        return sum(1 for f in self.resolved if f.code == code)

    def new_of(self, code: str) -> int:
        """How many new findings have ``code``."""
        return sum(1 for f in self.new if f.code == code)


def _count(base: int | None, other: int | None) -> Metric:
    return Metric(base, other, None if base is None or other is None else other - base)


def findings_delta(
    base: Sequence[Finding], other: Sequence[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """The findings of ``other`` that ``base`` lacks (new) and those of ``base`` that
    ``other`` lacks (resolved), matched by :attr:`Finding.key` and counted, so a finding that
    appears twice in one and once in the other is new (or resolved) once."""
    in_base = Counter(f.key for f in base)
    in_other = Counter(f.key for f in other)
    new: list[Finding] = []
    seen: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
    for f in other:
        seen[f.key] += 1
        if seen[f.key] > in_base[f.key]:
            new.append(f)
    resolved: list[Finding] = []
    seen.clear()
    for f in base:
        seen[f.key] += 1
        if seen[f.key] > in_other[f.key]:
            resolved.append(f)
    return tuple(new), tuple(resolved)


def compare_orgs(
    base: OrgTree,
    other: OrgTree,
    options: AnalysisOptions | None = None,
    base_report: Report | None = None,
    other_report: Report | None = None,
) -> Comparison:
    """Compare ``base`` with ``other`` (analysing each, unless given its report)."""
    b_report = base_report or analyse(base, options)
    o_report = other_report or analyse(other, options)
    new, resolved = findings_delta(b_report.findings, o_report.findings)
    return Comparison(
        diff_orgs(base, other),
        new,
        resolved,
        key_figures(base, b_report),
        key_figures(other, o_report),
        b_report,
        o_report,
    )
