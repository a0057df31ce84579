"""The layers of docs/architecture.md, and the Qt version pin, checked on every run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" not in proc.stdout.lower() or "0 broken" in proc.stdout.lower()


def test_headless_verbs_never_load_qt() -> None:
    code = (
        "import sys; from orgdesigner.cli import main; main(['summary', '--template', 'typical']);"
        "import orgdesigner.analysis, orgdesigner.layout, orgdesigner.io;"
        "assert not any(m.startswith('PySide6') for m in sys.modules), sorted(m for m in sys.modules if 'PySide' in m)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_qt_survives_many_setpos_setflag_setbrush_calls() -> None:
    # PySide6 6.12.0 on CPython 3.11 drops a reference to None on each of these calls and the
    # process aborts after ~20,000 of them ("Fatal Python error: none_dealloc"). Run in a child
    # so an abort fails this test instead of killing the suite.
    code = """
import sys
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsRectItem
app = QApplication([])
item = QGraphicsRectItem(0, 0, 10, 10)
brush = QBrush(QColor('red'))
for i in range(100_000):
    item.setPos(i % 100, i % 7)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, bool(i & 1))
    item.setBrush(brush)
print(sys.getrefcount(None) > 0)
"""
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "True"


def test_tests_read_nothing_outside_the_repository() -> None:
    # A user's clone has nothing beside it: every test file reads its data from tests/data.
    outside = ("parents[2].parent", "parents[1].parent", '"shared"', "../shared")
    offenders = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for needle in outside
        if needle in path.read_text(encoding="utf-8") and path.name != "test_architecture.py"
    ]
    assert not offenders, offenders


def test_every_test_data_file_says_where_it_comes_from() -> None:
    data = ROOT / "tests" / "data"
    note = (data / "README.md").read_text(encoding="utf-8")
    files = [p.name for p in data.iterdir() if p.name != "README.md"]
    assert files, "tests/data holds the suite's data"
    assert all(f"`{name}`" in note for name in files), [n for n in files if f"`{n}`" not in note]


def test_the_core_tests_run_without_qt() -> None:
    # Below ui/ and export/, tests are plain pytest: neither the shared fixtures nor the model,
    # analysis, layout and io tests load Qt (a test that paints asks for the qapp fixture).
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for folder in ("model", "analysis", "layout", "io")
        for path in sorted((ROOT / "tests" / folder).glob("test_*.py"))
    ]
    code = (
        "import importlib, sys; import tests.conftest\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), sorted(m for m in sys.modules if 'PySide' in m)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(modules) > 20


def test_no_import_circles() -> None:
    # A circle hides which module a rule belongs to: none anywhere, the window's modules too
    # (commands hold the model, not the document; dialogs get what they need, not the window).
    import grimp
    import networkx as nx

    graph = grimp.build_graph("orgdesigner")
    imports = nx.DiGraph(
        (module, imported) for module in graph.modules for imported in graph.find_modules_directly_imported_by(module)
    )
    assert list(nx.simple_cycles(imports)) == []
