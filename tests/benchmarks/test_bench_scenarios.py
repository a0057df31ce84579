"""Benchmarks of ``orgdesigner compare`` and ``orgdesigner explore``, each timed as a whole
process from start-up (run with ORGDESIGNER_BENCH=1). Targets from issue 11:

- ``compare`` of two orgs of 10,000 teams that differ in 100 moves: at most 1 s; 100,000
  teams: at most 5 s;
- ``explore`` of 2,000 teams: at most 1 s for all four alternatives; 10,000: at most 3 s.

Beside them, as references on the same files: GNU ``diff`` of the two files (what a text diff
of org-as-code costs, and says far less), and ``orgdesigner check`` of one file (explore judges
five orgs as check judges one). Records its table in RESULTS.md between
``<!-- scenarios:begin -->`` and ``<!-- scenarios:end -->`` and fails when a median misses its
target."""

from __future__ import annotations

import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from orgdesigner.io import write_org
from orgdesigner.model import EditRefused, Organization
from tests.benchmarks.results import record_section
from tests.synthetic import make_org

COMPARE = {10_000: 1.0, 100_000: 5.0}
EXPLORE = {2_000: 1.0, 10_000: 3.0}
MOVES = 100
RUNS = {2_000: 7, 10_000: 5, 100_000: 3}
SHAPES = ("balanced", "wide")


def org_with_teams(teams: int, shape: str) -> Organization:
    """A synthetic org of at least ``teams`` teams (leaves), with n/100 dotted lines (at most 300)."""
    n = int(teams * (1.16 if shape == "balanced" else 1.02))
    while True:
        org = make_org(n, shape, links=min(n // 100, 300))
        if len(org.teams()) >= teams:
            return org
        n += max(10, teams // 100)


def moved(org: Organization, count: int, seed: int = 1) -> Organization:
    """A copy with ``count`` teams moved to other units."""
    rng = random.Random(seed)
    other = org.copy()
    teams = [t.id for t in org.teams()]
    units = [u.id for u in org.units()]
    done = 0
    while done < count:
        try:
            other.move_node(rng.choice(teams), rng.choice(units))
            done += 1
        except EditRefused:
            continue
    return other


# A small clean parent per measured command (a child of this big process would inherit its peak
# RSS, see test_bench_layout_export): it prints the wall time, the child's CPU time (user + system:
# what the command itself costs, whatever else the machine's cores are doing) and its peak RSS.
_CLEAN_PARENT = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run(cmd: list[str]) -> tuple[float, float, int]:
    exe = shutil.which(cmd[0]) or cmd[0]
    done = subprocess.run(
        [sys.executable, "-S", "-c", _CLEAN_PARENT, exe, *cmd[1:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    wall, cpu, peak = done.stderr.decode().split()[-3:]
    return float(wall), float(cpu), int(peak)


def _median(cmd: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds and the largest peak RSS of ``runs`` runs, after a warm-up."""
    _run(cmd)  # warm the file cache and the bytecode
    results = [_run(cmd) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def test_compare_and_explore_speed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    me = [sys.executable, "-m", "orgdesigner"]
    load_before = f"{os.getloadavg()[0]:.1f}"
    diff = shutil.which("diff")
    rows, slow = [], []
    for teams, target in COMPARE.items():
        for shape in SHAPES:
            base = org_with_teams(teams, shape)
            other = moved(base, MOVES)
            a, b = tmp_path / f"{shape}-{teams}-a.json", tmp_path / f"{shape}-{teams}-b.json"
            write_org(base, a)
            write_org(other, b)
            for fmt in ("json", "markdown"):
                cmd = [*me, "compare", str(a), str(b), "--format", fmt, "--fail-on", "never"]
                median, cpu, peak = _median(cmd, RUNS[teams])
                ok = median <= target
                ref = "-"
                if diff and fmt == "json":
                    ref_time = _median_diff(diff, a, b)[0]
                    ref = f"`diff`: {ref_time:.2f} s"
                rows.append(
                    f"| compare `--format {fmt}` | {shape} | {len(base.teams()):,} | {MOVES} moves | "
                    f"{median:.2f} s | {cpu:.2f} s | {peak / 2**20:.0f} MB | {target:.0f} s | "
                    f"{'ok' if ok else 'SLOW'} | {ref} |"
                )
                if not ok:
                    slow.append(f"compare {shape} {teams} {fmt}: {median:.2f} s")
    for teams, target in EXPLORE.items():
        for shape in SHAPES:
            org = org_with_teams(teams, shape)
            path = tmp_path / f"{shape}-{teams}.json"
            write_org(org, path)
            out = tmp_path / f"alts-{shape}-{teams}"
            for extra, label in (([], "table"), (["-o", str(out)], "table and `-o DIR`")):
                cmd = [*me, "explore", str(path), "--format", "json", *extra]
                median, cpu, peak = _median(cmd, RUNS[teams])
                check = _median([*me, "check", str(path), "--format", "json", "--fail-on", "never"], 3)[0]
                ok = median <= target
                rows.append(
                    f"| explore, {label} | {shape} | {len(org.teams()):,} | 4 alternatives | {median:.2f} s | "
                    f"{cpu:.2f} s | {peak / 2**20:.0f} MB | {target:.0f} s | {'ok' if ok else 'SLOW'} | "
                    f"`check`: {check:.2f} s |"
                )
                if not ok:
                    slow.append(f"explore {shape} {teams} {label}: {median:.2f} s")
    body = (
        "## Scenarios: `orgdesigner compare` and `orgdesigner explore`\n\n"
        f"{date.today().isoformat()}: {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.machine()}). Whole processes from start-up (`python -m orgdesigner ...`, reading the "
        "files, analysing, writing the output to /dev/null), timed by a small clean parent that also takes "
        f"the peak RSS; median of {RUNS[10_000]} runs ({RUNS[2_000]} at 2,000 teams, {RUNS[100_000]} at "
        "100,000) after one warm-up. Synthetic orgs from `tests/synthetic.make_org` (teams are the leaves; "
        f"n/100 dotted lines, at most 300); the compared pair differs in {MOVES} teams moved to random "
        "units. References on the same files: GNU `diff` of the two files, and one `orgdesigner check`.\n\n"
        f"Load average while it ran: {load_before} before, {os.getloadavg()[0]:.1f} after (on a shared "
        "machine the wall time includes waiting for a core; *CPU* is what the command itself used).\n\n"
        "| command | shape | teams | change | median | CPU | peak RSS | target | | reference |\n"
        "|---|---|---:|---|---:|---:|---:|---:|---|---|\n" + "\n".join(rows) + "\n"
    )
    record_section("scenarios", body)
    with capsys.disabled():
        print("\n" + body)
    assert not slow, "slower than the target: " + "; ".join(slow)


def _median_diff(diff: str, a: Path, b: Path) -> tuple[float, float, int]:
    # diff exits 1 when the files differ: run it through a shell that exits 0.
    return _median(["sh", "-c", f'"{diff}" "{a}" "{b}" > /dev/null; exit 0'], 3)
