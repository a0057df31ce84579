"""Coverage of responsibilities: who owns each one, which required ones nobody owns (gaps),
which unrequired ones nobody owns, and which several teams own (overlaps)."""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass
from typing import Protocol

from orgdesigner.analysis.findings import Finding, Severity, names_list
from orgdesigner.analysis.graph import NO_NODE, OrgIndex
from orgdesigner.model import Catalogue, Discipline, Structure, Team


@dataclass(frozen=True, slots=True)
class Requirement:
    """Why a responsibility is required: the first stage up to the target that needs it
    (None if no stage does) and the disciplines on the chart whose default job includes it."""

    stage: int | None
    disciplines: tuple[Discipline, ...]


@dataclass(frozen=True, slots=True)
class Overlap:
    """A responsibility several teams own, with the structures those teams sit in."""

    responsibility: str
    owners: tuple[str, ...]
    structures: tuple[Structure, ...]


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Owners of every catalogue responsibility (team ids in file order, catalogue order of
    responsibilities), why each required one is required, the gaps (required, unowned), the
    unowned ones nobody needs yet, and the overlaps."""

    owners: dict[str, tuple[str, ...]]
    required: dict[str, Requirement]
    gaps: tuple[str, ...]
    unowned: tuple[str, ...]
    overlaps: tuple[Overlap, ...]


class DoingView(Protocol):
    """An index that says which teams practise a discipline."""

    def doing(self, discipline: Discipline) -> Sized:
        """The teams practising ``discipline``."""
        ...


def requirements(index: DoingView, cat: Catalogue, target_stage: int) -> dict[str, Requirement]:
    """The responsibilities the org needs, in catalogue order, each with its reasons."""
    first_stage: dict[str, int] = {}
    for stage in cat.stages[:target_stage]:
        for rid in stage.requires:
            first_stage.setdefault(rid, stage.stage)
    by_discipline: dict[str, list[Discipline]] = {}
    for info in cat.disciplines:
        if index.doing(info.id):
            for rid in info.responsibilities:
                by_discipline.setdefault(rid, []).append(info.id)
    out: dict[str, Requirement] = {}
    for resp in cat.responsibilities:
        needed_from = first_stage.get(resp.id)
        disciplines = by_discipline.get(resp.id, ())
        if needed_from is not None or disciplines:
            out[resp.id] = Requirement(needed_from, tuple(disciplines))
    return out


def check_coverage(index: OrgIndex, cat: Catalogue, target_stage: int) -> tuple[CoverageReport, list[Finding]]:
    """Judge who owns what; gaps are errors, overlaps are info."""
    required = requirements(index, cat, target_stage)
    owners: dict[str, tuple[str, ...]] = {}
    gaps: list[str] = []
    unowned: list[str] = []
    overlaps: list[Overlap] = []
    findings: list[Finding] = []
    structure_of: dict[int, Structure] = {NO_NODE: Structure.OTHER}  # each unit looked up once
    for resp in cat.responsibilities:
        owned_by = index.owners.get(resp.id, [])
        owners[resp.id] = index.id_tuple(owned_by)
        if not owned_by:
            why = required.get(resp.id)
            if why is None:
                unowned.append(resp.id)
                continue
            gaps.append(resp.id)
            findings.append(_gap_finding(index, cat, resp.id, why, target_stage))
        elif len(owned_by) > 1:
            units = dict.fromkeys(map(index.structured.__getitem__, owned_by))
            for u in units.keys() - structure_of.keys():
                structure_of[u] = index.structure_at(u)
            structures = dict.fromkeys(map(structure_of.__getitem__, units))
            overlap = Overlap(resp.id, owners[resp.id], tuple(structures))
            overlaps.append(overlap)
            findings.append(_overlap_finding(index, cat, overlap, owned_by))
    report = CoverageReport(owners, required, tuple(gaps), tuple(unowned), tuple(overlaps))
    return report, findings


@dataclass(frozen=True, slots=True)
class Doers:
    """The teams practising a discipline, as a gap's message names them: how many, the first
    few names (``listed``), and whether they are all of the discipline itself (for MLOps:
    no combined team doing the MLOps work)."""

    discipline: Discipline
    count: int
    listed: str
    own_discipline: bool


def gap_finding(
    cat: Catalogue, rid: str, why: Requirement, target: int, doers: list[Doers], nodes: tuple[str, ...]
) -> Finding:
    """The error for required ``rid`` nobody owns; ``doers`` for each of ``why.disciplines``,
    ``nodes`` the ids of all their teams in file order."""
    resp = cat.responsibility(rid)
    reasons: list[str] = []
    if why.stage is not None:
        target_name = cat.stage(target).name
        if why.stage == target:
            reasons.append(f"stage {target} ({target_name}), the org's target, needs it")
        else:
            reasons.append(f"the org's target, stage {target} ({target_name}), needs it from stage {why.stage} on")
    for d in doers:
        label = cat.discipline(d.discipline).name
        count = "one" if d.count == 1 else str(d.count)
        if d.discipline is Discipline.MLOPS and not d.own_discipline:
            verb = "does" if d.count == 1 else "do"
            reasons.append(f"{label} teams normally do it, and {d.listed} {verb} the MLOps work")
        else:
            reasons.append(f"{label} teams normally do it, and the chart has {count}: {d.listed}")
    home = cat.discipline(resp.discipline).name
    message = f'Nobody owns "{resp.title}" ({home}): ' + "; and ".join(reasons) + "."
    return Finding(Severity.ERROR, "coverage.gap", message, nodes, rid)


def _gap_finding(index: OrgIndex, cat: Catalogue, rid: str, why: Requirement, target: int) -> Finding:
    doers: list[Doers] = []
    nodes: list[int] = []
    for discipline in why.disciplines:
        teams = index.doing(discipline)
        nodes.extend(teams)
        own = discipline is not Discipline.MLOPS or _shared_discipline(index, teams) is Discipline.MLOPS
        doers.append(Doers(discipline, len(teams), index.listed(teams, 3), own))
    return gap_finding(cat, rid, why, target, doers, index.id_tuple(sorted(set(nodes))))


def overlap_finding(cat: Catalogue, overlap: Overlap, who: str, discipline: Discipline | None) -> Finding:
    """The note for a responsibility several teams own: ``who`` names the first of them,
    ``discipline`` is the one they all share (None when they differ)."""
    title = cat.responsibility(overlap.responsibility).title
    where = names_list([cat.structure(s).name for s in overlap.structures])
    count = len(overlap.owners)
    if discipline is None:
        kind = f"{count} owners of different disciplines"
        message = f'"{title}" has {kind} ({who}), in {where}. Blurry boundaries are normal; agree on who leads it.'
        group = (
            f"{{n}} responsibilities have the same {kind}, in {where}. Blurry boundaries are normal; "
            "agree on who leads each."
        )
    else:
        kind = f"{count} {cat.discipline(discipline).name} teams"
        message = f'"{title}" is shared by {kind} ({who}), in {where}. Make sure each knows which part is theirs.'
        group = (
            f"{{n}} responsibilities are shared by the same {kind}, in {where}. Make sure each knows which "
            "part is theirs."
        )
    # Several responsibilities shared by the very same teams are one entry for a person.
    topic = "owners:" + ",".join(overlap.owners)
    return Finding(
        Severity.INFO,
        "coverage.overlap",
        message,
        overlap.owners,
        overlap.responsibility,
        topic=topic,
        group_text=group,
    )


def _overlap_finding(index: OrgIndex, cat: Catalogue, overlap: Overlap, owned_by: list[int]) -> Finding:
    return overlap_finding(cat, overlap, index.listed(owned_by), _shared_discipline(index, owned_by))


def _shared_discipline(index: OrgIndex, teams: list[int]) -> Discipline | None:
    """The discipline all ``teams`` share, or None when they differ."""
    first = index.nodes[teams[0]]
    assert isinstance(first, Team)
    same = index.by_discipline.get(first.discipline, [])
    # A set test runs in C: ten thousand owners of a responsibility are checked in microseconds.
    if len(teams) > len(same) or not set(same).issuperset(teams):
        return None
    return first.discipline
