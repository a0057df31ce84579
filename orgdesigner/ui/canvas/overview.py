"""The overview (mini-map): the whole chart small, with the main view's window drawn on it;
click or drag on it to move the main view.

The picture is drawn once per layout from the placement's rectangles (cards as coloured
boxes, no text) and kept as a pixmap, so scrolling or zooming the main view costs the overview
one pixmap blit and a rectangle, whatever the size of the chart.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from orgdesigner.layout import category_styles
from orgdesigner.layout.palette import ACCENT, ACCENT_WASH, OVERVIEW_DESK, card_paint
from orgdesigner.ui.canvas.view import OrgView


class OverviewView(QWidget):
    """A small picture of the whole chart tied to ``main``."""

    def __init__(self, main: OrgView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.setAccessibleName("Overview")
        self.setAccessibleDescription("The whole chart; click to move the main view there")
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._pixmap: QPixmap | None = None
        self._scale = 1.0
        self._origin = QPointF()
        self.window_drawn = QRectF()
        """Where the main view's window was last drawn (widget coordinates)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.redraw)
        main.horizontalScrollBar().valueChanged.connect(self.update)
        main.verticalScrollBar().valueChanged.connect(self.update)
        main.zoom_changed.connect(lambda _z: self.update())
        main.org_scene.relaid.connect(self._timer.start)
        self.redraw()

    def sizeHint(self) -> QSize:
        return QSize(200, 160)

    def redraw(self) -> None:
        """Draw the chart's picture again (after a layout, or a resize)."""
        placement = self.main.org_scene.placement
        w, h = max(self.width(), 10), max(self.height(), 10)
        pix = QPixmap(w, h)
        pix.fill(QColor(OVERVIEW_DESK))
        if placement is not None and len(placement):
            b = placement.bounds
            scale = min((w - 8) / max(b.width, 1.0), (h - 8) / max(b.height, 1.0))
            self._scale = scale
            self._origin = QPointF(b.x - (w / scale - b.width) / 2, b.y - (h / scale - b.height) / 2)
            painter = QPainter(pix)
            painter.scale(scale, scale)
            painter.translate(-self._origin)
            painter.setPen(Qt.PenStyle.NoPen)
            fills = [QColor(card_paint(s.color).fill) for s in category_styles()]
            category = placement.arrays.category
            xs, ys, hs, cw = placement.xs, placement.ys, placement.heights, placement.card_width
            for i in placement.order:
                painter.fillRect(QRectF(xs[i], ys[i], cw, hs[i]), fills[category[i]])
            painter.end()
        self._pixmap = pix
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._pixmap is not None:
            painter.drawPixmap(0, 0, self._pixmap)
        visible = self.main.mapToScene(self.main.viewport().rect()).boundingRect()
        top_left = self._to_widget(visible.topLeft())
        bottom_right = self._to_widget(visible.bottomRight())
        # Kept inside the panel: zoomed in past the chart's edge, the window would be drawn
        # beyond the overview's own border.
        frame = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        window = QRectF(top_left, bottom_right).intersected(frame)
        if window.isEmpty():
            return
        painter.setPen(QPen(QColor(ACCENT), 1.5))
        painter.setBrush(QColor(ACCENT_WASH))
        painter.drawRect(window)
        self.window_drawn = window

    def _to_widget(self, p: QPointF) -> QPointF:
        return (p - self._origin) * self._scale

    def _to_scene(self, p: QPointF) -> QPointF:
        return p / self._scale + self._origin

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.main.centerOn(self._to_scene(event.position()))
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.mousePressEvent(event)
