"""The window's actions (with their shortcuts) and the menus and toolbar built from them."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from orgdesigner.ui.plain_text import plain_tooltip

Key = QKeySequence.StandardKey


def shortcuts(standard: Key, *extra: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, then ``extra`` ones, each key once (the same
    key bound twice makes Qt report an ambiguous shortcut and do nothing)."""
    keys: list[QKeySequence] = []
    for key in [*QKeySequence.keyBindings(standard), *map(QKeySequence, extra)]:
        if not key.isEmpty() and all(key != k for k in keys):
            keys.append(key)
    return keys


class SteadyUndoActions(QObject):
    """Undo and Redo for the toolbar: always labelled "Undo" and "Redo", so the toolbar does not
    jump after each edit; what they would undo or redo is in their tooltips (the Edit menu's
    actions carry the full text). They have no shortcut: the Edit menu's actions own the keys."""

    def __init__(self, window: QMainWindow, stack: QUndoStack) -> None:
        super().__init__(window)
        self._stack = stack
        self.undo = QAction("Undo", window)
        self.redo = QAction("Redo", window)
        self.undo.triggered.connect(stack.undo)
        self.redo.triggered.connect(stack.redo)
        stack.indexChanged.connect(self._update)
        stack.cleanChanged.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        stack = self._stack
        if not (shiboken6.isValid(stack) and shiboken6.isValid(self.undo) and shiboken6.isValid(self.redo)):
            return  # the stack reports while the window that owns it is being destroyed
        index = stack.index()
        before = stack.command(index - 1) if index > 0 else None
        after = stack.command(index) if index < stack.count() else None
        self.undo.setEnabled(before is not None)
        self.redo.setEnabled(after is not None)
        undo_keys = QKeySequence(Key.Undo).toString(QKeySequence.SequenceFormat.NativeText)
        redo_keys = QKeySequence("Ctrl+Shift+Z").toString(QKeySequence.SequenceFormat.NativeText)
        self.undo.setToolTip(plain_tooltip(f"Undo {before.text()} ({undo_keys})" if before else "Nothing to undo"))
        self.redo.setToolTip(plain_tooltip(f"Redo {after.text()} ({redo_keys})" if after else "Nothing to redo"))


class WindowActions(QObject):
    """Every action of the main window, created once; the window connects them."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        style = window.style()
        sp = QStyle.StandardPixmap

        def act(
            text: str,
            shortcut: QKeySequence | Key | str | None = None,
            tip: str = "",
            icon: QIcon | None = None,
            checkable: bool = False,
        ) -> QAction:
            a = QAction(text, window)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut) if not isinstance(shortcut, QKeySequence) else shortcut)
            if tip:
                a.setToolTip(tip)
                a.setStatusTip(tip)
            if icon is not None:
                a.setIcon(icon)
            a.setCheckable(checkable)
            window.addAction(a)
            return a

        self.new = act(
            "&New from Template…",
            Key.New,
            "Start a new chart from a preset company",
            style.standardIcon(sp.SP_FileIcon),
        )
        self.open = act("&Open…", Key.Open, "Open a chart", style.standardIcon(sp.SP_DialogOpenButton))
        self.save = act("&Save", Key.Save, "Save the chart", style.standardIcon(sp.SP_DialogSaveButton))
        self.save_as = act("Save &As…", Key.SaveAs, "Save the chart under another name")
        self.import_csv = act(
            "&Import…",
            "Ctrl+Shift+I",
            "Import people from an HR export (CSV), d3-org-chart JSON or a Backstage catalog",
        )
        self.export_svg = act("Export &SVG…", "Ctrl+Shift+E", "Export the chart as SVG")
        self.export_png = act("Export &PNG…", "Ctrl+Shift+G", "Export the chart as PNG")
        self.export_pdf = act("Export P&DF…", Key.Print, "Export the chart as PDF")
        self.export_other = act(
            "Export to &Other Tools…", "Ctrl+Shift+X", "Export as GraphML, Mermaid, Graphviz DOT, draw.io or CSV"
        )
        self.export_report_md = act("Export Report as &Markdown…", "Ctrl+Shift+M", "Export the findings as Markdown")
        self.export_report_html = act("Export Report as &HTML…", "Ctrl+Shift+H", "Export the findings as an HTML page")
        self.export_decision = act(
            "Export &Decision Report…",
            "Ctrl+Alt+R",
            "Every scenario's chart, key figures and trade-offs, compared, in one HTML, PDF or Markdown document",
        )
        self.quit = act("&Quit", "Ctrl+Q", "Close orgdesigner")
        self.new_scenario = act("&New Scenario", "Ctrl+Alt+N", "A new scenario: a copy of the chart shown")
        self.next_scenario = act("Ne&xt Scenario", "Ctrl+PgDown", "Show the next scenario")
        self.previous_scenario = act("&Previous Scenario", "Ctrl+PgUp", "Show the previous scenario")
        self.compare = act(
            "&Compare Scenarios…", "Ctrl+Alt+C", "Two scenarios side by side, with what changed and what it does"
        )
        self.explore = act(
            "Where Should &MLOps Sit?…",
            "Ctrl+Alt+M",
            "The chart with its MLOps work under each placement, judged side by side",
        )

        self.delete = act("&Delete", Key.Delete, "Delete the selected cards and what is below them")
        self.rename = act("&Rename", "F2", "Rename the selected card")
        self.link = act("Add &Dotted Line…", "Ctrl+L", "The selected team serves another node: click it next")
        self.select_all = act("Select &All", Key.SelectAll, "Select every card")
        self.find = act("&Find…", Key.Find, "Find cards by name, lead or discipline")

        self.zoom_in = act("Zoom &In", Key.ZoomIn, "Zoom in", style.standardIcon(sp.SP_ArrowUp))
        self.zoom_out = act("Zoom &Out", Key.ZoomOut, "Zoom out", style.standardIcon(sp.SP_ArrowDown))
        self.zoom_in.setShortcuts(shortcuts(Key.ZoomIn, "Ctrl+="))
        self.zoom_out.setShortcuts(shortcuts(Key.ZoomOut, "Ctrl+-"))
        self.zoom_fit = act("&Fit Chart", "Ctrl+0", "Fit the whole chart in the window")
        self.zoom_actual = act("Actual &Size", "Ctrl+1", "Show the chart at 100%")
        self.orientation_group = QActionGroup(window)
        self.top_down = act("&Top-down", "Ctrl+Shift+T", "Lay the chart out from top to bottom", checkable=True)
        self.left_right = act("&Left-right", "Ctrl+Shift+L", "Lay the chart out from left to right", checkable=True)
        for a in (self.top_down, self.left_right):
            self.orientation_group.addAction(a)
        self.top_down.setChecked(True)
        self.collapse = act("&Collapse / Expand", "Ctrl+.", "Collapse or expand the selected cards' subtrees")
        self.expand_all = act("&Expand All", "Ctrl+Shift+.", "Expand every collapsed subtree")
        self.depth_actions = [
            act(f"Down to Level &{d}", f"Ctrl+Alt+{d}", f"Show the chart {d} level{'s' * (d > 1)} below the top")
            for d in (1, 2, 3)
        ]
        self.depth_all = act("&All Levels", "Ctrl+Alt+0", "Show every level of the chart")
        self.trace = act(
            "&Trace ML Project", "Ctrl+T", "Draw the eight-step ML project flow over the chart", checkable=True
        )
        self.findings_full = act("Findings in &Full", "F8", "Show the findings in a large window")
        self.badges = act("Finding &Badges", "Ctrl+B", "Show each card's count of findings", checkable=True)
        self.badges.setChecked(True)
        self.help = act(
            "orgdesigner &Help",
            Key.HelpContents,
            "The disciplines, stages and placements, and how to read the findings",
        )
        self.about = act("&About orgdesigner", "Ctrl+F1", "What orgdesigner is")

    def build_menus(
        self, window: QMainWindow, docks_menu: Callable[[QMenu], None], undo: QAction, redo: QAction
    ) -> QMenu:
        """Create the menu bar; return the Open Recent menu (the window fills it)."""
        bar = window.menuBar()
        file = bar.addMenu("&File")
        file.addAction(self.new)
        file.addAction(self.open)
        recent = file.addMenu("Open &Recent")
        file.addSeparator()
        file.addAction(self.save)
        file.addAction(self.save_as)
        file.addSeparator()
        file.addAction(self.import_csv)
        export = file.addMenu("&Export")
        for a in (self.export_svg, self.export_png, self.export_pdf, self.export_other):
            export.addAction(a)
        export.addSeparator()
        export.addAction(self.export_report_md)
        export.addAction(self.export_report_html)
        export.addAction(self.export_decision)
        file.addSeparator()
        file.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        for a in (self.delete, self.rename, self.link, self.select_all):
            edit.addAction(a)
        edit.addSeparator()
        edit.addAction(self.find)
        scenarios = bar.addMenu("&Scenarios")
        for a in (self.new_scenario, self.next_scenario, self.previous_scenario):
            scenarios.addAction(a)
        scenarios.addSeparator()
        scenarios.addAction(self.compare)
        scenarios.addAction(self.explore)
        view = bar.addMenu("&View")
        for a in (self.zoom_in, self.zoom_out, self.zoom_fit, self.zoom_actual):
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.top_down)
        view.addAction(self.left_right)
        view.addSeparator()
        view.addAction(self.collapse)
        view.addAction(self.expand_all)
        depth = view.addMenu("Collapse to &Depth")
        for a in self.depth_actions:
            depth.addAction(a)
        depth.addAction(self.depth_all)
        view.addSeparator()
        view.addAction(self.trace)
        view.addAction(self.badges)
        view.addAction(self.findings_full)
        view.addSeparator()
        docks_menu(view.addMenu("&Panels"))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.help)
        help_menu.addAction(self.about)
        return recent

    def build_toolbar(self, window: QMainWindow, undo: QAction, redo: QAction) -> QToolBar:
        """The main toolbar."""
        bar = window.addToolBar("Main")
        bar.setObjectName("main-toolbar")
        bar.setAccessibleName("Main toolbar")
        for a in (self.new, self.open, self.save):
            bar.addAction(a)
        bar.addSeparator()
        bar.addAction(undo)
        bar.addAction(redo)
        bar.addSeparator()
        for a in (self.zoom_fit, self.top_down, self.left_right, self.trace, self.link):
            bar.addAction(a)
        bar.addSeparator()
        bar.addAction(self.explore)
        return bar
