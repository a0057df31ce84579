"""The main window: canvas in the middle, palette, inspector, findings, history and overview docks.

It wires parts together and delegates the work: files to :class:`FileController`, edits to the
:class:`Document`, drawing to the scene and view, judging to :class:`LiveAnalysis`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRectF, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QUndoView,
    QWidget,
)

from orgdesigner.io import load_template
from orgdesigner.layout import Orientation, org_arrays
from orgdesigner.model import Organization, ScenarioSet, Team
from orgdesigner.model.scenarios import BASELINE
from orgdesigner.ui.actions import SteadyUndoActions, WindowActions, shortcuts
from orgdesigner.ui.canvas.card_item import Card
from orgdesigner.ui.canvas.edits import CanvasEdits
from orgdesigner.ui.canvas.overview import OverviewView
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.canvas.trace import TraceOverlay, TraceStop
from orgdesigner.ui.canvas.view import READABLE_SCALE, OrgView
from orgdesigner.ui.document import Document
from orgdesigner.ui.file_controller import FileController
from orgdesigner.ui.findings_panel import FindingsPanel
from orgdesigner.ui.findings_window import FindingsWindow
from orgdesigner.ui.help_window import HelpWindow
from orgdesigner.ui.inspector import InspectorWidget
from orgdesigner.ui.live_analysis import LiveAnalysis
from orgdesigner.ui.palette import PaletteWidget
from orgdesigner.ui.plain_text import action_text, ask, plain_label, plain_tooltip, window_title
from orgdesigner.ui.recovery import Autosaver
from orgdesigner.ui.scenarios_panel import ScenariosPanel
from orgdesigner.ui.search import SearchController
from orgdesigner.ui.view_state import ViewState, start_collapsed

if TYPE_CHECKING:
    from orgdesigner.ui.disk_watch import DiskState
    from orgdesigner.ui.export_dialog import ExportSource

DEFAULT_SIZE = QSize(1400, 860)
COMPACT_WIDTH = 1100
"""Below this width the side panels start narrow and tabbed, so the canvas keeps its room."""


def default_size(available: QSize) -> QSize:
    """The window's first size: 1400 x 860, or nine tenths of a smaller screen."""
    return DEFAULT_SIZE.boundedTo(QSize(int(available.width() * 0.9), int(available.height() * 0.9)))


FOCUS_FRAME = (
    "QAbstractScrollArea { border: 2px solid transparent; }"
    " QAbstractScrollArea:focus { border: 2px solid palette(highlight); }"
)
"""Where the keyboard is: a frame in the highlight colour around the focused canvas or palette."""


class MainWindow(QMainWindow):
    """One window, one chart."""

    def __init__(
        self,
        chart: ScenarioSet | Organization | None = None,
        settings: QSettings | None = None,
        path: str | None = None,
        modified: bool = False,
        disk_state: DiskState | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.doc = Document(chart if chart is not None else load_template("typical"), parent=self, modified=modified)
        self.analysis = LiveAnalysis(self.doc, self)
        self.view_state = ViewState(self)
        flat = org_arrays(self.doc.org)  # flattened once: to choose what opens folded, and to lay out
        self.view_state.set_collapsed(start_collapsed(self.doc.org, self._readable_width(), flat))
        self.scene = OrgScene(self.doc, self.view_state, badge_source=lambda: self.analysis.last_badges, flat=flat)
        self.scene.setParent(self)
        self.edits = CanvasEdits(self.doc, self.scene, self)
        self.view = OrgView(self.scene, self.edits)
        self.view.setStyleSheet(FOCUS_FRAME)
        self.setCentralWidget(self.view)
        self.files = FileController(self.doc, self, self.settings)
        if path is not None:
            self.files.attach(path, disk_state)
        self.autosaver = Autosaver(self.doc, self)
        self.trace = TraceOverlay()
        self.trace.attach(self.scene)
        self.trace.show_trace(False)

        self.palette_widget = PaletteWidget()
        self.palette_widget.setStyleSheet(FOCUS_FRAME)
        self.inspector = InspectorWidget(self.doc)
        self.findings = FindingsPanel()
        self.findings_window = FindingsWindow(self)
        self._help: HelpWindow | None = None
        self.scenarios = ScenariosPanel(self.doc)
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
        self._dock("scenarios", "Scenarios", self.scenarios, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.docks["inspector"], self.docks["history"])
        self.tabifyDockWidget(self.docks["overview"], self.docks["scenarios"])
        self.docks["scenarios" if len(self.doc.chart) else "overview"].raise_()
        self.docks["inspector"].raise_()

        self.actions_ = WindowActions(self)
        a = self.actions_
        self.undo_action = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Undo))
        self.redo_action = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        # The actions' texts come from each command's action text ("&" doubled); their tooltips
        # would be the same text read as markup: set them plain, from the command's own text.
        self.doc.undo_stack.indexChanged.connect(self._undo_tooltips)
        self._undo_tooltips()
        self.recent_menu = a.build_menus(self, self._fill_docks_menu, self.undo_action, self.redo_action)
        self.steady_undo = SteadyUndoActions(self, self.doc.undo_stack)
        self.toolbar = a.build_toolbar(self, self.steady_undo.undo, self.steady_undo.redo)
        self.search = SearchController(self.scene, self.view, self)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search.widget)
        self.zoom_label = plain_label("100%")
        self.zoom_label.setAccessibleName("Zoom level")
        self.statusBar().addPermanentWidget(self.zoom_label)

        self._connect()
        self._refresh_recent()
        self._update_title()
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
        a.export_decision.triggered.connect(self.export_decision)
        a.new_scenario.triggered.connect(self.scenarios.new_scenario)
        a.next_scenario.triggered.connect(lambda: self.step_scenario(1))
        a.previous_scenario.triggered.connect(lambda: self.step_scenario(-1))
        a.compare.triggered.connect(lambda: self.compare_scenarios(None, None))
        a.explore.triggered.connect(self.explore_placements)
        self.scenarios.compare_requested.connect(self.compare_scenarios)
        self.scenarios.message.connect(self.show_message)
        doc.scenario_changed.connect(self._scenario_changed)
        doc.scenarios_changed.connect(lambda: self.docks["scenarios"].raise_() if len(doc.chart) else None)
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
        a.collapse.triggered.connect(lambda: self.view_state.toggle_collapsed(doc.org, self.scene.selected_ids()))
        a.expand_all.triggered.connect(self.view_state.expand_all)
        for depth, action in enumerate(a.depth_actions, start=1):
            action.triggered.connect(lambda _c=False, d=depth: self.collapse_to_depth(d))
        a.depth_all.triggered.connect(lambda: self.collapse_to_depth(None))
        a.trace.toggled.connect(self._update_trace)
        a.badges.toggled.connect(self.view_state.set_badges)
        a.about.triggered.connect(self.about)
        a.help.triggered.connect(self.show_help)
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
        self.findings.full_view_requested.connect(self.show_findings_in_full)
        self.findings_window.nodes_activated.connect(self.reveal_nodes)
        a.findings_full.triggered.connect(self.show_findings_in_full)
        self.view.message.connect(self.show_message)
        self.view.prompt.connect(lambda text: self.statusBar().showMessage(text))
        self.edits.message.connect(self.show_message)
        self.view.files_dropped.connect(self.open_dropped_files)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._selection_changed([])

    # Reactions -----------------------------------------------------------------------------

    def _update_title(self) -> None:
        # "[*]" is where Qt puts the modified mark ("*": changes not saved); a chart that has
        # no file yet says so once, without a second word for "unsaved".
        doc = self.doc
        name = Path(doc.path).name if doc.path else f"{doc.chart.baseline.name} (new chart)"
        scenario = "" if doc.current == BASELINE else f" — scenario {doc.current}"
        self.setWindowTitle(f"{window_title(name + scenario)}[*] — orgdesigner")
        self.setWindowModified(self.doc.is_modified)

    def _undo_tooltips(self, *_args: object) -> None:
        stack = self.doc.undo_stack
        index = stack.index()
        before = stack.command(index - 1) if index > 0 else None
        after = stack.command(index) if index < stack.count() else None
        self.undo_action.setToolTip(plain_tooltip("Undo" + ("" if before is None else f" {before.text()}")))
        self.redo_action.setToolTip(plain_tooltip("Redo" + ("" if after is None else f" {after.text()}")))

    def show_message(self, text: str) -> None:
        """A sentence in the status bar for a few seconds (what an edit did, why it was refused)."""
        self.statusBar().showMessage(text, 8000)

    def _report_changed(self) -> None:
        analysis = self.analysis
        self.scene.refresh_badges(analysis.badges_changed)
        report = analysis.report
        self.findings.show_report(report, self.doc.org, analysis.delta)
        self.findings_window.show_report(report, self.doc.org)
        self._update_trace()
        self.autosaver.edit_finished()

    def _scenario_changed(self, _name: str) -> None:
        self._update_title()
        current = self.doc.current
        where = "the baseline" if current == BASELINE else f"scenario {current}"
        self.show_message(f"Showing {where}")

    def step_scenario(self, by: int) -> None:
        """Show the next (``by`` 1) or previous (-1) scenario, round the end."""
        names = [BASELINE, *self.doc.chart.names()]
        if len(names) < 2:
            self.show_message("The chart has no scenarios yet: Scenarios > New Scenario makes one")
            return
        self.doc.show_scenario(names[(names.index(self.doc.current) + by) % len(names)])

    def compare_scenarios(self, base: str | None, other: str | None) -> None:
        """Scenarios > Compare: two scenarios side by side (default: the baseline and the one
        shown, or the first scenario)."""
        from orgdesigner.ui.compare_view import CompareWindow

        names = self.doc.chart.names()
        if not names:
            self.show_message("Nothing to compare yet: Scenarios > New Scenario makes a scenario to compare")
            return
        if base is None or other is None:
            base, other = BASELINE, (self.doc.current if self.doc.current != BASELINE else names[0])
        window = CompareWindow(self.doc.chart, self.view_state.orientation, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.compare(base, other)
        window.show()
        self.compare_window = window

    def explore_placements(self) -> None:
        """Where should MLOps sit? The alternatives for the chart shown."""
        from orgdesigner.ui.explore_dialog import ExploreDialog

        dialog = ExploreDialog(self.doc, self)
        dialog.message.connect(self.show_message)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.explore_dialog = dialog

    def export_decision(self) -> None:
        """File > Export > Decision Report."""
        from orgdesigner.ui.export_dialog import run_decision_export

        run_decision_export(self.export_source())

    def show_findings_in_full(self) -> None:
        """Open (or bring up) the large findings window."""
        window = self.findings_window
        window.show()
        window.panel.show_report(self.analysis.report, self.doc.org)
        window.raise_()
        window.activateWindow()

    def _chart_replaced(self) -> None:
        self.view_state.set_collapsed(start_collapsed(self.doc.org, self._readable_width()))
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
        self.trace.show_trace(show)
        if not show:
            return
        org = self.doc.org
        stops: list[TraceStop] = []
        report = self.analysis.last_report  # the trace follows report_changed
        if report is None:
            return
        for step in report.handoffs.steps:
            if step.owner is None or step.owner not in org:
                continue
            card = self.scene.visible_card_for(step.owner)
            if card is None:
                continue
            box = card.box
            rect = QRectF(box.x, box.y, box.w, box.h)
            distance = step.distance if stops else None
            stops.append(TraceStop(step.step, step.name, org.label(step.owner), rect, distance))
        placement = self.scene.placement
        b = None if placement is None else placement.bounds
        chart = QRectF() if b is None else QRectF(b.x, b.y, b.width, b.height)
        self.trace.set_trace(stops, chart)
        # The legend sits below the chart: let the canvas scroll to it.
        self.scene.setSceneRect(self.scene.sceneRect().united(self.trace.sceneBoundingRect().adjusted(0, 0, 20, 20)))
        total = report.handoffs.total_distance
        self.show_message(f"ML project trace: {total} reporting lines crossed from idea to production")

    # Commands ------------------------------------------------------------------------------

    def add_from_palette(self, kind: str, value: str) -> None:
        """Add a palette entry under the selected card (Enter or double-click in the palette)."""
        ids = self.scene.selected_ids()
        parent = ids[0] if ids else self.doc.org.root
        if parent is None:
            self.show_message("Select a card to add to")
            return
        self.edits.add_from_palette(kind, value, parent)

    def delete_selection(self) -> None:
        """Delete the selected cards and their subtrees (the status bar says what went)."""
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
        self.edits.delete(ids)

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
            self.show_message("Select one team: it is the one that serves")

    def set_orientation(self, orientation: Orientation) -> None:
        """Top-down or left-right."""
        self.view_state.set_orientation(orientation)
        (self.actions_.top_down if orientation == "top-down" else self.actions_.left_right).setChecked(True)
        QTimer.singleShot(0, self.view.fit_chart)

    def _readable_width(self) -> float:
        # Before the window is shown the canvas has no size yet: about half the window's.
        shown = self.view.viewport().width() if hasattr(self, "view") and self.isVisible() else 0
        canvas = shown or default_size(self.screen().availableGeometry().size()).width() * 0.55
        return canvas / READABLE_SCALE

    def collapse_to_depth(self, depth: int | None) -> None:
        """View > Collapse to Depth: the chart down to ``depth`` levels (None: all), fitted."""
        self.view_state.collapse_to_depth(self.doc.org, depth)
        self.view.fit_chart()

    def reveal_nodes(self, ids: list[str]) -> None:
        """Select and centre the cards of these nodes (expanding what hides them)."""
        ids = [i for i in ids if i in self.doc.org]
        self.view_state.reveal(self.doc.org, ids)
        self.scene.select_ids(ids)
        self.view.center_on_ids(ids)

    def open_dropped_files(self, paths: list[str]) -> None:
        """Files dropped on the canvas: a CSV, a d3-org-chart JSON array or a Backstage catalog is
        imported, anything else opened as a chart (a file that is not one is refused with the
        reason, and the chart stays as it was)."""
        from orgdesigner.ui.import_flow import is_importable

        for path in paths[:1]:
            if is_importable(path):
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

        run_export(self.export_source(), kind)

    def export_report(self, fmt: str) -> None:
        """File > Export Report (Markdown, HTML)."""
        from orgdesigner.ui.export_dialog import run_report_export

        run_report_export(self.export_source(), fmt)

    def export_source(self) -> ExportSource:
        """What the export dialogs need of this window."""
        from orgdesigner.ui.export_dialog import ExportSource

        selected = tuple(self.scene.selected_ids())
        return ExportSource(self, self.doc, self.view_state, self.analysis, self.show_message, selected)

    def show_help(self) -> None:
        """Help > orgdesigner Help (F1)."""
        if self._help is None:
            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()

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
        if isinstance(card, Card) and not card.isSelected():
            self.scene.select_ids([card.box.id])
        menu = build_context_menu(self, self.actions_, self.edits, card.box.id if card is not None else None)
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
            self.resize(default_size(self.screen().availableGeometry().size()))
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        # The canvas keeps at least half the width: on a small screen (or at 200% scaling) the
        # side panels start narrower, and the findings share a tab with the inspector.
        d = self.docks
        width = self.width()
        if width < COMPACT_WIDTH:
            self.tabifyDockWidget(d["inspector"], d["findings"])
            self.tabifyDockWidget(d["palette"], d["overview"])
            d["palette"].raise_()
            d["findings"].raise_()
        left = round(min(max(width * 0.15, 130), 200))
        right = round(min(max(width * 0.3, 220), 420))
        self.resizeDocks([d["palette"], d["inspector"]], [left, right], Qt.Orientation.Horizontal)
        if width >= COMPACT_WIDTH:
            self.resizeDocks([d["palette"], d["overview"]], [520, 200], Qt.Orientation.Vertical)
            self.resizeDocks([d["inspector"], d["findings"]], [330, 470], Qt.Orientation.Vertical)
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
