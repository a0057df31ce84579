"""The maturity stage, 1 to 5: the highest stage whose responsibilities the org owns, the
evidence for it, what the next stage still needs and the distance to the target stage."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.findings import Finding, Severity, names_list, plural, quoted
from orgdesigner.model import Catalogue

FLOOR_STAGE = 1
TOP_STAGE = 5


@dataclass(frozen=True, slots=True)
class OwnedRequirement:
    """A responsibility a stage needs, its title and the teams that own it (ids)."""

    responsibility: str
    title: str
    owners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StageEvidence:
    """A stage the org meets, with each requirement and its owners."""

    stage: int
    name: str
    requirements: tuple[OwnedRequirement, ...]


@dataclass(frozen=True, slots=True)
class NextStage:
    """The stage above the org's and the responsibilities (its own and any earlier stage's)
    nobody owns yet: ``missing`` holds ``(responsibility id, title)`` pairs."""

    stage: int
    name: str
    missing: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class MaturityReport:
    """Where the org stands. ``stage`` is at least 1 (the floor) even when ``floor_met`` is
    False; ``gap`` is ``target_stage - stage`` (negative when the org is past its target)."""

    stage: int
    name: str
    target_stage: int
    gap: int
    floor_met: bool
    evidence: tuple[StageEvidence, ...]
    next: NextStage | None


def assess_maturity(
    owners: dict[str, tuple[str, ...]], cat: Catalogue, target_stage: int
) -> tuple[MaturityReport, list[Finding]]:
    """The highest stage k whose requirements, and those of every stage below, are owned."""
    evidence: list[StageEvidence] = []
    for stage in cat.stages:
        if not all(owners.get(rid) for rid in stage.requires):
            break
        reqs = tuple(OwnedRequirement(rid, cat.responsibility(rid).title, owners[rid]) for rid in stage.requires)
        evidence.append(StageEvidence(stage.stage, stage.name, reqs))
    floor_met = bool(evidence)
    reached = len(evidence) if floor_met else FLOOR_STAGE
    nxt: NextStage | None = None
    if reached < TOP_STAGE:
        up_to = cat.stages[: reached + 1]
        missing = tuple(
            (rid, cat.responsibility(rid).title) for s in up_to for rid in s.requires if not owners.get(rid)
        )
        after = cat.stage(reached + 1)
        nxt = NextStage(after.stage, after.name, missing)
    report = MaturityReport(
        reached,
        cat.stage(reached).name,
        target_stage,
        target_stage - reached,
        floor_met,
        tuple(evidence),
        nxt,
    )
    return report, _findings(report, cat, owners)


def _findings(report: MaturityReport, cat: Catalogue, owners: dict[str, tuple[str, ...]]) -> list[Finding]:
    out: list[Finding] = []
    here = f"stage {report.stage} ({report.name})"
    target = f"stage {report.target_stage} ({cat.stage(report.target_stage).name})"
    if not report.floor_met:
        titles = quoted(cat.responsibility(rid).title for rid in cat.stage(FLOOR_STAGE).requires)
        out.append(
            Finding(
                Severity.INFO,
                "maturity.floor_unmet",
                f"Nobody owns {' or '.join(titles)}, so the org does not yet meet stage 1 "
                f"({cat.stage(FLOOR_STAGE).name}); it is shown at stage 1, the lowest there is.",
            )
        )
    if report.gap > 0:
        missing = _missing_up_to(report.target_stage, owners, cat)
        out.append(
            Finding(
                Severity.WARNING,
                "maturity.below_target",
                f"The org stands at {here}, {plural(report.gap, 'stage')} below its target, {target}. "
                f"To get there, someone must own {names_list(quoted(missing), 6)}.",
            )
        )
    elif report.gap < 0:
        out.append(
            Finding(
                Severity.INFO,
                "maturity.above_target",
                f"The org stands at {here}, past its target, {target}.",
            )
        )
    else:
        out.append(Finding(Severity.INFO, "maturity.at_target", f"The org stands at {here}, its target."))
    return out


def _missing_up_to(target: int, owners: dict[str, tuple[str, ...]], cat: Catalogue) -> list[str]:
    seen: dict[str, None] = {}
    for stage in cat.stages[:target]:
        for rid in stage.requires:
            if not owners.get(rid):
                seen.setdefault(cat.responsibility(rid).title, None)
    return list(seen)
