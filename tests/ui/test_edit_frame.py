"""An edit's canvas frame goes out before its findings: the scene is repainted first, the
analysis follows the edit's changes after that frame, and the cards' finding badges then follow
the report without a new layout. The autosave counts its idle time from the end of an edit and
writes its copy on a worker thread."""

from __future__ import annotations

import gc
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from pytestqt.qtbot import QtBot

from orgdesigner.analysis import analyse
from orgdesigner.io import load_template
from orgdesigner.layout import layout
from orgdesigner.ui import recovery
from orgdesigner.ui.document import Document
from orgdesigner.ui.live_analysis import report_badges
from orgdesigner.ui.main_window import MainWindow
from orgdesigner.ui.recovery import Autosaver
from tests.ui.test_main_window import close_without_asking


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    w = MainWindow(load_template("typical"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.analysis.pending)
    yield w
    close_without_asking(w)


class _Order(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("canvas painted")
        return False


def test_the_canvas_is_painted_before_the_findings_change(window: MainWindow, qtbot: QtBot) -> None:
    log: list[str] = []
    probe = _Order(log)
    window.view.viewport().installEventFilter(probe)
    window.analysis.report_changed.connect(lambda: log.append("findings"))
    for edit in (
        lambda: window.doc.move_nodes(["ml-eng-mlops"], "platform"),
        lambda: window.doc.set_fields("sre", name="Site Reliability"),
        window.doc.undo_stack.undo,
    ):
        log.clear()
        edit()
        assert window.analysis.pending and "findings" not in log  # nothing judged inside the edit
        qtbot.waitUntil(lambda: "findings" in log)
        assert "canvas painted" in log and log.index("canvas painted") < log.index("findings"), log
    window.view.viewport().removeEventFilter(probe)


def test_the_cards_badges_follow_the_report_without_a_new_layout(window: MainWindow, qtbot: QtBot) -> None:
    layouts: list[int] = []
    window.scene.relaid.connect(lambda: layouts.append(1))
    window.view_state.set_collapsed(["data-ai"])  # a collapsed card counts what it hides
    layouts.clear()
    before = {nid: card.box.badge for nid, card in window.scene.cards.items()}
    # No people yet in SRE and in data science: a note names both, one of them hidden.
    window.doc.set_fields("sre", headcount=0)
    window.doc.set_fields("data-science", headcount=0)
    assert layouts == [1, 1]
    layouts.clear()
    qtbot.waitUntil(lambda: not window.analysis.pending)
    assert layouts == []  # the badges came without laying the chart out again
    expected = report_badges(analyse(window.doc.org))
    assert window.analysis.last_badges == expected
    fresh = layout(window.doc.org, replace(window.scene.options(), badges=expected))
    for card in window.scene.cards.values():
        assert card.box.badge == fresh.box_of(card.box.id).badge, card.box.id
    changed = {nid for nid, card in window.scene.cards.items() if card.box.badge != before.get(nid)}
    assert changed == {"sre", "data-ai"}
    window.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.analysis.pending)
    expected = report_badges(analyse(window.doc.org))
    fresh = layout(window.doc.org, replace(window.scene.options(), badges=expected))
    assert all(card.box.badge == fresh.box_of(card.box.id).badge for card in window.scene.cards.values())


def test_the_chart_as_opened_is_kept_out_of_the_collectors_reach(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    assert gc.isenabled()  # paused during an edit only


def test_the_idle_autosave_counts_from_the_end_of_an_edit(qtbot: QtBot) -> None:
    doc = Document(load_template("typical"))
    saver = Autosaver(doc, interval_ms=60_000, idle_ms=50)
    started: list[bool] = []
    doc.changed.connect(lambda: started.append(saver.idle.isActive()))
    doc.set_fields("sre", headcount=3)
    assert started == [False] and not saver.idle.isActive()  # not inside the edit
    qtbot.waitUntil(saver.idle.isActive, timeout=1000)
    qtbot.waitUntil(saver.file.exists, timeout=3000)
    saver.wait()
    assert json.loads(saver.file.read_text("utf-8"))["chart"]["nodes"]
    saver.close()


def test_a_background_copy_is_written_whole_off_the_interface_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document(load_template("typical"))
    saver = Autosaver(doc, interval_ms=60_000, idle_ms=60_000)
    threads: list[str] = []
    release = threading.Event()
    real = recovery.chart_to_dict

    def slow(chart: object) -> dict[str, object]:
        threads.append(threading.current_thread().name)
        release.wait(5)
        return real(chart)  # type: ignore[arg-type]

    monkeypatch.setattr(recovery, "chart_to_dict", slow)
    doc.set_fields("sre", headcount=3)
    started = time.perf_counter()
    saver.write_in_background()
    assert time.perf_counter() - started < 1.0  # the interface thread did not wait
    doc.set_fields("sre", headcount=4)  # edited while the copy is being written: it was copied before
    assert not saver.file.exists()
    release.set()
    saver.wait()
    assert threads and threads[0] != threading.main_thread().name
    data = json.loads(saver.file.read_text("utf-8"))
    sre = next(n for n in data["chart"]["nodes"] if n["id"] == "sre")
    assert sre["headcount"] == 3
    saver.close()


def test_a_copy_removed_while_being_written_stays_removed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document(load_template("typical"))
    saver = Autosaver(doc, interval_ms=60_000, idle_ms=60_000)
    release = threading.Event()
    real = recovery.chart_to_dict
    monkeypatch.setattr(recovery, "chart_to_dict", lambda chart: (release.wait(5), real(chart))[1])
    doc.set_fields("sre", headcount=3)
    saver.write_in_background()
    saver.remove_copy()  # a save happened meanwhile
    release.set()
    saver.wait()
    assert not saver.file.exists()
    saver.close()


def test_edits_leave_no_reference_cycle_for_the_frozen_collector(window: MainWindow, qtbot: QtBot) -> None:
    # The window freezes what an edit leaves out of the collector's reach, so a cycle made by an
    # edit (a placement kept by the face maker it keeps, say) would never be freed.
    window.view_state.set_collapsed(["data-ai"])  # folded cards sum their badges
    window.view_state.set_badges(True)
    gc.unfreeze()  # what earlier tests left is not this test's
    gc.collect()
    for edit in (
        lambda: window.doc.move_nodes(["ml-eng-mlops"], "platform"),
        lambda: window.doc.set_fields("sre", headcount=0),
        lambda: window.doc.add_team("data_science", "data-ai"),
        lambda: window.doc.remove_nodes(["sre"]),
    ):
        edit()
        window.view.viewport().repaint()
        qtbot.waitUntil(lambda: not window.analysis.pending)
        window.view.viewport().repaint()
        window.doc.undo_stack.undo()
        qtbot.waitUntil(lambda: not window.analysis.pending)
        window.view.viewport().repaint()
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        kinds = {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert not kinds & {"Placement", "_Kept", "Report", "LiveReport", "OrgArrays", "CardFace"}, kinds
