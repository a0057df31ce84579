"""The overview (mini-map): the whole chart small, with the main view's window drawn on it;
click or drag on it to move the main view."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from orgdesigner.ui.canvas.view import OrgView


class OverviewView(QGraphicsView):
    """A small, non-interactive view of the same scene as ``main``."""

    def __init__(self, main: OrgView, parent: QWidget | None = None) -> None:
        super().__init__(main.scene(), parent)
        self.main = main
        self.setAccessibleName("Overview")
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setMinimumHeight(120)
        self.setBackgroundBrush(QColor("#f3f5f8"))
        main.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        main.verticalScrollBar().valueChanged.connect(self.viewport().update)
        main.zoom_changed.connect(lambda _z: self.viewport().update())
        main.org_scene.relaid.connect(self.refit)

    def refit(self) -> None:
        """Fit the whole chart."""
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        visible = self.main.mapToScene(self.main.viewport().rect()).boundingRect()
        painter.setPen(QPen(QColor("#1f6feb"), 0))
        painter.setBrush(QColor(31, 111, 235, 40))
        painter.drawRect(visible)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.main.centerOn(self.mapToScene(event.position().toPoint()))
        self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.mousePressEvent(event)
