"""Running one command as a user would, from process start, with its wall time and peak RSS.

A child's ru_maxrss as seen by the benchmark process would start at that (large) process's
own peak (Python starts children with vfork, and the kernel carries the borrowed memory's
high-water mark into the child's), so a small fresh interpreter forks the command and reports
its time and peak."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

_CLEAN_PARENT = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss * 1024, file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(cmd: list[str], timeout: float, expect: int = 0) -> tuple[float | None, int]:
    """Wall time in seconds (None on timeout) and peak RSS in bytes of one run of ``cmd``,
    which must exit with ``expect``."""
    wrapped = [sys.executable, "-S", "-c", _CLEAN_PARENT, shutil.which(cmd[0]) or cmd[0], *cmd[1:]]
    proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, 0
    assert proc.returncode == expect, err.decode()[-2000:]
    elapsed, peak = err.decode().split()[-2:]
    return float(elapsed), int(peak)


def orgdesigner() -> str:
    """The installed command, beside this interpreter."""
    return os.path.join(os.path.dirname(sys.executable), "orgdesigner")
