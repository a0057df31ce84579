"""Adversarial sizes for the CSV import (issue 12): inputs that a quadratic step would turn
into minutes. Each is run as a user would, ``orgdesigner import`` from process start; the
targets are seconds. The same cases at a tenth of the size show the growth is linear."""

from __future__ import annotations

import platform
import statistics
from datetime import date
from pathlib import Path

import pytest

from tests.benchmarks.child import orgdesigner, run_child
from tests.benchmarks.hr_files import write_hr_export, write_repeated_headers, write_repeated_names
from tests.benchmarks.results import record_section

pytestmark = pytest.mark.benchmark

# (case, size, target seconds); 2 runs each, the median kept.
CASES = [
    ("repeated names (people called Sam)", 5_000, None),
    ("repeated names (people called Sam)", 50_000, 5.0),
    ("repeated headers (copies of one column)", 4_000, None),
    ("repeated headers (copies of one column)", 40_000, 3.0),
    ("a stray quote in row 3 of an export (refused)", 50_000, 3.0),
]


def _file(case: str, size: int, folder: Path) -> tuple[Path, int]:
    path = folder / f"{case.split()[1]}-{size}.csv"
    if case.startswith("repeated names"):
        return write_repeated_names(path, size), 0
    if case.startswith("repeated headers"):
        return write_repeated_headers(path, size), 0
    write_hr_export(path, size)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",", ',"', 3)  # row 3: a title that starts with a quote
    path.write_text("".join(lines), encoding="utf-8")
    return path, 2


def test_adversarial_csv_sizes(tmp_path: Path) -> None:
    rows = []
    for case, size, target in CASES:
        source, expect = _file(case, size, tmp_path)
        times, peaks = [], []
        for _ in range(2):
            out = tmp_path / "org.json"
            elapsed, peak = run_child([orgdesigner(), "import", str(source), "-o", str(out), "--force"], 600, expect)
            assert elapsed is not None, f"{case} at {size:,} did not finish in ten minutes"
            times.append(elapsed)
            peaks.append(peak)
        median = statistics.median(times)
        verdict = "" if target is None else ("ok" if median <= target else "MISSED")
        limit = "" if target is None else f"≤ {target:g} s"
        rows.append(
            f"| {case} | {size:,} | {source.stat().st_size / 1e6:.2f} | {median:.2f} | {max(peaks) / 1e6:.0f} | "
            f"{limit} | {verdict} |"
        )
        if target is not None:
            assert median <= target, (case, size, median)
    body = (
        "## Adversarial CSV sizes (`test_bench_adversarial_csv.py`)\n\n"
        f"{date.today().isoformat()}: {platform.python_implementation()} {platform.python_version()}, "
        "`orgdesigner import FILE -o org.json` from process start (median of 2 runs, peak RSS from a clean "
        "parent). Before the fix (the figures of issue 12), 8,000 people called Sam took 15 s and 50,000 "
        "did not finish; 40,000 duplicate headers took 338 s. The stray quote is now refused naming its "
        "row (exit 2) instead of importing 3 people.\n\n"
        "| case | size | file MB | seconds | peak RSS MB | target | |\n|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
    )
    record_section("adversarial-csv", body)
