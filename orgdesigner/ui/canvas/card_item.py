"""A card on the canvas: one node of the placement, painted from its face by the painter the
PNG and PDF exports use."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.export.raster import paint_face, paint_name_large
from orgdesigner.layout import NodeBox
from orgdesigner.layout.palette import ACCENT, HIGHLIGHT, TOGGLE_FILL, TOGGLE_MARK
from orgdesigner.ui.plain_text import plain_tooltip

CARD_TYPE = 65536 + 1  # QGraphicsItem.UserType + 1
TOGGLE_RADIUS = 7.0
BADGE_RADIUS = 9.0
FULL_FACE = 0.5
"""From this zoom up a card shows its whole face: at 50% its 10-pixel lines are 5 pixels high."""
NAME_ONLY = 0.2
"""From this zoom up to :data:`FULL_FACE` a card shows only its name, in a font large enough to
read (:data:`NAME_PIXELS` on screen): a 14-card chart fitted to a window reads at any size."""
NAME_PIXELS = 8.0
"""How tall a card's name is on screen, at least, when only the name is shown."""


class CardItem(QGraphicsItem):
    """A unit or team card: a :class:`NodeBox` (where the card goes, and its face); the scene
    gives it a new box after every layout that changes it. Hover, selection, highlight and drop
    states change only how it is painted."""

    def __init__(self, box: NodeBox) -> None:
        super().__init__()
        self.box = box
        self._bounds = self._compute_bounds()
        self.highlighted = False
        self.on_path = False
        self.drop_state: str | None = None  # "accept"/"refuse" while a drag hovers it (the view outlines it)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPos(box.x, box.y)
        self.setToolTip(self._tooltip())

    # Qt's item interface -------------------------------------------------------------------

    def type(self) -> int:
        return int(CARD_TYPE)

    @property
    def has_children(self) -> bool:
        """The node has children: the card has a collapse toggle."""
        return self.box.face.expandable

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _compute_bounds(self) -> QRectF:
        m = BADGE_RADIUS + 2
        return QRectF(-4, -m, self.box.w + 8 + m, self.box.h + 8 + m + TOGGLE_RADIUS)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.box.w, self.box.h + (TOGGLE_RADIUS if self.has_children else 0)))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        face = self.box.face
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.2)
        outline = self._outline_pen()
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
            self._paint_toggle(painter)

    # Painting helpers ----------------------------------------------------------------------

    def _outline_pen(self) -> QPen | None:
        """The border that marks the card (selected, found, on a found card's path), if any; a
        selected card's is thick enough to see on a dark unit card too."""
        if self.isSelected():
            return QPen(QColor(ACCENT), 4)
        if self.highlighted:
            return QPen(QColor(HIGHLIGHT), 3)
        if self.on_path:
            return QPen(QColor(HIGHLIGHT), 2, Qt.PenStyle.DashLine)
        return None

    def _paint_toggle(self, painter: QPainter) -> None:
        center = self.toggle_center()
        painter.setPen(QPen(QColor(self.box.face.paint.border), 1.2))
        painter.setBrush(QColor(TOGGLE_FILL))
        painter.drawEllipse(center, TOGGLE_RADIUS, TOGGLE_RADIUS)
        painter.setPen(QPen(QColor(TOGGLE_MARK), 1.6))
        painter.drawLine(QPointF(center.x() - 3.5, center.y()), QPointF(center.x() + 3.5, center.y()))
        if self.box.face.hidden is not None:
            painter.drawLine(QPointF(center.x(), center.y() - 3.5), QPointF(center.x(), center.y() + 3.5))

    # State ---------------------------------------------------------------------------------

    def toggle_center(self) -> QPointF:
        """Where the collapse/expand toggle sits (card coordinates)."""
        return QPointF(self.box.w / 2, self.box.h)

    def hits_toggle(self, item_pos: QPointF) -> bool:
        """True when a point (card coordinates) falls on the collapse toggle."""
        if not self.has_children:
            return False
        d = item_pos - self.toggle_center()
        return d.x() * d.x() + d.y() * d.y() <= (TOGGLE_RADIUS + 2) ** 2

    def set_box(self, box: NodeBox) -> None:
        """Follow a new layout of this node."""
        if box.face != self.box.face:
            if (box.w, box.h, box.face.expandable) != (self.box.w, self.box.h, self.has_children):
                self.prepareGeometryChange()
            self.box = box
            self._bounds = self._compute_bounds()
            self.setToolTip(self._tooltip())
            self.update()
        else:
            self.box = box
        if self.pos() != QPointF(box.x, box.y):
            self.setPos(box.x, box.y)

    def set_marks(self, highlighted: bool, on_path: bool) -> None:
        """Search highlight and path-to-root marks."""
        if (highlighted, on_path) != (self.highlighted, self.on_path):
            self.highlighted, self.on_path = highlighted, on_path
            self.update()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)

    def _tooltip(self) -> str:
        return plain_tooltip(self.box.face.tooltip())
