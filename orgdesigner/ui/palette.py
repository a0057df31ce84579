"""The palette dock: one entry per discipline (a new team) and per structure (a new unit), to drag
onto a card, or to add under the selected card with Enter or a double-click."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as esc

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from orgdesigner.model import Structure, load_catalogue
from orgdesigner.ui.icons import discipline_icon, structure_icon

PALETTE_MIME = "application/x-orgdesigner-palette"
_ROLE = Qt.ItemDataRole.UserRole

# The unit entries a manager reaches for, in this order.
PALETTE_STRUCTURES = (
    Structure.PLATFORM,
    Structure.DATA_AI,
    Structure.PRODUCT,
    Structure.CROSS_FUNCTIONAL,
    Structure.OTHER,
)


def encode_entry(kind: str, value: str) -> bytes:
    """The drag payload of a palette entry: ``team:mlops`` or ``unit:platform``."""
    return f"{kind}:{value}".encode()


def decode_entry(data: bytes) -> tuple[str, str] | None:
    """The (kind, value) of a payload, or None when it is not a valid palette entry."""
    try:
        kind, value = data.decode("ascii").split(":", 1)
    except (UnicodeDecodeError, ValueError):
        return None
    cat = load_catalogue()
    if kind == "team" and value in {d.id.value for d in cat.disciplines}:
        return kind, value
    if kind == "unit" and value in {s.value for s in Structure}:
        return kind, value
    return None


class PaletteWidget(QTreeWidget):
    """The list of things that can be added to the chart, grouped into teams and units."""

    entry_activated = Signal(str, str)  # kind ("team"/"unit"), discipline or structure id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Palette")
        self.setAccessibleDescription("Drag a discipline or a unit onto a card of the chart to add it there")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        cat = load_catalogue()
        teams = QTreeWidgetItem(self, ["Teams"])
        teams.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for d in cat.disciplines:
            item = QTreeWidgetItem(teams, [d.name])
            item.setIcon(0, discipline_icon(d.id.value))
            item.setData(0, _ROLE, ("team", d.id.value))
            titles = "".join(f"<li>{esc(cat.responsibility(r).title)}</li>" for r in d.responsibilities)
            item.setToolTip(
                0,
                f"<b>{esc(d.name)}</b><br>{esc(d.summary)}<br><i>Key activities:</i><ul>{titles}</ul>"
                f"<i>Tools:</i> {esc(', '.join(d.tools))}",
            )
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{d.name} team")
        units = QTreeWidgetItem(self, ["Units"])
        units.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for s in PALETTE_STRUCTURES:
            info = cat.structure(s)
            item = QTreeWidgetItem(units, [info.name])
            item.setIcon(0, structure_icon(s.value))
            item.setData(0, _ROLE, ("unit", s.value))
            item.setToolTip(0, f"<b>{esc(info.name)}</b> (unit)<br>{esc(info.description)}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{info.name} unit")
        self.expandAll()
        self.itemActivated.connect(self._activated)

    def _entry_items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            if group is None:
                continue
            for j in range(group.childCount()):
                child = group.child(j)
                if child is not None:
                    out.append(child)
        return out

    def entries(self) -> list[tuple[str, str]]:
        """Every (kind, value) entry, in display order."""
        return [item.data(0, _ROLE) for item in self._entry_items()]

    def item_for(self, kind: str, value: str) -> QTreeWidgetItem | None:
        """The entry's item (for tests and keyboard users)."""
        return next((it for it in self._entry_items() if it.data(0, _ROLE) == (kind, value)), None)

    def mimeTypes(self) -> list[str]:
        return [PALETTE_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        entry = items[0].data(0, _ROLE) if items else None
        if entry:
            mime.setData(PALETTE_MIME, QByteArray(encode_entry(*entry)))
            mime.setText(f"{entry[0]}:{entry[1]}")
        return mime

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry = item.data(0, _ROLE)
        if entry:
            self.entry_activated.emit(*entry)
