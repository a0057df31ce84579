"""Coverage of responsibilities: who owns each one, which required ones nobody owns (gaps),
which unrequired ones nobody owns, and which several teams own (overlaps)."""

from __future__ import annotations

from dataclasses import dataclass

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


def requirements(index: OrgIndex, cat: Catalogue, target_stage: int) -> dict[str, Requirement]:
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


def _gap_finding(index: OrgIndex, cat: Catalogue, rid: str, why: Requirement, target: int) -> Finding:
    resp = cat.responsibility(rid)
    reasons: list[str] = []
    if why.stage is not None:
        target_name = cat.stage(target).name
        if why.stage == target:
            reasons.append(f"stage {target} ({target_name}), the org's target, needs it")
        else:
            reasons.append(f"the org's target, stage {target} ({target_name}), needs it from stage {why.stage} on")
    nodes: list[int] = []
    for discipline in why.disciplines:
        teams = index.doing(discipline)
        nodes.extend(teams)
        label = cat.discipline(discipline).name
        count = "one" if len(teams) == 1 else str(len(teams))
        if discipline is Discipline.MLOPS and _shared_discipline(index, teams) is not Discipline.MLOPS:
            doers = "does" if len(teams) == 1 else "do"
            reasons.append(f"{label} teams normally do it, and {index.listed(teams, 3)} {doers} the MLOps work")
        else:
            reasons.append(f"{label} teams normally do it, and the chart has {count}: {index.listed(teams, 3)}")
    nodes = sorted(set(nodes))
    home = cat.discipline(resp.discipline).name
    message = f'Nobody owns "{resp.title}" ({home}): ' + "; and ".join(reasons) + "."
    return Finding(Severity.ERROR, "coverage.gap", message, index.id_tuple(nodes), rid)


def _overlap_finding(index: OrgIndex, cat: Catalogue, overlap: Overlap, owned_by: list[int]) -> Finding:
    title = cat.responsibility(overlap.responsibility).title
    where = names_list([cat.structure(s).name for s in overlap.structures])
    who = index.listed(owned_by)
    discipline = _shared_discipline(index, owned_by)
    if discipline is None:
        kind = f"{len(owned_by)} owners of different disciplines"
        message = f'"{title}" has {kind} ({who}), in {where}. Blurry boundaries are normal; agree on who leads it.'
        group = (
            f"{{n}} responsibilities have the same {kind}, in {where}. Blurry boundaries are normal; "
            "agree on who leads each."
        )
    else:
        kind = f"{len(owned_by)} {cat.discipline(discipline).name} teams"
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


def _shared_discipline(index: OrgIndex, teams: list[int]) -> Discipline | None:
    """The discipline all ``teams`` share, or None when they differ."""
    first = index.nodes[teams[0]]
    assert isinstance(first, Team)
    same = index.by_discipline.get(first.discipline, [])
    # A set test runs in C: ten thousand owners of a responsibility are checked in microseconds.
    if len(teams) > len(same) or not set(same).issuperset(teams):
        return None
    return first.discipline
