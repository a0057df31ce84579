"""The findings panel's tree: lines that wrap to its width, and items brought in line with new
rows (:mod:`orgdesigner.ui.findings_rows`) by difference, so an edit that changes one group's
count touches one item, not the 1,800 of a large chart."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from orgdesigner.ui.findings_rows import Row, lazy_rows
from orgdesigner.ui.plain_text import plain_tooltip

NODES = Qt.ItemDataRole.UserRole
KEY = Qt.ItemDataRole.UserRole + 1
LAZY = Qt.ItemDataRole.UserRole + 2
ROW = Qt.ItemDataRole.UserRole + 3


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the width the row really has (its depth's
    indentation taken off): Qt's own size hint measures one unwrapped line."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth = 1
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        tree = self._tree
        width = max(80, tree.viewport().width() - depth * tree.indentation() - 8)
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else option.fontMetrics
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        box = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(width, box.height() + 6)


class FindingsTree(QTreeWidget):
    """A tree whose lines wrap to its width (Qt elides them otherwise), re-wrapped on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(WrappingDelegate(self))
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(True)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(30)
        self._relayout.timeout.connect(self.scheduleDelayedItemsLayout)
        self.itemExpanded.connect(fill_lazy)
        self.changed_items = 0
        """How many items the last :func:`sync_rows` calls made, changed or removed (tests, benchmarks)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout.start()


def bold(item: QTreeWidgetItem, on: bool = True) -> None:
    """Make an item's text bold (or not)."""
    font = QFont(item.font(0))
    if font.bold() != on:
        font.setBold(on)
        item.setFont(0, font)


def _show(item: QTreeWidgetItem, row: Row) -> None:
    """Give an item everything ``row`` says, its children apart."""
    if item.text(0) != row.text or not item.toolTip(0):
        item.setText(0, row.text)
        item.setToolTip(0, plain_tooltip(row.text))
    item.setData(0, NODES, row.nodes)  # a tuple is kept as it is; a list would be copied into Qt
    item.setData(0, ROW, row)
    if row.color:
        item.setForeground(0, QBrush(QColor(row.color)))
    if row.bold or item.font(0).bold():
        bold(item, row.bold)


def _make(parent: QTreeWidgetItem, row: Row, at: int) -> QTreeWidgetItem:
    item = QTreeWidgetItem([row.text])
    parent.insertChild(at, item)
    _show(item, row)
    if row.lazy:
        item.setData(0, LAZY, row.lazy)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
    elif row.rows:
        sync_rows(item, row.rows)
    return item


def sync_rows(parent: QTreeWidgetItem, rows: tuple[Row, ...] | list[Row]) -> int:
    """Bring ``parent``'s children in line with ``rows``: children showing the same row as
    before (the same key, or text) are kept, and updated in place if their text or what they
    name changed; the ones between the common start and end are replaced. Returns how many
    items were made, changed or removed."""
    count = parent.childCount()
    old = [_key(_child(parent, k)) for k in range(count)]
    new = [row.key or row.text for row in rows]
    start = 0
    while start < count and start < len(rows) and old[start] == new[start]:
        start += 1
    end = 0
    while end < count - start and end < len(rows) - start and old[count - 1 - end] == new[len(rows) - 1 - end]:
        end += 1
    touched = 0
    for k in range(count - end - 1, start - 1, -1):
        parent.takeChild(k)
        touched += 1
    for k, row in enumerate(rows[start : len(rows) - end]):
        _make(parent, row, start + k)
        touched += 1
    for k in (*range(start), *range(len(rows) - end, len(rows))):
        row, item = rows[k], _child(parent, k)
        if item.data(0, ROW) != row:
            touched += _update(item, row)
    return touched


def _child(parent: QTreeWidgetItem, k: int) -> QTreeWidgetItem:
    item = parent.child(k)
    assert item is not None
    return item


def _key(item: QTreeWidgetItem) -> str | None:
    """What the row an item shows is matched by (None for a line made otherwise)."""
    row = item.data(0, ROW)
    return (row.key or row.text) if isinstance(row, Row) else None


def _update(item: QTreeWidgetItem, row: Row) -> int:
    """A kept item whose row changed (what it names, its findings, its rows)."""
    was: Row = item.data(0, ROW)
    _show(item, row)
    touched = 1
    if row.lazy != was.lazy:
        item.takeChildren()
        item.setData(0, LAZY, row.lazy or None)
        item.setChildIndicatorPolicy(
            QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
            if row.lazy
            else QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
        )
        if item.isExpanded():  # open: its lines are shown now
            fill_lazy(item)
    elif not row.lazy:
        touched += sync_rows(item, row.rows)
    return touched


def fill_lazy(item: QTreeWidgetItem) -> None:
    """Make an opened group's lines (a group of 1,450 findings gets them when first opened)."""
    findings = item.data(0, LAZY)
    if not findings:
        return
    item.setData(0, LAZY, None)
    for k, row in enumerate(lazy_rows(findings)):
        _make(item, row, k)
