"""File > Export: the chart as SVG, PNG, PDF (with the CLI's options) or for other tools, and
the findings report as Markdown or HTML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
from orgdesigner.model.organization import subtree_org
from orgdesigner.model.text import slugify
from orgdesigner.ui.document import Document
from orgdesigner.ui.live_analysis import LiveAnalysis
from orgdesigner.ui.number_box import DecimalNumberBox, WholeNumberBox
from orgdesigner.ui.plain_text import warn
from orgdesigner.ui.view_state import ViewState


@dataclass(frozen=True)
class ExportSource:
    """What an export needs from the window: a parent for its dialogs, the chart, how it is
    shown, its findings, and where to say how the export went."""

    parent: QWidget
    doc: Document
    view_state: ViewState
    analysis: LiveAnalysis
    say: Callable[[str], None]
    selected: tuple[str, ...] = ()


_OTHER = {
    ".graphml": "GraphML (yEd, networkx)",
    ".mmd": "Mermaid flowchart",
    ".dot": "Graphviz DOT",
    ".drawio": "draw.io diagram",
    ".csv": "CSV (imports back)",
    ".yaml": "Backstage catalog (imports back)",
}


class ExportOptionsDialog(QDialog):
    """The CLI's export options: orientation, collapse depth, legend, badges, and for PNG the
    scale and background, for PDF the page size."""

    def __init__(self, kind: str, source: ExportSource) -> None:
        super().__init__(source.parent)
        self.kind = kind
        self.setWindowTitle(f"Export {kind.upper()}")
        form = QFormLayout(self)
        self.orientation = QComboBox()
        self.orientation.setAccessibleName("Orientation")
        self.orientation.addItem("Top-down", "top-down")
        self.orientation.addItem("Left-right", "left-right")
        self.orientation.setCurrentIndex(0 if source.view_state.orientation == "top-down" else 1)
        self.collapse = WholeNumberBox()
        self.collapse.setAccessibleName("Collapse below depth")
        self.collapse.setRange(0, 99)
        self.collapse.setSpecialValueText("as on screen")
        self.legend = QCheckBox("Show the legend")
        self.legend.setChecked(True)
        self.badges = QCheckBox("Show finding badges")
        self.badges.setToolTip("Each card shows how many findings name it, as orgdesigner export --badges does")
        self.badges.setChecked(False)  # the CLI's default: an export for others shows the chart
        selected = source.selected
        self.root_id = selected[0] if len(selected) == 1 else None
        self.subtree = QCheckBox("Only the selected card and what is below it")
        self.subtree.setAccessibleName("Export the selected subtree")
        self.subtree.setEnabled(self.root_id is not None)
        form.addRow("&Orientation", self.orientation)
        form.addRow("&Collapse depth", self.collapse)
        form.addRow("", self.legend)
        form.addRow("", self.badges)
        form.addRow("", self.subtree)
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
        self.source = source

    def layout_options(self) -> LayoutOptions:
        """What the layout is asked for."""
        source = self.source
        depth = self.collapse.value()
        org = source.doc.org
        return LayoutOptions(
            orientation=self.orientation.currentData(),
            collapse_depth=depth if depth > 0 else None,
            collapsed=frozenset(c for c in source.view_state.collapsed if c in org) if depth == 0 else frozenset(),
            show_legend=self.legend.isChecked(),
            badges=source.analysis.badges if self.badges.isChecked() else {},
        )

    def raster_options(self) -> RasterOptions:
        """What the PNG/PDF writer is asked for."""
        return RasterOptions(
            scale=self.scale.value(), transparent=self.transparent.isChecked(), page=self.page.currentData()
        )


def _ask_path(source: ExportSource, title: str, suffix: str, filters: str) -> str | None:
    doc = source.doc
    base = Path(doc.path).with_suffix(suffix) if doc.path else Path(slugify(doc.org.name) + suffix)
    path, _ = QFileDialog.getSaveFileName(source.parent, title, str(base), filters)
    if not path:
        return None
    return path if Path(path).suffix else path + suffix


def run_export(source: ExportSource, kind: str) -> str | None:
    """Ask for the options and a file, export; return the path written (None if cancelled)."""
    if kind == "other":
        filters = ";;".join(f"{label} (*{sfx})" for sfx, label in _OTHER.items() if sfx in supported_suffixes())
        path = _ask_path(source, "Export for other tools", ".graphml", filters)
        options = LayoutOptions(orientation=source.view_state.orientation)
        raster = RasterOptions()
        root = None
    else:
        dialog = ExportOptionsDialog(kind, source)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options, raster = dialog.layout_options(), dialog.raster_options()
        root = dialog.root_id if dialog.subtree.isChecked() else None
        path = _ask_path(source, f"Export {kind.upper()}", f".{kind}", f"{kind.upper()} files (*.{kind})")
    if path is None:
        return None
    return export_to(source, path, options, raster, root)


def export_to(
    source: ExportSource, path: str, options: LayoutOptions, raster: RasterOptions, root: str | None = None
) -> str | None:
    """Write the export (of the subtree under ``root`` when given); a failure is shown and
    leaves no partial file."""
    org = source.doc.org
    try:
        size = export_file(org if root is None or root not in org else subtree_org(org, root), path, options, raster)
    except (ExportError, OrgFileError) as exc:
        warn(source.parent, "Cannot export", str(exc))
        return None
    source.say(f"Exported {Path(path).name} ({size:,} bytes)")
    return path


def run_report_export(source: ExportSource, fmt: str) -> str | None:
    """Export the findings report as Markdown (``md``) or HTML (``html``)."""
    suffix = ".md" if fmt == "md" else ".html"
    label = "Markdown (*.md)" if fmt == "md" else "HTML pages (*.html)"
    path = _ask_path(source, "Export report", suffix, label)
    if path is None:
        return None
    return write_report(source, path, fmt)


def write_report(source: ExportSource, path: str, fmt: str) -> str | None:
    """Write the current report to ``path``."""
    from orgdesigner.export.report_html import report_html
    from orgdesigner.export.report_markdown import report_markdown

    report, org = source.analysis.report, source.doc.org
    text = report_markdown(report, org) if fmt == "md" else report_html(report, org)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OrgFileError as exc:
        warn(source.parent, "Cannot export the report", str(exc))
        return None
    source.say(f"Exported the report to {Path(path).name}")
    return path


def run_decision_export(source: ExportSource) -> str | None:
    """File > Export > Decision Report: every scenario of the chart, with the baseline, in one
    document for the leadership meeting (HTML, Markdown or PDF, from the name's suffix)."""
    from orgdesigner.export.decision import build_decision
    from orgdesigner.export.decision_files import write_decision

    filters = "HTML page (*.html);;PDF document (*.pdf);;Markdown (*.md)"
    path = _ask_path(source, "Export decision report", ".html", filters)
    if path is None:
        return None
    try:
        write_decision(build_decision(source.doc.chart, None), path)
    except (ExportError, OrgFileError, ValueError) as exc:
        warn(source.parent, "Cannot export the decision report", str(exc))
        return None
    source.say(f"Exported the decision report to {Path(path).name}")
    return path
