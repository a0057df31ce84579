"""The canvas view: zoom, pan, keyboard navigation, the in-place name editor, link mode, and
every drag and drop. Gestures become intents handed to :class:`CanvasEdits`, which edits the
document: the view itself changes nothing but what it shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QMimeData, QObject, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QLineEdit, QWidget

from orgdesigner.layout.palette import ACCENT, BADGE_INK, PAGE
from orgdesigner.ui.canvas.card_item import Card
from orgdesigner.ui.canvas.decorations import DropIndicator
from orgdesigner.ui.canvas.drop_target import (
    DragPayload,
    DropTarget,
    find_drop_target,
    nodes_mime,
    read_payload,
)
from orgdesigner.ui.canvas.edits import CanvasEdits
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.theme import desk_color

MIN_SCALE = 0.02
READABLE_SCALE = 0.6
LOW_DETAIL_SCALE = 0.2


def _local_files(mime: QMimeData) -> list[str]:
    """Local files carried by a drag (from a file manager), if any."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]


MAX_SCALE = 4.0


class OrgView(QGraphicsView):
    """Shows an :class:`OrgScene`. Wheel zooms under the pointer, dragging the background pans,
    Shift-drag selects with a rubber band, dragging cards moves them, palette entries dropped on
    a card add a child there. Refused drops show a forbidden cursor and a red outline."""

    message = Signal(str)  # a sentence for the status bar (a refused edit, a hint)
    prompt = Signal(str)  # what the current mode asks for, shown until the mode ends
    zoom_changed = Signal(float)
    files_dropped = Signal(list)

    def __init__(self, scene: OrgScene, edits: CanvasEdits, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.org_scene = scene
        self.edits = edits
        edits.placed.connect(self.ensure_visible_ids)
        self.setAccessibleName("Chart")
        self.setAccessibleDescription("The org chart; arrow keys move between cards, F2 renames, Delete deletes")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAcceptDrops(True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.indicator = DropIndicator()
        self._press: tuple[QPoint, Card] | None = None
        self._band_base: list[str] = []  # what a rubber band adds to (Ctrl held)
        self.rubberBandChanged.connect(self._band_changed)
        self._hover_card: Card | None = None
        self._editor: QLineEdit | None = None
        self._finish_editor: Callable[[], None] = lambda: None
        self.link_source: str | None = None
        self._link_pointer: QPointF | None = None
        self.last_drop: DropTarget | None = None

    # Zoom ----------------------------------------------------------------------------------

    def scale_factor(self) -> float:
        """The current zoom (1.0 is 100%)."""
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out, within limits."""
        current = self.scale_factor()
        target = min(max(current * factor, MIN_SCALE), MAX_SCALE)
        if abs(target - current) > 1e-9:
            self.scale(target / current, target / current)
            self.org_scene.set_low_detail(target < LOW_DETAIL_SCALE)
            self.zoom_changed.emit(target)

    def zoom_actual(self) -> None:
        """100%."""
        self.zoom_by(1.0 / self.scale_factor())

    def fit_chart(self) -> None:
        """Fit the whole chart in the window."""
        rect = self.org_scene.itemsBoundingRect() if self.org_scene.cards else self.sceneRect()
        self.fitInView(rect.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > 1.5:
            self.zoom_by(1.5 / self.scale_factor())
        self.org_scene.set_low_detail(self.scale_factor() < LOW_DETAIL_SCALE)
        self.zoom_changed.emit(self.scale_factor())

    def show_start(self) -> None:
        """The first view of a chart: all of it when its text stays readable, else the top of
        it at a readable zoom (Ctrl+0 still fits everything)."""
        self.fit_chart()
        if self.scale_factor() < READABLE_SCALE and self.org_scene.cards:
            self.zoom_by(READABLE_SCALE / self.scale_factor())
            root = self.org_scene.doc.org.root
            card = self.org_scene.cards.get(root) if root else None
            if card is not None:
                rect = card.sceneBoundingRect()
                view_h = self.viewport().height() / self.scale_factor()
                self.centerOn(rect.center().x(), rect.top() - 60 + view_h / 2)

    def center_on_ids(self, ids: list[str]) -> None:
        """Centre the view on the cards showing these nodes."""
        rect = QRectF()
        for nid in ids:
            card = self.org_scene.visible_card_for(nid)
            if card is not None:
                rect = rect.united(card.sceneBoundingRect())
        if not rect.isNull():
            self.centerOn(rect.center())

    def _viewport_pos(self, node_id: str) -> QPoint | None:
        card = self.org_scene.visible_card_for(node_id)
        return None if card is None else self.mapFromScene(card.sceneBoundingRect().center())

    def keep_in_place(self, node_id: str, was_at: QPoint | None) -> None:
        """Scroll so that the card of ``node_id`` is where it was on screen (``was_at``)."""
        now = self._viewport_pos(node_id)
        if was_at is None or now is None or now == was_at:
            return
        delta = now - was_at
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())

    def ensure_visible_ids(self, ids: list[str]) -> None:
        """Scroll as little as needed to bring these nodes' cards into view."""
        rect = QRectF()
        for nid in ids:
            card = self.org_scene.visible_card_for(nid)
            if card is not None:
                rect = rect.united(card.sceneBoundingRect())
        if not rect.isNull():
            self.ensureVisible(rect, 40, 40)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.zoom_by(1.0015**delta)
        event.accept()

    # Mouse: selection, toggles, pan, card drags ---------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = None
        if event.button() == Qt.MouseButton.LeftButton:
            pos = self.mapToScene(event.position().toPoint())
            card = self.org_scene.card_at(pos)
            if self.link_source is not None:
                self._finish_link(card)
                event.accept()
                return
            if card is not None and card.hits_toggle(card.mapFromScene(pos)):
                self.org_scene.view_state.toggle_collapsed(self.org_scene.doc.org, [card.box.id])
                event.accept()
                return
            adding = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            scene = self.org_scene
            if card is not None:
                self._press = (event.position().toPoint(), card)
                nid = card.box.id
                if adding:  # Ctrl-click adds the card to the selection, or takes it out
                    chosen = [i for i in scene.selected_ids() if i != nid]
                    scene.select_ids(chosen if card.isSelected() else [*chosen, nid])
                    self._press = None
                elif not card.isSelected():
                    scene.select_ids([nid])
                event.accept()  # a press on a card selects it (and may start its drag), never pans
                return
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self._band_base = scene.selected_ids() if adding else []
                self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            elif not adding:
                scene.select_ids([])  # a click beside every card clears the selection
        super().mousePressEvent(event)

    def _band_changed(self, rect: QRect, start: QPointF, end: QPointF) -> None:
        """A rubber band: the cards it meets are selected (with those selected before when
        Ctrl was held)."""
        if rect.isNull():
            return
        band = QRectF(start, end).normalized()
        chosen = dict.fromkeys(self._band_base)
        chosen.update(dict.fromkeys(self.org_scene.cards_in(band)))
        if list(chosen) != self.org_scene.selected_ids():
            self.org_scene.select_ids(list(chosen))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.link_source is not None:
            self._link_pointer = self.mapToScene(event.position().toPoint())
            self.viewport().update()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, card = self._press
            if (event.position().toPoint() - start).manhattanLength() >= QApplication.startDragDistance():
                self._press = None
                self.start_card_drag(card)
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        many = press is not None and len(self.org_scene.selected_set) > 1
        if many and press is not None and event.button() == Qt.MouseButton.LeftButton:
            self.org_scene.select_ids([press[1].box.id])  # a click on one of several selected: it alone
        super().mouseReleaseEvent(event)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        card = self.org_scene.card_at(self.mapToScene(event.position().toPoint()))
        if card is not None:
            self.start_rename(card.box.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def start_card_drag(self, card: Card) -> None:
        """Drag the selected cards (or this one) to another place in the chart."""
        if not card.isSelected():
            self.org_scene.select_ids([card.box.id])
        ids = self.org_scene.selected_ids()
        drag = QDrag(self)
        drag.setMimeData(nodes_mime(ids))
        drag.setPixmap(self._drag_pixmap(card, len(ids)))
        drag.setHotSpot(QPoint(20, 12))
        drag.exec(Qt.DropAction.MoveAction)

    def _drag_pixmap(self, card: Card, count: int) -> QPixmap:
        scale = min(self.scale_factor(), 1.0)
        w, h = max(int(card.box.w * scale), 24), max(int(card.box.h * scale), 16)
        pix = QPixmap(w, h)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setOpacity(0.75)
        self.org_scene.render(painter, QRectF(0, 0, w, h), card.sceneBoundingRect().adjusted(4, 11, -13, -18))
        if count > 1:
            painter.setOpacity(1.0)
            painter.fillRect(QRectF(w - 26, 0, 26, 18), QColor(ACCENT))
            painter.setPen(QColor(BADGE_INK))
            painter.drawText(QRectF(w - 26, 0, 26, 18), Qt.AlignmentFlag.AlignCenter, str(count))
        painter.end()
        return pix

    # Drops ---------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_payload(event.mimeData()) is not None or _local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()
            return
        payload = read_payload(event.mimeData())
        target = None if payload is None else self._target_at(event.position(), payload)
        self._show_target(target)
        if target is not None and target.refusal is None:
            event.setDropAction(Qt.DropAction.MoveAction if payload and payload.node_ids else Qt.DropAction.CopyAction)
            event.accept()
        else:
            if target is not None and target.refusal:
                self.message.emit(target.refusal)
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._show_target(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
            return
        payload = read_payload(event.mimeData())
        target = None if payload is None else self._target_at(event.position(), payload)
        self._show_target(None)
        self.last_drop = target
        if payload is None or target is None or target.refusal is not None:
            if target is not None and target.refusal:
                self.message.emit(target.refusal)
            event.ignore()
            return
        anchor = target.parent
        was_at = self._viewport_pos(anchor)
        if self.edits.drop(payload, target):
            event.acceptProposedAction()
            # The layout may shift: keep the card dropped onto where it was on screen, and what
            # was dropped in sight.
            self.keep_in_place(anchor, was_at)
            self.ensure_visible_ids(self.org_scene.selected_ids())
        else:
            event.ignore()

    def _target_at(self, pos: QPointF, payload: DragPayload) -> DropTarget | None:
        return find_drop_target(self.org_scene, self.mapToScene(pos.toPoint()), payload)

    def _show_target(self, target: DropTarget | None) -> None:
        card = target.card if target is not None else None
        if self._hover_card is not None and self._hover_card is not card:
            self._hover_card.drop_state = None
        self._hover_card = card
        if target is None:
            dirty = self.indicator.hide()
        else:
            target.card.drop_state = "refuse" if target.refusal else "accept"
            box = target.card.box
            dirty = self.indicator.set_target(
                QRectF(box.x, box.y, box.w, box.h), target.gap, target.refusal is not None
            )
        if not dirty.isEmpty():
            self.viewport().update(self.mapFromScene(dirty).boundingRect().adjusted(-2, -2, 2, 2))

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        # A light page (the chart as it exports) on a desk that follows the colour scheme.
        painter.fillRect(rect, desk_color())
        page = self.org_scene.sceneRect()
        painter.fillRect(page, QColor(PAGE))

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        self.indicator.paint(painter)
        self._paint_link_preview(painter)

    def _paint_link_preview(self, painter: QPainter) -> None:
        card = self.org_scene.cards.get(self.link_source) if self.link_source else None
        if card is None or self._link_pointer is None:
            return
        box = card.box
        pen = QPen(QColor("#1f6feb"), 2 / max(self.scale_factor(), 0.05), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QLineF(QPointF(box.x + box.w / 2, box.y + box.h / 2), self._link_pointer))

    # Dotted lines --------------------------------------------------------------------------

    def begin_link(self, source: str) -> None:
        """Link mode: the next card clicked is the node ``source`` serves (Esc cancels); a
        dashed line follows the pointer until then."""
        self.link_source = source
        self._link_pointer = None
        self.viewport().setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.prompt.emit(f"Click the node that {self.org_scene.doc.org.label(source)} serves (Esc cancels)")

    def cancel_link(self) -> None:
        """Leave link mode."""
        self.link_source = None
        self._link_pointer = None
        self.viewport().unsetCursor()
        self.viewport().update()

    def _finish_link(self, card: Card | None) -> None:
        source = self.link_source
        self.cancel_link()
        if source is not None:
            self.edits.add_link(source, None if card is None else card.box.id)

    # Keyboard ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.link_source is not None:
            self.cancel_link()
            self.message.emit("No dotted line added")
            return
        arrows = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right}
        if key in arrows and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.navigate(Qt.Key(key))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ids = self.org_scene.selected_ids()
            if len(ids) == 1:
                self.start_rename(ids[0])
                return
        super().keyPressEvent(event)

    def navigate(self, key: Qt.Key) -> None:
        """Move the selection to the parent, first child or a sibling."""
        scene = self.org_scene
        org = scene.doc.org
        ids = scene.selected_ids()
        if not ids:
            if org.root is not None:
                scene.select_ids([org.root])
            return
        current = ids[-1]
        top_down = scene.orientation == "top-down"
        to_parent = Qt.Key.Key_Up if top_down else Qt.Key.Key_Left
        to_child = Qt.Key.Key_Down if top_down else Qt.Key.Key_Right
        prev_sibling = Qt.Key.Key_Left if top_down else Qt.Key.Key_Up
        nxt: str | None = None
        if key == to_parent:
            nxt = org.parent(current)
        elif key == to_child:
            kids = org.children(current)
            nxt = kids[0] if kids and current not in scene.collapsed else None
        else:
            parent = org.parent(current)
            if parent is not None:
                sibs = org.children(parent)
                i = sibs.index(current) + (-1 if key == prev_sibling else 1)
                nxt = sibs[i] if 0 <= i < len(sibs) else None
        if nxt is not None and nxt in scene.cards:
            scene.select_ids([nxt])
            self.ensureVisible(scene.cards[nxt].sceneBoundingRect(), 40, 40)

    # Inline rename -------------------------------------------------------------------------

    def start_rename(self, node_id: str) -> None:
        """Edit a card's name in place: Enter applies, Esc cancels."""
        card = self.org_scene.cards.get(node_id)
        if card is None:
            return
        self.ensureVisible(card.sceneBoundingRect(), 40, 40)
        editor = QLineEdit(self.viewport())
        editor.setAccessibleName("New name")
        editor.setText(card.box.name)
        editor.selectAll()
        top_left = self.mapFromScene(card.scenePos())
        width = max(int(card.box.w * self.scale_factor()), 160)
        editor.setGeometry(top_left.x(), top_left.y(), width, editor.sizeHint().height())
        editor.show()
        editor.setFocus()
        self._editor = editor

        def finish() -> None:
            if self._editor is not editor:
                return
            self._close_editor()
            self.edits.rename(node_id, editor.text())

        self._finish_editor = finish
        editor.editingFinished.connect(finish)
        editor.installEventFilter(self)

    def _close_editor(self) -> None:
        editor, self._editor = self._editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._editor and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self._close_editor()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Taken here: a line edit passes Return on to its parent, and the view would
                # read it as "rename the selected card" and open the editor again.
                self._finish_editor()
                return True
        return False

    # Focus ---------------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()
