"""The Scenarios dock: the baseline and the chart's scenarios, the one shown marked; show,
make, duplicate, rename, delete and compare them. Every change is one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.model import EditRefused
from orgdesigner.model.scenarios import BASELINE
from orgdesigner.ui.document import Document

_NAME = Qt.ItemDataRole.UserRole
SHOWN_MARK = "▶ "
"""Put before the scenario shown (with bold type: never colour alone)."""


class ScenariosPanel(QWidget):
    """Lists ``baseline`` and the scenarios; Enter or a double-click shows one, F2 renames it in
    place. ``compare_requested(a, b)`` asks the window for the compare view."""

    compare_requested = Signal(str, str)
    message = Signal(str)

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setAccessibleName("Scenarios")
        self.list = QListWidget()
        self.list.setAccessibleName("Scenarios list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.hint = QLabel("Enter shows a scenario; select two and Compare.")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()
        self.new_button = QPushButton("New")
        self.new_button.setToolTip("A new scenario: a copy of the chart shown")
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.setToolTip("A copy of the selected scenario")
        self.rename_button = QPushButton("Rename")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected scenario (Ctrl+Z brings it back)")
        self.compare_button = QPushButton("Compare…")
        self.compare_button.setToolTip("The two selected side by side (one selected: with the chart shown)")
        grid = QGridLayout()
        for k, button in enumerate(
            (self.new_button, self.duplicate_button, self.rename_button, self.delete_button, self.compare_button)
        ):
            button.setAccessibleName(button.text().rstrip("…") + " scenario")
            grid.addWidget(button, k // 3, k % 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        self._filling = False
        self.list.itemActivated.connect(self._activated)
        self.list.itemChanged.connect(self._renamed)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.new_button.clicked.connect(self.new_scenario)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        doc.scenarios_changed.connect(self.refill)
        doc.scenario_changed.connect(lambda _name: self.refill())
        doc.changed.connect(self._baseline_label)
        self.refill()

    # Showing -------------------------------------------------------------------------------

    def names(self) -> list[str]:
        """What the list shows, in order (``baseline`` first)."""
        return [str(self.list.item(i).data(_NAME)) for i in range(self.list.count())]

    def selected_names(self) -> list[str]:
        """The selected entries, in list order."""
        return [str(item.data(_NAME)) for item in self.list.selectedItems()]

    def refill(self) -> None:
        """Show the chart's scenarios again, the one shown marked and selected."""
        self._filling = True
        try:
            self.list.clear()
            current = self.doc.current
            for name in [BASELINE, *self.doc.chart.names()]:
                item = QListWidgetItem(self._label(name, name == current))
                item.setData(_NAME, name)
                if name != BASELINE:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                if name == current:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "shown")
                self.list.addItem(item)
                if name == current:
                    item.setSelected(True)
                    self.list.setCurrentItem(item)
        finally:
            self._filling = False
        self._update_buttons()

    def _label(self, name: str, shown: bool) -> str:
        text = f"Baseline: {self.doc.chart.baseline.name}" if name == BASELINE else name
        return (SHOWN_MARK if shown else "") + text

    def _baseline_label(self) -> None:
        item = self.list.item(0)
        if item is not None:
            self._filling = True
            item.setText(self._label(BASELINE, self.doc.current == BASELINE))
            self._filling = False

    def _update_buttons(self) -> None:
        chosen = self.selected_names()
        scenario = len(chosen) == 1 and chosen[0] != BASELINE
        self.duplicate_button.setEnabled(len(chosen) == 1)
        self.rename_button.setEnabled(scenario)
        self.delete_button.setEnabled(scenario)
        self.compare_button.setEnabled(len(self.doc.chart) > 0 and len(chosen) in (1, 2))

    # Doing ---------------------------------------------------------------------------------

    def _try(self, edit: object) -> bool:
        try:
            edit()  # type: ignore[operator]
        except EditRefused as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return False
        self.problem.hide()
        return True

    def _activated(self, item: QListWidgetItem) -> None:
        self._try(lambda: self.doc.show_scenario(str(item.data(_NAME))))

    def new_scenario(self) -> None:
        """New: a copy of the chart shown, shown next."""
        if self._try(lambda: self.doc.new_scenario()):
            self.message.emit(f"{self.doc.last_edit_text()}: edit it, then compare it with the baseline")

    def duplicate_selected(self) -> None:
        """Duplicate the selected entry as a new scenario."""
        chosen = self.selected_names()
        if len(chosen) != 1:
            return

        def duplicate() -> None:
            source = self.doc.chart.get(chosen[0])
            assert source is not None
            base = f"Copy of {self.doc.chart.baseline.name if chosen[0] == BASELINE else chosen[0]}"
            self.doc.add_scenario(source.copy(), self.doc.chart.unique_name(base))

        self._try(duplicate)

    def rename_selected(self) -> None:
        """Rename: edit the selected scenario's name in place."""
        items = self.list.selectedItems()
        if len(items) == 1 and items[0].data(_NAME) != BASELINE:
            self._filling = True
            items[0].setText(str(items[0].data(_NAME)))  # edit the bare name, without the mark
            self._filling = False
            self.list.editItem(items[0])

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        old = str(item.data(_NAME))
        new = item.text().removeprefix(SHOWN_MARK)
        if new == old:
            self.refill()
            return
        if not self._try(lambda: self.doc.rename_scenario(old, new)):
            self.refill()

    def delete_selected(self) -> None:
        """Delete the selected scenario (one undo step)."""
        chosen = [n for n in self.selected_names() if n != BASELINE]
        if len(chosen) == 1 and self._try(lambda: self.doc.delete_scenario(chosen[0])):
            self.message.emit(f"Deleted scenario {chosen[0]}. Ctrl+Z brings it back.")

    def compare_selected(self) -> None:
        """Compare the two selected (or the one selected with the one shown)."""
        chosen = self.selected_names()
        if len(chosen) == 1:
            other = self.doc.current if chosen[0] != self.doc.current else BASELINE
            if other == chosen[0]:
                other = self.doc.chart.names()[0]
            chosen = [other, chosen[0]]
        if len(chosen) == 2:
            self.compare_requested.emit(chosen[0], chosen[1])
