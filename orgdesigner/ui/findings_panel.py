"""The findings dock: the same Report ``orgdesigner check`` prints, refreshed after every edit,
readable in full without hovering.

Each line wraps to the panel's width. Findings that say the same thing about many teams are
one entry with their count (expand it for the teams, one line each); the codes tools match on
stay out of what a person reads.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.analysis import Finding, MlopsPlacement, MlopsTeamPlacement, Report, Severity
from orgdesigner.analysis.edit_delta import EditDelta
from orgdesigner.analysis.grouping import FindingGroup, group_findings
from orgdesigner.export.report_common import PLACEMENT_WORDS
from orgdesigner.model import OrgTree
from orgdesigner.ui.plain_text import plain_tooltip

_NODES = Qt.ItemDataRole.UserRole
_KEY = Qt.ItemDataRole.UserRole + 1
_LAZY = Qt.ItemDataRole.UserRole + 2
_SEVERITY_TITLES = {Severity.ERROR: "Gaps and errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
_SEVERITY_COLORS = {Severity.ERROR: "#c0392b", Severity.WARNING: "#a8650f", Severity.INFO: "#4a5568"}
_SEVERITY_MARKS = {Severity.ERROR: "■", Severity.WARNING: "▲", Severity.INFO: "●"}
TEAMS_LISTED = 3
"""Up to this many MLOps teams, each gets its own line; more are summed up per placement."""
NEW_MARK = "NEW: "
"""Put before a finding the last edit created (in bold: never colour alone)."""
RESOLVED_MARK = "✓ "
CHILDREN_SHOWN = 500
"""An expanded group lists this many of its findings, then says how many more there are."""


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the width the row really has (its depth's
    indentation taken off): Qt's own size hint measures one unwrapped line."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth = 1
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        tree = self._tree
        width = max(80, tree.viewport().width() - depth * tree.indentation() - 8)
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else option.fontMetrics
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        box = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(width, box.height() + 6)


class FindingsTree(QTreeWidget):
    """A tree whose lines wrap to its width (Qt elides them otherwise), re-wrapped on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(WrappingDelegate(self))
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(True)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(30)
        self._relayout.timeout.connect(self.scheduleDelayedItemsLayout)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout.start()


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
        self.tree.itemExpanded.connect(self._fill_lazy)
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
        self._expanded: set[str] = {"error", "warning", "Where MLOps sits", "Maturity"}

    # Showing a report ----------------------------------------------------------------------

    def show_report(self, report: Report, org: OrgTree, delta: EditDelta | None = None) -> None:
        """Show a new report (keeping which sections were open); with ``delta``, mark the
        findings the last edit created and list those it resolved."""
        if self.report is not None:
            self._expanded = {
                str(t.data(0, _KEY)) for t in self._top_items() if t.isExpanded() and t.data(0, _KEY) is not None
            }
        self.report = report
        self._org = org
        self.headline.setText(headline_text(report))
        self.delta = delta if delta else None
        self._show_last_edit(self.delta)
        fresh = {id(f) for f in self.delta.new} if self.delta else set()
        tree = self.tree
        tree.setUpdatesEnabled(False)
        tree.clear()
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            found = report.of(severity)
            section = self._section(f"{_SEVERITY_TITLES[severity]} ({len(found)})", severity.value)
            color = QBrush(QColor(_SEVERITY_COLORS[severity]))
            groups = group_findings(found)
            if fresh:  # what the last edit created comes first in its section
                groups.sort(key=lambda g: not any(id(f) in fresh for f in g.findings))
            for group in groups:
                text = f"{_SEVERITY_MARKS[severity]} {group_line(group)}"
                made = sum(1 for f in group.findings if id(f) in fresh)
                if made:
                    text = f"{NEW_MARK if group.count == 1 else f'{NEW_MARK[:-2]} ({made}): '}{text}"
                item = self._leaf(section, text, list(group.nodes))
                item.setForeground(0, color)
                if made:
                    self._bold(item)
                    section.setExpanded(True)
                if group.count > 1:
                    self._lazy(item, group.findings)
        if self.delta is not None and self.delta.resolved:
            self._resolved(self.delta.resolved)
        self._placement(report)
        self._maturity(report)
        self._handoffs(report, org)
        tree.setUpdatesEnabled(True)

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

    def _resolved(self, resolved: tuple[Finding, ...]) -> None:
        section = self._section(f"Resolved by the last edit ({len(resolved)})", "resolved")
        section.setExpanded(True)
        for group in group_findings(resolved):
            self._leaf(section, f"{RESOLVED_MARK}{group_line(group)}", list(group.nodes))

    def _bold(self, item: QTreeWidgetItem) -> None:
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)

    def _top_items(self) -> list[QTreeWidgetItem]:
        tree = self.tree
        return [item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None]

    def _placement(self, report: Report) -> None:
        p = report.placement
        section = self._section(f"Where MLOps sits: {p.name}", "Where MLOps sits")
        self._leaf(section, f"Focus: {p.focus}", [t.team for t in p.teams])
        for s in p.strengths:
            self._leaf(section, f"+ {s}", [])
        for r in p.risks:
            self._leaf(section, f"− {r}", [])
        if len(p.teams) <= TEAMS_LISTED:
            for t in p.teams:
                self._leaf(section, f"{self._name(t.team)} {t.reason}.", [t.team])
            return
        by_kind: dict[MlopsPlacement, list[MlopsTeamPlacement]] = defaultdict(list)
        for t in p.teams:
            by_kind[t.kind].append(t)
        for kind, teams in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
            names = ", ".join(self._name(t.team) for t in teams[:TEAMS_LISTED])
            more = f" and {len(teams) - TEAMS_LISTED} more" if len(teams) > TEAMS_LISTED else ""
            line = f"{len(teams)} MLOps teams {PLACEMENT_WORDS[kind.value]}: {names}{more}"
            item = self._leaf(section, line, [t.team for t in teams])
            for t in teams[:CHILDREN_SHOWN]:
                self._leaf(item, f"{self._name(t.team)} {t.reason}.", [t.team])

    def _maturity(self, report: Report) -> None:
        m = report.maturity
        section = self._section(f"Maturity: stage {m.stage}, {m.name} (target {m.target_stage})", "Maturity")
        for ev in m.evidence:
            stage_item = self._leaf(section, f"Stage {ev.stage}, {ev.name}: met", [])
            for req in ev.requirements:
                owners = len(req.owners)
                self._leaf(stage_item, f"{req.title}: {owners} owner{'s' * (owners != 1)}", list(req.owners))
        if m.next is not None:
            nxt = self._leaf(section, f"For stage {m.next.stage}, {m.next.name}, someone must own:", [])
            for _rid, title in m.next.missing:
                self._leaf(nxt, title, [])

    def _handoffs(self, report: Report, org: OrgTree) -> None:
        h = report.handoffs
        section = self._section(f"ML project trace: {h.total_distance} reporting lines crossed", "ML project trace")
        for step in h.steps:
            if step.owner is None:
                text = f"{step.step}. {step.name}: nobody owns this step"
            else:
                hop = "" if step.distance is None else f" (+{step.distance} reporting lines)"
                text = f"{step.step}. {step.name}: {org.label(step.owner) if step.owner in org else step.owner}{hop}"
            self._leaf(section, text, [step.owner] if step.owner else [])

    # Items ---------------------------------------------------------------------------------

    def _name(self, node_id: str) -> str:
        org = self._org
        node = None if org is None else org.get(node_id)
        return node_id if node is None else node.name

    def _section(self, title: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setData(0, _KEY, key)
        item.setData(0, _NODES, [])
        item.setExpanded(key in self._expanded)
        return item

    def _leaf(self, parent: QTreeWidgetItem, text: str, nodes: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, _NODES, nodes)
        item.setToolTip(0, plain_tooltip(text))
        return item

    def _lazy(self, item: QTreeWidgetItem, findings: tuple[Finding, ...]) -> None:
        # A group of 1,450 findings gets its lines when it is first opened, not on every edit.
        item.setData(0, _LAZY, findings)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)

    def _fill_lazy(self, item: QTreeWidgetItem) -> None:
        findings = item.data(0, _LAZY)
        if not findings:
            return
        item.setData(0, _LAZY, None)
        for f in findings[:CHILDREN_SHOWN]:
            self._leaf(item, f.message, list(f.nodes))
        if len(findings) > CHILDREN_SHOWN:
            self._leaf(item, f"… and {len(findings) - CHILDREN_SHOWN:,} more (File > Export > Report)", [])

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        nodes = item.data(0, _NODES) or []
        if nodes:
            self.nodes_activated.emit(list(nodes))


def headline_text(report: Report) -> str:
    """The key figures in a line or two: stage against target, where MLOps sits, the counts."""
    s = report.summary
    return (
        f"Stage {s.stage} ({s.stage_name}), target {s.target_stage} · MLOps: {report.placement.name} · "
        f"{s.errors} error{'s' * (s.errors != 1)}, {s.warnings} warning{'s' * (s.warnings != 1)}, "
        f"{s.infos} note{'s' * (s.infos != 1)}"
    )


def group_line(group: FindingGroup) -> str:
    """What a person reads for a group: its sentence, and how many findings it stands for when
    its sentence does not say so itself."""
    if group.count == 1 or group.findings[0].group_text:
        return group.text
    return f"{group.text} (×{group.count})"
