"""Saves under fire: 500 saves of a 5,000-team chart, each in a child process killed with SIGKILL
at a random moment. The file on disk is always the old version or the new one, never torn.

The parent builds both versions' bytes once and forks a child per save (no Python start-up per
save); the child only calls ``write_atomic`` (what ``write_org`` and ``Document.save`` rest on)
and ``os._exit``. Kill delays are spread uniformly over 0 to 1.1 times one measured save (fork to
exit), so kills land before the write, during the write and fsync, around the rename, and after
the child has finished. Run with ``-s`` to see the counts.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from orgdesigner.io import parse_org, read_org
from orgdesigner.io.atomic import TEMP_MARK, is_our_temp, write_atomic
from orgdesigner.io.fileformat import dumps_org
from orgdesigner.model import Organization
from tests.synthetic import make_org

pytestmark = [
    pytest.mark.slow,  # the reliability tier: ./dev test -m "not slow" leaves it to CI
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)"),
]

SAVES = 500
CALIBRATION_RUNS = 15
# 5,080 nodes in the "wide" shape: 5,008 teams under 72 units, with 50 dotted lines.
NODES = 5_080
PHASES = ("before the temp file", "mid-write (temp file left)", "after the rename", "finished")


def _two_versions() -> tuple[Organization, Organization]:
    old = make_org(NODES, "wide", seed=1, links=50)
    new = make_org(NODES, "wide", seed=2, links=50)
    new.set_name("Synthetic wide, the new version")
    return old, new


def _fork_save(path: Path, data: bytes) -> int:
    """Start a child that saves ``data`` to ``path`` and exits; return its pid."""
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        try:
            write_atomic(path, data)
            code = 0
        finally:
            os._exit(code)
    return pid


def _wait(pid: int) -> str:
    """Reap a child: 'finished' (exit 0) or 'killed' (SIGKILL); anything else fails the test."""
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return "killed"
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"the saving child failed: status {status}"
    return "finished"


def _sleep_until(deadline: float) -> None:
    # time.sleep overshoots by tens of microseconds; spin for the last stretch.
    left = deadline - time.perf_counter()
    if left > 0.0005:
        time.sleep(left - 0.0003)
    while time.perf_counter() < deadline:
        pass


def _measure_save(path: Path, versions: list[bytes]) -> float:
    """The median time from fork to a reaped, finished child (one save)."""
    times = []
    for i in range(CALIBRATION_RUNS):
        start = time.perf_counter()
        pid = _fork_save(path, versions[i % 2])
        assert _wait(pid) == "finished"
        times.append(time.perf_counter() - start)
    assert path.read_bytes() == versions[(CALIBRATION_RUNS - 1) % 2]
    return statistics.median(times)


def _leftovers(folder: Path, target: Path) -> list[Path]:
    """Temp files killed saves left beside the target; fails on any other stray file."""
    out = []
    for p in folder.iterdir():
        if p == target:
            continue
        assert is_our_temp(p.name) and p.name.startswith(f".{target.name}{TEMP_MARK}"), f"unexpected file {p.name}"
        out.append(p)
    return out


def test_500_saves_killed_at_random_moments(tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    old_org, new_org = _two_versions()
    assert len(old_org.teams()) >= 5_000 and len(new_org.teams()) >= 5_000
    versions = [dumps_org(old_org).encode("utf-8"), dumps_org(new_org).encode("utf-8")]
    assert versions[0] != versions[1]
    assert parse_org(versions[0]) == old_org and parse_org(versions[1]) == new_org

    target = tmp_path / "chart.json"
    target.write_bytes(versions[0])
    one_save = _measure_save(target, versions)
    horizon = 1.1 * one_save
    rng = random.Random(20261127)
    sys.stdout.flush()
    sys.stderr.flush()  # nothing buffered may be written twice by the children

    outcome: Counter[str] = Counter()
    phase: Counter[str] = Counter()
    torn: list[str] = []
    most_left = 0
    for i in range(SAVES):
        before = target.read_bytes()
        current = versions.index(before)
        new = versions[1 - current]
        delay = rng.uniform(0.0, horizon)
        start = time.perf_counter()
        pid = _fork_save(target, new)
        _sleep_until(start + delay)
        os.kill(pid, signal.SIGKILL)
        state = _wait(pid)

        after = target.read_bytes()
        if after == before:
            outcome["old"] += 1
        elif after == new:
            outcome["new"] += 1
        else:
            outcome["torn"] += 1
            try:
                parse_org(after, str(target))
                torn.append(f"save {i}: {len(after)} bytes, parses but is neither version")
            except Exception as exc:  # report whatever a torn file does
                torn.append(f"save {i}: {len(after)} bytes: {str(exc)[:200]}")
            target.write_bytes(versions[0])  # start the next save from a known version
        everything_left = _leftovers(tmp_path, target)
        most_left = max(most_left, len(everything_left))
        left = [p for p in everything_left if f"-{pid}-" in p.name]  # this save's own
        if state == "finished":
            assert not left, f"save {i} finished but left {left}"
            phase["finished"] += 1
        elif after == new:
            phase["after the rename"] += 1
        else:
            phase["mid-write (temp file left)" if left else "before the temp file"] += 1
        # Left in place: the next save to the folder removes the temp files of killed saves.

    left_at_the_end = len(_leftovers(tmp_path, target))
    write_atomic(target, versions[0])  # the next save
    after_next_save = len(_leftovers(tmp_path, target))

    line = (
        f"{SAVES} kills: {outcome['old']} old, {outcome['new']} new, {outcome['torn']} torn; "
        f"the kill came {', '.join(f'{phase[k]} {k}' for k in PHASES)}; "
        f"one save (fork to exit) {one_save * 1000:.2f} ms, kills spread over 0-{horizon * 1000:.2f} ms; "
        f"temp files left: at most {most_left} at a time, {left_at_the_end} at the end, "
        f"{after_next_save} after the next save"
    )
    print("\n" + line)
    for key in ("old", "new", "torn"):
        record_property(f"kills_{key}", outcome[key])
    record_property("kills_summary", line)

    assert not torn, line + "\n" + "\n".join(torn[:10])
    assert outcome["old"] + outcome["new"] == SAVES
    assert after_next_save == 0, line
    assert most_left <= 2, line  # each save removes what the killed ones before it left
    # The kills must have landed before, during and after the write, or the test proved nothing.
    assert outcome["old"] > 0 and outcome["new"] > 0, line
    assert phase["mid-write (temp file left)"] > 0 and phase["after the rename"] + phase["finished"] > 0, line
    assert read_org(target) == old_org
