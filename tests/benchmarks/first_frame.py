"""Run the real ``orgdesigner`` entry point and print, as JSON, the seconds from process start
to the first frame the canvas paints (and to the window's first frame), then quit.

Used by the window benchmarks as a child process: ``python -m tests.benchmarks.first_frame
[ARGS...]`` takes the same arguments as ``orgdesigner``. Process start is read from
``/proc/self/stat``, so interpreter start-up and imports are counted as a user feels them.
"""

from __future__ import annotations

import json
import os
import sys
import time


def process_age() -> float:
    """Seconds since this process started (Linux), or since this module was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        start = int(fields[19]) / ticks
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED


_IMPORTED = time.perf_counter()


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from orgdesigner.cli import main as orgdesigner_main
    from orgdesigner.ui.canvas.view import OrgView

    marks: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                parent = watched.parent() if hasattr(watched, "parent") else None
                if isinstance(parent, OrgView) and "canvas" not in marks:
                    marks["canvas"] = process_age()
                    QTimer.singleShot(0, QApplication.quit)
                marks.setdefault("window", process_age())
            return False

    probe = FirstPaint()
    original = QApplication.exec

    def exec_with_probe(self: QApplication) -> int:
        self.installEventFilter(probe)
        QTimer.singleShot(60_000, QApplication.quit)
        return int(original())

    QApplication.exec = exec_with_probe  # type: ignore[method-assign]
    status = orgdesigner_main(sys.argv[1:])
    print(json.dumps({"status": status, **marks}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
