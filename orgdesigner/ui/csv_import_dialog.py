"""File > Import: map a CSV's (or d3 JSON's) columns, preview the org live, and correct what
was guessed: each job title's discipline (a table that can be saved and loaded again, the
file ``orgdesigner import --titles`` reads), each unit's structure, one person's discipline.
A Backstage catalog has no columns to map: its preview and tables are shown the same way.

The dialog calls the same pure functions as ``orgdesigner import`` (``people_table``,
``guess_mapping``, ``build_org``, ``import_backstage``), so what it previews is what the command
line would build.
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
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import ImportOptions, ImportResult, PersonGuess, build_org, default_org_name
from orgdesigner.io.csv_mapping import FIELD_LABELS, FIELDS, ColumnMapping, guess_mapping
from orgdesigner.io.csv_native import is_native_table
from orgdesigner.io.csv_read import Table
from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.import_sources import kind_of, people_table, read_source
from orgdesigner.io.import_summary import title_rows
from orgdesigner.io.title_table import read_titles, title_key, titles_bytes
from orgdesigner.model import Discipline, Organization, Structure, Team, load_catalogue
from orgdesigner.ui.import_tables import (
    KEY_ROLE,
    VALUE_ROLE,
    TitlesTable,
    UnitsTable,
)
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
    """Edits the discipline column with a combo of the disciplines; the chosen
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
    """Import a file of people (or a Backstage catalog): a column for each field, a switch for
    one card per person, an org name, and a live preview of the org with the correction tables
    (titles and their disciplines, units and their structures), or the problems that keep the
    file from importing. OK is enabled only when the preview is an org; :meth:`result_org`
    returns it."""

    def __init__(self, path: str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(f"Import: {Path(path).name}"))
        self.setAccessibleName("Import")
        self.resize(1100, 700)
        self.path = str(path)
        self.table: Table | None = None
        self.catalog: bytes | None = None
        self.import_result: ImportResult | None = None
        self.overrides: dict[int, Discipline] = {}
        self.title_overrides: dict[str, Discipline] = {}
        self.unit_overrides: dict[str, Structure] = {}
        self.combos: dict[str, QComboBox] = {}
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        self._build_widgets()
        try:
            data = read_source(path)
            if kind_of(path, data) == "backstage":
                self.catalog = data
            else:
                self.table = people_table(path, data)
        except CsvImportError as exc:
            self._show_problems([str(p) for p in exc.problems], f"{Path(path).name}: cannot be read")
            self.columns_box.setEnabled(False)
            self.group_teams.setEnabled(False)
            return
        if self.table is not None:
            self._fill_columns(self.table)
        else:
            self._fill_catalog()
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
        self.group_teams = QCheckBox("Teams: a manager's reports of one discipline are one card")
        self.group_teams.setAccessibleName("Group people into teams")
        self.group_teams.setToolTip(
            plain_tooltip(
                "On: a manager's reports who manage nobody and share a discipline become one team with their "
                "headcount, departments become units. Off: one card per person (orgdesigner import --people)."
            )
        )
        self.group_teams.setChecked(True)
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
        self.titles = TitlesTable()
        self.titles.itemChanged.connect(self._title_edited)
        self.units = UnitsTable()
        self.units.itemChanged.connect(self._unit_edited)
        self.load_titles = QPushButton("Load titles…")
        self.load_titles.setAccessibleName("Load a titles table")
        self.load_titles.setToolTip(
            plain_tooltip("Use a title -> discipline table saved before (CSV: title, discipline)")
        )
        self.load_titles.clicked.connect(self._ask_load_titles)
        self.save_titles = QPushButton("Save titles…")
        self.save_titles.setAccessibleName("Save the titles table")
        self.save_titles.setToolTip(
            plain_tooltip("Save this table, to reuse it here or with orgdesigner import --titles")
        )
        self.save_titles.clicked.connect(self._ask_save_titles)
        titles_page = QWidget()
        titles_layout = QVBoxLayout(titles_page)
        titles_layout.addWidget(self.titles, 1)
        title_buttons = QHBoxLayout()
        title_buttons.addStretch(1)
        title_buttons.addWidget(self.load_titles)
        title_buttons.addWidget(self.save_titles)
        titles_layout.addLayout(title_buttons)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Preview and corrections")
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.addTab(titles_page, "Titles → disciplines")
        self.tabs.addTab(self.units, "Units → structures")
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.tabs, 1)
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

    def _fill_catalog(self) -> None:
        self.file_info.setText(f"{Path(self.path).name}: a Backstage catalog (groups and users)")
        self.columns_box.setEnabled(False)
        self.columns_box.setTitle("Columns (a Backstage catalog: none to map)")
        self.group_teams.setEnabled(False)
        self.org_name.blockSignals(True)
        self.org_name.setText("")
        self.org_name.setPlaceholderText("from the catalog")
        self.org_name.blockSignals(False)

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
            self.org_name.blockSignals(True)
            self.org_name.setText("")
            self.org_name.setPlaceholderText("from the file")
            self.org_name.blockSignals(False)

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

    def options(self) -> ImportOptions:
        """The import options the dialog's choices stand for."""
        name = " ".join(self.org_name.text().split()) or None
        return ImportOptions(
            people=not self.group_teams.isChecked(),
            name=name,
            titles=dict(self.title_overrides),
            structures=dict(self.unit_overrides),
        )

    def rebuild(self) -> None:
        """Build the org from the current choices and show it, or show what is wrong."""
        self._rebuild_timer.stop()
        if self.table is None and self.catalog is None:
            return
        needs_name = self.table is not None and not is_native_table(self.table)
        if needs_name and not " ".join(self.org_name.text().split()):
            self._show_problems(["the organisation needs a name"], "Give the organisation a name.")
            return
        try:
            if self.catalog is not None:
                from orgdesigner.io.backstage_read import import_backstage

                result = import_backstage(self.catalog, self.path, self.options())
            else:
                assert self.table is not None
                result = build_org(self.table, self.mapping(), self.options(), disciplines=self.overrides)
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
        self.tabs.hide()
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
        self.tabs.show()
        self.titles.fill(title_rows(result), _title_reasons(result))
        self.units.fill(result.units)
        self.save_titles.setEnabled(bool(result.guesses))
        headcount = sum(t.headcount for t in org.teams())
        self.status.setText(
            f"{_strengths(result)}{len(org.units())} units, {len(org.teams())} teams, headcount {headcount}. "
            "Double-click a discipline or a structure to change it."
        )
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

    # Correction tables ---------------------------------------------------------------------

    def _title_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != TitlesTable.DISCIPLINE:
            return
        key_item = self.titles.item(item.row(), TitlesTable.TITLE)
        value = item.data(VALUE_ROLE)
        if key_item is None or value is None:
            return
        self.title_overrides[str(key_item.data(KEY_ROLE))] = Discipline(value)
        self._schedule_rebuild()

    def _unit_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != UnitsTable.STRUCTURE:
            return
        key_item = self.units.item(item.row(), UnitsTable.UNIT)
        value = item.data(VALUE_ROLE)
        if key_item is None or value is None:
            return
        self.unit_overrides[str(key_item.data(KEY_ROLE))] = Structure(value)
        self._schedule_rebuild()

    def set_title_discipline(self, title: str, discipline: Discipline) -> None:
        """Give every person with ``title`` the discipline, as editing its row does."""
        self.title_overrides[title_key(title)] = discipline
        self.rebuild()

    def set_unit_structure(self, unit_name: str, structure: Structure) -> None:
        """Give a unit (by its department's name) a structure, as editing its row does."""
        from orgdesigner.io.unit_guess import unit_key

        self.unit_overrides[unit_key(unit_name)] = structure
        self.rebuild()

    def load_titles_from(self, path: str) -> bool:
        """Use a saved titles table; False (with a message) when it cannot be read."""
        try:
            loaded = read_titles(path)
        except CsvImportError as exc:
            _warn(self, "Cannot use the titles table", exc.report())
            return False
        self.title_overrides.update(loaded)
        self.rebuild()
        return True

    def save_titles_to(self, path: str) -> bool:
        """Write the titles table shown (atomically); False (with a message) on failure."""
        if self.import_result is None:
            return False
        try:
            write_atomic(path, titles_bytes(title_rows(self.import_result)))
        except OrgFileError as exc:
            _warn(self, "Cannot save the titles table", str(exc))
            return False
        return True

    def _ask_load_titles(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load a titles table", "", "CSV files (*.csv);;All files (*)")
        if path:
            self.load_titles_from(path)

    def _ask_save_titles(self) -> None:
        base = str(Path(self.path).with_name(Path(self.path).stem + "-titles.csv"))
        path, _ = QFileDialog.getSaveFileName(self, "Save the titles table", base, "CSV files (*.csv)")
        if path:
            self.save_titles_to(path if Path(path).suffix else path + ".csv")


def _warn(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _strengths(result: ImportResult) -> str:
    if not result.guesses:
        return ""
    from orgdesigner.io.csv_import import strength_of

    counts = {k: 0 for k in ("strong", "weak", "none")}
    for guess in result.guesses:
        how = strength_of(guess)
        counts[how] = counts.get(how, 0) + 1
    who = "teams" if result.kind == "backstage" else "people"
    extra = "".join(f", {n} {k}" for k, n in counts.items() if k not in ("strong", "weak", "none") and n)
    return (
        f"{len(result.guesses)} {who}: {counts['strong']} by a strong keyword, {counts['weak']} by a weak one, "
        f"{counts['none']} by none{extra}; "
    )


def _title_reasons(result: ImportResult) -> dict[str, str]:
    out: dict[str, str] = {}
    for guess in result.guesses:
        if guess.title:
            out.setdefault(title_key(guess.title), guess.guess.reason())
    return out


def _reason(person: PersonGuess) -> str:
    if person.changed:
        return f"chosen (guess was {discipline_name(person.guess.discipline)}: {person.guess.reason()})"
    return person.guess.reason()
