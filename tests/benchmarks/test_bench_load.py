"""Benchmark: a 100,000-team org loads (``read_org`` of a file ``write_org`` wrote) in at most
3 s, median of 3 runs (run with ORGDESIGNER_BENCH=1). Prints the numbers and records them in
RESULTS.md between ``<!-- load:begin -->`` and ``<!-- load:end -->``."""

from __future__ import annotations

import os
import platform
import statistics
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from orgdesigner.io import read_org, write_org
from orgdesigner.io.fileformat import build_org, load_json, parse_record, read_bytes
from orgdesigner.model.gc_pause import gc_paused
from tests.benchmarks.results import record_section
from tests.synthetic import make_org

TARGET = 3.0
RUNS = 3
# Node counts that give at least 100,000 teams (teams are the leaves of make_org's trees).
SIZES = {"wide": 100_320, "balanced": 115_500}


def _phases(path: Path) -> tuple[float, float, float]:
    """Seconds to read and decode JSON, to check the record, to build the model (with the
    garbage collector paused, as ``parse_org`` does)."""
    with gc_paused():
        t0 = time.perf_counter()
        obj = load_json(read_bytes(path), str(path))
        t1 = time.perf_counter()
        record = parse_record(obj, str(path))
        t2 = time.perf_counter()
        build_org(record, str(path))
        return t1 - t0, t2 - t1, time.perf_counter() - t2


def test_a_100000_team_org_loads_within_3_seconds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = []
    slow = []
    for shape, n in SIZES.items():
        org = make_org(n, shape, links=300)
        teams = len(org.teams())
        assert teams >= 100_000
        path = tmp_path / f"{shape}.json"
        write_org(org, path)
        size = path.stat().st_size
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            loaded = read_org(path)
            times.append(time.perf_counter() - start)
        assert loaded == org
        median = statistics.median(times)
        phases = [statistics.median(p) for p in zip(*(_phases(path) for _ in range(RUNS)), strict=True)]
        tracemalloc.start()
        read_org(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        ok = median <= TARGET
        if not ok:
            slow.append(f"{shape}: {median:.2f} s")
        rows.append(
            f"| {shape} | {n:,} | {teams:,} | {len(org.links)} | {size / 2**20:.1f} MiB | "
            f"{median:.2f} s | {' / '.join(f'{p:.2f}' for p in phases)} s | {peak / 2**20:.0f} MiB | "
            f"{TARGET:.0f} s | {'ok' if ok else 'SLOW'} |"
        )
    body = (
        "## Loading a file (`read_org`)\n\n"
        f"{date.today().isoformat()}: {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.machine()}). Synthetic orgs from `tests/synthetic.make_org` with at least 100,000 "
        f"teams and 300 dotted lines, written by `write_org`; median of {RUNS} runs of `read_org`. "
        "*phases*: read and decode the JSON / check the record / validate the nodes and build the model. "
        "*peak* is the Python heap under tracemalloc. Before `parse_org` paused the garbage collector "
        "(2026-11-27) the medians were 1.56 s (wide) and 2.14 s (balanced).\n\n"
        "| shape | nodes | teams | links | file | median | phases | peak | target | |\n"
        "|---|---:|---:|---:|---:|---:|---|---:|---:|---|\n" + "\n".join(rows) + "\n"
    )
    record_section("load", body)
    with capsys.disabled():
        print("\n" + body)
    assert not slow, f"slower than {TARGET} s: {'; '.join(slow)}"
