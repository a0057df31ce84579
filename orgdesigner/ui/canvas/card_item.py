"""A card on the canvas: one node of the placement, drawn as the SVG export draws it."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.layout.geometry import TEXT_STYLES, NodeBox
from orgdesigner.ui.canvas.palette_colors import SEVERITY_COLORS, CardColors, card_colors
from orgdesigner.ui.plain_text import plain_tooltip

CARD_TYPE = 65536 + 1  # QGraphicsItem.UserType + 1
TOGGLE_RADIUS = 7.0
BADGE_RADIUS = 9.0
LOD_TEXT = 0.45  # below this zoom text is unreadable: draw plain cards


@cache
def role_font(role: str) -> QFont:
    """The font of a text role, sized in chart units like the SVG."""
    size, bold = TEXT_STYLES[role]  # type: ignore[index]
    font = QFont(["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"])
    font.setPixelSize(size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


class CardItem(QGraphicsItem):
    """A unit or team card. Its geometry and text come from a :class:`NodeBox`; the scene
    gives it a new box after every layout. Hover, selection, highlight and drop states
    change only how it is painted."""

    def __init__(self, box: NodeBox, has_children: bool) -> None:
        super().__init__()
        self.box = box
        self.has_children = has_children
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
        box = self.box
        colors = card_colors(box.kind, box.color)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rect = QRectF(0, 0, box.w, box.h)
        selected = self.isSelected()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.2)
        painter.setPen(self._outline_pen(colors, selected))
        painter.setBrush(QBrush(QColor(colors.fill)))
        if lod < 0.2:
            painter.drawRect(rect)
            return
        if box.collapsed is not None:
            painter.drawRoundedRect(rect.translated(4, 4), 5, 5)
        painter.drawRoundedRect(rect, 5, 5)
        if lod >= LOD_TEXT:
            self._paint_text(painter, colors)
        if self.has_children:
            self._paint_toggle(painter, colors)
        if box.badge is not None and box.badge.total:
            self._paint_badge(painter)

    # Painting helpers ----------------------------------------------------------------------

    def _outline_pen(self, colors: CardColors, selected: bool) -> QPen:
        if selected:
            return QPen(QColor("#1f6feb"), 2.5)
        if self.highlighted:
            return QPen(QColor("#e3a008"), 3)
        if self.on_path:
            return QPen(QColor("#e3a008"), 2, Qt.PenStyle.DashLine)
        return QPen(QColor(colors.border), 2.5 if self.box.collapsed is not None else 1.5)

    def _paint_text(self, painter: QPainter, colors: CardColors) -> None:
        current_role = None
        painter.setPen(QColor(colors.text))
        for line in self.box.lines:
            if line.role != current_role:
                current_role = line.role
                painter.setFont(role_font(line.role))
            painter.drawText(QPointF(line.x, line.y), line.text)

    def _paint_toggle(self, painter: QPainter, colors: CardColors) -> None:
        center = self.toggle_center()
        painter.setPen(QPen(QColor(colors.border), 1.2))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(center, TOGGLE_RADIUS, TOGGLE_RADIUS)
        painter.setPen(QPen(QColor("#333333"), 1.6))
        painter.drawLine(QPointF(center.x() - 3.5, center.y()), QPointF(center.x() + 3.5, center.y()))
        if self.box.collapsed is not None:
            painter.drawLine(QPointF(center.x(), center.y() - 3.5), QPointF(center.x(), center.y() + 3.5))

    def _paint_badge(self, painter: QPainter) -> None:
        badge = self.box.badge
        assert badge is not None
        rect = QRectF(self.box.w - 20, -8, 26, 16)  # as the export draws it
        painter.setPen(QPen(QColor("#ffffff"), 1))
        painter.setBrush(QColor(SEVERITY_COLORS[badge.worst]))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setFont(role_font("more"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(min(badge.total, 999)))

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

    def set_box(self, box: NodeBox, has_children: bool) -> None:
        """Follow a new layout of this node."""
        if box != self.box or has_children != self.has_children:
            if (box.w, box.h) != (self.box.w, self.box.h) or has_children != self.has_children:
                self.prepareGeometryChange()
            self.box = box
            self.has_children = has_children
            self._bounds = self._compute_bounds()
            if self.pos() != QPointF(box.x, box.y):
                self.setPos(box.x, box.y)
            self.setToolTip(self._tooltip())
            self.update()

    def move_to(self, x: float, y: float) -> None:
        """Follow a new layout that only moved this card."""
        if (x, y) != (self.box.x, self.box.y):
            self.box = replace(self.box, x=x, y=y)
            self.setPos(x, y)

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
        box = self.box
        lines = [box.name, f"{box.short} · {box.headcount} people" if box.kind == "team" else box.short]
        if box.lead:
            lines.append(f"Lead: {box.lead}")
        if box.collapsed is not None:
            lines.append(f"Collapsed: {box.collapsed.teams} teams, {box.collapsed.headcount} people hidden")
        if box.badge is not None and box.badge.total:
            lines.append(box.badge.describe())
        return plain_tooltip("\n".join(lines))
