"""The import dialog: mappings drive the live preview, problems disable Import, and editing a
guessed discipline (of a person, or of a title in the titles table) or a unit's structure
changes the org it returns; the titles table is saved and loaded again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template
from orgdesigner.io.csv_write import csv_bytes
from orgdesigner.model import Discipline, Team
from orgdesigner.ui.csv_import_dialog import (
    DISCIPLINE_COLUMN,
    DISCIPLINE_ROLE,
    NAME_COLUMN,
    CsvImportDialog,
    DisciplineDelegate,
)
from orgdesigner.ui.import_tables import VALUE_ROLE, TitlesTable, UnitsTable


def _dialog(qtbot: QtBot, path: Path) -> CsvImportDialog:
    dialog = CsvImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _items(dialog: CsvImportDialog) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []
    root = dialog.preview.invisibleRootItem()
    stack: list[QTreeWidgetItem | None] = [root.child(i) for i in range(root.childCount())]
    while stack:
        item = stack.pop(0)
        assert item is not None
        out.append(item)
        stack.extend(item.child(i) for i in range(item.childCount()))
    return out


def _item(dialog: CsvImportDialog, name: str) -> QTreeWidgetItem:
    return next(i for i in _items(dialog) if i.text(NAME_COLUMN) == name)


PEOPLE = (
    "Wer,Chef,Rolle,Bereich\n"
    "Ada,,Chief Executive Officer,Board\n"
    "Bo,Ada,Data Scientist,Data Platform\n"
    "Cy,Ada,Data Scientist,Data Platform\n"
)


def test_a_missing_column_disables_import_until_it_is_mapped(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, _write(tmp_path, PEOPLE))
    assert not dialog.ok_button.isEnabled()
    assert dialog.problems.isVisible() and not dialog.preview.isVisible()
    assert any("no name column" in line for line in dialog.problem_lines())
    dialog.set_column("name", "Wer")
    qtbot.waitUntil(lambda: any("no manager column" in line for line in dialog.problem_lines()))
    assert not dialog.ok_button.isEnabled()
    dialog.set_column("parent", "Chef")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert dialog.preview.isVisible() and dialog.problem_lines() == []
    dialog.group_teams.setChecked(False)
    dialog.set_column("department", None)
    qtbot.waitUntil(lambda: [i.text(NAME_COLUMN) for i in _items(dialog)] == ["people", "Ada", "Bo", "Cy"])
    assert dialog.result_org().parent("bo") == "ada"


def test_changing_a_mapping_updates_the_preview(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, _write(tmp_path, PEOPLE))
    dialog.group_teams.setChecked(False)
    dialog.set_column("name", "Wer")
    dialog.set_column("parent", "Chef")
    dialog.set_column("department", "Bereich")
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    bo = _item(dialog, "Bo")
    assert bo.data(DISCIPLINE_COLUMN, DISCIPLINE_ROLE) == "data_engineering"  # "data platform"
    dialog.set_column("title", "Rolle")
    qtbot.waitUntil(lambda: _item(dialog, "Bo").data(DISCIPLINE_COLUMN, DISCIPLINE_ROLE) == "data_science")
    assert "'data scientist' in the title" in _item(dialog, "Bo").text(2)
    dialog.group_teams.setChecked(True)
    qtbot.waitUntil(lambda: len(dialog.result_org().teams()) == 2)
    group = _item(dialog, "Data Science (Data Platform)")
    assert group.text(3) == "2" and group.childCount() == 2
    dialog.set_column("name", None)
    qtbot.waitUntil(lambda: not dialog.ok_button.isEnabled())
    with pytest.raises(RuntimeError):
        dialog.result_org()


def test_a_bad_csv_lists_its_problems_and_disables_import(qtbot: QtBot, tmp_path: Path) -> None:
    text = "id,name,parentId\n1,Ada,\n2,Bo,3\n3,Cy,2\n4,,1\n5,Di,1,shifted\n"
    dialog = _dialog(qtbot, _write(tmp_path, text))
    assert not dialog.ok_button.isEnabled()
    lines = dialog.problem_lines()
    assert [line.split(":")[0] for line in lines] == ["row 3", "row 5"]
    assert "reporting cycle" in lines[0] and "empty name" in lines[1]
    assert dialog.problems.accessibleName() == "Problems"


def test_an_unreadable_file_shows_why(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(64))
    dialog = _dialog(qtbot, path)
    assert not dialog.ok_button.isEnabled() and not dialog.columns_box.isEnabled()
    assert "Excel" in dialog.problem_lines()[0]


def test_editing_a_guessed_discipline_changes_the_result(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, _write(tmp_path, "id,name,parentId,title\n1,Ada,,CEO\n2,Bo,1,Data Scientist\n"))
    dialog.group_teams.setChecked(False)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled() and "2" in dialog.result_org())
    bo = _item(dialog, "Bo")
    assert bo.flags() & Qt.ItemFlag.ItemIsEditable
    delegate = dialog.preview.itemDelegateForColumn(DISCIPLINE_COLUMN)
    assert isinstance(delegate, DisciplineDelegate)
    index = dialog.preview.indexFromItem(bo, DISCIPLINE_COLUMN)
    editor = delegate.createEditor(dialog.preview.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox) and editor.count() == len(Discipline)
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "data_science"
    editor.setCurrentIndex(editor.findData("mlops"))
    delegate.setModelData(editor, dialog.preview.model(), index)
    qtbot.waitUntil(lambda: "chosen" in _item(dialog, "Bo").text(2))
    team = dialog.result_org().node("2")
    assert isinstance(team, Team) and team.discipline is Discipline.MLOPS
    assert _item(dialog, "Bo").text(DISCIPLINE_COLUMN) == "MLOps"


def test_editing_a_grouped_team_changes_all_its_members(qtbot: QtBot, tmp_path: Path) -> None:
    text = "id,name,parentId,title\n1,Ada,,CEO\n2,Bo,1,Analyst\n3,Cy,1,Analyst\n4,Di,1,Data Engineer\n"
    dialog = _dialog(qtbot, _write(tmp_path, text))
    qtbot.waitUntil(lambda: dialog.import_result is not None and len(dialog.result_org().teams()) == 2)
    group = _item(dialog, "Analytics & BI (Ada)")
    group.setData(DISCIPLINE_COLUMN, DISCIPLINE_ROLE, "data_engineering")
    qtbot.waitUntil(lambda: len(dialog.result_org().teams()) == 1)
    merged = dialog.result_org().node("1-data_engineering")
    assert isinstance(merged, Team) and merged.headcount == 4


def test_an_orgdesigner_csv_is_read_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    org = load_template("mlops-cross-functional")
    path = tmp_path / "org.csv"
    path.write_bytes(csv_bytes(org))
    dialog = _dialog(qtbot, path)
    qtbot.waitUntil(lambda: dialog.import_result is not None and dialog.result_org().name == org.name)
    assert dialog.result_org() == org  # the file carries the org's name and stage
    assert not dialog.columns_box.isEnabled() and not dialog.group_teams.isEnabled()


def test_the_sample_previews_and_widgets_have_accessible_names(qtbot: QtBot, d3_sample_csv: Path) -> None:
    dialog = _dialog(qtbot, d3_sample_csv)
    assert dialog.ok_button.isEnabled()
    assert sum(t.headcount for t in dialog.result_org().teams()) == 1516
    assert "1516 rows" in dialog.file_info.text()
    assert dialog.combos["parent"].currentText() == "parentId"
    for widget in [
        *dialog.combos.values(),
        dialog.group_teams,
        dialog.org_name,
        dialog.preview,
        dialog.problems,
        dialog.ok_button,
        dialog.status,
        dialog.titles,
        dialog.units,
        dialog.tabs,
        dialog.load_titles,
        dialog.save_titles,
    ]:
        assert widget.accessibleName(), widget
    dialog.org_name.setText("   ")
    qtbot.waitUntil(lambda: not dialog.ok_button.isEnabled())


def _title_row(dialog: CsvImportDialog, title: str) -> int:
    row = dialog.titles.row_of(title)
    assert row >= 0, title
    return row


def test_the_titles_table_changes_everyone_of_a_title_and_saves_and_loads(
    qtbot: QtBot, tmp_path: Path, oracle_hr_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, oracle_hr_csv)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert "107 people: 107 by a strong keyword, 0 by a weak one, 0 by none" in dialog.status.text()
    row = _title_row(dialog, "Stock Clerk")
    assert dialog.titles.item(row, TitlesTable.PEOPLE).text() == "20"
    assert dialog.titles.item(row, TitlesTable.DISCIPLINE).data(VALUE_ROLE) == "business"
    # Edit the row through its delegate, as a double-click does.
    delegate = dialog.titles.itemDelegateForColumn(TitlesTable.DISCIPLINE)
    index = dialog.titles.model().index(row, TitlesTable.DISCIPLINE)
    editor = delegate.createEditor(dialog.titles.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox) and editor.accessibleName() == "Discipline"
    editor.setCurrentIndex(editor.findData("analytics"))
    delegate.setModelData(editor, dialog.titles.model(), index)
    qtbot.waitUntil(
        lambda: sum(t.headcount for t in dialog.result_org().teams() if t.discipline.value == "analytics") == 20
    )
    assert "20 from a titles table" not in dialog.status.text()
    saved = tmp_path / "titles.csv"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))
    dialog.save_titles.click()
    assert '"Stock Clerk","analytics","20","table"' in saved.read_text("utf-8-sig")
    # A new dialog on the same file, with the saved table loaded: the same org.
    again = _dialog(qtbot, oracle_hr_csv)
    qtbot.waitUntil(again.ok_button.isEnabled)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(saved), ""))
    again.load_titles.click()
    qtbot.waitUntil(lambda: again.result_org() == dialog.result_org())


def test_a_bad_titles_table_is_refused_with_its_rows(
    qtbot: QtBot, tmp_path: Path, oracle_hr_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title,discipline\nClerk,<b>astrology</b>\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", lambda box: shown.append(box.text()) or 0)
    dialog = _dialog(qtbot, oracle_hr_csv)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    before = dialog.result_org()
    assert not dialog.load_titles_from(str(bad))
    assert shown and "row 2: unknown discipline '<b>astrology</b>'" in shown[0]
    assert dialog.result_org() == before


def test_the_units_table_changes_a_units_structure(qtbot: QtBot, oracle_hr_csv: Path) -> None:
    dialog = _dialog(qtbot, oracle_hr_csv)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    names = [dialog.units.item(i, UnitsTable.UNIT).text() for i in range(dialog.units.rowCount())]
    assert names[0] == "Executive" and "Shipping" in names
    row = names.index("Shipping")
    assert dialog.units.item(row, UnitsTable.STRUCTURE).data(VALUE_ROLE) == "other"
    item = dialog.units.item(row, UnitsTable.STRUCTURE)
    item.setData(VALUE_ROLE, "data_ai")
    qtbot.waitUntil(lambda: {u.name: u.structure.value for u in dialog.result_org().units()}["Shipping"] == "data_ai")
    assert "set by --unit" in dialog.units.item(row, UnitsTable.WHY).text()


def test_json_and_backstage_files_preview_too(qtbot: QtBot, tmp_path: Path, backstage_acme_yaml: Path) -> None:
    catalog = _dialog(qtbot, backstage_acme_yaml)
    qtbot.waitUntil(catalog.ok_button.isEnabled)
    assert not catalog.columns_box.isEnabled()
    assert sum(t.headcount for t in catalog.result_org().teams()) == 17
    assert "5 teams: 0 by a strong keyword" in catalog.status.text()
    people = tmp_path / "people.json"
    people.write_text(
        '[{"id": "1", "name": "Ada", "parentId": null, "positionName": "CTO"},'
        ' {"id": "2", "name": "Bo", "parentId": "1", "positionName": "Data Engineer"}]'
    )
    dialog = _dialog(qtbot, people)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert dialog.combos["title"].currentText() == "positionName"
    assert sum(t.headcount for t in dialog.result_org().teams()) == 2


def test_hostile_titles_are_plain_text_everywhere(qtbot: QtBot, tmp_path: Path) -> None:
    hostile = '<img src="x.png" width=3000>'
    text = f'id,name,parentId,title\n1,Ada,,CEO\n2,"<b>Bo</b>",1,"{hostile.replace(chr(34), chr(34) * 2)}"\n'
    dialog = _dialog(qtbot, _write(tmp_path, text))
    dialog.group_teams.setChecked(False)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled() and "2" in dialog.result_org())
    tip = _item(dialog, "<b>Bo</b>").toolTip(NAME_COLUMN)
    assert "&lt;img" in tip and "<img" not in tip
    row = _title_row(dialog, hostile)
    assert dialog.titles.item(row, TitlesTable.TITLE).text() == hostile
    assert "<img" not in dialog.titles.item(row, TitlesTable.TITLE).toolTip()
    for label in (dialog.status, dialog.warnings, dialog.file_info):
        assert label.textFormat() == Qt.TextFormat.PlainText
