"""The main window: canvas in the middle, palette, inspector, findings, history and overview docks.

It wires parts together and delegates the work: files to :class:`FileController`, edits to the
:class:`Document`, drawing to the scene and view, judging to :class:`LiveAnalysis`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QUndoView,
    QWidget,
)

from orgdesigner.io import load_template
from orgdesigner.model import EditRefused, Organization, Team
from orgdesigner.ui.actions import WindowActions
from orgdesigner.ui.canvas.card_item import CardItem
from orgdesigner.ui.canvas.decorations import TraceOverlay
from orgdesigner.ui.canvas.overview import OverviewView
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.canvas.view import OrgView
from orgdesigner.ui.document import Document
from orgdesigner.ui.file_controller import FileController
from orgdesigner.ui.findings_panel import FindingsPanel
from orgdesigner.ui.inspector import InspectorWidget
from orgdesigner.ui.live_analysis import LiveAnalysis
from orgdesigner.ui.palette import PaletteWidget
from orgdesigner.ui.plain_text import action_text, ask, follow_undo_text, plain_label, plain_tooltip, window_title
from orgdesigner.ui.recovery import Autosaver
from orgdesigner.ui.search import SearchController


class MainWindow(QMainWindow):
    """One window, one chart."""

    def __init__(self, org: Organization | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.doc = Document(org if org is not None else load_template("typical"), parent=self)
        self.analysis = LiveAnalysis(self.doc, self)
        self.scene = OrgScene(self.doc, badge_source=lambda: self.analysis.badges)
        self.scene.setParent(self)
        self.view = OrgView(self.scene)
        self.setCentralWidget(self.view)
        self.files = FileController(self.doc, self, self.settings)
        self.autosaver = Autosaver(self.doc, self)
        self.trace = TraceOverlay()
        self.trace.hide()
        self.scene.addItem(self.trace)

        self.palette_widget = PaletteWidget()
        self.inspector = InspectorWidget(self.doc)
        self.findings = FindingsPanel()
        self.history = QUndoView(self.doc.undo_stack)
        self.history.setEmptyLabel("Opened chart")
        self.history.setAccessibleName("Undo history")
        self.overview = OverviewView(self.view)
        self.docks: dict[str, QDockWidget] = {}
        self._dock("palette", "Palette", self.palette_widget, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("overview", "Overview", self.overview, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("inspector", "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("findings", "Findings", self.findings, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("history", "History", self.history, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.docks["inspector"], self.docks["history"])
        self.docks["inspector"].raise_()

        self.actions_ = WindowActions(self)
        a = self.actions_
        stack = self.doc.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        follow_undo_text(self.undo_action, "&Undo", stack.undoTextChanged)
        follow_undo_text(self.redo_action, "&Redo", stack.redoTextChanged)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.recent_menu = a.build_menus(self, self._fill_docks_menu, self.undo_action, self.redo_action)
        self.toolbar = a.build_toolbar(self, self.undo_action, self.redo_action)
        self.search = SearchController(self.scene, self.view, self)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search.field)
        self.zoom_label = plain_label("100%")
        self.zoom_label.setAccessibleName("Zoom level")
        self.statusBar().addPermanentWidget(self.zoom_label)

        self._connect()
        self._refresh_recent()
        self._update_title()
        self.findings.show_report(self.analysis.report, self.doc.org)
        self._restore_settings()
        QTimer.singleShot(0, self.view.show_start)

    # Wiring --------------------------------------------------------------------------------

    def _dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _fill_docks_menu(self, menu: QMenu) -> None:
        for dock in self.docks.values():
            menu.addAction(dock.toggleViewAction())

    def _connect(self) -> None:
        a, doc, f = self.actions_, self.doc, self.files
        a.new.triggered.connect(self.new_from_template)
        a.open.triggered.connect(f.open_dialog)
        a.save.triggered.connect(f.save)
        a.save_as.triggered.connect(f.save_as)
        a.quit.triggered.connect(self.close)
        a.import_csv.triggered.connect(self.import_csv)
        a.export_svg.triggered.connect(lambda: self.export_chart("svg"))
        a.export_png.triggered.connect(lambda: self.export_chart("png"))
        a.export_pdf.triggered.connect(lambda: self.export_chart("pdf"))
        a.export_other.triggered.connect(lambda: self.export_chart("other"))
        a.export_report_md.triggered.connect(lambda: self.export_report("md"))
        a.export_report_html.triggered.connect(lambda: self.export_report("html"))
        a.delete.triggered.connect(self.delete_selection)
        a.rename.triggered.connect(self.rename_selection)
        a.link.triggered.connect(self.begin_link)
        a.select_all.triggered.connect(lambda: self.scene.select_ids(self.scene.cards))
        a.find.triggered.connect(self.search.focus)
        a.zoom_in.triggered.connect(lambda: self.view.zoom_by(1.25))
        a.zoom_out.triggered.connect(lambda: self.view.zoom_by(0.8))
        a.zoom_fit.triggered.connect(self.view.fit_chart)
        a.zoom_actual.triggered.connect(self.view.zoom_actual)
        a.top_down.triggered.connect(lambda: self.set_orientation("top-down"))
        a.left_right.triggered.connect(lambda: self.set_orientation("left-right"))
        a.collapse.triggered.connect(lambda: self.scene.toggle_collapsed(self.scene.selected_ids()))
        a.expand_all.triggered.connect(self.scene.expand_all)
        a.trace.toggled.connect(self._update_trace)
        a.badges.toggled.connect(self.scene.set_show_badges)
        a.about.triggered.connect(self.about)
        f.recent_changed.connect(self._refresh_recent)
        f.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        doc.modified_changed.connect(lambda _m: self._update_title())
        doc.path_changed.connect(lambda _p: self._update_title())
        doc.replaced.connect(self._chart_replaced)
        self.analysis.report_changed.connect(self._report_changed)
        self.scene.selection_ids_changed.connect(self._selection_changed)
        self.scene.relaid.connect(self._update_trace)
        self.palette_widget.entry_activated.connect(self.add_from_palette)
        self.findings.nodes_activated.connect(self.reveal_nodes)
        self.view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.view.files_dropped.connect(self.open_dropped_files)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._selection_changed([])

    # Reactions -----------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = Path(self.doc.path).name if self.doc.path else f"{self.doc.org.name} (unsaved)"
        self.setWindowTitle(f"{window_title(name)}[*] — orgdesigner")
        self.setWindowModified(self.doc.is_modified)

    def _report_changed(self) -> None:
        self.findings.show_report(self.analysis.report, self.doc.org)

    def _chart_replaced(self) -> None:
        self.scene.collapsed.clear()
        self._update_title()
        QTimer.singleShot(0, self.view.show_start)

    def _selection_changed(self, ids: list[str]) -> None:
        self.inspector.set_node(ids[0] if len(ids) == 1 else None)
        has = bool(ids)
        self.actions_.delete.setEnabled(has)
        self.actions_.rename.setEnabled(len(ids) == 1)
        single = ids[0] if len(ids) == 1 else None
        self.actions_.link.setEnabled(single is not None and isinstance(self.doc.org.get(single), Team))
        self.actions_.collapse.setEnabled(has)
        if len(ids) > 1:
            self.statusBar().showMessage(f"{len(ids)} cards selected", 3000)

    def _update_trace(self) -> None:
        show = self.actions_.trace.isChecked()
        self.trace.setVisible(show)
        if not show:
            return
        stops: list[tuple[int, str, QRectF]] = []
        hops: list[tuple[QRectF, QRectF, int]] = []
        last: QRectF | None = None
        for step in self.analysis.report.handoffs.steps:
            if step.owner is None:
                continue
            card = self.scene.visible_card_for(step.owner)
            if card is None:
                continue
            box = card.box
            rect = QRectF(box.x, box.y, box.w, box.h)
            stops.append((step.step, step.name, rect))
            if last is not None:
                hops.append((last, rect, step.distance or 0))
            last = rect
        self.trace.set_trace(stops, hops)
        total = self.analysis.report.handoffs.total_distance
        self.statusBar().showMessage(f"ML project trace: {total} reporting lines crossed from idea to production", 8000)

    # Commands ------------------------------------------------------------------------------

    def _edit(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except EditRefused as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return False
        return True

    def add_from_palette(self, kind: str, value: str) -> None:
        """Add a palette entry under the selected card (Enter or double-click in the palette)."""
        ids = self.scene.selected_ids()
        parent = ids[0] if ids else self.doc.org.root
        if parent is None:
            self.statusBar().showMessage("Select a card to add to", 5000)
            return

        def add() -> None:
            node = self.doc.add_team(value, parent) if kind == "team" else self.doc.add_unit(value, parent)
            self.scene.select_ids([node.id])

        self._edit(add)

    def delete_selection(self) -> None:
        """Delete the selected cards and their subtrees."""
        ids = self.scene.selected_ids()
        if (
            ids
            and self.doc.org.root in ids
            and not ask(
                self,
                "Delete the whole chart?",
                "The top of the chart is selected: deleting it deletes every card. Go on?",
            )
        ):
            return
        self._edit(lambda: self.doc.remove_nodes(ids))

    def rename_selection(self) -> None:
        """F2: rename the selected card in place."""
        ids = self.scene.selected_ids()
        if len(ids) == 1:
            self.view.start_rename(ids[0])

    def begin_link(self) -> None:
        """Start a dotted line from the selected team."""
        ids = self.scene.selected_ids()
        if len(ids) == 1 and isinstance(self.doc.org.get(ids[0]), Team):
            self.view.begin_link(ids[0])
        else:
            self.statusBar().showMessage("Select one team: it is the one that serves", 5000)

    def set_orientation(self, orientation: str) -> None:
        """Top-down or left-right."""
        self.scene.set_orientation(orientation)  # type: ignore[arg-type]
        (self.actions_.top_down if orientation == "top-down" else self.actions_.left_right).setChecked(True)
        QTimer.singleShot(0, self.view.fit_chart)

    def reveal_nodes(self, ids: list[str]) -> None:
        """Select and centre the cards of these nodes (expanding what hides them)."""
        org = self.doc.org
        ids = [i for i in ids if i in org]
        hidden = {a for i in ids for a in org.ancestors(i) if a in self.scene.collapsed}
        if hidden:
            self.scene.collapsed -= hidden
            self.scene.rebuild()
        self.scene.select_ids(ids)
        self.view.center_on_ids(ids)

    def open_dropped_files(self, paths: list[str]) -> None:
        """Files dropped on the canvas: a CSV is imported, anything else opened as a chart
        (a file that is not one is refused with the reason, and the chart stays as it was)."""
        for path in paths[:1]:
            if path.lower().endswith((".csv", ".tsv", ".txt")):
                from orgdesigner.ui.import_flow import import_csv_interactively

                org = import_csv_interactively(self, path)
                if org is not None:
                    self.files.open_org(org, modified=True)
            else:
                self.files.open_path(path)

    def new_from_template(self) -> None:
        """File > New: pick a template in the gallery."""
        from orgdesigner.ui.gallery import TemplateGallery

        dialog = TemplateGallery(self)
        if dialog.exec() and dialog.chosen:
            self.files.open_template(dialog.chosen)

    def import_csv(self) -> None:
        """File > Import CSV."""
        from orgdesigner.ui.import_flow import import_csv_interactively

        org = import_csv_interactively(self)
        if org is not None:
            self.files.open_org(org, modified=True)

    def export_chart(self, kind: str) -> None:
        """File > Export (SVG, PNG, PDF, other tools)."""
        from orgdesigner.ui.export_dialog import run_export

        run_export(self, kind)

    def export_report(self, fmt: str) -> None:
        """File > Export Report (Markdown, HTML)."""
        from orgdesigner.ui.export_dialog import run_report_export

        run_report_export(self, fmt)

    def about(self) -> None:
        """Help > About."""
        from orgdesigner import __version__

        QMessageBox.about(
            self,
            "About orgdesigner",
            f"<b>orgdesigner {__version__}</b><p>Design data &amp; AI org charts and see what "
            "they cover and miss: where MLOps sits, the maturity stage, the ML project's hand-offs.</p>",
        )

    def _context_menu(self, pos: QPoint) -> None:
        from orgdesigner.ui.context_menu import build_context_menu

        card = self.scene.card_at(self.view.mapToScene(pos))
        if isinstance(card, CardItem) and not card.isSelected():
            self.scene.select_ids([card.box.id])
        menu = build_context_menu(self, card.box.id if card is not None else None)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # Files and settings --------------------------------------------------------------------

    def _refresh_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.files.recent_files()
        for i, path in enumerate(files):
            act = QAction(f"&{i + 1} {action_text(Path(path).name)}", menu)
            act.setToolTip(plain_tooltip(path))
            act.triggered.connect(lambda _c=False, p=path: self.files.open_path(p))
            menu.addAction(act)
        if files:
            menu.addSeparator()
            menu.addAction("Clear Recent Files", self.files.clear_recent)
        menu.setEnabled(bool(files))

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        d = self.docks
        if True:
            self.resizeDocks([d["palette"], d["inspector"]], [210, 340], Qt.Orientation.Horizontal)
            self.resizeDocks([d["palette"], d["overview"]], [520, 200], Qt.Orientation.Vertical)
            self.resizeDocks([d["inspector"], d["findings"]], [380, 420], Qt.Orientation.Vertical)
        self.view.show_start()

    def save_settings(self) -> None:
        """Remember window geometry and dock layout."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_settings()
        self.autosaver.close()
        self.files.release_lock()
        event.accept()

    def search_field(self) -> QLineEdit:
        """The search box (for tests)."""
        return self.search.field
