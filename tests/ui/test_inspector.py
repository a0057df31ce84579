"""The inspector edits the selected node; refused values are explained and not applied."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit
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
    w.headcount.setValue(11)
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


def _type(box: QAbstractSpinBox, text: str) -> None:
    editor = box.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    for ch in text:  # QTest.keyClicks takes ASCII only
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
    box.interpretText()


@pytest.mark.parametrize("text", ["١٢", "１２", "1e3", "-4"])
def test_the_headcount_takes_ascii_digits_only_in_any_locale(qtbot: QtBot, text: str) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        doc = Document(load_template("typical"))
        inspector = InspectorWidget(doc)
        qtbot.addWidget(inspector)
        inspector.set_node("sre")
        before = doc.org.node("sre")
        _type(inspector.headcount, text)
        assert inspector.headcount.text().isascii()
        node = doc.org.node("sre")
        assert isinstance(node, Team) and isinstance(before, Team)
        assert node.headcount in (before.headcount, 13) and node.headcount not in (12, 1000)
        _type(inspector.headcount, "42")
        assert doc.org.node("sre").headcount == 42  # type: ignore[union-attr]
    finally:
        QLocale.setDefault(QLocale.c())


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
