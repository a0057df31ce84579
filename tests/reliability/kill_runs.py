"""Saves and exports killed with SIGKILL at random moments, in real processes: the designer
window saving (File > Save, again and again) and ``orgdesigner export``. Counts what the file on
disk was after each kill (the old version, the new one, or torn) and the temporary files left,
then starts as the window does (its sweep of stale temporary files) and counts them again.

Shared by the default suite (a few kills) and the benchmark tier (many, into RESULTS.md).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings

from orgdesigner.io import parse_org, write_org
from orgdesigner.io.atomic import is_our_temp
from orgdesigner.model import Organization
from orgdesigner.ui.app import sweep_stale_temps
from tests.synthetic import make_org

ROOT = Path(__file__).resolve().parents[2]
TEAM = "n100"  # a team of make_org(5_080, "wide") whose headcount each save changes

WINDOW_CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QSettings
    from orgdesigner.ui.app import make_application
    from orgdesigner.ui.main_window import MainWindow
    app = make_application([])
    window = MainWindow(None, QSettings(sys.argv[2], QSettings.Format.IniFormat))
    assert window.files.open_path(sys.argv[1], ask=False)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        window.doc.set_fields(sys.argv[3], headcount=n)
        assert window.files.save()
    """
)


@dataclass
class KillReport:
    """What the kills did."""

    kills: int = 0
    outcome: Counter[str] = field(default_factory=Counter)
    torn: list[str] = field(default_factory=list)
    most_temps: int = 0
    temps_after_kills: int = 0
    temps_after_start: int = 0
    bytes_left: int = 0

    def line(self, what: str) -> str:
        """One line for a message or a table."""
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.outcome.items()))
        return (
            f"{what}: {self.kills} kills ({kinds}); torn files {len(self.torn)}; temporary files left: at most "
            f"{self.most_temps} at a time, {self.temps_after_kills} after the last kill "
            f"({self.bytes_left / 2**20:.1f} MB), {self.temps_after_start} after the next start"
        )


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_our_temp(p.name)]


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _finish(report: KillReport, folder: Path, settings: QSettings, chart: Path) -> KillReport:
    left = _temps(folder)
    report.temps_after_kills = len(left)
    report.bytes_left = sum(p.stat().st_size for p in left)
    sweep_stale_temps(settings, str(chart))  # what the window does when it starts
    report.temps_after_start = len(_temps(folder))
    return report


def kill_window_saves(folder: Path, kills: int, seed: int = 12) -> KillReport:
    """Open a 5,000-team chart in a real window process that edits and saves in a loop; kill
    it after a random time; the file must be a whole chart each time."""
    chart = folder / "chart.json"
    org = make_org(5_080, "wide", seed=1, links=50)
    write_org(org, chart)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("recent_files", [str(chart)])
    settings.sync()
    rng = random.Random(seed)
    report = KillReport()
    for i in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-c", WINDOW_CHILD, str(chart), str(folder / "child.ini"), TEAM],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=ROOT,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", "the window did not open the chart"
        time.sleep(rng.uniform(0.0, 1.5))  # a save of this chart takes ~0.1-0.3 s: several saves
        _kill(proc)
        report.kills += 1
        try:
            saved = parse_org(chart.read_bytes(), str(chart))
            node = saved.node(TEAM)
            report.outcome["a whole saved chart"] += 1
            assert node.headcount >= 0
        except Exception as exc:  # a torn file: whatever the parser said
            report.torn.append(f"kill {i}: {str(exc)[:200]}")
            write_org(org, chart)
        report.most_temps = max(report.most_temps, len(_temps(folder)))
    return _finish(report, folder, settings, chart)


def kill_exports(folder: Path, kills: int, suffix: str = ".png", seed: int = 13) -> KillReport:
    """``orgdesigner export`` of two charts in turn to the same file, killed after a random time
    up to 1.1 times one export: the file is absent, one export or the other, never torn."""
    charts = [folder / "a.json", folder / "b.json"]
    orgs: list[Organization] = [make_org(2_000, "wide", seed=s, links=30) for s in (1, 2)]
    for path, org in zip(charts, orgs, strict=True):
        write_org(org, path)
    out = folder / f"chart{suffix}"

    def run(chart: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "orgdesigner", "export", str(chart), "-o", str(out)],
            env=_env(),
            cwd=ROOT,
            text=True,
            stderr=subprocess.DEVNULL,
        )

    versions: list[bytes] = []
    durations = []
    for chart in charts:
        start = time.perf_counter()
        assert run(chart).wait() == 0
        durations.append(time.perf_counter() - start)
        versions.append(out.read_bytes())
    assert versions[0] != versions[1]
    horizon = 1.1 * max(durations)
    rng = random.Random(seed)
    report = KillReport()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    for i in range(kills):
        before = out.read_bytes()
        proc = run(charts[(i + 1) % 2])
        time.sleep(rng.uniform(0.0, horizon))
        _kill(proc)
        report.kills += 1
        after = out.read_bytes()
        if after == before:
            report.outcome["old"] += 1
        elif after in versions:
            report.outcome["new"] += 1
        else:
            report.torn.append(f"kill {i}: {len(after)} bytes, neither export")
            out.write_bytes(versions[0])
        report.most_temps = max(report.most_temps, len(_temps(folder)))
    return _finish(report, folder, settings, charts[0])


KILL_RUNS: dict[str, Callable[[Path, int], KillReport]] = {
    "window saves (File > Save of 5,080 nodes, in a loop)": kill_window_saves,
    "orgdesigner export -o chart.png (2,000 nodes)": kill_exports,
    "orgdesigner export -o chart.svg (2,000 nodes)": lambda folder, kills: kill_exports(folder, kills, ".svg"),
}
