"""The findings dock: the same Report ``orgdesigner check`` prints, refreshed after every edit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from orgdesigner.analysis import Report, Severity
from orgdesigner.model import Organization
from orgdesigner.ui.plain_text import plain_tooltip

_NODES = Qt.ItemDataRole.UserRole
_SEVERITY_TITLES = {Severity.ERROR: "Gaps and errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
_SEVERITY_COLORS = {Severity.ERROR: "#c0392b", Severity.WARNING: "#b7791f", Severity.INFO: "#4a5568"}


class FindingsPanel(QWidget):
    """Findings grouped by severity, then where MLOps sits, the maturity stage and the ML
    project's hand-offs. Activating an entry names the nodes it concerns."""

    nodes_activated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Findings summary")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Findings list")
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree)
        self.report: Report | None = None
        self._expanded: set[str] = {"Gaps and errors", "Warnings", "Where MLOps sits", "Maturity"}

    def show_report(self, report: Report, org: Organization) -> None:
        """Show a new report (keeping which sections were open)."""
        if self.report is not None:
            tops = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
            self._expanded = {t.data(0, Qt.ItemDataRole.UserRole + 1) for t in tops if t is not None and t.isExpanded()}
        self.report = report
        s = report.summary
        self.headline.setText(
            f"Stage {s.stage} ({s.stage_name}), target {s.target_stage} · MLOps: {report.placement.name} · "
            f"{s.errors} error{'s' * (s.errors != 1)}, {s.warnings} warning{'s' * (s.warnings != 1)}, "
            f"{s.infos} note{'s' * (s.infos != 1)}"
        )
        tree = self.tree
        tree.setUpdatesEnabled(False)
        tree.clear()
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            found = [f for f in report.findings if f.severity == severity]
            section = self._section(f"{_SEVERITY_TITLES[severity]} ({len(found)})", _SEVERITY_TITLES[severity])
            color = QBrush(QColor(_SEVERITY_COLORS[severity]))
            for f in found[:2000]:
                item = self._leaf(section, f.message, list(f.nodes), f"{f.code}: {f.message}")
                item.setForeground(0, color)
            if len(found) > 2000:
                self._leaf(section, f"… and {len(found) - 2000} more (see Export Report)", [])
        self._placement(report)
        self._maturity(report)
        self._handoffs(report, org)
        tree.setUpdatesEnabled(True)

    def _placement(self, report: Report) -> None:
        p = report.placement
        section = self._section(f"Where MLOps sits: {p.name}", "Where MLOps sits")
        self._leaf(section, f"Focus: {p.focus}", [t.team for t in p.teams])
        for s in p.strengths:
            self._leaf(section, f"+ {s}", [])
        for r in p.risks:
            self._leaf(section, f"− {r}", [])
        for t in p.teams:
            self._leaf(section, t.reason, [t.team])

    def _maturity(self, report: Report) -> None:
        m = report.maturity
        section = self._section(f"Maturity: stage {m.stage}, {m.name} (target {m.target_stage})", "Maturity")
        for ev in m.evidence:
            stage_item = self._leaf(section, f"Stage {ev.stage}, {ev.name}: met", [])
            for req in ev.requirements:
                self._leaf(
                    stage_item, f"{req.title}: {len(req.owners)} owner{'s' * (len(req.owners) != 1)}", list(req.owners)
                )
        if m.next is not None:
            nxt = self._leaf(section, f"For stage {m.next.stage}, {m.next.name}, someone must own:", [])
            for _rid, title in m.next.missing:
                self._leaf(nxt, title, [])

    def _handoffs(self, report: Report, org: Organization) -> None:
        h = report.handoffs
        section = self._section(f"ML project trace: {h.total_distance} reporting lines crossed", "ML project trace")
        for step in h.steps:
            if step.owner is None:
                text = f"{step.step}. {step.name}: nobody owns this step"
            else:
                hop = "" if step.distance is None else f" (+{step.distance})"
                text = f"{step.step}. {step.name}: {org.label(step.owner) if step.owner in org else step.owner}{hop}"
            self._leaf(section, text, [step.owner] if step.owner else [])

    def _section(self, title: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setData(0, Qt.ItemDataRole.UserRole + 1, key)
        item.setData(0, _NODES, [])
        item.setExpanded(key in self._expanded)
        return item

    def _leaf(self, parent: QTreeWidgetItem, text: str, nodes: list[str], tip: str | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, _NODES, nodes)
        item.setToolTip(0, plain_tooltip(tip or text))
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        nodes = item.data(0, _NODES) or []
        if nodes:
            self.nodes_activated.emit(list(nodes))
