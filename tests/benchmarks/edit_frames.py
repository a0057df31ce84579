"""Run the real ``orgdesigner FILE`` entry point, wait for the canvas's first painted frame, then
time edits of each kind and their undos, and print the results as JSON.

Used by ``test_bench_edits.py`` as a child process: ``python -m tests.benchmarks.edit_frames
FILE REPEATS``. For each edit (move, add, delete, rename, field change) and its undo it gives the
milliseconds from the edit's start to the updated canvas (the end of the canvas's repaint) and to
the updated findings (the end of the analysis and of the panels' update), with the parts:
the edit itself with the scene's reaction (``layout``, ``scene``), the ``paint``, the
``analysis`` and the ``findings`` panel, and the longest garbage collection during it
(``gc.callbacks``). Also the open: seconds from process start to the first frame, and the
process's peak memory then (VmHWM).
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.benchmarks.first_frame import process_age

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

_PARTS: dict[str, float] = {}
_ENDS: dict[str, float] = {}
_GC: list[float] = []
_GC_ALL: list[float] = []
_gc_started = [0.0]


def _timed(owner: Any, name: str, part: str) -> None:
    """Wrap ``owner.name`` so that its time adds up in ``_PARTS[part]``."""
    real = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            _ENDS[part] = time.perf_counter()
            _PARTS[part] = _PARTS.get(part, 0.0) + _ENDS[part] - start

    setattr(owner, name, wrapper)


def _gc_callback(phase: str, _info: dict[str, Any]) -> None:
    if phase == "start":
        _gc_started[0] = time.perf_counter()
    else:
        _GC.append(time.perf_counter() - _gc_started[0])
        _GC_ALL.append(_GC[-1])


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _instrument() -> None:
    from orgdesigner.layout.live import LiveLayout
    from orgdesigner.ui.canvas.scene import OrgScene
    from orgdesigner.ui.findings_panel import FindingsPanel
    from orgdesigner.ui.live_analysis import LiveAnalysis

    _timed(LiveLayout, "update", "layout")
    _timed(OrgScene, "_relayout", "scene+layout")
    _timed(LiveAnalysis, "flush", "flush")
    _timed(FindingsPanel, "show_report", "findings")
    _timed(OrgScene, "refresh_badges", "badges")


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from orgdesigner.cli import main as orgdesigner_main

    path, repeats = sys.argv[1], int(sys.argv[2])
    _instrument()
    out: dict[str, Any] = {}
    marks: dict[str, float] = {}

    class Probe(QObject):
        """Sees every event: the canvas's paints (start, and end: the next event after it)."""

        def __init__(self) -> None:
            super().__init__()
            self.view: QObject | None = None
            self.painting = False
            self.paint_start = 0.0
            self.paints: list[tuple[float, float]] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            now = time.perf_counter()
            if self.painting:
                self.painting = False
                self.paints.append((self.paint_start, now))
            if event.type() == QEvent.Type.Paint and self.view is not None and watched is self.view:
                self.painting, self.paint_start = True, now
            if event.type() == QEvent.Type.Paint and "canvas" not in marks and _is_canvas(watched):
                marks["canvas"] = process_age()
                QTimer.singleShot(0, run)
            return False

    probe = Probe()

    def run() -> None:
        from orgdesigner.ui.main_window import MainWindow

        out["open_s"] = marks["canvas"]
        out["peak_mb"] = _peak_mb()
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        out["teams"] = len(window.doc.org.teams())
        probe.view = window.view.viewport()
        settle(window, 5.0)
        gc.callbacks.append(_gc_callback)
        out["edits"] = edits(window, probe, repeats) if repeats else {}
        gc.callbacks.remove(_gc_callback)
        out["gc_session_max_ms"] = max(_GC_ALL, default=0.0) * 1000
        out["gc_session_count"] = len(_GC_ALL)
        out["peak_after_edits_mb"] = _peak_mb()
        window.doc.load(window.doc.org, None)  # nothing to save: quit without asking
        QApplication.quit()

    original = QApplication.exec

    def exec_with_probe(self: QApplication) -> int:
        self.installEventFilter(probe)
        QTimer.singleShot(900_000, QApplication.quit)
        return int(original())

    QApplication.exec = exec_with_probe  # type: ignore[method-assign]
    status = orgdesigner_main([path])
    print(json.dumps({"status": status, **out}))
    return 0


def _is_canvas(watched: QObject) -> bool:
    from orgdesigner.ui.canvas.view import OrgView

    parent = watched.parent() if hasattr(watched, "parent") else None
    return isinstance(parent, OrgView)


def settle(window: Any, seconds: float) -> None:
    """Let the window finish what it does after the open (timers, the first analysis)."""
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end and (window.analysis.pending or time.perf_counter() < end - seconds + 0.5):
        QApplication.processEvents()


def edits(window: Any, probe: Any, repeats: int) -> dict[str, list[dict[str, float]]]:
    """Each kind of edit, then its undo, ``repeats`` times, on cards in view."""
    from orgdesigner.model import Team, Unit

    doc, scene, view = window.doc, window.scene, window.view
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    shown = scene.cards_in(rect)
    folded = [n for n in shown if n in scene.collapsed]
    if folded and not any(isinstance(doc.org.node(n), Team) for n in shown):
        # A large chart opens folded: open the first folded card in view, as a user would to
        # edit its teams, and edit those.
        window.view_state.expand(folded[:1])
        settle(window, 5.0)
        shown = scene.cards_in(view.mapToScene(view.viewport().rect()).boundingRect())
    teams = [n for n in shown if isinstance(doc.org.node(n), Team) and n != doc.org.root] or [
        t.id for t in doc.org.teams()[:50]
    ]
    units = [n for n in shown if isinstance(doc.org.node(n), Unit)] or [u.id for u in doc.org.units()[:50]]
    kinds: dict[str, Callable[[int], None]] = {
        "move": lambda k: doc.move_nodes([teams[k % len(teams)]], units[(k * 7 + 1) % len(units)]),
        "add": lambda k: doc.add_team("data_science", units[k % len(units)]),
        "delete": lambda k: doc.remove_nodes([teams[(k * 3) % len(teams)]]),
        "rename": lambda k: doc.set_fields(teams[(k * 5) % len(teams)], name=f"Renamed team {k}"),
        "field": lambda k: doc.set_fields(teams[(k * 11) % len(teams)], headcount=40 + k),
    }
    results: dict[str, list[dict[str, float]]] = {}
    for kind, edit in kinds.items():
        for k in range(repeats):
            results.setdefault(kind, []).append(_measure(window, probe, lambda e=edit, k=k: e(k)))
            results.setdefault(f"{kind} undo", []).append(_measure(window, probe, doc.undo_stack.undo))
    return results


def _measure(window: Any, probe: Any, action: Callable[[], None]) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    _PARTS.clear()
    _ENDS.clear()
    _GC.clear()
    probe.paints.clear()
    start = time.perf_counter()
    action()
    synchronous = time.perf_counter()
    deadline = synchronous + 60
    while (window.analysis.pending or probe.painting) and time.perf_counter() < deadline:
        QApplication.processEvents()
    after = time.perf_counter()
    while time.perf_counter() < after + 0.03:  # a repaint that was still to come
        QApplication.processEvents()
    paints = [p for p in probe.paints if p[0] >= start]
    canvas_end = paints[0][1] if paints else synchronous
    findings_end = _ENDS.get("flush", synchronous)
    flush = _PARTS.get("flush", 0.0)
    layout = _PARTS.get("layout", 0.0)
    scene = _PARTS.get("scene+layout", 0.0) - layout
    panel = _PARTS.get("findings", 0.0)
    badges = _PARTS.get("badges", 0.0)
    ms = 1000.0
    return {
        "canvas": (canvas_end - start) * ms,
        "findings": (findings_end - start) * ms,
        "edit": (synchronous - start - layout - scene) * ms,
        "layout": layout * ms,
        "scene": scene * ms,
        "paint": sum(b - a for a, b in paints[:1]) * ms,
        "analysis": (flush - panel - badges) * ms,
        "panel": panel * ms,
        "badges": badges * ms,
        "repainted": float(bool(paints)),
        "gc_max": max(_GC, default=0.0) * ms,
        "gc_count": float(len(_GC)),
    }


if __name__ == "__main__":
    raise SystemExit(main())
