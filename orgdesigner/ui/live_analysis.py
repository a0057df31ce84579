"""Re-runs the analysis after every edit and hands the Report to whoever shows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from orgdesigner.analysis import Report, analyse
from orgdesigner.layout import BadgeCounts, badge_counts
from orgdesigner.ui.document import Document


def report_badges(report: Report) -> dict[str, BadgeCounts]:
    """Per node, how many findings of each severity name it (as the export's ``--badges``)."""
    return badge_counts((f.severity, f.nodes) for f in report.findings)


class LiveAnalysis(QObject):
    """The current :class:`Report` of a document, recomputed on every change.

    Create it before the scene so that the scene's badges read the fresh report.
    """

    report_changed = Signal()

    def __init__(self, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.report: Report = analyse(doc.org)
        self.badges: dict[str, BadgeCounts] = report_badges(self.report)
        doc.changed.connect(self.refresh)

    def refresh(self) -> None:
        """Analyse the document's org again."""
        self.report = analyse(self.doc.org)
        self.badges = report_badges(self.report)
        self.report_changed.emit()
