"""What one edit changed in the judgement of an org: the findings it created and those it
resolved, and the key figures that moved ("stage 4 → 3, reporting lines 18 → 20")."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.compare import findings_delta
from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.report import Report


@dataclass(frozen=True, slots=True)
class EditDelta:
    """The findings an edit created (``new``, objects of the report after it) and resolved
    (``resolved``, of the report before), and each key figure that changed, as words."""

    new: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    figures: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.new or self.resolved or self.figures)


def edit_delta(before: Report, after: Report, changed: tuple[list[Finding], list[Finding]] | None = None) -> EditDelta:
    """The difference one edit made, ``before`` and ``after`` being the reports of one org.

    ``changed``, when the caller knows it, is the findings of ``after`` that are not (the very
    objects) in ``before`` and those of ``before`` not in ``after`` (as the live report hands
    them out): every other finding is in both as often, so only the keys of these can be new
    or resolved, and only findings of those keys are compared (the same result)."""
    if changed is None:
        new, resolved = findings_delta(before.findings, after.findings)
    elif not (keys := {f.key for found in changed for f in found}):
        new, resolved = (), ()
    else:
        codes = {k[0] for k in keys}
        new, resolved = findings_delta(
            [f for f in before.findings if f.code in codes and f.key in keys],
            [f for f in after.findings if f.code in codes and f.key in keys],
        )
    b, a = before.summary, after.summary
    figures: list[str] = []

    def moved(label: str, old: object, now: object) -> None:
        if old != now:
            figures.append(f"{label} {old} → {now}")

    moved("stage", b.stage, a.stage)
    if before.placement.kind != after.placement.kind:
        figures.append(f"MLOps: {before.placement.name} → {after.placement.name}")
    moved("reporting lines", before.handoffs.total_distance, after.handoffs.total_distance)
    moved("gaps", len(before.coverage.gaps), len(after.coverage.gaps))
    moved("errors", b.errors, a.errors)
    moved("warnings", b.warnings, a.warnings)
    return EditDelta(new, resolved, tuple(figures))
