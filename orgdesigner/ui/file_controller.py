"""Opening, saving and the recent-files list: the window's file jobs, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from orgdesigner.io import OrgFileError, load_template, parse_chart, read_bytes
from orgdesigner.model import Organization
from orgdesigner.ui.disk_watch import DiskState, changed_on_disk
from orgdesigner.ui.document import Document
from orgdesigner.ui.file_lock import FileLock
from orgdesigner.ui.plain_text import message_box, warn

MAX_RECENT = 10
ORG_FILTER = "orgdesigner charts (*.json);;All files (*)"


class FileController(QObject):
    """Open, Save, Save As, Open Recent and the unsaved-changes question for one window."""

    recent_changed = Signal()
    opened = Signal(str)
    notice = Signal(str)  # a sentence for the status bar

    def __init__(self, doc: Document, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self.doc = doc
        self.window = window
        self.settings = settings
        self.last_error: str | None = None
        self.lock: FileLock | None = None
        # The open file is watched: changed on disk, it is reloaded when nothing here is unsaved;
        # else saving asks (reload, overwrite, save as).
        self._disk_timer = QTimer(self)
        self._disk_timer.setSingleShot(True)
        self._disk_timer.setInterval(250)  # a writer's several events, and its rename, as one
        self._disk_timer.timeout.connect(self.check_disk)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(lambda _path: self._disk_timer.start())
        doc.path_changed.connect(self._watch)

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
            data = read_bytes(path)
            chart = parse_chart(data, path)
        except OrgFileError as exc:
            self.show_error("Cannot open the file", str(exc))
            return False
        if not self.take_lock(path):
            return False
        resolved = str(Path(path).resolve())
        self.doc.load(chart, resolved, disk_state=DiskState.of(resolved, data))
        self.settings.setValue("last_dir", str(Path(path).resolve().parent))
        self._remember(path)
        self.opened.emit(path)
        return True

    def attach(self, path: str, disk_state: DiskState | None) -> bool:
        """Tie the chart already shown to ``path`` (the file it was read from, or the file a
        recovered copy belongs to), ``disk_state`` being what the file held then: take its lock,
        watch it and remember it, without reading it again."""
        if not self.take_lock(path):
            return False
        self.doc.disk_state = disk_state
        self.doc.set_file(str(Path(path).resolve()))
        self._remember(path)
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

    def take_lock(self, path: str) -> bool:
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
        if not self.take_lock(path):
            return False
        current = self.doc.path
        if current is not None and _same_file(path, current) and changed_on_disk(current, self.doc.disk_state):
            choice = self._ask_changed_on_disk(Path(current).name)
            if choice == "reload":
                self.reload()
                return False
            if choice == "save as":
                return self.save_as()
            if choice != "overwrite":
                return False
        try:
            self.doc.save(path)
        except OrgFileError as exc:
            self.show_error("Cannot save the chart", str(exc))
            return False
        self._remember(path)
        return True

    # The file changed on disk ------------------------------------------------------------------

    def _watch(self, path: str) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        if path and Path(path).exists():
            self.watcher.addPath(path)

    def check_disk(self) -> None:
        """After the watcher's signal: reload a file changed on disk when nothing here is unsaved,
        else say that saving will ask."""
        path = self.doc.path
        if path is None:
            return
        if Path(path).exists() and path not in self.watcher.files():
            self.watcher.addPath(path)  # a file replaced by a rename is no longer watched
        if not changed_on_disk(path, self.doc.disk_state):
            return
        name = Path(path).name
        if self.doc.is_modified:
            self.notice.emit(f"{name} changed on disk; saving will ask whether to reload it, overwrite it or save as")
        elif self.reload():
            self.notice.emit(f"{name} changed on disk and was reloaded (Undo gives back what was shown)")

    def reload(self) -> bool:
        """Take the chart as its file now holds it (undoably); a file that no longer reads is
        reported and the chart stays as it is."""
        path = self.doc.path
        if path is None:
            return False
        try:
            data = read_bytes(path)
            chart = parse_chart(data, path)
        except OrgFileError as exc:
            self.show_error("Cannot reload the file", str(exc))
            return False
        self.doc.reload(chart, DiskState.of(path, data), f"Reload {Path(path).name} from disk")
        return True

    def _ask_changed_on_disk(self, name: str) -> str:
        box = message_box(
            self.window,
            QMessageBox.Icon.Warning,
            "Changed on disk",
            f"{name} has changed on disk since it was opened or last saved here.",
            "Reload it (your changes stay in the undo history), overwrite it with this chart, "
            "or save this chart under another name?",
            QMessageBox.StandardButton.NoButton,
        )
        choices = [
            (box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole), "reload"),
            (box.addButton("Overwrite", QMessageBox.ButtonRole.AcceptRole), "overwrite"),
            (box.addButton("Save As…", QMessageBox.ButtonRole.ActionRole), "save as"),
        ]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        self.last_error = box.text()
        clicked = box.clickedButton()
        return next((choice for button, choice in choices if button is clicked), "cancel")


def _same_file(a: str, b: str) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def _slug(name: str) -> str:
    from orgdesigner.model.text import slugify

    return slugify(name, "chart")
