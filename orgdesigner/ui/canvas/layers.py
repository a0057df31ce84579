"""The cards and the reporting lines, each drawn by one item straight from the placement: what a
repaint asks for is found through the placement's subtree boxes, so it costs the cards in view,
and an edit costs the scene nothing but handing the new placement over.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgdesigner.layout import Placement
from orgdesigner.layout.palette import EDGE
from orgdesigner.layout.segments import family_segments
from orgdesigner.layout.spatial import families_in
from orgdesigner.ui.canvas.card_item import NAME_ONLY, REACH, TOGGLE_RADIUS, outline_pen, paint_card
from orgdesigner.ui.canvas.marks import SceneMarks


class PlacementLayer(QGraphicsItem):
    """An item as large as the chart that paints part of a placement."""

    def __init__(self, scene: SceneMarks) -> None:
        super().__init__()
        self._org_scene = scene
        self._rect = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_placement(self, placement: Placement) -> None:
        """Draw this placement from now on (everything is repainted)."""
        b = placement.bounds
        rect = QRectF(b.x, b.y, b.width, b.height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect


class CardLayer(PlacementLayer):
    """Every card in view, painted from its face (see :func:`paint_card`), with the marks the
    scene keeps: the selection, search matches and the path to the current one."""

    def __init__(self, scene: SceneMarks) -> None:
        super().__init__(scene)
        self.painted: list[int] = []
        """The node numbers of the cards the last repaint drew (in pre-order)."""

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene = self._org_scene
        pl = scene.placement
        if pl is None:
            return
        area = option.exposedRect
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        numbers = pl.cards_in(
            area.left() - REACH, area.top() - REACH - TOGGLE_RADIUS, area.right() + REACH, area.bottom() + REACH
        )
        self.painted = numbers
        if not numbers:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > NAME_ONLY)
        ids, xs, ys = pl.arrays.ids, pl.xs, pl.ys
        selected, found, path = scene.selected_set, scene.found, scene.found_path
        for i, face in zip(numbers, pl.faces_of(numbers), strict=True):
            nid = ids[i]
            pen = outline_pen(nid in selected, nid in found, nid in path) if (selected or found) else None
            x, y = xs[i], ys[i]
            painter.translate(x, y)
            paint_card(painter, face, lod, pen)
            painter.translate(-x, -y)


class EdgeLayer(PlacementLayer):
    """The reporting lines of the families in view, beneath the cards."""

    def __init__(self, scene: SceneMarks) -> None:
        super().__init__(scene)
        self.setZValue(-1)
        self._pen = QPen(QColor(EDGE), 1.5)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pl = self._org_scene.placement
        if pl is None or not pl.order:
            return
        area = option.exposedRect
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        smallest = 2.0 / max(lod, 1e-6)  # subtrees thinner than two pixels: their lines blur into one
        parents = families_in(pl, area.left(), area.top(), area.right(), area.bottom(), smallest)
        segments = family_segments(pl, parents)
        if not segments:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        painter.drawLines([QLineF(x1, y1, x2, y2) for x1, y1, x2, y2 in segments])
