"""File > Import CSV: pick a CSV, map its columns with a live preview, get an org."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from orgdesigner.model import Organization


def import_csv_interactively(parent: QWidget, path: str | None = None) -> Organization | None:
    """Ask for a CSV (unless given), show the mapping dialog; the org, or None if cancelled."""
    from orgdesigner.ui.csv_import_dialog import CsvImportDialog

    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            parent, "Import people from a CSV", "", "CSV files (*.csv *.tsv *.txt);;All files (*)"
        )
        if not path:
            return None
    dialog = CsvImportDialog(path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_org()
