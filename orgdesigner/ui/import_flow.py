"""File > Import: pick a CSV, d3-org-chart JSON or Backstage catalog, map and correct it with a
live preview, get an org."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from orgdesigner.model import Organization


def import_csv_interactively(parent: QWidget, path: str | None = None) -> Organization | None:
    """Ask for a file (unless given), show the import dialog; the org, or None if cancelled."""
    from orgdesigner.ui.csv_import_dialog import CsvImportDialog

    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            "Import people or groups",
            "",
            "HR exports and catalogs (*.csv *.tsv *.txt *.json *.yaml *.yml);;CSV files (*.csv *.tsv *.txt);;"
            "d3-org-chart JSON (*.json);;Backstage catalogs (*.yaml *.yml);;All files (*)",
        )
        if not path:
            return None
    dialog = CsvImportDialog(path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_org()


def is_importable(path: str) -> bool:
    """True for a file the import reads rather than the chart loader: a CSV (``.csv``, ``.tsv``,
    ``.txt``), a Backstage catalog (``.yaml``, ``.yml``) or a JSON file holding an array."""
    lower = path.lower()
    if lower.endswith((".csv", ".tsv", ".txt", ".yaml", ".yml")):
        return True
    if lower.endswith(".json"):
        from orgdesigner.io.d3_json import looks_like_json_array

        try:
            with open(path, "rb") as handle:
                return looks_like_json_array(handle.read(4096))
        except OSError:
            return False
    return False
