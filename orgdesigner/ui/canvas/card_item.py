"""One card of the canvas: how it is painted (from its face, by the painter the PNG and PDF exports
use) and :class:`Card`, the handle the canvas's gestures, panels and tests hold for it.

The scene draws every card itself, from the placement (``layers.py``); a :class:`Card` is made
only when something asks for one card (the card under the pointer, a drop target, a search hit),
so a chart of any size costs the scene nothing per card.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.export.raster import paint_face, paint_name_large
from orgdesigner.layout import CardFace, NodeBox
from orgdesigner.layout.palette import ACCENT, HIGHLIGHT, TOGGLE_FILL, TOGGLE_MARK
from orgdesigner.ui.canvas.marks import SceneMarks
from orgdesigner.ui.plain_text import plain_tooltip

TOGGLE_RADIUS = 7.0
BADGE_RADIUS = 9.0
FULL_FACE = 0.5
"""From this zoom up a card shows its whole face: at 50% its 10-pixel lines are 5 pixels high."""
NAME_ONLY = 0.2
"""From this zoom up to :data:`FULL_FACE` a card shows only its name, in a font large enough to
read (:data:`NAME_PIXELS` on screen): a 14-card chart fitted to a window reads at any size."""
NAME_PIXELS = 8.0
"""How tall a card's name is on screen, at least, when only the name is shown."""
REACH = BADGE_RADIUS + 2
"""How far a card's marks reach beyond its rectangle (badge, stack, toggle, outline)."""


def card_bounds(box: NodeBox) -> QRectF:
    """What a card may paint, relative to its corner."""
    return QRectF(-4, -REACH, box.w + 8 + REACH, box.h + 8 + REACH + TOGGLE_RADIUS)


def outline_pen(selected: bool, highlighted: bool, on_path: bool) -> QPen | None:
    """The border that marks a card (selected, found, on a found card's path), if any; a
    selected card's is thick enough to see on a dark unit card too."""
    if selected:
        return QPen(QColor(ACCENT), 4)
    if highlighted:
        return QPen(QColor(HIGHLIGHT), 3)
    if on_path:
        return QPen(QColor(HIGHLIGHT), 2, Qt.PenStyle.DashLine)
    return None


def paint_card(painter: QPainter, face: CardFace, lod: float, outline: QPen | None) -> None:
    """One card with its corner at the painter's origin, as the zoom (``lod``) lets it read:
    below :data:`NAME_ONLY` a plain box, below :data:`FULL_FACE` the name alone, large; then the
    whole face. A card with children gets its collapse toggle."""
    if lod < NAME_ONLY:
        painter.setPen(outline or QPen(QColor(face.paint.border), face.frame.border_width))
        painter.setBrush(QBrush(QColor(face.paint.fill)))
        painter.drawRect(QRectF(0, 0, face.width, face.height))
        return
    full = lod >= FULL_FACE
    paint_face(painter, face, outline, text=full)
    if not full:
        paint_name_large(painter, face, NAME_PIXELS / lod)
    if face.expandable:
        paint_toggle(painter, face)


def paint_toggle(painter: QPainter, face: CardFace) -> None:
    """The collapse (−) or expand (+) toggle under a card."""
    center = QPointF(face.width / 2, face.height)
    painter.setPen(QPen(QColor(face.paint.border), 1.2))
    painter.setBrush(QColor(TOGGLE_FILL))
    painter.drawEllipse(center, TOGGLE_RADIUS, TOGGLE_RADIUS)
    painter.setPen(QPen(QColor(TOGGLE_MARK), 1.6))
    painter.drawLine(QPointF(center.x() - 3.5, center.y()), QPointF(center.x() + 3.5, center.y()))
    if face.hidden is not None:
        painter.drawLine(QPointF(center.x(), center.y() - 3.5), QPointF(center.x(), center.y() + 3.5))


class Card(QGraphicsItem):
    """A unit or team card as the rest of the window asks for it: where it is and what it
    shows (its :class:`NodeBox`), and its marks (selected, found, on a found card's path, under
    a drag). It stands where the card is but is not in the scene: the scene paints the cards,
    and keeps their marks; this handle reads and sets them."""

    def __init__(self, scene: SceneMarks, box: NodeBox) -> None:
        super().__init__()
        self._scene = scene
        self.box = box
        self._bounds = card_bounds(box)
        self.setPos(box.x, box.y)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.box.w, self.box.h + (TOGGLE_RADIUS if self.has_children else 0)))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        return None  # the scene's card layer paints the card

    @property
    def has_children(self) -> bool:
        """The node has children: the card has a collapse toggle."""
        return self.box.face.expandable

    def toggle_center(self) -> QPointF:
        """Where the collapse/expand toggle sits (card coordinates)."""
        return QPointF(self.box.w / 2, self.box.h)

    def hits_toggle(self, item_pos: QPointF) -> bool:
        """True when a point (card coordinates) falls on the collapse toggle."""
        if not self.has_children:
            return False
        d = item_pos - self.toggle_center()
        return d.x() * d.x() + d.y() * d.y() <= (TOGGLE_RADIUS + 2) ** 2

    def isSelected(self) -> bool:
        """True while the card is selected in the scene."""
        return self._scene.is_selected(self.box.id)

    @property
    def highlighted(self) -> bool:
        """Found by the search."""
        return self.box.id in self._scene.found

    @property
    def on_path(self) -> bool:
        """On the path from the current search match to the top."""
        return self.box.id in self._scene.found_path

    @property
    def drop_state(self) -> str | None:
        """``accept`` or ``refuse`` while a drag hovers the card (the view outlines it)."""
        return self._scene.drop_states.get(self.box.id)

    @drop_state.setter
    def drop_state(self, state: str | None) -> None:
        if state is None:
            self._scene.drop_states.pop(self.box.id, None)
        else:
            self._scene.drop_states[self.box.id] = state

    def set_marks(self, highlighted: bool, on_path: bool) -> None:
        """Search highlight and path-to-root marks of this card."""
        self._scene.mark(self.box.id, highlighted, on_path)

    def toolTip(self) -> str:
        """The card in words, as plain text."""
        return plain_tooltip(self.box.face.tooltip())
