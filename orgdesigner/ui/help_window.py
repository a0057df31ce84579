"""Help > orgdesigner Help (F1): the help page in a window of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from orgdesigner.export.help_page import help_html


class HelpWindow(QDialog):
    """A non-modal window with the help page: gestures, findings, placements, stages, flow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("orgdesigner Help")
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Help")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(760, 820)
