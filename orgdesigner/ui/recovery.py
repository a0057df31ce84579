"""Autosave and crash recovery: recovery copies in the user's state folder, never over the
user's own file, offered again after a crash.

Each window owns one session: a recovery file ``<session>.json`` and a lock
``<session>.lock`` (QLockFile) held while the window lives. At start-up, copies whose lock can
be taken belong to a process that is gone (a crash, a kill -9) and are offered for recovery.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_state_dir
from PySide6.QtCore import QLockFile, QObject, QTimer

from orgdesigner.io import OrgFileError
from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.fileformat import build_chart, chart_to_dict, parse_record, unreadable_because
from orgdesigner.model import Organization, ScenarioSet
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.ui.disk_watch import DiskState
from orgdesigner.ui.document import Document, copy_chart

AUTOSAVE_INTERVAL_MS = 30_000
IDLE_DELAY_MS = 3_000
RECOVERY_FORMAT = "orgdesigner-recovery"


def state_dir() -> Path:
    """The user's state folder for orgdesigner (``ORGDESIGNER_STATE_DIR`` overrides it)."""
    override = os.environ.get("ORGDESIGNER_STATE_DIR")
    folder = Path(override) if override else Path(user_state_dir("orgdesigner", appauthor=False))
    return folder


def recovery_dir() -> Path:
    """Where recovery copies live."""
    folder = state_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class RecoveryCopy:
    """A recovery copy left by a window that did not close cleanly."""

    session: str
    file: Path
    original_path: str | None
    saved_at: float
    chart: ScenarioSet
    disk_state: DiskState | None = None  # what the file held when the crashed window read or wrote it

    @property
    def org(self) -> Organization:
        """The recovered chart's baseline."""
        return self.chart.baseline

    @property
    def title(self) -> str:
        """How the copy is named to the user: the file it belonged to, or the chart's name."""
        return Path(self.original_path).name if self.original_path else f"{self.org.name} (never saved)"

    @property
    def when(self) -> str:
        """When it was autosaved, in local time."""
        return datetime.fromtimestamp(self.saved_at).strftime("%Y-%m-%d %H:%M:%S")

    def discard(self) -> None:
        """Delete the copy (and its stale lock)."""
        for path in (self.file, self.file.with_suffix(".lock")):
            path.unlink(missing_ok=True)


def find_recoveries() -> list[RecoveryCopy]:
    """Recovery copies whose window is gone, newest first. Unreadable copies are skipped."""
    out = []
    for file in sorted(recovery_dir().glob("*.json")):
        lock = QLockFile(str(file.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # its window is still open, in this or another process
        lock.unlock()
        try:
            data = json.loads(file.read_text("utf-8"))
            # The whole chart, its scenarios too ("org": a copy written before scenarios).
            with gc_paused():
                chart = build_chart(parse_record(data.get("chart", data.get("org")), str(file)), str(file))
            disk = data.get("disk")
            state = DiskState(int(disk[0]), int(disk[1]), str(disk[2])) if isinstance(disk, list) else None
            out.append(RecoveryCopy(file.stem, file, data.get("path"), float(data["saved_at"]), chart, state))
        except (OSError, ValueError, KeyError, TypeError, OrgFileError):
            continue
    return sorted(out, key=lambda r: r.saved_at, reverse=True)


class Autosaver(QObject):
    """Writes a recovery copy of a document while it has unsaved changes: every 30 s and
    after a few seconds of idleness. Saving, or closing cleanly, removes the copy.

    The idle countdown starts when an edit has ended (the events it posted are done, and
    :meth:`edit_finished` restarts it once the window has shown the edit's findings), never
    inside one. Timed copies are written off the interface thread: the chart is copied there
    (its nodes are immutable and shared), turned into JSON and written atomically by a worker
    thread, one copy at a time, so a copy is never torn and never older than the one before.
    """

    def __init__(
        self,
        doc: Document,
        parent: QObject | None = None,
        interval_ms: int = AUTOSAVE_INTERVAL_MS,
        idle_ms: int = IDLE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.session = uuid.uuid4().hex
        folder = recovery_dir()
        self.file = folder / f"{self.session}.json"
        self.lock = QLockFile(str(folder / f"{self.session}.lock"))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)
        self.last_written: str | None = None
        self.last_error: str | None = None
        self._writing = threading.Lock()  # one writer at a time, and remove_copy waits for it
        self._generation = 0  # a copy taken before the last removal is not written
        self._worker: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._periodic)
        self.timer.start()
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms)
        self.idle.timeout.connect(self.write_in_background)
        self._settle = QTimer(self)  # runs once the events an edit posted are done
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self.edit_finished)
        doc.changed.connect(self._edit_began)
        doc.modified_changed.connect(self._modified_changed)

    def _edit_began(self) -> None:
        self.idle.stop()
        self._settle.start()

    def edit_finished(self) -> None:
        """An edit is over (its frame and findings shown): count the idle time from now."""
        self._settle.stop()
        self.idle.start()

    def _periodic(self) -> None:
        if not self._settle.isActive():  # inside an edit: its end starts the idle countdown
            self.write_in_background()

    def _snapshot(self) -> tuple[int, dict[str, object]] | None:
        if not self.doc.is_modified:
            return None
        meta: dict[str, object] = {
            "format": RECOVERY_FORMAT,
            "version": 2,
            "path": self.doc.path,
            "saved_at": time.time(),
            "pid": os.getpid(),
            "disk": None if (d := self.doc.disk_state) is None else [d.size, d.mtime_ns, d.digest],
            "chart": copy_chart(self.doc.chart),
        }
        return self._generation, meta

    def _write(self, generation: int, meta: dict[str, object]) -> bool:
        """Serialise and write a snapshot (on any thread); True when written."""
        chart = meta.pop("chart")
        assert isinstance(chart, ScenarioSet)
        # No gc_paused() here: the collector's switch is process-wide, and this may be a worker.
        meta["chart"] = chart_to_dict(chart)
        text = json.dumps(meta, ensure_ascii=False)
        body = text.split('"chart":', 1)[1]
        with self._writing:
            if generation != self._generation or body == self.last_written:
                return False
            data = text.encode("utf-8")
            problem = unreadable_because(body, len(data))  # a copy that could not be read back is of no use
            if problem:
                self.last_error = f"{self.file}: not written: {problem}"
                return False
            try:
                write_atomic(self.file, data)
            except OrgFileError as exc:
                self.last_error = str(exc)
                return False
            self.last_written = body
            return True

    def write_now(self) -> bool:
        """Write the recovery copy now, if there are unsaved changes; True when written."""
        self.wait()
        taken = self._snapshot()
        return taken is not None and self._write(*taken)

    def write_in_background(self) -> None:
        """Copy the chart now and write it on a worker thread (after the one writing, if any)."""
        taken = self._snapshot()
        if taken is None:
            return
        previous = self._worker

        def run() -> None:
            if previous is not None:
                previous.join()
            self._write(*taken)

        self._worker = threading.Thread(target=run, name="orgdesigner-autosave", daemon=True)
        self._worker.start()

    def wait(self) -> None:
        """Wait for the copy being written in the background, if any."""
        worker = self._worker
        if worker is not None:
            worker.join()

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.remove_copy()

    def remove_copy(self) -> None:
        """Delete the recovery copy (after a save, or on a clean exit); a copy still being
        written is not written after this."""
        with self._writing:
            self._generation += 1
            self.file.unlink(missing_ok=True)
            self.last_written = None

    def close(self) -> None:
        """Clean exit: stop, remove the copy and release the session lock."""
        self.timer.stop()
        self.idle.stop()
        self._settle.stop()
        self.wait()
        self.remove_copy()
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)
