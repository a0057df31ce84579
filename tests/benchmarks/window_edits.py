"""The real ``orgdesigner FILE`` from process start: the time to the canvas's first painted frame,
then every kind of edit and its undo timed to the updated canvas, with their parts; printed as
JSON on the last line of stdout.

A child-process driver of ``test_bench_window_edits.py``: ``python -m tests.benchmarks.window_edits
FILE [--expand] [--rounds N]``. Process start is read from ``/proc`` (``first_frame.process_age``).
An edit is timed from the call that makes it (``Document.move_nodes`` and its siblings, as the
canvas's gestures call them) to the end of the next frame the canvas paints, the end of
``OrgView.drawForeground``; its parts are the time spent in the layout, in the scene (the layout
included), in the analysis and in the paint. ``--expand`` first shows every level (View >
Collapse to Depth > All), so the whole chart is laid out and on the scene.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from tests.benchmarks.first_frame import process_age


class Probe:
    """Wraps functions to sum the time spent inside them, per name, since the last reset."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.depth: dict[str, int] = {}

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        original = getattr(owner, attr)
        probe = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            outer = probe.depth.get(name, 0) == 0
            probe.depth[name] = probe.depth.get(name, 0) + 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                probe.depth[name] -= 1
                if outer:
                    probe.spent[name] = probe.spent.get(name, 0.0) + time.perf_counter() - start

        setattr(owner, attr, timed)

    def reset(self) -> None:
        self.spent = {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--expand", action="store_true")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from orgdesigner.cli import main as orgdesigner_main
    from orgdesigner.ui.canvas import view as view_module
    from orgdesigner.ui.main_window import MainWindow

    probe = Probe()
    result: dict[str, Any] = {}
    frames: list[tuple[float, float]] = []  # (paint start, paint end)
    paint_start: list[float] = []
    original_background = view_module.OrgView.drawBackground
    original_foreground = view_module.OrgView.drawForeground

    def background(self: Any, painter: Any, rect: Any) -> None:
        paint_start.append(time.perf_counter())
        original_background(self, painter, rect)

    def foreground(self: Any, painter: Any, rect: Any) -> None:
        original_foreground(self, painter, rect)
        if isinstance(self.window(), MainWindow):
            frames.append((paint_start[-1] if paint_start else time.perf_counter(), time.perf_counter()))
            result.setdefault("first_frame", process_age())

    view_module.OrgView.drawBackground = background  # type: ignore[method-assign]
    view_module.OrgView.drawForeground = foreground  # type: ignore[method-assign]
    _wrap_parts(probe)

    def start_edits() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        QTimer.singleShot(0, lambda: run_edits(windows[0]))

    def run_edits(window: MainWindow) -> None:
        try:
            result.update(_edits(window, args, frames, probe))
        except Exception as exc:  # reported, not swallowed: the parent asserts on it
            import traceback

            result["error"] = f"{exc!r}\n{traceback.format_exc()}"
        result["peak_rss_mb"] = _peak_rss_mb()
        QApplication.quit()

    original_exec = QApplication.exec

    def exec_with_probe(self: QApplication) -> int:
        def first() -> None:
            if frames:
                start_edits()
            else:
                QTimer.singleShot(1, first)

        QTimer.singleShot(0, first)
        QTimer.singleShot(600_000, QApplication.quit)
        return int(original_exec())

    QApplication.exec = exec_with_probe  # type: ignore[method-assign]
    status = orgdesigner_main([args.file])
    result["status"] = status
    print(json.dumps(result))
    return 0


def _wrap_parts(probe: Probe) -> None:
    from orgdesigner.ui import live_analysis
    from orgdesigner.ui.canvas import scene as scene_module

    probe.wrap(scene_module.OrgScene, "rebuild", "scene")
    for name in ("layout", "relayout"):
        if hasattr(scene_module, name):
            probe.wrap(scene_module, name, "layout")
    probe.wrap(live_analysis.LiveAnalysis, "refresh", "analysis")


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _edits(window: Any, args: argparse.Namespace, frames: list[tuple[float, float]], probe: Probe) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    doc = window.doc
    out: dict[str, Any] = {"cards_at_open": len(window.scene.placement), "nodes": len(doc.org)}
    if args.expand:
        start = time.perf_counter()
        window.collapse_to_depth(None)
        _settle(app, frames)
        out["expand_s"] = time.perf_counter() - start
    out["cards"] = len(window.scene.placement)
    rng = random.Random(7)
    org = doc.org
    shown = set(window.scene.placement.ids)
    teams = [t.id for t in org.teams() if t.id in shown] or [t.id for t in org.teams()]
    units = [u.id for u in org.units() if u.id in shown] or [u.id for u in org.units()]

    def move() -> None:
        team = rng.choice(teams)
        target = rng.choice([u for u in units if u != doc.org.parent(team)])
        doc.move_nodes([team], target)

    def add() -> None:
        doc.add_team("mlops", rng.choice(units))

    def delete() -> None:
        doc.remove_nodes([rng.choice([t for t in teams if t in doc.org])])

    def rename() -> None:
        team = rng.choice(teams)
        doc.set_fields(team, name=f"Renamed team {rng.randrange(10**6)}")

    def field() -> None:
        team = rng.choice(teams)
        doc.set_fields(team, headcount=rng.randrange(1, 40))

    kinds: dict[str, Callable[[], None]] = {
        "move": move,
        "add": add,
        "delete": delete,
        "rename": rename,
        "field": field,
    }
    timings: dict[str, dict[str, list[float]]] = {}
    gc.collect()
    for _ in range(args.rounds):
        for kind, edit in kinds.items():
            for phase, act in ((kind, edit), (f"{kind} undo", doc.undo_stack.undo)):
                _settle(app, frames)
                probe.reset()
                frames.clear()
                start = time.perf_counter()
                act()
                called = time.perf_counter()
                while not frames:
                    app.processEvents()
                paint_start, paint_end = frames[0]
                row = timings.setdefault(phase, {})
                row.setdefault("total", []).append(paint_end - start)
                row.setdefault("call", []).append(called - start)
                row.setdefault("paint", []).append(paint_end - paint_start)
                for part, spent in probe.spent.items():
                    row.setdefault(part, []).append(spent)
    out["edits"] = {
        phase: {part: statistics.median(values) * 1000 for part, values in parts.items()}
        | {"max": max(parts["total"]) * 1000}
        for phase, parts in timings.items()
    }
    return out


def _settle(app: Any, frames: list[tuple[float, float]]) -> None:
    """Let queued work (timers of 0 ms, a pending repaint) finish before the next edit."""
    end = time.perf_counter() + 0.05
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


if __name__ == "__main__":
    sys.exit(main())
