"""The window's save and ``orgdesigner export`` killed at random moments: never a torn file, and
no temporary file left once the window has started again (see ``kill_runs``; the benchmark tier
runs many more kills and records them in RESULTS.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.kill_runs import kill_exports, kill_window_saves

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX signals")
KILLS = int(os.environ.get("ORGDESIGNER_KILLS", "3"))


def test_killed_window_saves_never_tear_the_chart(tmp_path: Path) -> None:
    report = kill_window_saves(tmp_path, KILLS)
    line = report.line("window saves")
    print("\n" + line)
    assert report.torn == [], line
    assert report.kills == KILLS and report.outcome["a whole saved chart"] == KILLS, line
    assert report.temps_after_start == 0, line


def test_killed_exports_never_tear_the_file(tmp_path: Path) -> None:
    report = kill_exports(tmp_path, KILLS * 2)
    line = report.line("exports")
    print("\n" + line)
    assert report.torn == [], line
    assert report.temps_after_start == 0, line
    assert sum(report.outcome.values()) == KILLS * 2, line
