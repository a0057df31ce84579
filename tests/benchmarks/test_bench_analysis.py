"""Benchmark of ``analyse()`` on synthetic orgs of 1,000, 10,000 and 100,000 nodes in the
five shapes (run with ORGDESIGNER_BENCH=1). Records its table in RESULTS.md between
``<!-- analysis:begin -->`` and ``<!-- analysis:end -->`` and fails when a median exceeds
its target by more than half."""

from __future__ import annotations

import platform
import statistics
import time
from datetime import date

import pytest

from orgdesigner.analysis import analyse
from tests.benchmarks.results import record_section
from tests.synthetic import SHAPES, make_org

TARGETS = {1_000: 0.030, 10_000: 0.300, 100_000: 3.0}
RUNS = {1_000: 9, 10_000: 7, 100_000: 3}
SLACK = 1.5


def _median_seconds(n: int, shape: str) -> tuple[float, int]:
    org = make_org(n, shape, links=min(n // 100, 300))
    teams = len(org.teams())
    analyse(org)
    times = []
    for _ in range(RUNS[n]):
        start = time.perf_counter()
        analyse(org)
        times.append(time.perf_counter() - start)
    return statistics.median(times), teams


def test_full_report_speed(capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    slow = []
    for n, target in TARGETS.items():
        for shape in SHAPES:
            median, teams = _median_seconds(n, shape)
            ok = median <= target * SLACK
            rows.append(
                f"| {n:,} | {shape} | {teams:,} | {median * 1000:,.1f} ms | {target * 1000:,.0f} ms "
                f"| {median / target:.2f} | {'ok' if ok else 'SLOW'} |"
            )
            if not ok:
                slow.append(f"{shape} {n}: {median * 1000:.0f} ms (target {target * 1000:.0f} ms)")
    table = (
        "## Analysis: full report (`analyse()`)\n\n"
        f"{date.today().isoformat()}, Python {platform.python_version()}, {platform.machine()}, "
        f"{platform.processor() or 'cpu'}; median of {RUNS[1_000]}/{RUNS[10_000]}/{RUNS[100_000]} runs "
        "after one warm-up; synthetic orgs from `tests/synthetic.make_org` (n nodes: units with "
        "children, teams at the leaves; n/100 dotted lines, at most 300).\n\n"
        "| nodes | shape | teams | median | target | ratio | |\n"
        "|---:|---|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n"
    )
    record_section("analysis", table)
    with capsys.disabled():
        print("\n" + table)
    assert not slow, f"slower than {SLACK}x the target: {'; '.join(slow)}"
