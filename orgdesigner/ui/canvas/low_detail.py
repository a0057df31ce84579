"""What the canvas shows zoomed out too far to read a card: every card as a plain coloured box,
and over the boxes the units' names at a readable size wherever the cards below a unit leave
them room, so the shape of the org shows at any zoom.

Drawn from the placement for what is in view, at the detail a pixel holds: a subtree thinner
than a pixel or two is one box, so the whole of a 100,000-team chart costs what its pixels do.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from orgdesigner.export.raster import role_font
from orgdesigner.layout import Placement, category_styles
from orgdesigner.layout.palette import ACCENT, LEGEND_INK, PAGE, card_paint
from orgdesigner.layout.spatial import coarse_boxes
from orgdesigner.ui.canvas.layers import PlacementLayer
from orgdesigner.ui.canvas.marks import SceneMarks

UNIT_LABEL_PIXELS = 12.0
"""How tall a unit's name is on screen when the chart is zoomed out."""
LABEL_REACH_PIXELS = 400.0
"""How far beyond the view a unit's card may stand and its name still reach into it."""


class LowDetailLayer(PlacementLayer):
    """The zoomed-out chart: boxes by colour, units' names over them (see the module)."""

    def __init__(self, scene: SceneMarks) -> None:
        super().__init__(scene)
        self.labels_drawn: list[tuple[str, QRectF]] = []
        self.boxes_drawn: list[tuple[int, bool, QRectF]] = []
        """What the last repaint drew: (card or subtree item, a whole subtree?, rectangle)."""
        self._colors = [(QColor(p.fill), QColor(p.border)) for p in (card_paint(s.color) for s in category_styles())]
        self.setZValue(1)
        self.hide()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pl = self._org_scene.placement
        self.boxes_drawn, self.labels_drawn = [], []
        if pl is None or not pl.order:
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod <= 0:
            return
        view = self._view_rect(painter, widget, option.exposedRect)
        reach = LABEL_REACH_PIXELS / lod
        units = self._paint_boxes(painter, pl, view, 1.5 / lod, reach)
        self._paint_labels(painter, pl, units, lod)

    @staticmethod
    def _view_rect(painter: QPainter, widget: QWidget | None, exposed: QRectF) -> QRectF:
        """The whole view in chart units (labels are chosen for the view, not the part
        repainted, so a partial repaint draws the same names)."""
        if widget is None:
            return exposed
        inverse, ok = painter.worldTransform().inverted()
        return inverse.mapRect(QRectF(widget.rect())) if ok else exposed

    def _paint_boxes(
        self, painter: QPainter, pl: Placement, view: QRectF, smallest: float, reach: float
    ) -> list[tuple[int, QRectF]]:
        """The boxes in view; returns the units found nearby (for their names)."""
        base = len(pl.arrays)
        category, is_team = pl.arrays.category, pl.arrays.is_team
        bounds = pl.subtree_bounds()
        xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
        groups: dict[int, list[QRectF]] = {}
        units: list[tuple[int, QRectF]] = []
        wide = view.adjusted(-reach, -reach, reach, reach)
        for i, whole in coarse_boxes(pl, wide.left(), wide.top(), wide.right(), wide.bottom(), smallest):
            if whole:
                x0, y0, x1, y1 = bounds.rect(i)
                rect = QRectF(x0, y0, x1 - x0, y1 - y0)
                first = pl.blocks[i - base].members[0] if i >= base else i
                cat = category[first]
            else:
                rect = QRectF(xs[i], ys[i], cw, hs[i])
                cat = category[i]
                if not is_team[i]:
                    units.append((i, rect))
            if rect.intersects(view):
                groups.setdefault(cat, []).append(rect)
                self.boxes_drawn.append((i, whole, rect))
        for cat, rects in groups.items():
            fill, outline = self._colors[cat]
            painter.setPen(QPen(outline, 0))
            painter.setBrush(fill)
            painter.drawRects(rects)
        scene = self._org_scene
        chosen = [pl.rect(k) for nid in scene.selected_set if (k := pl.number(nid)) is not None]
        if chosen:
            painter.setPen(QPen(QColor(ACCENT), 0))
            painter.setBrush(QColor(ACCENT))
            painter.drawRects([QRectF(b.x, b.y, b.width, b.height) for b in chosen])
        return units

    def _paint_labels(self, painter: QPainter, pl: Placement, units: list[tuple[int, QRectF]], lod: float) -> None:
        top_down = pl.options.orientation == "top-down"
        bounds = pl.subtree_bounds()
        cw = pl.card_width
        labels = []
        for i, rect in units:
            x0, _, x1, _ = bounds.rect(i)
            labels.append((rect.center(), x1 - x0 if top_down else 2 * cw, pl.arrays.names[i]))
        labels.sort(key=lambda label: -label[1])
        font = QFont(role_font("name"))
        size = UNIT_LABEL_PIXELS / lod
        font.setPixelSize(max(1, round(size)))
        metrics = QFontMetricsF(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = QPen(QColor(PAGE), size / 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        drawn: list[QRectF] = []
        for centre, room, name in labels:
            if room * lod < 3 * UNIT_LABEL_PIXELS:
                break  # widest first: every later unit has less room still
            width = metrics.horizontalAdvance(name)
            if width > room:
                name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
                width = metrics.horizontalAdvance(name)
                if len(name) <= 2:
                    continue
            box = QRectF(centre.x() - width / 2, centre.y() - metrics.height() / 2, width, metrics.height())
            if any(box.intersects(other) for other in drawn):
                continue  # levels squeezed together: the wider unit keeps the place
            drawn.append(box)
            path = QPainterPath()
            path.addText(QPointF(centre.x() - width / 2, centre.y() + metrics.capHeight() / 2), font, name)
            painter.strokePath(path, halo)
            painter.fillPath(path, QColor(LEGEND_INK))
            self.labels_drawn.append((name, box))
