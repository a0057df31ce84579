"""The findings dock: the same Report ``orgdesigner check`` prints, refreshed after every edit,
readable in full without hovering.

Each line wraps to the panel's width. Findings that say the same thing about many teams are
one entry with their count (expand it for the teams, one line each); the codes tools match on
stay out of what a person reads. A new report changes only the lines that differ from the
ones shown (:func:`~orgdesigner.ui.findings_tree.sync_rows`), so open sections and groups stay
as they were.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QTreeWidgetItem, QVBoxLayout, QWidget

from orgdesigner.analysis import Report
from orgdesigner.analysis.edit_delta import EditDelta
from orgdesigner.model import OrgTree
from orgdesigner.ui.findings_rows import (
    CHILDREN_SHOWN,
    NEW_MARK,
    RESOLVED_MARK,
    TEAMS_LISTED,
    Section,
    group_line,
    headline_text,
    sections,
)
from orgdesigner.ui.findings_tree import KEY, NODES, FindingsTree, bold, sync_rows

__all__ = [
    "CHILDREN_SHOWN",
    "NEW_MARK",
    "RESOLVED_MARK",
    "TEAMS_LISTED",
    "FindingsPanel",
    "group_line",
    "headline_text",
]

OPEN_AT_FIRST = frozenset({"error", "warning", "Where MLOps sits", "Maturity"})


class FindingsPanel(QWidget):
    """Findings grouped by severity and kind, then where MLOps sits, the maturity stage and the
    ML project's hand-offs. Activating an entry names the nodes it concerns; the button at the
    top (and View > Findings in Full) asks for the larger view."""

    nodes_activated = Signal(list)
    full_view_requested = Signal()

    def __init__(self, parent: QWidget | None = None, full_view: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings in full" if full_view else "Findings")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Findings summary")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_edit = QLabel()
        self.last_edit.setWordWrap(True)
        self.last_edit.setAccessibleName("What the last edit changed")
        self.last_edit.setTextFormat(Qt.TextFormat.PlainText)
        self.last_edit.setStyleSheet("color: #1f4fa8;")
        self.last_edit.hide()
        self.full_button = QToolButton()
        self.full_button.setText("Full view")
        self.full_button.setToolTip("Show the findings in a large window (F8)")
        self.full_button.setAccessibleName("Show the findings in a large window")
        self.full_button.clicked.connect(self.full_view_requested)
        self.full_button.setVisible(not full_view)
        self.tree = FindingsTree()
        self.tree.setAccessibleName("Findings list")
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.headline, 1)
        top.addWidget(self.full_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.last_edit)
        layout.addWidget(self.tree)
        self.report: Report | None = None
        self.delta: EditDelta | None = None
        self._org: OrgTree | None = None

    # Showing a report ----------------------------------------------------------------------

    def show_report(self, report: Report, org: OrgTree, delta: EditDelta | None = None) -> None:
        """Show a new report, changing only the lines that differ (open sections stay open);
        with ``delta``, mark the findings the last edit created and list those it resolved."""
        self.report = report
        self._org = org
        self.headline.setText(headline_text(report))
        self.delta = delta if delta else None
        self._show_last_edit(self.delta)
        tree = self.tree
        tree.setUpdatesEnabled(False)
        try:
            tree.changed_items = self._sync(sections(report, org, self.delta))
        finally:
            tree.setUpdatesEnabled(True)

    def _sync(self, wanted: list[Section]) -> int:
        tree = self.tree
        keys = [s.key for s in wanted]
        items: dict[str, QTreeWidgetItem] = {}
        touched = 0
        for k in range(tree.topLevelItemCount() - 1, -1, -1):
            item = tree.topLevelItem(k)
            assert item is not None
            key = str(item.data(0, KEY))
            if key in keys:
                items[key] = item
            else:
                tree.takeTopLevelItem(k)
                touched += 1
        for k, section in enumerate(wanted):
            item = items.get(section.key)
            if item is None:
                item = QTreeWidgetItem([section.title])
                bold(item)
                item.setData(0, KEY, section.key)
                item.setData(0, NODES, ())
                tree.insertTopLevelItem(k, item)
                item.setExpanded(section.key in OPEN_AT_FIRST or section.opened)
                touched += 1
            elif tree.indexOfTopLevelItem(item) != k:
                expanded = item.isExpanded()
                tree.takeTopLevelItem(tree.indexOfTopLevelItem(item))
                tree.insertTopLevelItem(k, item)
                item.setExpanded(expanded)
            if item.text(0) != section.title:
                item.setText(0, section.title)
            touched += sync_rows(item, section.rows)
            if section.opened and not item.isExpanded():
                item.setExpanded(True)
        return touched

    def _show_last_edit(self, delta: EditDelta | None) -> None:
        if delta is None:
            self.last_edit.hide()
            return
        parts = list(delta.figures)
        if delta.new:
            parts.append(f"{len(delta.new)} new finding{'s' * (len(delta.new) != 1)}")
        if delta.resolved:
            parts.append(f"{len(delta.resolved)} resolved")
        self.last_edit.setText("Last edit: " + ", ".join(parts))
        self.last_edit.show()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        nodes = item.data(0, NODES) or []
        if nodes:
            self.nodes_activated.emit(list(nodes))
