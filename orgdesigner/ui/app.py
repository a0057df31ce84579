"""Start the designer: the QApplication, the style, the window on a file or a template."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from orgdesigner.io import DEFAULT_TEMPLATE, OrgFileError, load_template, read_org


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings finds the user's settings; Fusion follows the
    system's light or dark colour scheme."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("orgdesigner")
    QCoreApplication.setApplicationName("orgdesigner")
    app.setApplicationDisplayName("orgdesigner")
    app.setStyle("Fusion")
    return app


def run_app(file: str | None = None, template: str | None = None) -> int:
    """Open the main window on ``file`` or ``template`` (default: the typical template)."""
    from orgdesigner.ui.main_window import MainWindow

    if file is None:
        # Check the template before any window appears, so a bad name is one line on stderr.
        org = load_template(template or DEFAULT_TEMPLATE)
    else:
        org = read_org(file)
    app = make_application()
    window = MainWindow(org, QSettings())
    if file is not None:
        from pathlib import Path

        window.doc.load(org, str(Path(file).resolve()))
        window.files._remember(file)  # noqa: SLF001 (a file opened from the command line is recent too)
    window.show()
    return int(app.exec())


__all__ = ["OrgFileError", "make_application", "run_app"]
