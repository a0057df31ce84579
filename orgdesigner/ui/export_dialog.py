"""File > Export: the chart as SVG, PNG, PDF (with the CLI's options) or for other tools, and
the findings report as Markdown or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QWidget,
)

from orgdesigner.export import ExportError
from orgdesigner.export.formats import PAGES, RasterOptions, export_file, supported_suffixes
from orgdesigner.io import OrgFileError
from orgdesigner.io.atomic import write_atomic
from orgdesigner.layout import LayoutOptions
from orgdesigner.model.text import slugify
from orgdesigner.ui.number_box import DecimalNumberBox, WholeNumberBox
from orgdesigner.ui.plain_text import warn

if TYPE_CHECKING:
    from orgdesigner.ui.main_window import MainWindow

_OTHER = {
    ".graphml": "GraphML (yEd, networkx)",
    ".mmd": "Mermaid flowchart",
    ".dot": "Graphviz DOT",
    ".drawio": "draw.io diagram",
    ".csv": "CSV (imports back)",
}


class ExportOptionsDialog(QDialog):
    """The CLI's export options: orientation, collapse depth, legend, badges, and for PNG the
    scale and background, for PDF the page size."""

    def __init__(self, kind: str, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.kind = kind
        self.setWindowTitle(f"Export {kind.upper()}")
        form = QFormLayout(self)
        self.orientation = QComboBox()
        self.orientation.setAccessibleName("Orientation")
        self.orientation.addItem("Top-down", "top-down")
        self.orientation.addItem("Left-right", "left-right")
        self.orientation.setCurrentIndex(0 if window.scene.orientation == "top-down" else 1)
        self.collapse = WholeNumberBox()
        self.collapse.setAccessibleName("Collapse below depth")
        self.collapse.setRange(0, 99)
        self.collapse.setSpecialValueText("as on screen")
        self.legend = QCheckBox("Show the legend")
        self.legend.setChecked(True)
        self.badges = QCheckBox("Show finding badges")
        self.badges.setChecked(window.scene.show_badges)
        form.addRow("&Orientation", self.orientation)
        form.addRow("&Collapse depth", self.collapse)
        form.addRow("", self.legend)
        form.addRow("", self.badges)
        self.scale = DecimalNumberBox()
        self.scale.setAccessibleName("Scale")
        self.scale.setRange(0.1, 8.0)
        self.scale.setSingleStep(0.5)
        self.scale.setValue(2.0)
        self.transparent = QCheckBox("Transparent background")
        self.page = QComboBox()
        self.page.setAccessibleName("Page size")
        self.page.addItem("One page, fitted", None)
        for p in PAGES:
            self.page.addItem(f"Tiled on {p} pages", p)
        if kind == "png":
            form.addRow("&Scale", self.scale)
            form.addRow("", self.transparent)
        if kind == "pdf":
            form.addRow("&Pages", self.page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.window_ = window

    def layout_options(self) -> LayoutOptions:
        """What the layout is asked for."""
        scene = self.window_.scene
        depth = self.collapse.value()
        return LayoutOptions(
            orientation=self.orientation.currentData(),
            collapse_depth=depth if depth > 0 else None,
            collapsed=frozenset(scene.collapsed) if depth == 0 else frozenset(),
            show_legend=self.legend.isChecked(),
            badges=self.window_.analysis.badges if self.badges.isChecked() else {},
        )

    def raster_options(self) -> RasterOptions:
        """What the PNG/PDF writer is asked for."""
        return RasterOptions(
            scale=self.scale.value(), transparent=self.transparent.isChecked(), page=self.page.currentData()
        )


def _ask_path(window: MainWindow, title: str, suffix: str, filters: str) -> str | None:
    base = Path(window.doc.path).with_suffix(suffix) if window.doc.path else Path(slugify(window.doc.org.name) + suffix)
    path, _ = QFileDialog.getSaveFileName(window, title, str(base), filters)
    if not path:
        return None
    return path if Path(path).suffix else path + suffix


def run_export(window: MainWindow, kind: str) -> str | None:
    """Ask for the options and a file, export; return the path written (None if cancelled)."""
    if kind == "other":
        filters = ";;".join(f"{label} (*{sfx})" for sfx, label in _OTHER.items() if sfx in supported_suffixes())
        path = _ask_path(window, "Export for other tools", ".graphml", filters)
        options = LayoutOptions(orientation=window.scene.orientation)
        raster = RasterOptions()
    else:
        dialog = ExportOptionsDialog(kind, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options, raster = dialog.layout_options(), dialog.raster_options()
        path = _ask_path(window, f"Export {kind.upper()}", f".{kind}", f"{kind.upper()} files (*.{kind})")
    if path is None:
        return None
    return export_to(window, path, options, raster)


def export_to(window: MainWindow, path: str, options: LayoutOptions, raster: RasterOptions) -> str | None:
    """Write the export; a failure is shown and leaves no partial file."""
    try:
        size = export_file(window.doc.org, path, options, raster)
    except (ExportError, OrgFileError) as exc:
        warn(window, "Cannot export", str(exc))
        return None
    window.statusBar().showMessage(f"Exported {Path(path).name} ({size:,} bytes)", 8000)
    return path


def run_report_export(window: MainWindow, fmt: str) -> str | None:
    """Export the findings report as Markdown (``md``) or HTML (``html``)."""
    suffix = ".md" if fmt == "md" else ".html"
    label = "Markdown (*.md)" if fmt == "md" else "HTML pages (*.html)"
    path = _ask_path(window, "Export report", suffix, label)
    if path is None:
        return None
    return write_report(window, path, fmt)


def write_report(window: MainWindow, path: str, fmt: str) -> str | None:
    """Write the current report to ``path``."""
    from orgdesigner.export.report_html import report_html
    from orgdesigner.export.report_markdown import report_markdown

    report, org = window.analysis.report, window.doc.org
    text = report_markdown(report, org) if fmt == "md" else report_html(report, org)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OrgFileError as exc:
        warn(window, "Cannot export the report", str(exc))
        return None
    window.statusBar().showMessage(f"Exported the report to {Path(path).name}", 8000)
    return path
