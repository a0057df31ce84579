"""Benchmark: adversarial sizes, from process start (run with ORGDESIGNER_BENCH=1). Each row is
one hostile input at two sizes ten times apart, run the way a user would (``orgdesigner VERB``
in a fresh process, or the window opening the file); *growth* is the ratio of the two times,
so a path quadratic in the input shows as ~100 where a linear one shows as ~10 or less.

The table is :data:`ADVERSARIES`: to add an input (repeated names or headers in a CSV, PDF tiles),
append an :class:`Adversary` with the function that writes it and the commands that read it.
Results go to RESULTS.md between ``<!-- adversarial:begin -->`` and ``<!-- adversarial:end -->``.
"""

from __future__ import annotations

import json
import os
import platform
import random
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.benchmarks.results import record_section
from tests.benchmarks.test_bench_layout_export import _CLEAN_PARENT

TIMEOUT = 600.0
"""A command that takes longer is recorded as a timeout (and fails the benchmark)."""

# The window, from process start to the first frame showing the opened file.
WINDOW_OPEN = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QSettings
from orgdesigner.ui.app import make_application
from orgdesigner.ui.main_window import MainWindow
app = make_application([])
window = MainWindow(None, QSettings(sys.argv[2], QSettings.Format.IniFormat))
assert window.files.open_path(sys.argv[1], ask=False), window.files.last_error
class First(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            First.seen = True
        return False
probe = First()
window.view.viewport().installEventFilter(probe)
window.resize(1400, 900)
window.show()
while not First.seen:
    app.processEvents()
"""

# The window's File > Open of a file it refuses: to the error dialog shown and painted.
WINDOW_REFUSES = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QMessageBox
from orgdesigner.ui.app import make_application
from orgdesigner.ui.main_window import MainWindow
app = make_application([])
painted = []
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            painted.append(obj)
        return False
def show_until_painted(box):
    probe = Painted(box)
    box.installEventFilter(probe)
    box.show()
    while not painted:
        app.processEvents()
    box.close()
    return 0
QMessageBox.exec = show_until_painted
window = MainWindow(None, QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
assert not window.files.open_path(sys.argv[1], ask=False)
assert painted and len(window.files.last_error or "") < 2000
"""

Command = Callable[[Path, Path], list[str]]  # (input file, scratch folder) -> argv


def verb(*args: str) -> Command:
    """``orgdesigner VERB FILE ARGS`` (``{out}`` in an argument: a file in the scratch folder)."""
    return lambda path, tmp: [
        sys.executable,
        "-m",
        "orgdesigner",
        args[0],
        str(path),
        *(a.format(out=tmp / "out") for a in args[1:]),
    ]


def window_open(path: Path, tmp: Path) -> list[str]:
    """The designer window opening the file, to its first frame."""
    return [sys.executable, "-c", WINDOW_OPEN, str(path), str(tmp / "settings.ini")]


def window_refuses(path: Path, tmp: Path) -> list[str]:
    """The designer window's File > Open of a bad file, to its error dialog painted."""
    return [sys.executable, "-c", WINDOW_REFUSES, str(path), str(tmp / "settings.ini")]


def _run_child(cmd: list[str], timeout: float) -> tuple[float | None, int]:
    """Wall time (None on timeout) and peak RSS in bytes of one child process, which must exit
    0, 1 (findings) or 2 (a refused input)."""
    wrapped = [sys.executable, "-S", "-c", _CLEAN_PARENT, cmd[0], *cmd[1:]]
    proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, 0
    assert proc.returncode in (0, 1, 2), err.decode()
    assert "Traceback" not in err.decode(), err.decode()
    elapsed, peak = err.decode().split()[-2:]
    return float(elapsed), int(peak)


@dataclass(frozen=True)
class Adversary:
    """One hostile input: how to write it at a size, and what a user would run on it."""

    what: str
    make: Callable[[Path, int], Path]
    sizes: tuple[int, int]
    commands: dict[str, Command]
    target_s: float  # the larger size, any command: seconds, not minutes
    known: str = ""  # a miss already reported elsewhere: shown in the table, not asserted


def links_file(folder: Path, links: int) -> Path:
    """1,000 teams and ``links`` distinct dotted lines among them (the issue's 860 KB file has 20,000)."""
    teams = 1_000
    nodes: list[dict[str, object]] = [{"id": "root", "kind": "unit", "name": "Root", "structure": "executive"}]
    for i in range(teams):
        parent = "root" if i < 30 else f"t{i % 30}"
        nodes.append({"id": f"t{i}", "kind": "team", "name": f"Team {i}", "parent": parent, "discipline": "mlops"})
    rng = random.Random(links)
    seen: set[tuple[int, int]] = set()
    while len(seen) < links:
        a, b = rng.randrange(teams), rng.randrange(teams)
        if a != b:
            seen.add((a, b))
    record = {
        "format": "orgdesigner",
        "version": 1,
        "name": f"{links:,} dotted lines",
        "nodes": nodes,
        "links": [{"source": f"t{a}", "target": f"t{b}", "kind": "serves"} for a, b in sorted(seen)],
    }
    path = folder / f"links-{links}.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def long_parent_file(folder: Path, length: int) -> Path:
    """A small chart but for one parent id of ``length`` characters (the issue's: 20 MB)."""
    record = {
        "format": "orgdesigner",
        "version": 1,
        "name": "Long parent",
        "nodes": [
            {"id": "root", "kind": "unit", "name": "Root", "structure": "executive"},
            {"id": "t", "kind": "team", "name": "T", "discipline": "mlops", "parent": "p" * length},
        ],
    }
    path = folder / f"parent-{length}.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


ADVERSARIES: list[Adversary] = [
    Adversary(
        "dotted lines (1,000 teams)",
        links_file,
        (20_000, 200_000),
        {
            "summary": verb("summary"),
            "check": verb("check", "--fail-on", "never"),
            "export .svg": verb("export", "-o", "{out}.svg"),
            "export .pdf": verb("export", "-o", "{out}.pdf"),
            "export .dot": verb("export", "-o", "{out}.dot"),
            "export .graphml": verb("export", "-o", "{out}.graphml"),
            "window open": window_open,
        },
        target_s=30.0,
    ),
    Adversary(
        "dotted lines, PNG (1,000 teams)",
        links_file,
        (2_000, 20_000),
        {"export .png": verb("export", "-o", "{out}.png")},
        target_s=30.0,
        known="QPainter draws each long dashed line antialiased at 1.5 px (export/raster.py)",
    ),
    Adversary(
        "one long parent id (refused)",
        long_parent_file,
        (2_000_000, 20_000_000),
        {"summary": verb("summary"), "check": verb("check"), "window: File > Open": window_refuses},
        target_s=10.0,
    ),
]


def _fmt(t: float | None) -> str:
    return "timeout" if t is None else f"{t:.2f} s"


def test_adversarial_sizes_stay_linear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows, slow = [], []
    for adv in ADVERSARIES:
        small, large = (adv.make(tmp_path, n) for n in adv.sizes)
        sizes = [p.stat().st_size for p in (small, large)]
        for label, command in adv.commands.items():
            times, peaks = [], []
            for path in (small, large):
                elapsed, peak = _run_child(command(path, tmp_path), TIMEOUT)
                times.append(elapsed)
                peaks.append(peak)
            t_small, t_large = times
            growth = "" if t_small is None or t_large is None else f"{t_large / t_small:.1f}"
            ok = t_large is not None and t_large <= adv.target_s
            if not ok and not adv.known:
                slow.append(f"{adv.what}, {label}: {_fmt(t_large)}")
            verdict = "ok" if ok else f"SLOW: {adv.known}" if adv.known else "SLOW"
            rows.append(
                f"| {adv.what} | {label} | {adv.sizes[0]:,} ({sizes[0] / 2**20:.1f} MB) | {_fmt(t_small)} | "
                f"{adv.sizes[1]:,} ({sizes[1] / 2**20:.1f} MB) | {_fmt(t_large)} | {growth} | "
                f"{max(peaks) / 2**20:,.0f} MB | {adv.target_s:.0f} s | {verdict} |"
            )
    body = (
        "## Adversarial sizes (`tests/benchmarks/test_bench_adversarial.py`)\n\n"
        f"{date.today().isoformat()}: {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.machine()}). Each command in a fresh process, from its start to its exit (the window: to "
        "its first frame with the file open). *growth*: the larger size's time over the smaller's, for ten "
        "times the input (linear: about 10 or less, as start-up weighs more in the small run; quadratic: "
        "about 100). Before issue 12, the dotted lines were checked against a list of the earlier ones: "
        "20,000 took minutes in every verb (`summary` had not finished after 30 s, `read_org` alone took "
        "229 s) and 200,000 did not finish in ten minutes; and the window, with one item per line, took "
        "3.5 GB for 50,000 lines and ran out of memory (24 GB) at 200,000.\n\n"
        "| input | command | small | time | large | time | growth | peak RSS | target | |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n"
    )
    record_section("adversarial", body)
    with capsys.disabled():
        print("\n" + body)
    assert not slow, "; ".join(slow)
