"""Re-runs the analysis after every edit and hands the Report to whoever shows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from orgdesigner.analysis import Report, Severity, analyse
from orgdesigner.analysis.edit_delta import EditDelta, edit_delta
from orgdesigner.layout import BadgeCounts
from orgdesigner.ui.document import Document


def badge_counts(report: Report) -> dict[str, BadgeCounts]:
    """Per node, how many findings of each severity name it."""
    counts: dict[str, list[int]] = {}
    slot = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for f in report.findings:
        k = slot[f.severity]
        for nid in f.nodes:
            counts.setdefault(nid, [0, 0, 0])[k] += 1
    # Few distinct counts: share one (immutable) BadgeCounts per kind instead of one per node.
    made: dict[tuple[int, ...], BadgeCounts] = {}
    out = {}
    for nid, c in counts.items():
        key = tuple(c)
        badge = made.get(key)
        if badge is None:
            badge = made[key] = BadgeCounts(*key)
        out[nid] = badge
    return out


class LiveAnalysis(QObject):
    """The current :class:`Report` of a document, recomputed on every change, and what the last
    edit changed in it (``delta``; empty after a load or a switch to another scenario, which
    are not edits).

    Create it before the scene so that the scene's badges read the fresh report.
    """

    report_changed = Signal()

    def __init__(self, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.report: Report = analyse(doc.org)
        self.badges: dict[str, BadgeCounts] = badge_counts(self.report)
        self.delta = EditDelta((), (), ())
        self._org = doc.org
        doc.changed.connect(self.refresh)

    def refresh(self) -> None:
        """Analyse the document's org again."""
        before, same_org = self.report, self.doc.org is self._org
        self._org = self.doc.org
        self.report = analyse(self.doc.org)
        self.badges = badge_counts(self.report)
        self.delta = edit_delta(before, self.report) if same_org else EditDelta((), (), ())
        self.report_changed.emit()
