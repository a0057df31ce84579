"""Deciding in the window: scenarios made, shown, renamed and deleted as undo steps, one file
holding them all (saved, autosaved, recovered), the compare view, "Where should MLOps sit?",
and what each edit changed in the findings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from orgdesigner.analysis import analyse
from orgdesigner.analysis.alternatives import build_alternatives
from orgdesigner.io import load_template, read_chart, write_chart
from orgdesigner.model import EditRefused, ScenarioSet
from orgdesigner.model.scenarios import BASELINE
from orgdesigner.ui.compare_view import CompareWindow
from orgdesigner.ui.document import Document
from orgdesigner.ui.explore_dialog import ExploreDialog
from orgdesigner.ui.findings_panel import NEW_MARK, RESOLVED_MARK
from orgdesigner.ui.main_window import MainWindow
from tests.ui.test_main_window import close_without_asking


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    w = MainWindow(load_template("typical"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    close_without_asking(w)


# The document ----------------------------------------------------------------------------


def test_a_new_scenario_is_a_copy_of_the_chart_shown_and_edits_stay_in_it() -> None:
    doc = Document(load_template("typical"))
    baseline = doc.org.copy()
    name = doc.new_scenario("MLOps under Platform")
    assert doc.current == name and doc.org is doc.chart.get(name) and doc.org is not doc.chart.baseline
    assert doc.org.root == baseline.root and set(doc.org.iter_preorder()) == set(baseline.iter_preorder())
    doc.move_nodes(["ml-eng-mlops"], "platform")
    assert doc.org.parent("ml-eng-mlops") == "platform"
    assert doc.chart.baseline == baseline  # the baseline did not move
    doc.show_scenario(BASELINE)
    assert doc.org.parent("ml-eng-mlops") == "data-ai"


def test_undo_shows_the_scenario_it_changes() -> None:
    doc = Document(load_template("typical"))
    heard: list[str] = []
    doc.scenario_changed.connect(heard.append)
    name = doc.new_scenario()
    doc.set_fields("sre", headcount=30)
    doc.show_scenario(BASELINE)
    doc.undo_stack.undo()  # the headcount, in the scenario: shown again, then undone
    assert doc.current == name and doc.org.node("sre").headcount != 30
    doc.undo_stack.undo()  # the new scenario itself
    assert doc.chart.names() == [] and doc.current == BASELINE
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert doc.current == name and doc.org.node("sre").headcount == 30
    assert heard[-1] == name


def test_rename_and_delete_are_undo_steps_and_refusals_change_nothing() -> None:
    doc = Document(load_template("typical"))
    doc.new_scenario("A")
    doc.new_scenario("B")
    with pytest.raises(EditRefused, match="already a scenario"):
        doc.rename_scenario("B", " a ")
    with pytest.raises(EditRefused, match="reserved"):
        doc.rename_scenario("B", "Baseline")
    assert doc.chart.names() == ["A", "B"]
    doc.rename_scenario("B", "Platform option")
    doc.delete_scenario("A")
    assert doc.chart.names() == ["Platform option"]
    doc.undo_stack.undo()
    assert doc.chart.names() == ["A", "Platform option"]
    doc.undo_stack.undo()
    assert doc.chart.names() == ["A", "B"]
    doc.set_org_name("Renamed from the inspector")  # a scenario shown: its name is the scenario's
    assert doc.chart.names() == ["A", "Renamed from the inspector"]


def test_the_window_saves_and_reopens_every_scenario(window: MainWindow, tmp_path: Path) -> None:
    window.doc.new_scenario("Under Platform")
    window.doc.move_nodes(["ml-eng-mlops"], "platform")
    path = tmp_path / "decide.json"
    window.doc.save(str(path))
    assert not window.doc.is_modified
    chart = read_chart(path)
    assert chart.names() == ["Under Platform"]
    assert chart.get("Under Platform").parent("ml-eng-mlops") == "platform"  # type: ignore[union-attr]
    assert chart.baseline.parent("ml-eng-mlops") == "data-ai"
    window.files.open_path(str(path), ask=False)
    assert window.doc.chart == chart and window.scenarios.names() == [BASELINE, "Under Platform"]


def test_autosave_and_recovery_keep_every_scenario(qtbot: QtBot, tmp_path: Path) -> None:
    from orgdesigner.ui.app import recover_into_window
    from orgdesigner.ui.recovery import find_recoveries

    doc = Document(load_template("typical"))
    from orgdesigner.ui.recovery import Autosaver

    saver = Autosaver(doc)
    doc.new_scenario("Option B")
    doc.set_fields("sre", headcount=77)
    assert saver.write_now()
    saver.lock.unlock()  # as if the process had died
    copies = find_recoveries()
    assert len(copies) == 1 and copies[0].chart.names() == ["Option B"]
    assert copies[0].chart.get("Option B").node("sre").headcount == 77  # type: ignore[union-attr]
    w = recover_into_window(copies[0], QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert w.doc.chart.names() == ["Option B"] and w.doc.is_modified
    close_without_asking(w)
    copies[0].discard()


def test_a_file_given_at_start_is_read_once(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "org.json"
    write_chart(ScenarioSet(load_template("typical"), [load_template("stage-2")]), path)
    chart = read_chart(path)

    def no_second_read(*_a: object, **_k: object) -> None:
        raise AssertionError("the file was read again")

    monkeypatch.setattr("orgdesigner.ui.file_controller.read_bytes", no_second_read)
    monkeypatch.setattr("orgdesigner.ui.file_controller.parse_chart", no_second_read)
    w = MainWindow(chart, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), path=str(path))
    assert w.doc.path == str(path.resolve()) and w.doc.chart is chart and w.files.lock is not None
    close_without_asking(w)


# The Scenarios panel ---------------------------------------------------------------------


def test_the_panel_lists_marks_and_switches(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.scenarios
    window.actions_.new_scenario.trigger()
    name = window.doc.current
    assert panel.names() == [BASELINE, name]
    shown = panel.list.item(1)
    assert shown.text().startswith("▶ ") and shown.font().bold()
    assert window.windowTitle() == f"Northwind Retail (new chart) — scenario {name}[*] — orgdesigner"
    panel.list.itemActivated.emit(panel.list.item(0))
    assert window.doc.current == BASELINE and panel.list.item(0).text().startswith("▶ Baseline")
    window.actions_.next_scenario.trigger()
    assert window.doc.current == name
    assert window.actions_.next_scenario.shortcut().toString() == "Ctrl+PgDown"


def test_renaming_in_the_panel_explains_a_refusal(window: MainWindow) -> None:
    panel = window.scenarios
    window.doc.new_scenario("Option A")
    window.doc.new_scenario("Option B")
    item = panel.list.item(2)
    item.setText("option a")  # the same name as another, in another case
    assert panel.problem.isVisible() and "already a scenario" in panel.problem.text()
    assert window.doc.chart.names() == ["Option A", "Option B"]
    panel.list.item(2).setText("Product option")
    assert window.doc.chart.names() == ["Option A", "Product option"] and not panel.problem.isVisible()


def test_deleting_from_the_panel_comes_back_with_undo(window: MainWindow) -> None:
    window.doc.new_scenario("Option A")
    panel = window.scenarios
    panel.list.setCurrentRow(1)
    panel.delete_selected()
    assert window.doc.chart.names() == [] and window.doc.current == BASELINE
    assert "Ctrl+Z brings it back" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert window.doc.chart.names() == ["Option A"] and window.doc.current == "Option A"


# Compare ---------------------------------------------------------------------------------


def test_compare_marks_what_changed_in_both_charts_with_words(qtbot: QtBot) -> None:
    base = load_template("typical")
    other = base.copy()
    other.set_name("Other")
    other.move_node("ml-eng-mlops", "platform")
    other.remove_subtree("software-eng")
    other.set_fields("data-eng", headcount=12)
    from orgdesigner.model import Team

    other.add_node(Team(id="llm", name="LLM Apps", discipline="ai_engineering", headcount=3), "product-eng")  # type: ignore[arg-type]
    window = CompareWindow(ScenarioSet(base, [other]))
    qtbot.addWidget(window)
    window.compare(BASELINE, "Other")
    left = {rect.center().toPoint().x(): word for rect, word in window.left.marks.marked()}
    right_words = sorted(word for _r, word in window.right.marks.marked())
    left_words = sorted(left.values())
    assert left_words == ["CHANGED", "MOVED", "REMOVED"]
    assert right_words == ["CHANGED", "MOVED", "NEW"]
    texts = [window.changes.item(i).text() for i in range(window.changes.count())]
    assert any(t.startswith("moved: ML Engineering / MLOps") for t in texts)
    moved = next(window.changes.item(i) for i in range(window.changes.count()) if texts[i].startswith("moved"))
    window.changes.itemClicked.emit(moved)
    assert window.left.scene.selected_ids() == ["ml-eng-mlops"] == window.right.scene.selected_ids()
    labels = [window.figures.item(r, 0).text() for r in range(window.figures.rowCount())]
    assert "Where MLOps sits" in labels and "Maturity stage" in labels
    assert window.summary.text().startswith("This change")


def test_the_compare_view_opens_from_the_window(window: MainWindow) -> None:
    window.doc.new_scenario("B")
    window.doc.move_nodes(["ml-eng-mlops"], "platform")
    window.actions_.compare.trigger()
    view = window.compare_window
    assert view.isVisible() and view.comparison is not None
    assert [m.node for m in view.comparison.changes.moved] == ["ml-eng-mlops"]
    view.close()


# Where should MLOps sit? -----------------------------------------------------------------


def test_alternatives_become_scenarios_or_one_undoable_edit(window: MainWindow) -> None:
    dialog = ExploreDialog(window.doc, window)
    alternatives = build_alternatives(window.doc.org)
    assert dialog.table.columnCount() == 1 + len(alternatives)
    added = dialog.add_as_scenarios(list(range(len(alternatives))))
    assert window.doc.chart.names() == added and len(added) == len(alternatives)
    for name, alt in zip(added, alternatives, strict=True):
        org = window.doc.chart.get(name)
        assert org is not None and analyse(org).placement.kind == analyse(alt.org).placement.kind
    window.doc.show_scenario(BASELINE)
    before = window.doc.org.copy()
    dialog.refresh()
    dialog.table.selectColumn(1)
    assert dialog.selected_options() == [0]
    dialog.apply_selected()
    assert window.doc.org != before and window.doc.org.name == before.name
    assert window.doc.undo_stack.count() == len(added) + 1
    window.undo_action.trigger()
    assert window.doc.org == before
    dialog.close()


# What an edit changed --------------------------------------------------------------------


def test_the_findings_say_what_the_last_edit_changed(window: MainWindow) -> None:
    panel = window.findings
    assert not panel.last_edit.isVisible()
    window.doc.move_nodes(["ml-eng-mlops"], "platform")
    delta = window.analysis.delta
    assert delta and delta.new and delta.resolved
    assert panel.last_edit.isVisible() and panel.last_edit.text().startswith("Last edit: MLOps: ")
    texts = []
    stack = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        texts.append(item.text(0))
        stack.extend(item.child(k) for k in range(item.childCount()))
    assert any(t.startswith(NEW_MARK) for t in texts)
    assert any(t.startswith("Resolved by the last edit") for t in texts)
    assert any(t.startswith(RESOLVED_MARK) for t in texts)
    window.doc.new_scenario()  # not an edit of the findings: a switch shows no delta
    assert not window.analysis.delta and not panel.last_edit.isVisible()


def test_an_edit_that_opens_a_gap_reports_the_figures(window: MainWindow, qtbot: QtBot) -> None:
    window.scene.select_ids(["data-eng"])
    window.actions_.delete.trigger()
    qtbot.waitUntil(lambda: not window.analysis.pending)  # the findings follow the canvas frame
    text = window.findings.last_edit.text()
    assert "gaps 0 → " in text and "errors 0 → " in text
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not window.analysis.pending)
    assert "gaps " in window.findings.last_edit.text() and " → 0" in window.findings.last_edit.text()


def test_the_panel_keeps_user_text_plain(window: MainWindow, qtbot: QtBot) -> None:
    window.doc.new_scenario("<b>bold</b> & <img src=x>")
    item = window.scenarios.list.item(1)
    assert item.text() == "▶ <b>bold</b> & <img src=x>"
    assert window.doc.chart.names() == ["<b>bold</b> & <img src=x>"]
    assert window.scenarios.list.item(1).data(Qt.ItemDataRole.UserRole) == "<b>bold</b> & <img src=x>"
