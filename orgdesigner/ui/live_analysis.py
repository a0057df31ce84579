"""Re-runs the analysis after every edit and hands the Report to whoever shows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from orgdesigner.analysis import Report, analyse
from orgdesigner.analysis.edit_delta import EditDelta, edit_delta
from orgdesigner.layout import BadgeCounts, badge_counts
from orgdesigner.ui.document import Document


def report_badges(report: Report) -> dict[str, BadgeCounts]:
    """Per node, how many findings of each severity name it (as the export's ``--badges``)."""
    return badge_counts((f.severity, f.nodes) for f in report.findings)


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
        self.badges: dict[str, BadgeCounts] = report_badges(self.report)
        self.delta = EditDelta((), (), ())
        self._org = doc.org
        doc.changed.connect(self.refresh)

    def refresh(self) -> None:
        """Analyse the document's org again."""
        before, same_org = self.report, self.doc.org is self._org
        self._org = self.doc.org
        self.report = analyse(self.doc.org)
        self.badges = report_badges(self.report)
        self.delta = edit_delta(before, self.report) if same_org else EditDelta((), (), ())
        self.report_changed.emit()
