"""Dependencies judged again per catalogue relationship: only those whose providers,
consumers or named teams changed (:func:`~orgdesigner.analysis.dependencies.check_dependencies`
judges them all)."""

from __future__ import annotations

from orgdesigner.analysis.dependencies import (
    DependencyCheck,
    DependencyStatus,
    missing_finding,
    overlap_finding,
)
from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.live.coverage import listed
from orgdesigner.analysis.live.index import LiveIndex
from orgdesigner.model import Catalogue, Discipline, Team
from orgdesigner.model.catalogue import Relationship


def renamed_disciplines(index: LiveIndex) -> set[Discipline]:
    """The disciplines a renamed team practises (MLOps too when it does MLOps work)."""
    out: set[Discipline] = set()
    for nid in index.dirt.named:
        node = index.nodes.get(nid)
        if isinstance(node, Team):
            out.add(node.discipline)
            if index.does_mlops(nid):
                out.add(Discipline.MLOPS)
    return out


class LiveDependencies:
    """Every relationship's check and findings, each kept until what it depends on changes."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        rels = cat.relationships
        self._providers: list[list[str]] = [[] for _ in rels]
        self._checks: list[DependencyCheck | None] = [None] * len(rels)
        self._findings: list[list[Finding]] = [[] for _ in rels]
        self._missing: list[dict[str, tuple[str, Finding]]] = [{} for _ in rels]  # team: (its name, finding)
        self.checks: tuple[DependencyCheck, ...] = ()
        self.findings: list[Finding] = []

    def update(self, index: LiveIndex, disciplines: set[Discipline]) -> None:
        """Judge again the relationships whose inputs changed (``disciplines``: those whose
        teams changed, or whose named teams were renamed)."""
        dirt = index.dirt
        everything = not self.checks or dirt.stage
        renamed = renamed_disciplines(index)
        changed = False
        for k, rel in enumerate(self.cat.relationships):
            via = not dirt.rids.isdisjoint(rel.via)
            if everything or via:
                self._providers[k] = _providers(index, rel.via)
            touched = {rel.provider, rel.consumer}
            if everything or via or not touched.isdisjoint(disciplines) or rel.consumer in renamed:
                self._judge(index, k, rel)
                changed = True
        if changed:
            self.checks = tuple(c for c in self._checks if c is not None)
            self.findings = [f for found in self._findings for f in found]

    def _judge(self, index: LiveIndex, k: int, rel: Relationship) -> None:
        providers = self._providers[k]
        consumers = index.doing(rel.consumer).items
        found: list[Finding] = []
        if rel.kind == "overlaps":
            status = DependencyStatus.OVERLAP
            doers = index.doing(rel.provider).items
            if doers and consumers:
                both = sorted(set(doers) | set(consumers), key=index.label.__getitem__)
                if len(both) >= 2:
                    found.append(overlap_finding(self.cat, rel, listed(index, both), tuple(both)))
        elif index.target_stage < rel.from_stage:
            status = DependencyStatus.NOT_YET
        elif not consumers:
            status = DependencyStatus.NO_CONSUMER
        elif providers:
            status = DependencyStatus.OK
        else:
            status = DependencyStatus.MISSING
            cache = self._missing[k]
            nodes = index.nodes
            for team in consumers:
                name = nodes[team].name
                kept = cache.get(team)
                if kept is None or kept[0] != name:
                    kept = cache[team] = (name, missing_finding(self.cat, rel, team, name))
                found.append(kept[1])
            if len(cache) > 2 * len(consumers):
                self._missing[k] = {t: cache[t] for t in consumers}
        self._checks[k] = DependencyCheck(
            rel.provider,
            rel.consumer,
            rel.kind,
            rel.via,
            rel.from_stage,
            rel.provides,
            status,
            tuple(providers),
            tuple(consumers),
        )
        self._findings[k] = found


def _providers(index: LiveIndex, via: tuple[str, ...]) -> list[str]:
    lists = [items for rid in via if (items := index.owners[rid].items)]
    if len(lists) == 1:
        return list(lists[0])
    return sorted(set().union(*lists), key=index.label.__getitem__)
