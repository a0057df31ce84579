"""The ML project trace drawn over the chart (View > Trace ML Project), readable on its own:

- each step is a numbered dark circle above its owner's card (never on the card's text);
- each hand-off is an arc drawn beneath the cards, so it never hides a name; its distance is a
  white pill ("+3 lines") right beside the marker of the step it arrives at: a different shape
  and words, not a second red number;
- markers and pills sit above the cards, side by side, never on a card or on each other;
- a legend below the chart names every step, its owner and its distance.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from orgdesigner.layout.palette import LEGEND_INK, LEGEND_LINK, PAGE, TRACE, TRACE_PILL_INK, TRACE_STEP

MARKER_R = 10.0


@dataclass(frozen=True)
class TraceStop:
    """One step of the ML project on the chart: its number and name, its owner's name, the
    owner's card, and the reporting lines from the previous step (None for the first)."""

    step: int
    name: str
    owner: str
    card: QRectF
    distance: int | None


def _font(size: float, bold: bool = True) -> QFont:
    font = QFont()
    font.setPixelSize(round(size))
    font.setBold(bold)
    return font


def pill_text(distance: int) -> str:
    """A hop's label: how many reporting lines it crosses, in words."""
    return f"+{distance} line{'s' * (distance != 1)}"


class _Arcs(QGraphicsItem):
    """The hand-off arcs, drawn beneath the cards."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[QPainterPath] = []
        self._rect = QRectF()
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_paths(self, paths: list[QPainterPath]) -> None:
        self.prepareGeometryChange()
        self.paths = paths
        rect = QRectF()
        for p in paths:
            rect = rect.united(p.boundingRect().adjusted(-12, -12, 12, 12))
        self._rect = rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(TRACE), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in self.paths:
            painter.drawPath(path)
            tip, back = path.pointAtPercent(1.0), path.pointAtPercent(0.95)
            d = tip - back
            length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-6)
            ux, uy = d.x() / length, d.y() / length
            arrow = QPainterPath(tip)
            arrow.lineTo(tip.x() - 10 * ux - 6 * uy, tip.y() - 10 * uy + 6 * ux)
            arrow.moveTo(tip)
            arrow.lineTo(tip.x() - 10 * ux + 6 * uy, tip.y() - 10 * uy - 6 * ux)
            painter.drawPath(arrow)


class TraceOverlay(QGraphicsItem):
    """The step markers, the distance pills and the legend, drawn above the cards; the arcs
    live in a companion item beneath them. :meth:`attach` adds both to a scene."""

    def __init__(self) -> None:
        super().__init__()
        self.arcs = _Arcs()
        self.stops: list[TraceStop] = []
        self.markers: list[tuple[QPointF, int]] = []
        self.pills: list[tuple[QRectF, str]] = []
        self.legend = QRectF()
        self._legend_lines: list[tuple[int, str]] = []
        self._rect = QRectF()
        self.setZValue(60)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def attach(self, scene: QGraphicsScene) -> None:
        """Put the overlay and its arcs in ``scene``."""
        scene.addItem(self.arcs)
        scene.addItem(self)

    def show_trace(self, show: bool) -> None:
        """Show or hide the whole trace."""
        self.setVisible(show)
        self.arcs.setVisible(show)

    def set_trace(self, stops: list[TraceStop], chart: QRectF) -> None:
        """Lay the trace out for these steps on a chart that spans ``chart`` (scene units)."""
        self.prepareGeometryChange()
        self.stops = stops
        self.markers, self.pills = self._place_markers(stops)
        self.arcs.set_paths(self._arcs(stops))
        self._legend_lines = [
            (s.step, f"{s.name}: {s.owner}" + ("" if s.distance is None else f" ({pill_text(s.distance)})"))
            for s in stops
        ]
        metrics = QFontMetricsF(_font(13, bold=False))
        width = max((metrics.horizontalAdvance(t) for _, t in self._legend_lines), default=0) + 48
        height = 30 + 20 * len(self._legend_lines)
        self.legend = QRectF(chart.left() + 20, chart.bottom() + 20, width, height)
        rect = QRectF(self.legend) if stops else QRectF()
        for centre, _ in self.markers:
            rect = rect.united(QRectF(centre.x() - MARKER_R, centre.y() - MARKER_R, 2 * MARKER_R, 2 * MARKER_R))
        for pill, _ in self.pills:
            rect = rect.united(pill)
        self._rect = rect.adjusted(-4, -4, 4, 4)
        self.update()

    def legend_lines(self) -> list[tuple[int, str]]:
        """The legend's rows: each step's number, and its name, owner and distance."""
        return list(self._legend_lines)

    def _place_markers(self, stops: list[TraceStop]) -> tuple[list[tuple[QPointF, int]], list[tuple[QRectF, str]]]:
        """Above each owner's card, left to right: each step's marker with, right beside it, the
        pill of the hand-off that arrives at it (a row further up when a card holds many)."""
        metrics = QFontMetricsF(_font(12))
        markers: list[tuple[QPointF, int]] = []
        pills: list[tuple[QRectF, str]] = []
        cursor: dict[tuple[float, float], tuple[float, float]] = {}
        for s in stops:
            key = (s.card.x(), s.card.y())
            x, y = cursor.get(key, (s.card.left() + 2, s.card.top() - MARKER_R - 3))
            text = None if s.distance is None else pill_text(s.distance)
            pill_w = metrics.horizontalAdvance(text) + 14 if text else 0.0
            width = 2 * MARKER_R + (pill_w + 3 if text else 0)
            if x + width > s.card.right() + 8 and x > s.card.left() + 2:
                x, y = s.card.left() + 2, y - 2 * MARKER_R - 6
            markers.append((QPointF(x + MARKER_R, y), s.step))
            if text is not None:
                h = metrics.height() + 6
                pills.append((QRectF(x + 2 * MARKER_R + 3, y - h / 2, pill_w, h), text))
            cursor[key] = (x + width + 6, y)
        return markers, pills

    def _arcs(self, stops: list[TraceStop]) -> list[QPainterPath]:
        paths: list[QPainterPath] = []
        for k, (a, b) in enumerate(pairwise(stops)):
            start = QPointF(a.card.center().x() + 14, a.card.top())
            end = QPointF(b.card.center().x() - 14, b.card.top())
            if a.card == b.card:
                start, end = QPointF(a.card.right(), a.card.center().y()), QPointF(a.card.right(), a.card.bottom())
            lift = 40 + 16 * (k % 3) + 0.1 * abs(end.x() - start.x())
            control = QPointF((start.x() + end.x()) / 2, min(start.y(), end.y()) - lift)
            path = QPainterPath(start)
            path.quadTo(control, end)
            paths.append(path)
        return paths

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(_font(12))
        for rect, text in self.pills:
            painter.setPen(QPen(QColor(TRACE), 1.5))
            painter.setBrush(QColor(PAGE))
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setPen(QColor(TRACE_PILL_INK))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        for centre, step in self.markers:
            self._marker(painter, centre, MARKER_R, step, 12)
        if not self._legend_lines:
            return
        painter.setPen(QPen(QColor(LEGEND_LINK), 1))
        painter.setBrush(QColor(PAGE))
        painter.drawRoundedRect(self.legend, 6, 6)
        painter.setPen(QColor(LEGEND_INK))
        painter.setFont(_font(13))
        painter.drawText(QPointF(self.legend.left() + 10, self.legend.top() + 20), "ML project, step by step")
        for k, (step, line) in enumerate(self._legend_lines):
            y = self.legend.top() + 42 + 20 * k
            self._marker(painter, QPointF(self.legend.left() + 20, y - 4), 8, step, 11)
            painter.setPen(QColor(LEGEND_INK))
            painter.setFont(_font(13, bold=False))
            painter.drawText(QPointF(self.legend.left() + 36, y), line)

    @staticmethod
    def _marker(painter: QPainter, centre: QPointF, r: float, step: int, size: int) -> None:
        painter.setPen(QPen(QColor(PAGE), 2))
        painter.setBrush(QColor(TRACE_STEP))
        painter.drawEllipse(centre, r, r)
        painter.setPen(QColor(PAGE))
        painter.setFont(_font(size))
        painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, str(step))
