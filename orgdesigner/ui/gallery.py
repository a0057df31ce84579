"""File > New: the template gallery, each template with a thumbnail drawn by the export code."""

from __future__ import annotations

from functools import cache
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.export.raster import paint_placement
from orgdesigner.io import list_templates, load_template
from orgdesigner.layout import LayoutOptions, layout

THUMB = QSize(260, 150)
LIST_THUMB = QSize(150, 86)


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


_DESCRIPTION = Qt.ItemDataRole.UserRole + 1
PREVIEW = QSize(640, 420)


class _TemplateDelegate(QStyledItemDelegate):
    """A template in the list: its thumbnail, its title in bold and its description below in
    a quieter colour, so that a title reads as a title."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(LIST_THUMB.width() + 320, LIST_THUMB.height() + 30)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        title, description = str(index.data(Qt.ItemDataRole.DisplayRole)), str(index.data(_DESCRIPTION))
        option.text = ""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(LIST_THUMB.width() + 18, 6, -6, -6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.highlightedText() if selected else option.palette.text()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.setPen(ink.color())
        title_h = QFontMetrics(bold).height()
        shown = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.adjusted(0, 0, 0, -(rect.height() - title_h)), Qt.TextFlag.TextSingleLine, shown)
        painter.setFont(option.font)
        quiet = ink.color() if selected else option.palette.placeholderText().color()
        painter.setPen(quiet)
        painter.drawText(rect.adjusted(0, title_h + 2, 0, 0), int(Qt.TextFlag.TextWordWrap), description)
        painter.restore()


class TemplateGallery(QDialog):
    """Every template with its name and description, and a large preview of the chosen one drawn
    by the same painter as the canvas and the exports."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New chart from a template")
        self.chosen: str | None = None
        intro = QLabel("Start from a preset company. You can change everything afterwards.")
        self.list = QListWidget()
        self.list.setAccessibleName("Templates")
        self.list.setIconSize(LIST_THUMB)
        self.list.setItemDelegate(_TemplateDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for info in list_templates():
            item = QListWidgetItem(QIcon(template_thumbnail(info.name, _size(LIST_THUMB))), info.title)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setData(_DESCRIPTION, info.description)
            item.setToolTip(f"<b>{escape(info.title)}</b> ({escape(info.name)})<br>{escape(info.description)}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{info.title}: {info.description}")
            self.list.addItem(item)
        self.preview = QLabel()
        self.preview.setAccessibleName("Preview")
        self.preview.setMinimumSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #ffffff; border: 1px solid #c8ccd2;")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setMinimumHeight(40)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._current)
        self.list.itemActivated.connect(lambda _i: self._accept())
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.description)
        row = QHBoxLayout()
        self.list.setMinimumWidth(470)
        row.addWidget(self.list, 2)
        row.addLayout(right, 3)
        layout_ = QVBoxLayout(self)
        layout_.addWidget(intro)
        layout_.addLayout(row, 1)
        layout_.addWidget(self.buttons)
        self.list.setCurrentRow(0)
        self.resize(1240, 640)

    def _current(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        info = next(t for t in list_templates() if t.name == name)
        self.description.setText(f"{info.title}: {info.description}")
        self.preview.setPixmap(template_thumbnail(name, _size(PREVIEW)))

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()


def _size(size: QSize) -> tuple[int, int]:
    return size.width(), size.height()


__all__ = ["TemplateGallery", "template_thumbnail"]
