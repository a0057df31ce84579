"""Opening, saving and the recent-files list: the window's file jobs, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from orgdesigner.io import OrgFileError, load_template, read_org
from orgdesigner.model import Organization
from orgdesigner.ui.document import Document
from orgdesigner.ui.file_lock import FileLock
from orgdesigner.ui.plain_text import message_box, warn

MAX_RECENT = 10
ORG_FILTER = "orgdesigner charts (*.json);;All files (*)"


class FileController(QObject):
    """Open, Save, Save As, Open Recent and the unsaved-changes question for one window."""

    recent_changed = Signal()
    opened = Signal(str)

    def __init__(self, doc: Document, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self.doc = doc
        self.window = window
        self.settings = settings
        self.last_error: str | None = None
        self.lock: FileLock | None = None

    # Recent files --------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        """Recently opened or saved files, newest first, that still exist."""
        value = self.settings.value("recent_files", [])
        files: list[object] = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        return [f for f in files if isinstance(f, str) and os.path.isfile(f)][:MAX_RECENT]

    def _remember(self, path: str) -> None:
        absolute = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != absolute]
        self.settings.setValue("recent_files", [absolute, *files][:MAX_RECENT])
        self.recent_changed.emit()

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.settings.setValue("recent_files", [])
        self.recent_changed.emit()

    # Questions -----------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        if not self.doc.is_modified:
            return True
        name = Path(self.doc.path).name if self.doc.path else "this chart"
        box = message_box(
            self.window,
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to {name}?",
            "Your changes will be lost if you don't save them.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def show_error(self, title: str, message: str) -> None:
        """Tell the user about a problem (kept in ``last_error`` for tests)."""
        self.last_error = message
        warn(self.window, title, message)

    # Opening -------------------------------------------------------------------------------

    def open_dialog(self) -> bool:
        """File > Open."""
        if not self.maybe_save():
            return False
        start = str(Path(self.doc.path).parent) if self.doc.path else str(self.settings.value("last_dir", ""))
        path, _ = QFileDialog.getOpenFileName(self.window, "Open chart", start, ORG_FILTER)
        return bool(path) and self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open a file; a bad file is reported and the open chart stays as it was."""
        if ask and not self.maybe_save():
            return False
        try:
            org = read_org(path)
        except OrgFileError as exc:
            self.show_error("Cannot open the file", str(exc))
            return False
        if not self._take_lock(path):
            return False
        self.doc.load(org, str(Path(path).resolve()))
        self.settings.setValue("last_dir", str(Path(path).resolve().parent))
        self._remember(path)
        self.opened.emit(path)
        return True

    def open_template(self, name: str, ask: bool = True) -> bool:
        """Start a new, unnamed chart from a template."""
        if ask and not self.maybe_save():
            return False
        try:
            org = load_template(name)
        except OrgFileError as exc:
            self.show_error("Cannot open the template", str(exc))
            return False
        self.release_lock()
        self.doc.load(org, None)
        return True

    def open_org(self, org: Organization, modified: bool = True) -> bool:
        """Show an org that has no file yet (an import, a recovery)."""
        if not self.maybe_save():
            return False
        self.release_lock()
        self.doc.load(org, None, modified=modified)
        return True

    # Locks ---------------------------------------------------------------------------------

    def _take_lock(self, path: str) -> bool:
        """Lock ``path`` for this window; if another window or process has it, say so and
        let the user open it anyway or give up."""
        resolved = str(Path(path).resolve())
        if self.lock is not None and self.lock.path == resolved:
            return True
        lock = FileLock(resolved)
        holder = lock.acquire()
        if holder is not None:
            box = message_box(
                self.window,
                QMessageBox.Icon.Warning,
                "File already open",
                f"{Path(path).name} is already open in orgdesigner ({holder.describe()}).",
                "Editing it in two places can lose changes. Open it here anyway?",
                QMessageBox.StandardButton.NoButton,
            )
            open_anyway = box.addButton("Open Anyway", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            self.last_error = box.text()
            if box.clickedButton() is not open_anyway:
                return False
            lock.force()
        self.release_lock()
        self.lock = lock
        return True

    def release_lock(self) -> None:
        """Give up this window's file lock (closing, or showing another chart)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # Saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """File > Save (asks for a name the first time)."""
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        """File > Save As."""
        start = self.doc.path or str(
            Path(str(self.settings.value("last_dir", ""))) / f"{_slug(self.doc.org.name)}.json"
        )
        path, _ = QFileDialog.getSaveFileName(self.window, "Save chart as", start, ORG_FILTER)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        if not self._take_lock(path):
            return False
        try:
            self.doc.save(path)
        except OrgFileError as exc:
            self.show_error("Cannot save the chart", str(exc))
            return False
        self._remember(path)
        return True


def _slug(name: str) -> str:
    from orgdesigner.model.text import slugify

    return slugify(name, "chart")
