"""File > Import CSV: map the CSV's columns, preview the org live, correct guessed disciplines.

The dialog calls the same pure functions as ``orgdesigner import`` (``read_table``,
``guess_mapping``, ``build_org``), so what it previews is what the command line would build.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import ImportResult, PersonGuess, build_org, default_org_name
from orgdesigner.io.csv_mapping import FIELD_LABELS, FIELDS, ColumnMapping, guess_mapping
from orgdesigner.io.csv_native import is_native_table
from orgdesigner.io.csv_read import Table, read_table
from orgdesigner.model import Discipline, Organization, Team, load_catalogue
from orgdesigner.ui.plain_text import plain_tooltip, window_title

NO_COLUMN = "(none)"
NAME_COLUMN, DISCIPLINE_COLUMN, REASON_COLUMN, HEADCOUNT_COLUMN = range(4)
NODE_ROLE = Qt.ItemDataRole.UserRole
ROWS_ROLE = Qt.ItemDataRole.UserRole + 1
DISCIPLINE_ROLE = Qt.ItemDataRole.UserRole + 2
_WARNINGS_SHOWN = 3

Index = QModelIndex | QPersistentModelIndex


def discipline_name(discipline: Discipline) -> str:
    """A discipline's display name from the catalogue."""
    return load_catalogue().discipline(discipline).name


class DisciplineDelegate(QStyledItemDelegate):
    """Edits the discipline column with a combo of the nine disciplines; the chosen
    discipline's id goes to :data:`DISCIPLINE_ROLE`, its name to the display text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Discipline")
        for discipline in Discipline:
            combo.addItem(discipline_name(discipline), discipline.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(DISCIPLINE_ROLE))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        if value != index.data(DISCIPLINE_ROLE):
            model.setData(index, discipline_name(Discipline(value)), Qt.ItemDataRole.DisplayRole)
            model.setData(index, value, DISCIPLINE_ROLE)


class CsvImportDialog(QDialog):
    """Import a CSV: a column for each field, a ``--group-teams`` switch, an org name, and a
    live preview of the org with each person's guessed discipline (double-click to change
    it), or the problems that keep the CSV from importing. OK is enabled only when the
    preview is an org; :meth:`result_org` returns it."""

    def __init__(self, path: str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(f"Import CSV: {Path(path).name}"))
        self.setAccessibleName("Import CSV")
        self.resize(900, 640)
        self.table: Table | None = None
        self.import_result: ImportResult | None = None
        self.overrides: dict[int, Discipline] = {}
        self.combos: dict[str, QComboBox] = {}
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        self._build_widgets()
        try:
            self.table = read_table(path)
        except CsvImportError as exc:
            self._show_problems([str(p) for p in exc.problems], f"{Path(path).name}: cannot be read")
            self.columns_box.setEnabled(False)
            self.group_teams.setEnabled(False)
            return
        self._fill_columns(self.table)
        self.rebuild()

    # Widgets -------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.file_info = QLabel()
        self.file_info.setAccessibleName("File")
        self.file_info.setTextFormat(Qt.TextFormat.PlainText)
        self.columns_box = QGroupBox("Columns")
        self.columns_box.setAccessibleName("Column mapping")
        form = QFormLayout(self.columns_box)
        for field in FIELDS:
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {FIELD_LABELS[field]}")
            combo.setToolTip(f"The CSV column that holds each person's {FIELD_LABELS[field].lower()}")
            combo.currentIndexChanged.connect(self._schedule_rebuild)
            form.addRow(FIELD_LABELS[field], combo)
            self.combos[field] = combo
        self.org_name = QLineEdit()
        self.org_name.setAccessibleName("Organisation name")
        self.org_name.textChanged.connect(self._schedule_rebuild)
        self.group_teams = QCheckBox("Group each manager's reports by discipline into one team")
        self.group_teams.setAccessibleName("Group teams")
        self.group_teams.setToolTip(
            "Reports with no reports of their own who share a discipline become one "
            "team with their headcount (orgdesigner import --group-teams)"
        )
        self.group_teams.toggled.connect(self._schedule_rebuild)
        options = QFormLayout()
        options.addRow("Organisation name", self.org_name)
        options.addRow(self.group_teams)
        left = QVBoxLayout()
        left.addWidget(self.columns_box)
        left.addLayout(options)
        left.addStretch(1)

        self.status = QLabel()
        self.status.setAccessibleName("Preview summary")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QTreeWidget()
        self.preview.setAccessibleName("Preview of the imported org")
        self.preview.setHeaderLabels(["Name", "Discipline", "Why", "Headcount"])
        self.preview.setItemDelegateForColumn(DISCIPLINE_COLUMN, DisciplineDelegate(self.preview))
        self.preview.setEditTriggers(
            QTreeWidget.EditTrigger.DoubleClicked
            | QTreeWidget.EditTrigger.EditKeyPressed
            | QTreeWidget.EditTrigger.SelectedClicked
        )
        self.preview.itemChanged.connect(self._discipline_edited)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.warnings = QLabel()
        self.warnings.setAccessibleName("Warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.preview, 1)
        right.addWidget(self.problems, 1)
        right.addWidget(self.warnings)

        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel)
        self.ok_button = self.buttons.button(buttons.Ok)
        self.ok_button.setText("Import")
        self.ok_button.setAccessibleName("Import")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_info)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def _fill_columns(self, table: Table) -> None:
        self.file_info.setText(f"{Path(table.source).name}: {table.describe()}")
        guessed = guess_mapping(table.headers).as_dict()
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.addItem(NO_COLUMN, None)
            for header in table.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(combo.findData(guessed[field]), 0))
            combo.blockSignals(False)
        self.org_name.blockSignals(True)
        self.org_name.setText(default_org_name(table))
        self.org_name.blockSignals(False)
        if is_native_table(table):
            self.columns_box.setEnabled(False)
            self.group_teams.setEnabled(False)
            self.columns_box.setTitle("Columns (an orgdesigner CSV: read as written)")

    # State ---------------------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        """The mapping the combos show."""
        return ColumnMapping(**{field: combo.currentData() for field, combo in self.combos.items()})

    def set_column(self, field: str, header: str | None) -> None:
        """Choose the column for a field, as a user would in its combo (None: no column)."""
        combo = self.combos[field]
        combo.setCurrentIndex(max(combo.findData(header), 0))

    def result_org(self) -> Organization:
        """The org the preview shows (call after the dialog was accepted)."""
        if self.import_result is None:
            raise RuntimeError("the CSV has problems; there is no org to import")
        return self.import_result.org

    def problem_lines(self) -> list[str]:
        """The problems listed, one line each (empty when the CSV imports)."""
        return [self.problems.item(i).text() for i in range(self.problems.count())]

    def _schedule_rebuild(self) -> None:
        self._rebuild_timer.start()

    def rebuild(self) -> None:
        """Build the org from the current choices and show it, or show what is wrong."""
        self._rebuild_timer.stop()
        if self.table is None:
            return
        name = " ".join(self.org_name.text().split())
        if not name:
            self._show_problems(["the organisation needs a name"], "Give the organisation a name.")
            return
        try:
            result = build_org(
                self.table, self.mapping(), self.group_teams.isChecked(), name=name, disciplines=self.overrides
            )
        except CsvImportError as exc:
            self._show_problems(
                [str(p) for p in exc.problems],
                f"{len(exc.problems)} problem{'s' * (len(exc.problems) != 1)} to fix "
                "(in the CSV, or by choosing other columns):",
            )
            return
        self._show_result(result)

    # Showing -------------------------------------------------------------------------------

    def _show_problems(self, lines: list[str], headline: str) -> None:
        self.import_result = None
        self.preview.hide()
        self.preview.clear()
        self.problems.clear()
        self.problems.addItems(lines)
        self.problems.show()
        self.status.setText(headline)
        self.warnings.clear()
        self.ok_button.setEnabled(False)

    def _show_result(self, result: ImportResult) -> None:
        self.import_result = result
        self.problems.hide()
        self.problems.clear()
        tree = self.preview
        tree.blockSignals(True)
        tree.setUpdatesEnabled(False)
        tree.clear()
        org = result.org
        members: dict[str, list[PersonGuess]] = {}
        for guess in result.guesses:
            members.setdefault(guess.node_id, []).append(guess)
        items: dict[str, QTreeWidgetItem] = {}
        for node_id in org.iter_preorder():
            parent_id = org.parent(node_id)
            parent = items[parent_id] if parent_id is not None else tree.invisibleRootItem()
            item = QTreeWidgetItem(parent)
            items[node_id] = item
            self._fill_node_item(item, org, node_id, members.get(node_id, []))
        tree.expandToDepth(2)
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
        tree.setUpdatesEnabled(True)
        tree.blockSignals(False)
        tree.show()
        headcount = sum(t.headcount for t in org.teams())
        guessed = sum(1 for g in result.guesses if g.guess.matched)
        people = ""
        if result.guesses:
            people = f"{len(result.guesses)} people, {guessed} disciplines found by keyword; "
        self.status.setText(f"{people}{len(org)} nodes, headcount {headcount}. Double-click a discipline to change it.")
        shown = list(result.warnings[:_WARNINGS_SHOWN])
        if len(result.warnings) > _WARNINGS_SHOWN:
            shown.append(f"... and {len(result.warnings) - _WARNINGS_SHOWN} more notes")
        self.warnings.setText("\n".join(shown))
        self.ok_button.setEnabled(True)

    def _fill_node_item(
        self, item: QTreeWidgetItem, org: Organization, node_id: str, people: list[PersonGuess]
    ) -> None:
        node = org.node(node_id)
        item.setText(NAME_COLUMN, node.name)
        item.setData(NAME_COLUMN, NODE_ROLE, node_id)
        if not isinstance(node, Team):
            item.setText(DISCIPLINE_COLUMN, load_catalogue().structure(node.structure).name)
            return
        item.setText(HEADCOUNT_COLUMN, str(node.headcount))
        item.setText(DISCIPLINE_COLUMN, discipline_name(node.discipline))
        item.setData(DISCIPLINE_COLUMN, DISCIPLINE_ROLE, node.discipline.value)
        item.setData(NAME_COLUMN, ROWS_ROLE, [p.row for p in people])
        if not people:
            item.setText(REASON_COLUMN, "as written in the file")
            return
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        if len(people) == 1:
            item.setText(REASON_COLUMN, _reason(people[0]))
            item.setToolTip(NAME_COLUMN, plain_tooltip(f"row {people[0].row}: {people[0].title}"))
            return
        item.setText(REASON_COLUMN, f"{len(people)} people grouped")
        for person in people:
            child = QTreeWidgetItem(item)
            child.setText(NAME_COLUMN, person.name)
            child.setToolTip(NAME_COLUMN, plain_tooltip(f"row {person.row}: {person.title}"))
            child.setData(NAME_COLUMN, ROWS_ROLE, [person.row])
            child.setText(DISCIPLINE_COLUMN, discipline_name(person.discipline))
            child.setData(DISCIPLINE_COLUMN, DISCIPLINE_ROLE, person.discipline.value)
            child.setText(REASON_COLUMN, _reason(person))
            child.setText(HEADCOUNT_COLUMN, "1")
            child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable)

    def _discipline_edited(self, item: QTreeWidgetItem, column: int) -> None:
        if column != DISCIPLINE_COLUMN:
            return
        value = item.data(DISCIPLINE_COLUMN, DISCIPLINE_ROLE)
        rows = item.data(NAME_COLUMN, ROWS_ROLE) or []
        if value is None or not rows:
            return
        for row in rows:
            self.overrides[int(row)] = Discipline(value)
        self._schedule_rebuild()


def _reason(person: PersonGuess) -> str:
    if person.changed:
        return f"chosen (guess was {discipline_name(person.guess.discipline)}: {person.guess.reason()})"
    return person.guess.reason()
