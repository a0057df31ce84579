"""Coverage judged again per responsibility: only those whose owners, requirement or named
teams changed (:func:`~orgdesigner.analysis.coverage.check_coverage` judges them all)."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.coverage import (
    CoverageReport,
    Doers,
    Overlap,
    Requirement,
    gap_finding,
    overlap_finding,
    requirements,
)
from orgdesigner.analysis.findings import Finding, names_list
from orgdesigner.analysis.live.index import STRUCTURES, LiveIndex
from orgdesigner.model import Catalogue, Discipline, Structure, Team

NAMED = 5
"""Messages name at most this many teams of a list: renaming a later one changes none."""


def listed(index: LiveIndex, ids: list[str], limit: int = 4) -> str:
    """The names of several nodes for a message: the first ``limit``, then how many more."""
    return names_list([index.nodes[n].name for n in ids[: limit + 1]], limit, len(ids))


def named_disciplines(index: LiveIndex) -> set[Discipline]:
    """The disciplines whose first teams (those a message names) include a renamed one."""
    out: set[Discipline] = set()
    for nid in index.dirt.named:
        node = index.nodes.get(nid)
        if isinstance(node, Team):
            for d in (node.discipline, Discipline.MLOPS):
                if nid in index.doing(d).items[:NAMED]:
                    out.add(d)
    return out


@dataclass(frozen=True, slots=True)
class _Judged:
    owners: tuple[str, ...]
    gap: bool
    overlap: Overlap | None
    finding: Finding | None
    shared: Discipline | None = None


class LiveCoverage:
    """Coverage of every catalogue responsibility, each kept until what it depends on changes."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self._judged: dict[str, _Judged] = {}
        self._required: dict[str, Requirement] = {}
        self.report: CoverageReport | None = None
        self.findings: list[Finding] = []

    def update(self, index: LiveIndex, disciplines: set[Discipline]) -> None:
        """Judge again what changed (``disciplines``: those whose teams changed or were renamed
        among the first ones); everything on the first call or after a stage change."""
        cat, dirt = self.cat, index.dirt
        required = requirements(index, cat, index.target_stage)
        everything = self.report is None or dirt.stage or dirt.structures
        dirty = set(dirt.rids)
        dirty.update(r for r in required.keys() | self._required.keys() if required.get(r) != self._required.get(r))
        for rid, seen in self._judged.items():
            why = required.get(rid)
            if seen.gap and why is not None and not disciplines.isdisjoint(why.disciplines):
                dirty.add(rid)
        for nid in dirt.named:
            for rid in index.owned.get(nid, ()):
                if nid in index.owners[rid].items[:NAMED]:
                    dirty.add(rid)
        self._required = required
        if not everything and not dirty:
            return
        for resp in cat.responsibilities:
            if everything or resp.id in dirty:
                # Named only (not in dirt.rids): the same owners in the same places, new names.
                kept = None if everything or resp.id in dirt.rids else self._judged.get(resp.id)
                self._judged[resp.id] = self._judge(index, resp.id, required.get(resp.id), kept)
        rows = [(r.id, self._judged[r.id]) for r in cat.responsibilities]
        self.report = CoverageReport(
            {rid: j.owners for rid, j in rows},
            required,
            tuple(rid for rid, j in rows if j.gap),
            tuple(rid for rid, j in rows if not j.owners and not j.gap),
            tuple(j.overlap for _, j in rows if j.overlap is not None),
        )
        self.findings = [j.finding for _, j in rows if j.finding is not None]

    def _judge(self, index: LiveIndex, rid: str, why: Requirement | None, kept: _Judged | None) -> _Judged:
        owned_by = index.owners[rid].items
        owners = tuple(owned_by)
        if not owned_by:
            if why is None:
                return _Judged(owners, False, None, None)
            return _Judged(owners, True, None, self._gap(index, rid, why))
        if len(owned_by) == 1:
            return _Judged(owners, False, None, None)
        if kept is not None and kept.overlap is not None and kept.owners == owners:
            overlap, shared = kept.overlap, kept.shared
        else:
            overlap = Overlap(rid, owners, _structures(index, rid))
            first = index.nodes[owned_by[0]]
            assert isinstance(first, Team)
            same = index.by_discipline[first.discipline].items
            shared = first.discipline if len(owned_by) <= len(same) and set(same).issuperset(owned_by) else None
        finding = overlap_finding(self.cat, overlap, listed(index, owned_by), shared)
        return _Judged(owners, False, overlap, finding, shared)

    def _gap(self, index: LiveIndex, rid: str, why: Requirement) -> Finding:
        doers: list[Doers] = []
        lists: list[list[str]] = []
        for d in why.disciplines:
            teams = index.doing(d).items
            lists.append(teams)
            own = d is not Discipline.MLOPS or len(teams) == len(index.by_discipline[Discipline.MLOPS])
            doers.append(Doers(d, len(teams), listed(index, teams, 3), own))
        nodes = tuple(sorted(set().union(*lists), key=index.label.__getitem__)) if lists else ()
        return gap_finding(self.cat, rid, why, index.target_stage, doers, nodes)


def _structures(index: LiveIndex, rid: str) -> tuple[Structure, ...]:
    """The structures ``rid``'s owners sit in, in the order the file first shows each: the
    structures whose owner lists are not empty, by their first owner."""
    label, lists = index.label, index.owners_in[rid]
    firsts = sorted((label[lst.items[0]], n) for n, lst in enumerate(lists) if lst.items)
    return tuple(STRUCTURES[n] for _, n in firsts)
