"""Where should MLOps sit? The chart shown with its MLOps work moved to each placement, every
alternative judged by the same analysis and shown side by side with the chart as it is,
ranked under the priority the user picks, one sentence each on why. Any or all of them can be
added as scenarios, or one applied to the chart as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.analysis.explore import DEFAULT_PRIORITY, PRIORITIES, Exploration, explore
from orgdesigner.export.explore_common import move_text, table
from orgdesigner.model import EditRefused, Organization
from orgdesigner.ui.document import Document


class ExploreDialog(QDialog):
    """The alternatives table for the chart shown; ``message`` says what was added or applied."""

    message = Signal(str)

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where should MLOps sit? — orgdesigner")
        self.doc = doc
        self.source: Organization = doc.org
        self.exploration: Exploration | None = None
        intro = QLabel(
            "Each column is the chart shown with its MLOps work moved to one placement, judged as the "
            "findings judge the chart. No placement is right for every company: pick what matters most."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.priority = QComboBox()
        self.priority.setAccessibleName("What matters most")
        for p in PRIORITIES.values():
            self.priority.addItem(p.label[:1].upper() + p.label[1:], p.name)
        self.priority.setCurrentIndex(self.priority.findData(DEFAULT_PRIORITY))
        self.ranks_by = QLabel()
        self.ranks_by.setTextFormat(Qt.TextFormat.PlainText)
        self.ranks_by.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setAccessibleName("Alternatives")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QListWidget()
        self.details.setAccessibleName("Why, and what moves")
        self.details.setWordWrap(True)
        self.add_selected = QPushButton("Add Selected as Scenarios")
        self.add_all = QPushButton("Add All as Scenarios")
        self.apply = QPushButton("Apply to This Chart")
        self.apply.setToolTip("Make the chart shown the selected alternative (one undo step)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel("What matters most:"))
        row.addWidget(self.priority)
        row.addWidget(self.ranks_by, 1)
        actions = QHBoxLayout()
        for b in (self.add_selected, self.add_all, self.apply):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.details, 2)
        layout.addLayout(actions)
        self.priority.activated.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._show_details)
        self.add_selected.clicked.connect(lambda: self.add_as_scenarios(self.selected_options()))
        self.add_all.clicked.connect(lambda: self.add_as_scenarios(list(range(len(self._options())))))
        self.apply.clicked.connect(self.apply_selected)
        self.resize(1200, 760)
        self.refresh()

    def _options(self) -> list[int]:
        return list(range(len(self.exploration.options))) if self.exploration else []

    def refresh(self) -> None:
        """Explore the chart shown again under the chosen priority."""
        self.source = self.doc.org
        priority = str(self.priority.currentData())
        self.exploration = e = explore(self.source, priority)
        self.ranks_by.setText(f"Ranked by {e.priority.ranks_by}.")
        t = table(e)
        self.table.setColumnCount(len(t.header) - 1)
        self.table.setRowCount(len(t.rows) + 1)
        self.table.setHorizontalHeaderLabels(list(t.header[1:]))
        self.table.setVerticalHeaderLabels([r[0] for r in t.rows] + ["Why"])
        for r, cells in enumerate(t.rows):
            for k, text in enumerate(cells[1:]):
                self.table.setItem(r, k, QTableWidgetItem(text))
        self.table.setItem(len(t.rows), 0, QTableWidgetItem("The chart as it is"))
        for k, option in enumerate(e.options, start=1):
            self.table.setItem(len(t.rows), k, QTableWidgetItem(option.why))
        self.table.resizeRowsToContents()
        self._show_details()

    def selected_options(self) -> list[int]:
        """The options (by position) whose columns are selected (the first column is the chart)."""
        columns = sorted({i.column() for i in self.table.selectedIndexes()})
        return [c - 1 for c in columns if c >= 1]

    def _show_details(self) -> None:
        self.details.clear()
        e = self.exploration
        chosen = self.selected_options()
        self.add_selected.setEnabled(bool(chosen))
        self.apply.setEnabled(len(chosen) == 1)
        if e is None:
            return
        if not chosen:
            self.details.addItem("Select a column to see why it ranks where it does and what it moves.")
            return
        for k in chosen:
            option = e.options[k]
            alt = option.alternative
            self.details.addItem(f"{alt.title} (rank {option.rank}): {option.why}")
            for m in option.measured.strengths:
                self.details.addItem(f"   + {m}")
            for m in option.measured.risks:
                self.details.addItem(f"   − {m}")
            for move in alt.moves:
                self.details.addItem(f"   {move_text(move, alt.org, self.source)}")

    def add_as_scenarios(self, options: list[int]) -> list[str]:
        """Add these options as new scenarios (each its own undo step); returns their names."""
        e = self.exploration
        added: list[str] = []
        if e is None:
            return added
        for k in options:
            alt = e.options[k].alternative
            try:
                added.append(self.doc.add_scenario(alt.org.copy(), self.doc.chart.unique_name(alt.title)))
            except EditRefused as exc:
                self.message.emit(str(exc))
                break
        if added:
            self.message.emit(f"Added {len(added)} scenario{'s' * (len(added) != 1)}: {', '.join(added)}")
        self.refresh()
        return added

    def apply_selected(self) -> None:
        """Make the chart shown the selected alternative, as one undo step."""
        e = self.exploration
        chosen = self.selected_options()
        if e is None or len(chosen) != 1:
            return
        alt = e.options[chosen[0]].alternative
        try:
            self.doc.replace_org(alt.org, f"Apply {alt.title}")
        except EditRefused as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(f"Applied {alt.title}. Ctrl+Z brings the chart back as it was.")
        self.refresh()
