"""At start-up, after a crash: which recovery copies to bring back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.ui.plain_text import plain_label, plain_tooltip
from orgdesigner.ui.recovery import RecoveryCopy


class RecoveryDialog(QDialog):
    """Lists the recovery copies (file and time) with a checkbox each: Recover, Discard, Later."""

    def __init__(self, copies: list[RecoveryCopy], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved charts")
        self.copies = copies
        self.decision = "later"
        text = plain_label("orgdesigner did not close properly last time. These charts had unsaved changes:")
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Recovery copies")
        for copy in copies:
            item = QListWidgetItem(f"{copy.title} — autosaved {copy.when} ({len(copy.org)} cards)")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(plain_tooltip(copy.original_path or "never saved to a file"))
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        recover = buttons.addButton("Recover Selected", QDialogButtonBox.ButtonRole.AcceptRole)
        discard = QPushButton("Discard All")
        buttons.addButton(discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton("Decide Later", QDialogButtonBox.ButtonRole.RejectRole)
        recover.clicked.connect(lambda: self._done("recover"))
        discard.clicked.connect(lambda: self._done("discard"))
        later.clicked.connect(lambda: self._done("later"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def _done(self, decision: str) -> None:
        self.decision = decision
        self.accept() if decision != "later" else self.reject()

    def selected(self) -> list[RecoveryCopy]:
        """The copies left checked."""
        return [c for i, c in enumerate(self.copies) if self.list.item(i).checkState() == Qt.CheckState.Checked]
