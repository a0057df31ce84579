"""The benchmark suite runs only when asked for (``./dev bench`` sets ORGDESIGNER_BENCH=1),
so the default test run stays quick."""

from __future__ import annotations

import os

if os.environ.get("ORGDESIGNER_BENCH") != "1":
    collect_ignore_glob = ["*.py"]
