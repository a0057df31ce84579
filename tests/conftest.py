"""Shared fixtures: the test data, the external tools, a private state folder.

No Qt here: the model, analysis, layout and io tests are plain pytest. A test that paints or
makes widgets asks for pytest-qt's ``qapp`` fixture (or ``qtbot``), which makes the one
QApplication of the run; the exports make it themselves (``ensure_app``) when none exists.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # any Qt a test starts has no display to need


DATA = Path(__file__).parent / "data"
"""Test data kept in the repository (``tests/data/README.md`` says where each file comes from)."""


@pytest.fixture
def d3_sample_csv() -> Path:
    """The d3-org-chart sample org: 1,516 people, a real third-party HR-style export."""
    return DATA / "d3-org-chart-sample-org.csv"


@pytest.fixture
def oracle_hr_csv() -> Path:
    """Oracle's HR sample schema as one export: 107 clerks, sales staff, accountants..."""
    return DATA / "oracle-hr-sample-employees.csv"


@pytest.fixture
def backstage_acme_yaml() -> Path:
    """Backstage's example organisation: groups and users, multi-document YAML."""
    return DATA / "backstage-acme-org.yaml"


def require_tool(name: str) -> str:
    """The path of an external tool; skip locally when absent, fail in CI (which installs it)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should have installed it")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery copies and file locks go to a fresh folder per test, never the user's."""
    monkeypatch.setenv("ORGDESIGNER_STATE_DIR", str(tmp_path_factory.mktemp("state")))
