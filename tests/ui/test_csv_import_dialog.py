"""The CSV import dialog: mappings drive the live preview, problems disable Import, and
editing a guessed discipline changes the org it returns."""

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
    assert [i.text(NAME_COLUMN) for i in _items(dialog)] == ["Ada", "Bo", "Cy"]
    assert dialog.result_org().parent("bo") == "ada"


def test_changing_a_mapping_updates_the_preview(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, _write(tmp_path, PEOPLE))
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
    qtbot.waitUntil(lambda: len(dialog.result_org()) == 2)
    group = _item(dialog, "Data Science (Ada)")
    assert group.text(3) == "2" and group.childCount() == 2
    dialog.set_column("name", None)
    qtbot.waitUntil(lambda: not dialog.ok_button.isEnabled())
    with pytest.raises(RuntimeError):
        dialog.result_org()


def test_a_bad_csv_lists_its_problems_and_disables_import(qtbot: QtBot, tmp_path: Path) -> None:
    text = "id,name,parentId\n1,Ada,\n2,Bo,3\n3,Cy,2\n4,,1\n5,Di,99\n"
    dialog = _dialog(qtbot, _write(tmp_path, text))
    assert not dialog.ok_button.isEnabled()
    lines = dialog.problem_lines()
    assert [line.split(":")[0] for line in lines] == ["row 3", "row 5", "row 6"]
    assert "reporting cycle" in lines[0] and "empty name" in lines[1] and "'99'" in lines[2]
    assert dialog.problems.accessibleName() == "Problems"


def test_an_unreadable_file_shows_why(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(64))
    dialog = _dialog(qtbot, path)
    assert not dialog.ok_button.isEnabled() and not dialog.columns_box.isEnabled()
    assert "Excel" in dialog.problem_lines()[0]


def test_editing_a_guessed_discipline_changes_the_result(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, _write(tmp_path, "id,name,parentId,title\n1,Ada,,CEO\n2,Bo,1,Data Scientist\n"))
    qtbot.waitUntil(dialog.ok_button.isEnabled)
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
    dialog.group_teams.setChecked(True)
    qtbot.waitUntil(lambda: dialog.import_result is not None and len(dialog.result_org()) == 3)
    group = _item(dialog, "Analytics & BI (Ada)")
    group.setData(DISCIPLINE_COLUMN, DISCIPLINE_ROLE, "data_engineering")
    qtbot.waitUntil(lambda: len(dialog.result_org()) == 2)
    merged = dialog.result_org().node("1-data_engineering")
    assert isinstance(merged, Team) and merged.headcount == 3


def test_an_orgdesigner_csv_is_read_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    org = load_template("mlops-cross-functional")
    path = tmp_path / "org.csv"
    path.write_bytes(csv_bytes(org))
    dialog = _dialog(qtbot, path)
    dialog.org_name.setText(org.name)
    qtbot.waitUntil(lambda: dialog.import_result is not None and dialog.result_org().name == org.name)
    assert dialog.result_org() == org
    assert not dialog.columns_box.isEnabled() and not dialog.group_teams.isEnabled()


def test_the_sample_previews_and_widgets_have_accessible_names(qtbot: QtBot, d3_sample_csv: Path) -> None:
    dialog = _dialog(qtbot, d3_sample_csv)
    assert dialog.ok_button.isEnabled()
    assert len(dialog.result_org()) == 1516
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
    ]:
        assert widget.accessibleName(), widget
    dialog.org_name.setText("   ")
    qtbot.waitUntil(lambda: not dialog.ok_button.isEnabled())
