"""Start the designer: the QApplication, the style, the window on a file or a template."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from orgdesigner.io import DEFAULT_TEMPLATE, OrgFileError, load_template, read_chart
from orgdesigner.model import ScenarioSet

if TYPE_CHECKING:
    from orgdesigner.ui.main_window import MainWindow
    from orgdesigner.ui.recovery import RecoveryCopy


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings finds the user's settings; Fusion follows the
    system's light or dark colour scheme."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("orgdesigner")
    QCoreApplication.setApplicationName("orgdesigner")
    app.setApplicationDisplayName("orgdesigner")
    from orgdesigner.ui.theme import apply_theme

    apply_theme(app)
    hints = app.styleHints()
    if hints is not None:
        hints.colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    return app


def run_app(file: str | None = None, template: str | None = None, chart: ScenarioSet | None = None) -> int:
    """Open the main window on ``file`` or ``template`` (default: the typical template).
    ``chart`` is the file already read by the caller (the command line reads it first, so that a
    bad file is one line on stderr): it is read once, and handed on."""
    from orgdesigner.ui.main_window import MainWindow

    if chart is None:
        # Read before any window appears, so a bad name or file is one line on stderr.
        chart = ScenarioSet(load_template(template or DEFAULT_TEMPLATE)) if file is None else read_chart(file)
    app = make_application()
    windows = open_recoveries(QSettings())
    if file is not None or template is not None or not windows:
        window = MainWindow(chart, QSettings(), path=file)
        window.show()
        windows.append(window)
    app.setProperty("orgdesigner_windows", len(windows))
    _WINDOWS.extend(windows)
    return int(app.exec())


_WINDOWS: list[object] = []


def open_recoveries(settings: QSettings) -> list[MainWindow]:
    """Offer the recovery copies of crashed sessions; open a window for each one recovered."""
    from orgdesigner.ui.recovery import find_recoveries
    from orgdesigner.ui.recovery_dialog import RecoveryDialog

    copies = find_recoveries()
    if not copies:
        return []
    dialog = RecoveryDialog(copies)
    dialog.exec()
    windows: list[MainWindow] = []
    if dialog.decision == "recover":
        for copy in dialog.selected():
            windows.append(recover_into_window(copy, settings))
    if dialog.decision in ("recover", "discard"):
        for copy in copies:
            copy.discard()
    return windows


def recover_into_window(copy: RecoveryCopy, settings: QSettings) -> MainWindow:
    """A window showing a recovered chart (its scenarios too), marked unsaved, tied to its
    original file."""
    from orgdesigner.ui.main_window import MainWindow

    window = MainWindow(copy.chart, settings, path=copy.original_path, modified=True)
    window.autosaver.write_now()
    window.statusBar().showMessage(f"Recovered {copy.title} as autosaved at {copy.when}; save it to keep it", 15000)
    window.show()
    return window


__all__ = ["OrgFileError", "make_application", "run_app"]
