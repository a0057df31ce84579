"""Dependencies between teams: each catalogue relationship checked against the org."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from orgdesigner.analysis.findings import Finding, Severity, quoted, with_discipline
from orgdesigner.analysis.graph import OrgIndex
from orgdesigner.model import Catalogue, Discipline
from orgdesigner.model.catalogue import Relationship


class DependencyStatus(StrEnum):
    """How a relationship stands in the org."""

    OK = "ok"
    MISSING = "missing"
    NO_CONSUMER = "no_consumer"
    NOT_YET = "not_yet"
    OVERLAP = "overlap"


@dataclass(frozen=True, slots=True)
class DependencyCheck:
    """One catalogue relationship judged against the org.

    ``providers`` are the teams owning any responsibility in ``via``; ``consumers`` the teams
    of the consumer discipline. ``not_yet``: the org's target stage is below ``from_stage``;
    ``overlap``: the two disciplines share work rather than depend on each other.
    """

    provider: Discipline
    consumer: Discipline
    kind: str
    via: tuple[str, ...]
    from_stage: int
    provides: str
    status: DependencyStatus
    providers: tuple[str, ...]
    consumers: tuple[str, ...]


def check_dependencies(
    index: OrgIndex, cat: Catalogue, target_stage: int
) -> tuple[tuple[DependencyCheck, ...], list[Finding]]:
    """Judge every relationship; a consumer team whose provider is missing gets a warning."""
    checks: list[DependencyCheck] = []
    findings: list[Finding] = []
    for rel in cat.relationships:
        providers = _providers(index, rel.via)
        consumers = index.doing(rel.consumer)
        if rel.kind == "overlaps":
            status = DependencyStatus.OVERLAP
            both = sorted(set(index.doing(rel.provider)) | set(consumers))
            if len(both) >= 2 and index.doing(rel.provider) and consumers:
                findings.append(_overlap_finding(index, cat, rel, both))
        elif target_stage < rel.from_stage:
            status = DependencyStatus.NOT_YET
        elif not consumers:
            status = DependencyStatus.NO_CONSUMER
        elif providers:
            status = DependencyStatus.OK
        else:
            status = DependencyStatus.MISSING
            findings.extend(_missing_finding(index, cat, rel, team) for team in consumers)
        checks.append(
            DependencyCheck(
                rel.provider,
                rel.consumer,
                rel.kind,
                rel.via,
                rel.from_stage,
                rel.provides,
                status,
                index.id_tuple(providers),
                index.id_tuple(consumers),
            )
        )
    return tuple(checks), findings


def _providers(index: OrgIndex, via: tuple[str, ...]) -> list[int]:
    lists = [index.owners[rid] for rid in via if rid in index.owners]
    if len(lists) == 1:
        return lists[0]
    return sorted(set().union(*lists))


def missing_finding(cat: Catalogue, rel: Relationship, team_id: str, team_name: str) -> Finding:
    """The warning for one consumer team whose provider is missing."""
    titles = quoted(cat.responsibility(rid).title for rid in rel.via)
    consumer = cat.discipline(rel.consumer).name
    provider = cat.discipline(rel.provider).name
    owns = f"no team owns {' or '.join(titles)}, through which {provider} provides {rel.provides}."
    message = f"{with_discipline(team_name, consumer)} {rel.without}: {owns}"
    group = f"{{n}} {consumer} teams: each {rel.without}, because {owns}"
    about = about_of(rel)
    return Finding(Severity.WARNING, "dependency.missing", message, (team_id,), about, topic=about, group_text=group)


def _missing_finding(index: OrgIndex, cat: Catalogue, rel: Relationship, team: int) -> Finding:
    return missing_finding(cat, rel, index.ids[team], index.name(team))


def overlap_finding(cat: Catalogue, rel: Relationship, who: str, teams: tuple[str, ...]) -> Finding:
    """The note for two disciplines that share work: ``teams`` are both's teams (ids, file
    order), ``who`` names the first of them."""
    provider = cat.discipline(rel.provider).name
    consumer = cat.discipline(rel.consumer).name
    message = (
        f"{provider} and {consumer} overlap ({who}): {rel.provides}. "
        "Agree where one team's work ends and the other's begins."
    )
    return Finding(Severity.INFO, "dependency.overlap", message, teams, about_of(rel))


def _overlap_finding(index: OrgIndex, cat: Catalogue, rel: Relationship, teams: list[int]) -> Finding:
    return overlap_finding(cat, rel, index.listed(teams), index.id_tuple(teams))


def about_of(rel: Relationship) -> str:
    """What a dependency finding is about: ``provider>consumer``."""
    return f"{rel.provider.value}>{rel.consumer.value}"
