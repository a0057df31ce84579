"""The live report: :func:`~orgdesigner.analysis.analyse`'s report of an org, kept up to date
by applying each edit's changes to the live index and judging again what they touched."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.live.coverage import LiveCoverage, named_disciplines
from orgdesigner.analysis.live.dependencies import LiveDependencies
from orgdesigner.analysis.live.handoffs import LiveHandoffs
from orgdesigner.analysis.live.index import Dirt, LiveIndex, NeedsRebuild
from orgdesigner.analysis.live.mlops_placement import LivePlacement
from orgdesigner.analysis.live.structure import LiveStructure
from orgdesigner.analysis.maturity import assess_maturity
from orgdesigner.analysis.report import AnalysisOptions, Report, assemble_report
from orgdesigner.analysis.staffing import suggest_staffing
from orgdesigner.model import OrgTree, load_catalogue
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.journal import Change, NodeMoved, NodesAdded, SubtreeRemoved

T = TypeVar("T")

LARGE_SHARE = 0.5
"""Changes that move, add or remove more than this share of the org are not followed: the
report is made afresh, which is then quicker."""


class LiveReport:
    """The :class:`~orgdesigner.analysis.Report` of ``org``, always equal to ``analyse(org)``
    once :meth:`apply` has been given every change the org made since it was read (see
    :meth:`~orgdesigner.model.Organization.record_changes`). Findings and sub-reports that
    did not change are the same objects as in the report before, so readers can tell what an
    edit changed by identity."""

    def __init__(self, org: OrgTree, options: AnalysisOptions | None = None) -> None:
        self.org = org
        self.options = options or AnalysisOptions()
        self.cat = load_catalogue()
        self.report = self._build()

    def apply(self, changes: Sequence[Change]) -> bool:
        """Follow ``changes`` (the org's, oldest first) and judge again: True when they were
        applied, False when the report was made afresh from the org as it is now (a whole org
        replaced, or a change too large to be worth following)."""
        moved = 0
        limit = max(1000, int(len(self.index) * LARGE_SHARE))
        try:
            with gc_paused():
                for change in changes:
                    moved += _reach(self.index, change)
                    if moved > limit:
                        raise NeedsRebuild("large change")
                    self.index.apply(change)
                self.report = self._judge()
        except NeedsRebuild:
            self.report = self._build()
            return False
        return True

    def _build(self) -> Report:
        with gc_paused():
            self.index = LiveIndex(self.org, self.options.max_span)
            self._structure = LiveStructure()
            self._coverage = LiveCoverage(self.cat)
            self._dependencies = LiveDependencies(self.cat)
            self._handoffs = LiveHandoffs(self.cat)
            self._placement = LivePlacement(self.cat)
            self._kept: dict[str, list[Finding]] = {}
            return self._judge()

    def _judge(self) -> Report:
        index, cat, before = self.index, self.cat, getattr(self, "report", None)
        disciplines = index.dirt.disciplines | named_disciplines(index)
        self._coverage.update(index, disciplines)
        self._dependencies.update(index, disciplines)
        self._handoffs.update(index)
        self._placement.update(index)
        coverage, handoffs, placement = self._coverage.report, self._handoffs.report, self._placement.report
        assert coverage is not None and handoffs is not None and placement is not None
        dependencies = self._dependencies.checks
        target = index.target_stage
        maturity, f_maturity = assess_maturity(coverage.owners, cat, target)
        self._structure.update(index)
        structure = self._structure.report
        assert structure is not None
        suggestions, f_staffing = suggest_staffing(index, cat, coverage, dependencies)
        if before is not None:
            handoffs = _same(before.handoffs, handoffs)
            maturity = _same(before.maturity, maturity)
            structure = _same(before.structure, structure)
            suggestions = _same(before.suggestions, suggestions)
        found = (
            self._coverage.findings
            + self._dependencies.findings
            + self._keep("handoffs", self._handoffs.findings)
            + self._structure.findings
            + self._keep("maturity", f_maturity)
            + self._keep("placement", self._placement.findings)
            + self._keep("staffing", f_staffing)
        )
        index.dirt = Dirt()
        parts = (coverage, dependencies, placement, maturity, handoffs, structure, suggestions)
        return assemble_report(index.name, target, len(index.links), parts, found, self.options)

    def _keep(self, section: str, found: list[Finding]) -> list[Finding]:
        """``found``, with each finding equal to the one in its place before replaced by that."""
        old = self._kept.get(section, [])
        out: list[Finding] = []
        for i, f in enumerate(found):
            o = old[i] if i < len(old) else None
            out.append(o if o is not None and (o is f or o == f) else f)
        self._kept[section] = out
        return list(out)


def _same(old: T, new: T) -> T:
    return old if old is new or old == new else new


def _reach(index: LiveIndex, change: Change) -> int:
    """How many nodes a change moves, adds or removes."""
    if isinstance(change, NodesAdded):
        return len(change.nodes)
    if isinstance(change, NodeMoved | SubtreeRemoved):
        return index.size.get(change.node_id, 0)
    return 0


def findings_changed(before: Report, after: Report) -> tuple[list[Finding], list[Finding]]:
    """The findings of ``after`` that are not (the same objects) in ``before``, and those of
    ``before`` that are not in ``after``: what a reader keeping per-node counts must add and
    take away."""
    old = Counter(map(id, before.findings))
    new = Counter(map(id, after.findings))
    added, removed = new - old, old - new
    out_added = [f for f in after.findings if added[id(f)] and not _take(added, f)]
    out_removed = [f for f in before.findings if removed[id(f)] and not _take(removed, f)]
    return out_added, out_removed


def _take(counts: Counter[int], f: Finding) -> bool:
    counts[id(f)] -= 1
    return False
