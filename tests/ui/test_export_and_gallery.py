"""File > New gallery, File > Export (chart and report) and File > Import, from the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from orgdesigner.io import list_templates, load_template
from orgdesigner.ui.export_dialog import ExportOptionsDialog, export_to, run_export, write_report
from orgdesigner.ui.gallery import TemplateGallery, template_thumbnail
from orgdesigner.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    w = MainWindow(load_template("typical"), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show()
    yield w
    w.doc.load(w.doc.org, w.doc.path)
    w.close()


def test_gallery_lists_every_template_with_a_drawn_thumbnail(qtbot: QtBot) -> None:
    gallery = TemplateGallery()
    qtbot.addWidget(gallery)
    assert gallery.list.count() == len(list_templates())
    for i, info in enumerate(list_templates()):
        item = gallery.list.item(i)
        assert item.text() == info.title  # drawn bold, the description below it
        assert item.data(Qt.ItemDataRole.UserRole + 1) == info.description
        shown = QTextDocument()
        shown.setHtml(item.toolTip())
        assert info.description in shown.toPlainText()  # as Qt shows it: escaped, then rendered
    image = template_thumbnail("typical").toImage()
    assert not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # cards and lines were drawn, not a blank picture
    gallery.list.setCurrentRow(4)
    assert "Stage 1" in gallery.description.text()
    preview = gallery.preview.pixmap()
    assert preview.width() / preview.devicePixelRatio() >= 600  # large enough to read the cards
    gallery.buttons.button(gallery.buttons.StandardButton.Open).click()
    assert gallery.chosen == list_templates()[4].name


def test_new_from_gallery_replaces_the_chart(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def pick(dialog: TemplateGallery) -> int:
        dialog.chosen = "stage-2"
        return 1

    monkeypatch.setattr(TemplateGallery, "exec", pick)
    window.actions_.new.trigger()
    assert window.doc.org == load_template("stage-2")
    assert window.doc.path is None and window.windowTitle() == "Marlow & Finch Grocers (new chart)[*] — orgdesigner"


@pytest.mark.parametrize("kind", ["svg", "png", "pdf"])
def test_export_writes_a_file_that_parses(window: MainWindow, tmp_path: Path, kind: str) -> None:
    dialog = ExportOptionsDialog(kind, window.export_source())
    dialog.orientation.setCurrentIndex(1)
    dialog.legend.setChecked(False)
    options, raster = dialog.layout_options(), dialog.raster_options()
    assert options.orientation == "left-right" and not options.show_legend
    path = str(tmp_path / f"chart.{kind}")
    assert export_to(window.export_source(), path, options, raster) == path
    data = Path(path).read_bytes()
    if kind == "svg":
        root = ET.fromstring(data)
        ids = {g.get("data-id") for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-id")}
        assert ids == set(window.doc.org.iter_preorder())
    elif kind == "png":
        image = QImage()
        assert image.loadFromData(data) and image.width() > 100
    else:
        assert data.startswith(b"%PDF")


def test_export_of_the_selected_cards_subtree(window: MainWindow, tmp_path: Path) -> None:
    assert not ExportOptionsDialog("svg", window.export_source()).subtree.isEnabled()  # nothing selected
    window.scene.select_ids(["data-ai"])
    dialog = ExportOptionsDialog("svg", window.export_source())
    assert dialog.subtree.isEnabled() and dialog.root_id == "data-ai"
    path = str(tmp_path / "division.svg")
    source = window.export_source()
    assert export_to(source, path, dialog.layout_options(), dialog.raster_options(), dialog.root_id) == path
    root = ET.fromstring(Path(path).read_bytes())
    ids = {g.get("data-id") for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-id")}
    assert ids == set(window.doc.org.iter_preorder("data-ai")) and len(ids) < len(window.doc.org)


def test_export_through_the_menu_uses_the_chosen_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.svg"
    monkeypatch.setattr(ExportOptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert run_export(window.export_source(), "svg") == str(target)
    assert target.read_bytes().startswith(b"<?xml")
    other = tmp_path / "out.graphml"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(other), ""))
    assert run_export(window.export_source(), "other") == str(other)
    assert b"graphml" in other.read_bytes()


def test_export_to_bad_place_is_reported_and_leaves_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    dialog = ExportOptionsDialog("svg", window.export_source())
    assert (
        export_to(
            window.export_source(),
            str(tmp_path / "missing" / "x.svg"),
            dialog.layout_options(),
            dialog.raster_options(),
        )
        is None
    )
    assert shown and "missing" in shown[0]
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_export_is_inert_with_hostile_names(window: MainWindow, tmp_path: Path, fmt: str) -> None:
    window.doc.set_fields("data-science", name="<script>alert(1)</script>")
    window.doc.remove_nodes(["data-eng"])  # a gap, so the report names teams
    path = str(tmp_path / f"report.{fmt}")
    assert write_report(window.export_source(), path, fmt) == path
    text = Path(path).read_text("utf-8")
    assert "<script>" not in text
    assert "Gap" in text or "gap" in text


def test_import_csv_from_the_menu_opens_the_org_unsaved(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_path = tmp_path / "people.csv"
    csv_path.write_text(
        "id;name;manager id;title\n1;Ada;;CTO\n2;Bo;1;Data Engineer\n3;Cy;1;MLOps Engineer\n", encoding="utf-8-sig"
    )
    from orgdesigner.ui.csv_import_dialog import CsvImportDialog

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(csv_path), ""))
    monkeypatch.setattr(CsvImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.actions_.import_csv.trigger()
    org = window.doc.org
    assert window.doc.is_modified and sum(t.headcount for t in org.teams()) == 3
    disciplines = {t.discipline.value: t.headcount for t in org.teams()}
    # Ada (CTO) leads the data engineering team with Bo; Cy, the MLOps engineer, is a team of one.
    assert disciplines == {"data_engineering": 2, "mlops": 1}


def test_dropping_a_non_org_file_keeps_the_chart(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}')
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    before = window.doc.org.copy()
    window.view.files_dropped.emit([str(bad)])
    assert window.doc.org == before
    assert shown and str(bad) in shown[0] and "not an orgdesigner file" in shown[0]


def test_undo_view_lists_named_entries(window: MainWindow) -> None:
    window.doc.move_nodes(["data-science"], "product-eng")
    model = window.history.model()
    texts = [model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]
    assert texts == ["Opened chart", "Move Data Science to Product Engineering"]
