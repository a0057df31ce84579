"""Headless Chromium for the tests: a private profile, no network chatter, no scrollbars."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import require_tool


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with ``args`` (a URL last), its profile and caches under ``tmp_path``."""
    exe = require_tool("chromium")
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    command = [
        exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-dev-shm-usage", "--no-proxy-server", "--mute-audio", "--hide-scrollbars",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args,
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=60, check=False, env=env
    )
