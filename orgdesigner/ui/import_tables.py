"""The import dialog's two correction tables: each job title with its discipline, and each unit
made from a department with its structure; the user changes any row with a combo, and the
dialog rebuilds the org from the changes."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from orgdesigner.io.import_assemble import UnitInfo
from orgdesigner.io.title_table import TitleRow, title_key
from orgdesigner.io.unit_guess import unit_key
from orgdesigner.model import Discipline, Structure, load_catalogue
from orgdesigner.ui.plain_text import plain_tooltip

VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
HOW_LABELS = {
    "strong": "strong keyword",
    "weak": "weak guess",
    "none": "no keyword: the default",
    "table": "from a titles table",
    "annotation": "from the file",
    "chosen": "chosen here",
}

Index = QModelIndex | QPersistentModelIndex


def discipline_name(discipline: Discipline) -> str:
    """A discipline's display name from the catalogue."""
    return load_catalogue().discipline(discipline).name


def structure_name(structure: Structure) -> str:
    """A structure's display name from the catalogue."""
    return load_catalogue().structure(structure).name


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo of ``choices`` (value, label); the chosen value goes to
    :data:`VALUE_ROLE`, its label to the display text."""

    def __init__(self, choices: list[tuple[str, str]], accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.accessible = accessible

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.accessible)
        for value, label in self.choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(VALUE_ROLE)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        if value != index.data(VALUE_ROLE):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
            model.setData(index, value, VALUE_ROLE)


def discipline_delegate(parent: QWidget | None = None) -> ChoiceDelegate:
    """A combo of the disciplines."""
    return ChoiceDelegate([(d.value, discipline_name(d)) for d in Discipline], "Discipline", parent)


def _setup(table: QTableWidget, headers: list[str], accessible: str) -> None:
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _fixed(text: str, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tip:
        item.setToolTip(plain_tooltip(tip))
    return item


class TitlesTable(QTableWidget):
    """Title | People | Discipline | How: one row per job title, the discipline editable."""

    TITLE, PEOPLE, DISCIPLINE, HOW = range(4)

    def __init__(self) -> None:
        super().__init__(0, 4)
        _setup(self, ["Title", "People", "Discipline", "How"], "Titles and their disciplines")
        self.setItemDelegateForColumn(self.DISCIPLINE, discipline_delegate(self))

    def fill(self, rows: list[TitleRow], reasons: dict[str, str]) -> None:
        """Show ``rows`` (most people first); ``reasons`` explain each title's guess."""
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        ordered = sorted(rows, key=lambda r: (-r.people, title_key(r.title)))
        self.setRowCount(len(ordered))
        for i, row in enumerate(ordered):
            key = title_key(row.title)
            title = _fixed(row.title, reasons.get(key))
            title.setData(KEY_ROLE, key)
            self.setItem(i, self.TITLE, title)
            self.setItem(i, self.PEOPLE, _fixed(str(row.people)))
            choice = QTableWidgetItem(discipline_name(row.discipline))
            choice.setData(VALUE_ROLE, row.discipline.value)
            self.setItem(i, self.DISCIPLINE, choice)
            self.setItem(i, self.HOW, _fixed(HOW_LABELS.get(row.how, row.how), reasons.get(key)))
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setUpdatesEnabled(True)
        self.blockSignals(False)

    def row_of(self, title: str) -> int:
        """The row of a title (any case), or -1."""
        key = title_key(title)
        for i in range(self.rowCount()):
            item = self.item(i, self.TITLE)
            if item is not None and item.data(KEY_ROLE) == key:
                return i
        return -1


class UnitsTable(QTableWidget):
    """Unit | People | Structure | Why: one row per unit made from a department, the structure
    editable."""

    UNIT, PEOPLE, STRUCTURE, WHY = range(4)

    def __init__(self) -> None:
        super().__init__(0, 4)
        _setup(self, ["Unit", "People", "Structure", "Why"], "Units and their structures")
        choices = [(s.value, structure_name(s)) for s in Structure]
        self.setItemDelegateForColumn(self.STRUCTURE, ChoiceDelegate(choices, "Structure", self))

    def fill(self, units: tuple[UnitInfo, ...]) -> None:
        """Show the units, in tree order."""
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        self.setRowCount(len(units))
        for i, unit in enumerate(units):
            name = _fixed(unit.name, f"lead: {unit.lead}" if unit.lead else None)
            name.setData(KEY_ROLE, unit.key or unit_key(unit.name))
            self.setItem(i, self.UNIT, name)
            self.setItem(i, self.PEOPLE, _fixed(str(unit.people)))
            choice = QTableWidgetItem(structure_name(unit.structure))
            choice.setData(VALUE_ROLE, unit.structure.value)
            self.setItem(i, self.STRUCTURE, choice)
            self.setItem(i, self.WHY, _fixed(unit.guess.why))
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setUpdatesEnabled(True)
        self.blockSignals(False)
