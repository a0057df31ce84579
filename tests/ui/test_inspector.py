"""The inspector edits the selected node; refused values are explained and not applied."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template
from orgdesigner.model import Team, Unit
from orgdesigner.ui.document import Document
from orgdesigner.ui.inspector import InspectorWidget
from orgdesigner.ui.number_box import DecimalNumberBox, WholeNumberBox


def make(qtbot: QtBot) -> tuple[Document, InspectorWidget]:
    doc = Document(load_template("typical"))
    widget = InspectorWidget(doc)
    qtbot.addWidget(widget)
    widget.show()
    return doc, widget


def test_rename_applies_as_one_undo_entry(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.set_node("data-science")
    w.name.selectAll()
    qtbot.keyClicks(w.name, "Applied Science")
    qtbot.keyClick(w.name, Qt.Key.Key_Return)
    assert doc.org.node("data-science").name == "Applied Science"
    assert doc.undo_stack.count() == 1


def test_empty_name_is_explained_inline_and_not_applied(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    before = doc.org.copy()
    w.set_node("sre")
    w.name.clear()
    qtbot.keyClick(w.name, Qt.Key.Key_Return)
    assert w.name_error.isVisible()
    assert "must not be empty" in w.name_error.text()
    assert doc.org == before and doc.undo_stack.count() == 0


def test_headcount_discipline_and_structure(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.set_node("sre")
    w.headcount.setText("11")
    w.headcount.editingFinished.emit()
    node = doc.org.node("sre")
    assert isinstance(node, Team) and node.headcount == 11
    w.discipline.setCurrentIndex(w.discipline.findData("mlops"))
    w.discipline.activated.emit(w.discipline.currentIndex())
    node = doc.org.node("sre")
    assert isinstance(node, Team) and node.discipline == "mlops"
    w.set_node("platform")
    assert not w.headcount.isVisible() and w.structure.isVisible()
    w.structure.setCurrentIndex(w.structure.findData("cross_functional"))
    w.structure.activated.emit(w.structure.currentIndex())
    unit = doc.org.node("platform")
    assert isinstance(unit, Unit) and unit.structure == "cross_functional"


def test_responsibility_checklist_marks_defaults_and_edits(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.set_node("data-eng")
    items = [w.responsibilities.item(i) for i in range(w.responsibilities.count())]
    starred = [i.data(Qt.ItemDataRole.UserRole) for i in items if i.text().startswith("★")]
    assert "build_data_pipelines" in starred and "ml_ci_cd" not in starred
    target = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "operate_feature_store")
    target.setCheckState(Qt.CheckState.Checked)
    node = doc.org.node("data-eng")
    assert isinstance(node, Team) and node.responsibilities is not None
    assert "operate_feature_store" in node.responsibilities and "build_data_pipelines" in node.responsibilities
    assert w.reset_defaults.isEnabled()
    w.reset_defaults.click()
    node = doc.org.node("data-eng")
    assert isinstance(node, Team) and node.responsibilities is None


def test_chart_fields_when_nothing_selected(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.set_node(None)
    assert w.stage.isVisible() and not w.kind.isVisible()
    w.stage.setCurrentIndex(4)
    w.stage.activated.emit(4)
    assert doc.org.target_stage == 5


def test_refused_kind_change_is_explained(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    doc.add_link("sre", "data-ai")
    w.set_node("sre")
    before = doc.org.copy()
    w.kind.setCurrentIndex(1)
    w.kind.activated.emit(1)
    assert w.message.isVisible() and "dotted lines" in w.message.text()
    assert doc.org == before
    assert w.kind.currentData() == "team"


@pytest.mark.parametrize("typed", ["-5", "abc", "1_000", "١٢", "4.5", "", "1000001"])
def test_a_bad_headcount_is_explained_under_the_field_and_not_applied(qtbot: QtBot, typed: str) -> None:
    doc, w = make(qtbot)
    w.set_node("sre")
    before = doc.org.copy()
    w.headcount.setFocus()
    w.headcount.setText(typed)  # QTest cannot type Arabic digits; the field takes them as pasted
    qtbot.keyClick(w.headcount, Qt.Key.Key_Return)
    assert w.headcount_error.isVisible() and "headcount must be" in w.headcount_error.text()
    assert w.headcount.text() == typed  # what was typed stays, to be corrected
    assert doc.org == before and doc.undo_stack.count() == 0
    w.headcount.setText("9")
    qtbot.keyClick(w.headcount, Qt.Key.Key_Return)
    assert not w.headcount_error.isVisible() and doc.org.node("sre").headcount == 9


def test_up_and_down_step_the_headcount(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.set_node("sre")
    start = doc.org.node("sre").headcount
    w.headcount.setFocus()
    qtbot.keyClick(w.headcount, Qt.Key.Key_Up)
    qtbot.keyClick(w.headcount, Qt.Key.Key_Up)
    assert doc.org.node("sre").headcount == start + 2


def test_a_long_name_does_not_widen_the_inspector(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.resize(320, 600)
    doc.set_fields("sre", name="W" * 200)
    w.set_node("sre")
    assert w.title.full_text() == "Team: " + "W" * 200
    assert w.title.text().endswith("…") and w.title.sizeHint().width() <= w.viewport().width()
    assert w.title.textFormat() == Qt.TextFormat.PlainText
    assert w.horizontalScrollBar().maximum() == 0


def test_ticking_a_responsibility_keeps_the_list_where_it_was(qtbot: QtBot) -> None:
    doc, w = make(qtbot)
    w.resize(320, 400)
    w.set_node("data-eng")
    listed = w.responsibilities
    items_before = [listed.item(i) for i in range(listed.count())]
    listed.verticalScrollBar().setValue(listed.verticalScrollBar().maximum())
    scrolled = listed.verticalScrollBar().value()
    items_before[-1].setCheckState(Qt.CheckState.Checked)
    assert [listed.item(i) for i in range(listed.count())] == items_before  # updated in place
    assert listed.verticalScrollBar().value() == scrolled
    node = doc.org.node("data-eng")
    assert isinstance(node, Team) and node.responsibilities is not None


def test_number_boxes_refuse_pasted_numbers_in_other_digits(qtbot: QtBot) -> None:
    whole, decimal = WholeNumberBox(), DecimalNumberBox()
    whole.setRange(0, 1000)
    decimal.setRange(0, 10)
    for box, good in ((whole, "12"), (decimal, "2.5")):
        qtbot.addWidget(box)
        assert box.validate(good, 0)[0] == QValidator.State.Acceptable
        for bad in ("١٢", "1_0", "1e1", "1,5", "nan"):
            assert box.validate(bad, 0)[0] == QValidator.State.Invalid, bad
        assert box.validate("", 0)[0] == QValidator.State.Intermediate
