"""The findings in a large window of their own (View > Findings in Full, F8), for reading a
long report, or showing it to a room, beside the chart."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from orgdesigner.analysis import Report
from orgdesigner.model import OrgTree
from orgdesigner.ui.findings_panel import FindingsPanel


class FindingsWindow(QDialog):
    """A non-modal window showing the same findings as the dock, kept current while open."""

    nodes_activated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Findings — orgdesigner")
        self.setModal(False)
        self.panel = FindingsPanel(full_view=True)
        self.panel.nodes_activated.connect(self.nodes_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.panel)
        self.resize(980, 720)

    def show_report(self, report: Report, org: OrgTree) -> None:
        """Show a new report, when the window is open (it catches up when it opens)."""
        if self.isVisible():
            self.panel.show_report(report, org)
