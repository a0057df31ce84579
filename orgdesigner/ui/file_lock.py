"""One open window per file: a QLockFile in the state folder for each open chart file.

The lock lives in the user's state folder (not beside the chart, so org-as-code repositories
stay clean); a lock left by a crashed process is detected as stale and taken over.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from orgdesigner.model.text import shown
from orgdesigner.ui.recovery import state_dir


@dataclass(frozen=True)
class LockHolder:
    """Who holds a file: process id, host and application name."""

    pid: int
    host: str
    app: str

    def describe(self) -> str:
        """``process 1234 on host 'vm'``."""
        return f"process {self.pid} on host {shown(self.host)}"


class FileLock:
    """The lock of one chart file, held while a window has it open."""

    def __init__(self, path: str) -> None:
        self.path = str(Path(path).resolve())
        folder = state_dir() / "locks"
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(self.path.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self._lock = QLockFile(str(folder / f"{digest}.lock"))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> LockHolder | None:
        """Take the lock; None on success, else who holds it (a stale lock is taken over)."""
        if self._lock.tryLock(0):
            return None
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) == 3:
            pid, host, app = info
            return LockHolder(int(pid), str(host), str(app))
        return LockHolder(0, "unknown", "unknown")

    def force(self) -> None:
        """Open anyway: break the other holder's lock and take it."""
        self._lock.removeStaleLockFile()
        if not self._lock.tryLock(0):
            Path(self._lock.fileName()).unlink(missing_ok=True)
            self._lock.tryLock(0)

    def release(self) -> None:
        """Give the lock back."""
        if self._lock.isLocked():
            self._lock.unlock()
