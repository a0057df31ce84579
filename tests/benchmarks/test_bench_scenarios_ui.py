"""Deciding in the window at 2,000 teams (issue 11's targets), in the real window on the
offscreen platform: switching scenarios to the repainted canvas and findings, opening the
compare view to its first painted frame, and what the "what an edit changed" delta adds to an
edit. Medians of repeated runs."""

from __future__ import annotations

import gc
import statistics
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from orgdesigner.analysis import analyse
from orgdesigner.analysis.edit_delta import edit_delta
from orgdesigner.model.scenarios import BASELINE
from orgdesigner.ui.main_window import MainWindow
from tests.benchmarks.results import record_section
from tests.benchmarks.test_bench_ui import org_with_teams


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def test_scenarios_in_the_window(tmp_path: Path) -> None:
    app = QApplication.instance() or QApplication([])
    org = org_with_teams(2_000)
    w = MainWindow(org, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1400, 900)
    w.show()
    app.processEvents()
    teams = [t.id for t in org.teams()]
    units = [u.id for u in org.units()]
    name = w.doc.new_scenario("Option B")
    for k in range(40):  # a scenario that differs by 40 moves
        w.doc.move_nodes([teams[(k * 53) % len(teams)]], units[-1 - (k % len(units))])
    app.processEvents()

    def switching() -> list[float]:
        times = []
        for k in range(11):
            gc.collect()
            start = time.perf_counter()
            w.doc.show_scenario(BASELINE if k % 2 == 0 else name)
            app.processEvents()
            w.view.viewport().repaint()
            times.append(time.perf_counter() - start)
        return times

    switch = switching()  # as it opens: collapsed to the depth that reads
    w.view_state.expand_all()
    switch_all = switching()
    assert w.scenarios.names() == [BASELINE, name]
    opened = []
    for _ in range(5):
        gc.collect()
        start = time.perf_counter()
        w.compare_scenarios(BASELINE, name)
        view = w.compare_window
        app.processEvents()
        view.repaint()
        opened.append(time.perf_counter() - start)
        assert view.comparison is not None and len(view.comparison.changes.moved) == 40
        view.close()
        app.processEvents()
    w.doc.show_scenario(name)
    before = analyse(w.doc.org)
    w.doc.move_nodes([teams[7]], units[3])
    after = analyse(w.doc.org)
    delta = []
    for _ in range(51):
        start = time.perf_counter()
        edit_delta(before, after)
        delta.append(time.perf_counter() - start)
    w.doc.load(w.doc.chart, None)
    w.close()
    rows = [
        ("switch scenario to repainted canvas and findings, 2,000 teams as opened", _ms(switch), 150.0),
        ("the same with every level expanded (2,300 cards)", _ms(switch_all), 150.0),
        ("open the compare view to its first painted frame, 2,000 teams, 40 moves", _ms(opened), 1000.0),
        ("what the edit changed: the delta added to an edit, 2,000 teams", _ms(delta), 10.0),
    ]
    lines = ["| measurement | median | target | within |", "|---|---:|---:|:--:|"]
    lines += [f"| {n} | {v:.1f} ms | {t:.0f} ms | {'yes' if v <= t else 'NO'} |" for n, v, t in rows]
    print("\n" + "\n".join(lines))
    record_section(
        "scenarios-ui",
        "## Scenarios in the designer window\n\n"
        f"{len(teams):,} teams (a balanced synthetic org), Qt offscreen, this machine; "
        "medians of 11, 5 and 51 runs.\n\n" + "\n".join(lines),
    )
    assert all(v <= t * 1.5 for _n, v, t in rows), rows
