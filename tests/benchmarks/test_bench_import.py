"""Importing real-sized HR exports, and writing GraphML for the largest orgs (issue 14): from
process start, as a user runs ``orgdesigner import`` and ``orgdesigner export -o org.graphml``."""

from __future__ import annotations

import platform
import statistics
from datetime import date
from pathlib import Path

import pytest

from orgdesigner.io import write_org
from tests.benchmarks.child import orgdesigner, run_child
from tests.benchmarks.hr_files import write_hr_export
from tests.benchmarks.results import record_section
from tests.synthetic import make_org

pytestmark = pytest.mark.benchmark

# rows, target seconds, target peak MB, runs
IMPORTS = [(1_500, 0.5, None, 5), (10_000, None, None, 3), (50_000, 4.0, 300, 3)]
GRAPHML = [(10_000, None, None), (50_000, 5.0, 400)]


def _median_run(cmd: list[str], runs: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        elapsed, peak = run_child(cmd, 600)
        assert elapsed is not None
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def _verdict(value: float, target: float | None) -> str:
    return "" if target is None else ("ok" if value <= target else "MISSED")


def test_import_and_graphml_speed(tmp_path: Path) -> None:
    rows, missed = [], []
    for size, seconds, megabytes, runs in IMPORTS:
        source = write_hr_export(tmp_path / f"hr-{size}.csv", size)
        cmd = [orgdesigner(), "import", str(source), "-o", str(tmp_path / "org.json"), "--force"]
        elapsed, peak = _median_run(cmd, runs)
        mb = peak / 1e6
        targets = " and ".join(t for t in (seconds and f"≤ {seconds:g} s", megabytes and f"≤ {megabytes} MB") if t)
        ok = _verdict(elapsed, seconds) == "MISSED" or (megabytes is not None and mb > megabytes)
        rows.append(
            f"| import CSV | {size:,} | {elapsed:.2f} | {mb:.0f} | {targets} | "
            f"{'MISSED' if ok else ('ok' if targets else '')} |"
        )
        if ok:
            missed.append((size, elapsed, mb))
    for size, seconds, megabytes in GRAPHML:
        source = tmp_path / f"org-{size}.json"
        write_org(make_org(size, seed=1, links=min(size // 100, 300)), source)
        cmd = [orgdesigner(), "export", str(source), "-o", str(tmp_path / "org.graphml")]
        elapsed, peak = _median_run(cmd, 3)
        mb = peak / 1e6
        targets = " and ".join(t for t in (seconds and f"≤ {seconds:g} s", megabytes and f"≤ {megabytes} MB") if t)
        bad = _verdict(elapsed, seconds) == "MISSED" or (megabytes is not None and mb > megabytes)
        rows.append(
            f"| export GraphML | {size:,} teams | {elapsed:.2f} | {mb:.0f} | {targets} | "
            f"{'MISSED' if bad else ('ok' if targets else '')} |"
        )
        if bad:
            missed.append((size, elapsed, mb))
    body = (
        "## Import and GraphML (`test_bench_import.py`)\n\n"
        f"{date.today().isoformat()}: {platform.python_implementation()} {platform.python_version()}. "
        "*import CSV*: `orgdesigner import hr.csv -o org.json` on a synthetic HR export "
        "(`tests/benchmarks/hr_files.py`: employee and manager ids, names, 25 job titles of every kind, "
        "one department per 150 people; teams and units made, as by default); *export GraphML*: "
        "`orgdesigner export org.json -o org.graphml` on `tests.synthetic.make_org` (balanced). Whole "
        "processes from start, medians, peak RSS from a clean parent. Before (the figures of issue 14): 50,000 rows "
        "9.5 s and 243 MB; GraphML of 50,000 teams 18 s and 770 MB.\n\n"
        "| what | size | seconds | peak RSS MB | target | |\n|---|---|---|---|---|---|\n" + "\n".join(rows)
    )
    record_section("import-graphml", body)
    assert not missed, missed
