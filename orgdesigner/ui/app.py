"""Start the designer: the QApplication, the style, the window on a file or a template."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from orgdesigner.io import DEFAULT_TEMPLATE, OrgFileError, load_template, parse_chart, read_bytes
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


def run_app(
    file: str | None = None, template: str | None = None, chart: ScenarioSet | None = None, data: bytes | None = None
) -> int:
    """Open the main window on ``file`` or ``template`` (default: the typical template).
    ``chart`` is the file already read by the caller, ``data`` its bytes (the command line reads
    it first, so that a bad file is one line on stderr): it is read once, and handed on."""
    from orgdesigner.ui.disk_watch import DiskState
    from orgdesigner.ui.main_window import MainWindow

    if chart is None:
        # Read before any window appears, so a bad name or file is one line on stderr.
        if file is None:
            chart = ScenarioSet(load_template(template or DEFAULT_TEMPLATE))
        else:
            data = read_bytes(file)
            chart = parse_chart(data, file)
    disk_state = None if file is None or data is None else DiskState.of(file, data)
    app = make_application()
    sweep_stale_temps(QSettings(), file)
    windows = open_recoveries(QSettings())
    if file is not None or template is not None or not windows:
        window = MainWindow(chart, QSettings(), path=file, disk_state=disk_state)
        window.show()
        windows.append(window)
    app.setProperty("orgdesigner_windows", len(windows))
    _WINDOWS.extend(windows)
    return int(app.exec())


_WINDOWS: list[object] = []


def sweep_stale_temps(settings: QSettings, file: str | None = None) -> list[Path]:
    """At start-up: remove the temporary files killed saves of ours left beside the recent
    files, the file being opened and the recovery copies; return them."""
    from orgdesigner.io.atomic import clean_stale_temps
    from orgdesigner.ui.recovery import recovery_dir

    value = settings.value("recent_files", [])
    recent = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    folders = {recovery_dir()} | {Path(f).parent for f in recent if isinstance(f, str) and f}
    if file:
        folders.add(Path(file).resolve().parent)
    return [p for folder in sorted(folders) for p in clean_stale_temps(folder)]


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

    window = MainWindow(copy.chart, settings, path=copy.original_path, modified=True, disk_state=copy.disk_state)
    window.autosaver.write_now()
    window.statusBar().showMessage(f"Recovered {copy.title} as autosaved at {copy.when}; save it to keep it", 15000)
    window.show()
    return window


__all__ = ["OrgFileError", "make_application", "run_app"]
