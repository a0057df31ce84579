"""Findings: what the analysis tells a manager, each with a severity, a stable code and the
nodes it concerns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters: an error blocks, a warning deserves a look, info informs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: the order findings are shown in."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


NAMED_FOR_EXAMPLE = frozenset(
    {
        "coverage.gap",
        "coverage.overlap",
        "dependency.overlap",
        "mlops.placement",
        "staffing.suggestion",
        "structure.empty_unit",
        "structure.no_headcount",
    }
)
"""Codes whose ``nodes`` illustrate the finding rather than define it: a gap stays the same gap
when another team of the discipline that normally owns it joins the chart."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One judgement about the org.

    ``code`` is stable (tools may match on it); ``message`` is a sentence a manager
    understands; ``nodes`` are the ids of the nodes involved, in file order; ``about`` is what
    else the finding is about, when the code and nodes do not say it: a responsibility id
    (coverage), ``provider>consumer`` (dependencies), a step number (hand-offs), a placement
    kind, a discipline (staffing), a unit id (structure); empty otherwise. Findings that say
    the same thing about different nodes (one per team of a discipline, one per wide unit)
    share a ``topic``, and ``group_text`` says it once for all of them, with ``{n}`` standing
    for how many there are (see :mod:`orgdesigner.analysis.grouping`).
    """

    severity: Severity
    code: str
    message: str
    nodes: tuple[str, ...] = ()
    about: str = ""
    topic: str = ""
    group_text: str = ""

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What the finding is about, whatever its wording: two reports' findings with the same
        key are the same finding (``compare`` matches on it). The code and ``about``, and the
        nodes unless the code names them only as examples (:data:`NAMED_FOR_EXAMPLE`)."""
        return (self.code, self.about, () if self.code in NAMED_FOR_EXAMPLE else self.nodes)


def names_list(names: Sequence[str], limit: int = 4, total: int | None = None) -> str:
    """``A``, ``A and B``, ``A, B and C``, or ``A, B, C, D and 7 more``; ``total`` is the
    full count when ``names`` holds only the first few."""
    count = len(names) if total is None else total
    if not count:
        return "nobody"
    if count > limit:
        return f"{', '.join(names[:limit])} and {count - limit} more"
    if count == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def with_discipline(name: str, discipline: str) -> str:
    """``Growth Squad (Software Engineering)``, or just the name when it says the discipline
    (``Data Science``, or an imported ``Data Science (Ida Sommer)``)."""
    folded, said = name.casefold(), discipline.casefold()
    return name if folded == said or folded.startswith(said + " (") else f"{name} ({discipline})"


def quoted(titles: Iterable[str]) -> list[str]:
    """Titles in double quotes, for messages."""
    return [f'"{t}"' for t in titles]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 team``, ``3 teams``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
