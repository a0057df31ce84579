"""What the canvas draws besides cards: the legend, dotted-line arrows and the drop indicator (the
zoomed-out layer is in ``low_detail.py``, the ML project trace in ``trace.py``)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.export.raster import paint_legend
from orgdesigner.layout import Legend, Point
from orgdesigner.layout.palette import (
    ACCENT,
    REFUSED,
)


def link_path(points: Sequence[Point]) -> QPainterPath:
    """A polyline with an open arrowhead at its end."""
    path = QPainterPath()
    if len(points) < 2:
        return path
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    for da in (math.radians(150), math.radians(-150)):
        path.moveTo(x2, y2)
        path.lineTo(x2 + 9 * math.cos(angle + da), y2 + 9 * math.sin(angle + da))
    return path


LINK_HIT_DISTANCE = 4.0
"""How near (chart units) the pointer must come to a dotted line for its tooltip."""
LINKS_PER_PATH = 64


class LinkLayer(QGraphicsItem):
    """Every dotted line, drawn as a few paths of many lines each, in one item.

    One item per line put each long line into every cell of the scene's index that it
    crosses, and Qt found each line's bounds by stroking it, dashes and all: 50,000 lines took
    3.5 GB and 200,000 ran out of memory. The layer is never hit by the pointer itself (its
    shape is empty); :meth:`link_at` finds the line under a point for the scene's tooltips.
    """

    def __init__(self, pen: QPen) -> None:
        super().__init__()
        self._pen = pen
        self._chunks: list[tuple[QPainterPath, QRectF]] = []
        self._lines: list[tuple[tuple[Point, ...], float, float, float, float]] = []
        self._rect = QRectF()
        self._highlight: list[QPainterPath] = []
        self.highlighted: tuple[int, ...] = ()
        # Beneath the cards (z 0): a dotted line never strikes through a card's text.
        self.setZValue(-0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_highlight(self, indices: Sequence[int]) -> None:
        """Draw these lines (the selected cards' own) in the accent colour, over the others."""
        shown = tuple(k for k in indices if 0 <= k < len(self._lines))
        if shown == self.highlighted:
            return
        self.highlighted = shown
        self._highlight = [link_path(self._lines[k][0]) for k in shown]
        self.update()

    def set_lines(self, lines: Sequence[Sequence[Point]]) -> None:
        """The lines' points, in the placement's order (``link_at`` answers with an index)."""
        self.prepareGeometryChange()
        self._chunks, self._lines = [], []
        self._highlight, self.highlighted = [], ()
        rect = QRectF()
        for start in range(0, len(lines), LINKS_PER_PATH):
            path = QPainterPath()
            for points in lines[start : start + LINKS_PER_PATH]:
                path.addPath(link_path(points))
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                self._lines.append((tuple(points), min(xs), min(ys), max(xs), max(ys)))
            bounds = path.controlPointRect().adjusted(-2, -2, 2, 2)
            self._chunks.append((path, bounds))
            rect = rect.united(bounds)
        self._rect = rect
        self.update()

    @property
    def lines(self) -> list[tuple[Point, ...]]:
        """The lines drawn, in the placement's order."""
        return [line[0] for line in self._lines]

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path, bounds in self._chunks:
            if bounds.intersects(exposed):
                painter.drawPath(path)
        if self._highlight:
            pen = QPen(self._pen)
            pen.setColor(QColor(ACCENT))
            pen.setWidthF(self._pen.widthF() * 2)
            painter.setPen(pen)
            for path in self._highlight:
                painter.drawPath(path)

    def link_at(self, x: float, y: float, within: float = LINK_HIT_DISTANCE) -> int | None:
        """The index of the line passing nearest the point, within ``within``; None if none."""
        best, best_d = None, within * within
        for k, (points, x0, y0, x1, y1) in enumerate(self._lines):
            if x0 - within <= x <= x1 + within and y0 - within <= y <= y1 + within:
                for a, b in itertools.pairwise(points):
                    d = _distance_squared(x, y, a, b)
                    if d <= best_d:
                        best, best_d = k, d
        return best


def _distance_squared(x: float, y: float, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / length))
    px, py = a[0] + t * dx - x, a[1] + t * dy - y
    return px * px + py * py


class LegendItem(QGraphicsItem):
    """The legend of the disciplines present (and the dotted line), as in the export."""

    def __init__(self, legend: Legend) -> None:
        super().__init__()
        self.legend = legend
        self.entries = legend.entries
        h = legend.heading
        rect = QRectF(h.x, h.y - 18, 10 * len(h.text), 24)
        for e in self.entries:
            rect = rect.united(QRectF(e.swatch.x, e.swatch.y, e.swatch.width, e.swatch.height))
            rect = rect.united(QRectF(e.text.x, e.text.y - 14, 8 * len(e.text.text) + 10, 18))
        self._rect = rect.adjusted(-4, -4, 4, 4)
        self.setZValue(-2)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        # The exports' own painter: the canvas legend is the exported one, swatch for swatch.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_legend(painter, self.legend)


class DropIndicator:
    """Where a drag will land: the target card outlined (blue to accept, dashed red to refuse)
    and a bar in the gap among its children.

    The view paints it in its foreground, not as a scene item, so hovering never touches the
    scene's index: a frame repaints two small rectangles whatever the size of the chart.
    """

    def __init__(self) -> None:
        self._line: tuple[QPointF, QPointF] | None = None
        self._card = QRectF()
        self._refused = False
        self._visible = False

    def set_target(self, card: QRectF, gap: tuple[QPointF, QPointF] | None, refused: bool) -> QRectF:
        """Show a target; return the scene rectangle to repaint (old and new)."""
        before = self.scene_rect()
        self._card, self._line, self._refused, self._visible = card, None if refused else gap, refused, True
        return before.united(self.scene_rect())

    def hide(self) -> QRectF:
        """Hide it; return the scene rectangle to repaint."""
        before = self.scene_rect()
        self._visible = False
        return before

    def isVisible(self) -> bool:
        """True while a drag hovers a card."""
        return self._visible

    @property
    def refusing(self) -> bool:
        """True while it shows a refused drop."""
        return self._visible and self._refused

    @property
    def gap_shown(self) -> bool:
        """True while it shows where an accepted drop will land."""
        return self._visible and self._line is not None

    def scene_rect(self) -> QRectF:
        """What it covers, in scene coordinates (empty when hidden)."""
        if not self._visible:
            return QRectF()
        rect = QRectF(self._card)
        if self._line is not None:
            rect = rect.united(QRectF(*self._line).normalized())
        return rect.adjusted(-8, -8, 8, 8)

    def paint(self, painter: QPainter) -> None:
        """Paint in scene coordinates."""
        if not self._visible:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._refused:
            painter.setPen(QPen(QColor(REFUSED), 3, Qt.PenStyle.DashLine))
        else:
            painter.setPen(QPen(QColor(ACCENT), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self._card, 5, 5)
        if self._line is not None:
            a, b = self._line
            painter.setPen(QPen(QColor(ACCENT), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(a, b)
            painter.setBrush(QColor(ACCENT))
            painter.drawEllipse(a, 4, 4)
            painter.drawEllipse(b, 4, 4)
