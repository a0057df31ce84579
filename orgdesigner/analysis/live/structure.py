"""Structure health from what the live index keeps (subtree headcounts and team counts, the
wide and empty units and the unstaffed teams in file order): no walk over the whole tree, and
each span finding made again only when its node's children or name changed."""

from __future__ import annotations

from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.live.coverage import NAMED, listed
from orgdesigner.analysis.live.index import LiveIndex
from orgdesigner.analysis.structure import (
    Span,
    StructureReport,
    empty_unit_finding,
    no_headcount_finding,
    span_finding,
)


class LiveStructure:
    """What :func:`~orgdesigner.analysis.structure.check_structure` reports, from the index."""

    def __init__(self) -> None:
        self._spans: dict[str, tuple[Span, Finding]] = {}
        self._headcount: dict[str, int] = {}
        self._unstaffed: Finding | None = None
        self.report: StructureReport | None = None
        self.findings: list[Finding] = []

    def update(self, index: LiveIndex) -> None:
        """Judge again from the index's current state."""
        dirt = index.dirt
        fresh = self.report is None
        if not (fresh or dirt.rolled or dirt.spans or dirt.named or dirt.relocated or dirt.structures):
            return
        units, wide, children, nodes, span = (
            index.units.items,
            index.wide.items,
            index.children,
            index.nodes,
            index.max_span,
        )
        spans = self._spans
        if fresh:
            spans.clear()
        for u in dirt.spans | dirt.named:
            spans.pop(u, None)
        for u in wide:
            if u not in spans:
                count = len(children[u])
                spans[u] = (Span(u, count), span_finding(u, nodes[u].name, count, span))
        if len(spans) > 2 * len(wide) + 16:
            self._spans = spans = {u: spans[u] for u in wide}
        made = list(map(spans.__getitem__, wide))
        findings = [f for _, f in made]
        below, parent = index.teams_below, index.parent
        for u in index.empty.items:
            p = parent[u]
            if p is None or below[p]:
                findings.append(empty_unit_finding(nodes[u].name, tuple(index.subtree(u))))
        unstaffed = index.unstaffed.items
        if unstaffed:
            old = self._unstaffed
            if old is None or old.nodes != tuple(unstaffed) or not dirt.named.isdisjoint(unstaffed[:NAMED]):
                old = self._unstaffed = no_headcount_finding(listed(index, unstaffed, 5), tuple(unstaffed))
            findings.append(old)
        root = index.root
        inner = index.internal.items
        if root is None:
            widest = None
        elif not inner:
            widest = Span(root, 0)
        else:
            counts = list(map(len, map(children.__getitem__, inner)))
            most = max(counts)
            widest = Span(inner[counts.index(most)], most)
        if fresh or dirt.rolled or dirt.structures:
            self._headcount = dict(zip(units, map(index.heads.__getitem__, units), strict=True))
        self.report = StructureReport(
            span,
            len(units),
            len(nodes) - len(units),
            0 if root is None else index.heads[root],
            self._headcount,
            widest,
            tuple(s for s, _ in made),
            tuple(index.empty.items),
            tuple(unstaffed),
        )
        self.findings = findings
