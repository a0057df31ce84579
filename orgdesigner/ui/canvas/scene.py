"""The chart's scene: follows the Document and redraws the same Placement the SVG export draws."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from orgdesigner.layout import LayoutOptions, NodeBox, Placement, category_styles, layout, route_links
from orgdesigner.layout.options import BadgeCounts, Orientation
from orgdesigner.layout.palette import EDGE, LINK, card_paint
from orgdesigner.layout.segments import connector_segments
from orgdesigner.ui.canvas.card_item import CardItem
from orgdesigner.ui.canvas.decorations import LegendItem, LinkLayer, LowDetailLayer
from orgdesigner.ui.document import Document
from orgdesigner.ui.plain_text import plain_tooltip
from orgdesigner.ui.view_state import ViewState

BUCKETS = 128
EDGES_PER_PATH = 128


class _Bucket(QGraphicsItem):
    """An invisible parent for a share of the cards: the scene then examines ~128 top-level
    items per update instead of every card."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, *args: object) -> None:
        return None


class OrgScene(QGraphicsScene):
    """Cards, edges, dotted lines and the legend of the open chart, laid out by ``layout()``.

    It listens to :attr:`Document.changed` and re-lays the chart out; cards are kept in
    a map id → :class:`CardItem` and only changed cards are touched.
    """

    selection_ids_changed = Signal(list)
    relaid = Signal()

    def __init__(
        self,
        doc: Document,
        view_state: ViewState,
        badge_source: Callable[[], Mapping[str, BadgeCounts]] | None = None,
    ) -> None:
        super().__init__()
        self.doc = doc
        self.view_state = view_state
        self.badge_source = badge_source
        self.placement: Placement | None = None
        self.cards: dict[str, CardItem] = {}
        self._buckets = [_Bucket() for _ in range(BUCKETS)]
        for b in self._buckets:
            self.addItem(b)
        self._edge_items: list[QGraphicsPathItem] = []
        pen = QPen(QColor(LINK), 1.5)
        pen.setDashPattern([4.0, 8.0 / 3.0])
        self._link_layer = LinkLayer(pen)
        self.addItem(self._link_layer)
        self._link_ends: list[tuple[str, str]] = []
        self._legend: LegendItem | None = None
        self.low_detail = False
        self._low_stale = True  # the zoomed-out boxes are rebuilt when next shown
        self._low_layer = LowDetailLayer()
        self.addItem(self._low_layer)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._selection_changed)
        doc.changed.connect(self.rebuild)
        view_state.changed.connect(self.rebuild)
        self.rebuild()

    # Options -------------------------------------------------------------------------------

    def options(self) -> LayoutOptions:
        """The layout options the canvas draws with (the same an export of the view uses)."""
        org = self.doc.org
        state = self.view_state
        return LayoutOptions(
            orientation=state.orientation,
            collapsed=frozenset(c for c in state.collapsed if c in org),
            show_legend=state.legend,
            badges=self.badge_source() if state.badges and self.badge_source else {},
        )

    @property
    def orientation(self) -> Orientation:
        """The view state's orientation (read-only here: change it through the view state)."""
        return self.view_state.orientation

    @property
    def collapsed(self) -> frozenset[str]:
        """The view state's collapsed nodes (read-only here)."""
        return self.view_state.collapsed

    # Following the model -------------------------------------------------------------------

    def rebuild(self) -> None:
        """Lay the chart out again and bring the items in line with it."""
        org = self.doc.org
        placement = layout(org, self.options())
        self.placement = placement
        arr = placement.arrays
        ids, xs, ys = arr.ids, placement.xs, placement.ys
        shown = {ids[i] for i in placement.order}
        cards = self.cards
        for nid in [i for i in cards if i not in shown]:
            item = cards.pop(nid)
            item.setSelected(False)
            self.removeItem(item)
        buckets = self._buckets
        for i, face in zip(placement.order, placement.faces(), strict=True):
            nid = ids[i]
            existing = cards.get(nid)
            if existing is None:
                item = CardItem(NodeBox(nid, xs[i], ys[i], face))
                item.setParentItem(buckets[(i * BUCKETS) // max(len(ids), 1)])
                cards[nid] = item
            elif existing.box.face != face or existing.box.x != xs[i] or existing.box.y != ys[i]:
                # A card whose face is unchanged is only moved: nothing repainted.
                existing.set_box(NodeBox(nid, xs[i], ys[i], face))
        self._low_stale = True
        if self.low_detail:
            self._rebuild_low_detail(placement)
        self._rebuild_edges(placement)
        self._rebuild_links(placement)
        self._rebuild_legend(placement)
        b = placement.bounds
        self.setSceneRect(QRectF(b.x - 40, b.y - 40, b.width + 80, b.height + 80))
        self.relaid.emit()

    def set_low_detail(self, on: bool) -> None:
        """Zoomed far out: show every card as a box drawn in one pass instead of card items."""
        if on == self.low_detail:
            return
        self.low_detail = on
        if on and self._low_stale and self.placement is not None:
            self._rebuild_low_detail(self.placement)
        for bucket in self._buckets:
            bucket.setVisible(not on)
        self._low_layer.setVisible(on)
        self._update_low_selection()

    def _rebuild_low_detail(self, placement: Placement) -> None:
        styles = category_styles()
        groups: dict[int, list[QRectF]] = {}
        category = placement.arrays.category
        xs, ys, hs, cw = placement.xs, placement.ys, placement.heights, placement.card_width
        for i in placement.order:
            groups.setdefault(category[i], []).append(QRectF(xs[i], ys[i], cw, hs[i]))
        out = []
        for cat, rects in groups.items():
            paint = card_paint(styles[cat].color)
            out.append((QColor(paint.fill), QColor(paint.border), rects))
        b = placement.bounds
        self._low_layer.set_groups(out, QRectF(b.x, b.y, b.width, b.height))
        self._low_layer.set_unit_labels(unit_labels(placement))
        self._low_stale = False

    def _update_low_selection(self) -> None:
        if self.low_detail:
            self._low_layer.selected = [
                QRectF(i.box.x, i.box.y, i.box.w, i.box.h) for i in self.selectedItems() if isinstance(i, CardItem)
            ]
            self._low_layer.update()

    def _rebuild_edges(self, placement: Placement) -> None:
        for item in self._edge_items:
            self.removeItem(item)
        self._edge_items = []
        pen = QPen(QColor(EDGE), 1.5)
        pen.setCosmetic(False)
        segments = connector_segments(placement)
        for start in range(0, len(segments), EDGES_PER_PATH):
            path = QPainterPath()
            for x1, y1, x2, y2 in segments[start : start + EDGES_PER_PATH]:
                path.moveTo(x1, y1)
                path.lineTo(x2, y2)
            item = QGraphicsPathItem(path)
            item.setPen(pen)
            item.setZValue(-1)
            self.addItem(item)
            self._edge_items.append(item)

    def _rebuild_links(self, placement: Placement) -> None:
        lines = route_links(placement)
        self._link_ends = [(line.source_id, line.target_id) for line in lines]
        self._link_layer.set_lines([line.points for line in lines])
        self._highlight_links(self.selected_ids())

    def _rebuild_legend(self, placement: Placement) -> None:
        if self._legend is not None:
            self.removeItem(self._legend)
            self._legend = None
        if placement.legend is not None and placement.legend.entries:
            self._legend = LegendItem(placement.legend)
            self.addItem(self._legend)

    # Queries -------------------------------------------------------------------------------

    def card_at(self, pos: QPointF) -> CardItem | None:
        """The card under a scene position (the placement's grid answers, not a scene query)."""
        if self.placement is None:
            return None
        nid = self.placement.node_at(pos.x(), pos.y())
        if nid is None:
            # the collapse toggle hangs just below a card
            nid = self.placement.node_at(pos.x(), pos.y() - 9)
            card = self.cards.get(nid) if nid is not None else None
            return card if card is not None and card.hits_toggle(card.mapFromScene(pos)) else None
        return self.cards.get(nid)

    def link_at(self, pos: QPointF) -> tuple[str, str] | None:
        """The dotted line (source, target ids) passing under a scene position, if any."""
        k = self._link_layer.link_at(pos.x(), pos.y())
        return None if k is None else self._link_ends[k]

    def tooltip_at(self, pos: QPointF) -> str:
        """What the pointer's tooltip says at a scene position: the card's, else the dotted
        line's, else nothing."""
        card = self.card_at(pos)
        if card is not None:
            return card.toolTip()
        ends = self.link_at(pos)
        if ends is None:
            return ""
        org = self.doc.org
        return plain_tooltip(f"{org.label(ends[0])} serves {org.label(ends[1])}")

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        text = self.tooltip_at(event.scenePos())
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.setAccepted(bool(text))

    def selected_ids(self) -> list[str]:
        """Ids of the selected cards, in tree order."""
        chosen = {i.box.id for i in self.selectedItems() if isinstance(i, CardItem)}
        if not chosen:
            return []
        return [nid for nid in self.doc.org.iter_preorder() if nid in chosen] if len(chosen) > 1 else list(chosen)

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these cards (hidden ones are skipped)."""
        wanted = set(ids)
        self.blockSignals(True)
        try:
            self.clearSelection()
            for nid in wanted:
                item = self.cards.get(nid)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self._selection_changed()

    def visible_card_for(self, node_id: str) -> CardItem | None:
        """The card showing a node: its own, or that of the collapsed ancestor hiding it."""
        if node_id in self.cards:
            return self.cards[node_id]
        if node_id not in self.doc.org:
            return None
        for anc in self.doc.org.ancestors(node_id):
            if anc in self.cards:
                return self.cards[anc]
        return None

    def _selection_changed(self) -> None:
        self._update_low_selection()
        ids = self.selected_ids()
        self._highlight_links(ids)
        self.selection_ids_changed.emit(ids)

    def _highlight_links(self, ids: Iterable[str]) -> None:
        chosen = set(ids)
        self._link_layer.set_highlight(
            [k for k, (src, dst) in enumerate(self._link_ends) if src in chosen or dst in chosen]
        )


def unit_labels(placement: Placement) -> list[tuple[QPointF, float, str]]:
    """For each unit shown: the centre of its card, the room its label has (the width of the
    cards below it, in top-down; two card widths in left-right) and its name, widest first, so
    that zoomed far out the org's shape can be read from its units' names."""
    arr = placement.arrays
    xs, ys, hs, cw = placement.xs, placement.ys, placement.heights, placement.card_width
    shown = placement.order
    lo = {i: xs[i] for i in shown}
    hi = {i: xs[i] + cw for i in shown}
    parent = arr.parent
    for i in sorted(shown, reverse=True):  # numbers are in pre-order: children after parents
        p = parent[i]
        if p >= 0 and p in lo:
            lo[p] = min(lo[p], lo[i])
            hi[p] = max(hi[p], hi[i])
    top_down = placement.options.orientation == "top-down"
    out = [
        (QPointF(xs[i] + cw / 2, ys[i] + hs[i] / 2), hi[i] - lo[i] if top_down else 2 * cw, arr.names[i])
        for i in shown
        if not arr.is_team[i]
    ]
    out.sort(key=lambda label: -label[1])
    return out
