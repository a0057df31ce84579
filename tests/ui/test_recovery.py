"""Autosave, recovery after kill -9, and one window per file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template, read_org, write_org
from orgdesigner.ui.app import recover_into_window
from orgdesigner.ui.document import Document
from orgdesigner.ui.file_lock import FileLock
from orgdesigner.ui.main_window import MainWindow
from orgdesigner.ui.recovery import Autosaver, find_recoveries, recovery_dir

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from orgdesigner.ui.main_window import MainWindow
    from orgdesigner.io import read_org
    from PySide6.QtCore import QSettings
    path = sys.argv[1]
    w = MainWindow(read_org(path), QSettings(sys.argv[2], QSettings.Format.IniFormat))
    w.files.open_path(path, ask=False)
    w.doc.set_fields("sre", headcount=42)
    w.doc.move_nodes(["data-science"], "product-eng", 0)
    assert w.autosaver.write_now()
    print("ready", flush=True)
    time.sleep(120)
    """
)


def _spawn_window(tmp_path: Path, chart: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(chart), str(tmp_path / "child.ini")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_kill_9_then_recover_gives_the_last_autosave_marked_unsaved(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = tmp_path / "org.json"
    write_org(load_template("typical"), chart)
    original = chart.read_bytes()
    proc = _spawn_window(tmp_path, chart)
    assert find_recoveries() == []  # the window still lives: its copy is not offered
    # ... and its file is locked: a second window is told who holds it.
    asked: list[str] = []

    def cancel(box: QMessageBox) -> int:
        asked.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    second = MainWindow(load_template("stage-1"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert not second.files.open_path(str(chart), ask=False)
    assert asked and "already open" in asked[0] and f"process {proc.pid}" in asked[0]
    assert second.doc.org.name == load_template("stage-1").name

    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert chart.read_bytes() == original  # autosave never writes over the user's file
    copies = find_recoveries()
    assert len(copies) == 1
    copy = copies[0]
    assert copy.original_path == str(chart.resolve())
    assert copy.title == "org.json" and copy.when
    assert copy.org.node("sre").headcount == 42  # type: ignore[union-attr]
    assert copy.org.children("product-eng")[0] == "data-science"

    # the stale lock of the killed process is taken over without a question
    asked.clear()
    window = recover_into_window(copy, QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat))
    assert asked == []
    assert window.doc.is_modified and window.isWindowModified()
    assert window.doc.org == copy.org and window.doc.path == str(chart.resolve())
    copy.discard()
    assert window.files.save()
    assert read_org(chart) == copy.org
    assert not window.autosaver.file.exists()  # a save removes the recovery copy
    window.close()
    second.close()
    assert list(recovery_dir().glob("*.json")) == []


def test_autosave_writes_only_while_modified_and_clean_exit_removes(qtbot: QtBot) -> None:
    doc = Document(load_template("typical"))
    saver = Autosaver(doc, interval_ms=60_000, idle_ms=10)
    assert not saver.write_now()
    assert not saver.file.exists()
    doc.set_fields("sre", headcount=3)
    qtbot.waitUntil(saver.file.exists, timeout=2000)  # written when idle
    assert not saver.write_now()  # nothing new since the last copy
    doc.undo_stack.undo()  # back to the opened state: nothing unsaved, nothing kept
    assert not saver.file.exists()
    doc.set_fields("sre", headcount=4)
    assert saver.write_now()
    saver.close()
    assert not saver.file.exists()
    assert find_recoveries() == []


def test_unreadable_recovery_copies_are_skipped(qtbot: QtBot) -> None:
    (recovery_dir() / "junk.json").write_text("{not json")
    (recovery_dir() / "other.json").write_text('{"org": {"format": "nope"}, "saved_at": 1}')
    assert find_recoveries() == []


def test_file_lock_held_by_this_process_is_reported_and_can_be_forced(tmp_path: Path) -> None:
    path = str(tmp_path / "a.json")
    first = FileLock(path)
    assert first.acquire() is None
    second = FileLock(path)
    holder = second.acquire()
    assert holder is not None and holder.pid == os.getpid()
    first.release()
    assert second.acquire() is None
    second.release()


def test_the_window_start_removes_temporary_files_of_killed_saves(tmp_path: Path) -> None:
    from orgdesigner.io.atomic import TEMP_MARK, _host_tag
    from orgdesigner.ui.app import sweep_stale_temps

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    charts, elsewhere = tmp_path / "charts", tmp_path / "elsewhere"
    charts.mkdir()
    elsewhere.mkdir()
    recent = charts / "org.json"
    write_org(load_template("typical"), recent)
    stale = [
        charts / f".org.json{TEMP_MARK}{_host_tag()}-{dead.pid}-abcdefgh",
        elsewhere / f".x.json{TEMP_MARK}{_host_tag()}-{dead.pid}-abcdefgh",
        recovery_dir() / f".s.json{TEMP_MARK}{_host_tag()}-{dead.pid}-abcdefgh",
    ]
    alive = charts / f".org.json{TEMP_MARK}{_host_tag()}-{os.getpid()}-abcdefgh"
    for p in [*stale, alive]:
        p.write_bytes(b"half a chart")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("recent_files", [str(recent)])
    removed = sweep_stale_temps(settings, str(elsewhere / "x.json"))
    assert sorted(removed) == sorted(stale)
    assert not any(p.exists() for p in stale) and alive.exists() and recent.exists()
