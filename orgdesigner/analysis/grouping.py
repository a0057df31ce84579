"""Findings that say the same thing about many nodes, shown once with their count.

An imported org of 1,500 people can hold 3,000 findings, nearly all of them one sentence
repeated per team ("this Software Engineering team has no one running its infrastructure").
A person reads one entry per kind of problem, with how many teams it names; tools still get
every finding (the JSON report keeps them all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from orgdesigner.analysis.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """One kind of problem: its severity and code, the sentence a person reads (the finding's
    own message when it stands alone), every node it names (in the order found, once each),
    and the findings it stands for."""

    severity: Severity
    code: str
    text: str
    nodes: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        """How many findings the group stands for."""
        return len(self.findings)


def group_key(finding: Finding) -> tuple[Severity, str, str]:
    """What makes two findings the same problem: severity, code and topic (or, without a
    topic, the very same message)."""
    return finding.severity, finding.code, finding.topic or finding.message


def group_findings(findings: Iterable[Finding]) -> list[FindingGroup]:
    """The findings as groups, in the order each group's first finding comes."""
    members: dict[tuple[Severity, str, str], list[Finding]] = {}
    for f in findings:
        members.setdefault(group_key(f), []).append(f)
    return [_group(found) for found in members.values()]


def _group(found: list[Finding]) -> FindingGroup:
    first = found[0]
    if len(found) == 1:
        return FindingGroup(first.severity, first.code, first.message, first.nodes, (first,))
    nodes = tuple(dict.fromkeys(n for f in found for n in f.nodes))
    text = first.group_text.replace("{n}", f"{len(found):,}") if first.group_text else first.message
    return FindingGroup(first.severity, first.code, text, nodes, tuple(found))
