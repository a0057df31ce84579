"""Nothing lost quietly: a file changed on disk under an open window (a ``git pull``, an editor)
is not overwritten by Save without a question (reload, overwrite, save as), and is reloaded
when the window has nothing unsaved."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template, read_org, write_org
from orgdesigner.model import Organization
from orgdesigner.ui.main_window import MainWindow


@pytest.fixture
def chart(tmp_path: Path) -> Path:
    path = tmp_path / "org.json"
    write_org(load_template("typical"), path)
    return path


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, chart: Path) -> Iterator[MainWindow]:
    w = MainWindow(None, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show()
    qtbot.waitExposed(w)
    assert w.files.open_path(str(chart), ask=False)
    yield w
    w.doc.load(w.doc.org, w.doc.path)
    w.close()
    w.deleteLater()


def outside_change(chart: Path, headcount: int) -> Organization:
    """What a ``git pull`` does: a new version of the file, renamed into place."""
    org = read_org(chart)
    org.set_fields("sre", headcount=headcount)
    write_org(org, chart)
    return org


def answer_with(monkeypatch: pytest.MonkeyPatch, label: str, asked: list[str]) -> None:
    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        if label == "Cancel":
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            next(b for b in box.buttons() if b.text() == label).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)


def headcount(org: Organization, nid: str = "sre") -> int:
    return org.node(nid).headcount


def test_save_asks_and_overwrite_keeps_this_chart(
    window: MainWindow, chart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    outside_change(chart, 99)
    asked: list[str] = []
    answer_with(monkeypatch, "Overwrite", asked)
    window.actions_.save.trigger()
    assert asked and "changed on disk" in asked[0]
    saved = read_org(chart)
    assert headcount(saved, "ml-eng-mlops") == 11 and headcount(saved) != 99
    assert not window.doc.is_modified
    asked.clear()
    window.doc.set_fields("ml-eng-mlops", headcount=12)
    window.actions_.save.trigger()  # nothing changed outside since: no question
    assert asked == [] and headcount(read_org(chart), "ml-eng-mlops") == 12


def test_save_asks_and_reload_takes_the_file_keeping_the_edits_in_undo(
    window: MainWindow, chart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    theirs = outside_change(chart, 99)
    disk_bytes = chart.read_bytes()
    asked: list[str] = []
    answer_with(monkeypatch, "Reload", asked)
    window.actions_.save.trigger()
    assert asked
    assert chart.read_bytes() == disk_bytes  # not written
    assert window.doc.org == theirs and not window.doc.is_modified
    window.doc.undo_stack.undo()  # the edits come back
    assert headcount(window.doc.org, "ml-eng-mlops") == 11 and headcount(window.doc.org) != 99
    assert window.doc.is_modified


def test_save_asks_and_save_as_leaves_the_changed_file(
    window: MainWindow, chart: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    outside_change(chart, 99)
    disk_bytes = chart.read_bytes()
    other = tmp_path / "mine.json"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(other), ""))
    asked: list[str] = []
    answer_with(monkeypatch, "Save As…", asked)
    window.actions_.save.trigger()
    assert asked and chart.read_bytes() == disk_bytes
    assert headcount(read_org(other), "ml-eng-mlops") == 11
    assert window.doc.path == str(other.resolve())


def test_save_asks_and_cancel_writes_nothing(window: MainWindow, chart: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    outside_change(chart, 99)
    disk_bytes = chart.read_bytes()
    asked: list[str] = []
    answer_with(monkeypatch, "Cancel", asked)
    assert not window.files.save()
    assert asked and chart.read_bytes() == disk_bytes and window.doc.is_modified


def test_a_touch_is_not_a_change(window: MainWindow, chart: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    os.utime(chart, (1, 1))  # a new modification time, the same bytes
    asked: list[str] = []
    answer_with(monkeypatch, "Cancel", asked)
    assert window.files.save()
    assert asked == [] and headcount(read_org(chart), "ml-eng-mlops") == 11


def test_the_watched_file_is_reloaded_when_nothing_here_is_unsaved(
    qtbot: QtBot, window: MainWindow, chart: Path
) -> None:
    theirs = outside_change(chart, 77)
    qtbot.waitUntil(lambda: window.doc.org == theirs, timeout=5000)
    assert not window.doc.is_modified
    assert "changed on disk and was reloaded" in window.statusBar().currentMessage()
    theirs = outside_change(chart, 78)  # still watched after the rename replaced the file
    qtbot.waitUntil(lambda: window.doc.org == theirs, timeout=5000)


def test_the_watched_file_is_not_reloaded_over_unsaved_edits(qtbot: QtBot, window: MainWindow, chart: Path) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    mine = window.doc.org.copy()
    outside_change(chart, 77)
    qtbot.waitUntil(lambda: "saving will ask" in window.statusBar().currentMessage(), timeout=5000)
    assert window.doc.org == mine and window.doc.is_modified


def test_our_own_save_is_not_taken_for_a_change(qtbot: QtBot, window: MainWindow, chart: Path) -> None:
    window.doc.set_fields("ml-eng-mlops", headcount=11)
    assert window.files.save()
    count = window.doc.undo_stack.count()
    qtbot.wait(600)  # the watcher's signal for our own write has come and gone
    assert window.doc.undo_stack.count() == count  # no reload entry
    assert "changed on disk" not in window.statusBar().currentMessage()


def test_a_recovered_chart_asks_too_when_its_file_changed_after_the_crash(
    window: MainWindow, chart: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgdesigner.ui.app import recover_into_window
    from orgdesigner.ui.recovery import find_recoveries

    window.doc.set_fields("ml-eng-mlops", headcount=11)
    assert window.autosaver.write_now()
    window.autosaver.lock.unlock()  # as if this window had crashed
    window.files.release_lock()
    (copy,) = find_recoveries()
    assert copy.disk_state == window.doc.disk_state
    outside_change(chart, 99)
    disk_bytes = chart.read_bytes()
    recovered = recover_into_window(copy, QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat))
    asked: list[str] = []
    answer_with(monkeypatch, "Cancel", asked)
    assert not recovered.files.save()
    assert asked and chart.read_bytes() == disk_bytes
    recovered.doc.load(recovered.doc.org, None)
    recovered.close()
