"""File > New: the template gallery, each template with a thumbnail drawn by the export code."""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.export.raster import paint_placement
from orgdesigner.io import list_templates, load_template
from orgdesigner.layout import LayoutOptions, layout

THUMB = QSize(260, 150)


@cache
def template_thumbnail(name: str, size: tuple[int, int] = (THUMB.width(), THUMB.height())) -> QPixmap:
    """A picture of a template: the same placement the canvas and exports draw, scaled down."""
    w, h = size
    placement = layout(load_template(name), LayoutOptions(show_legend=False))
    ratio = 2.0
    pix = QPixmap(int(w * ratio), int(h * ratio))
    pix.setDevicePixelRatio(ratio)
    pix.fill(QColor("#ffffff"))
    b = placement.bounds
    scale = min((w - 12) / max(b.width, 1), (h - 12) / max(b.height, 1))
    painter = QPainter(pix)
    painter.translate((w - b.width * scale) / 2, (h - b.height * scale) / 2)
    painter.scale(scale, scale)
    painter.translate(-b.x, -b.y)
    paint_placement(painter, placement)
    painter.end()
    return pix


class TemplateGallery(QDialog):
    """Every template with its thumbnail, name and one-line description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New chart from a template")
        self.chosen: str | None = None
        intro = QLabel("Start from a preset company. You can change everything afterwards.")
        self.list = QListWidget()
        self.list.setAccessibleName("Templates")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 118))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSpacing(6)
        for info in list_templates():
            item = QListWidgetItem(QIcon(template_thumbnail(info.name)), f"{info.title}\n{info.description}")
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(
                f"<b>{html.escape(info.title)}</b> ({html.escape(info.name)})<br>{html.escape(info.description)}"
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{info.title}: {info.description}")
            item.setSizeHint(QSize(THUMB.width() + 20, THUMB.height() + 112))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setMinimumHeight(40)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._current)
        self.list.itemActivated.connect(lambda _i: self._accept())
        layout_ = QVBoxLayout(self)
        layout_.addWidget(intro)
        layout_.addWidget(self.list, 1)
        layout_.addWidget(self.description)
        layout_.addWidget(self.buttons)
        self.list.setCurrentRow(0)
        self.resize(940, 720)

    def _current(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        info = next(t for t in list_templates() if t.name == name)
        self.description.setText(f"{info.title}: {info.description}")

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()


__all__ = ["TemplateGallery", "template_thumbnail"]
