"""The chart's scene: follows the Document edit by edit and draws the same Placement the SVG
export draws.

The layout is kept by a :class:`~orgdesigner.layout.live.LiveLayout`, told what each edit
changed; the cards and reporting lines are painted by one item each, straight from the placement
(``layers.py``), for what is in view. An edit costs what it changed plus a repaint of the view,
whatever the size of the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from orgdesigner.layout import LayoutOptions, OrgArrays, Placement, route_links
from orgdesigner.layout.geometry import Point
from orgdesigner.layout.link_router import routes_still_hold
from orgdesigner.layout.live import LiveLayout
from orgdesigner.layout.live_changes import EVERYTHING, ChangeSet
from orgdesigner.layout.options import BadgeCounts, Orientation
from orgdesigner.layout.palette import LINK
from orgdesigner.ui.canvas.card_item import Card, card_bounds
from orgdesigner.ui.canvas.decorations import LegendItem, LinkLayer
from orgdesigner.ui.canvas.layers import CardLayer, EdgeLayer
from orgdesigner.ui.canvas.low_detail import LowDetailLayer
from orgdesigner.ui.document import Document
from orgdesigner.ui.plain_text import plain_tooltip
from orgdesigner.ui.view_state import ViewState


class CardMap(Mapping[str, Card]):
    """The shown cards by node id, as handles made when asked for (see :class:`Card`)."""

    def __init__(self, scene: OrgScene) -> None:
        self._scene = scene
        self._made: dict[str, Card] = {}

    def clear(self) -> None:
        """A new placement: handles are made anew."""
        self._made = {}

    def __getitem__(self, node_id: str) -> Card:
        card = self._made.get(node_id)
        if card is None:
            pl = self._scene.placement
            i = pl.number(node_id) if pl is not None else None
            if i is None or pl is None:
                raise KeyError(node_id)
            card = self._made[node_id] = Card(self._scene, pl.box(i))
        return card

    def __contains__(self, node_id: object) -> bool:
        pl = self._scene.placement
        return isinstance(node_id, str) and pl is not None and pl.number(node_id) is not None

    def __iter__(self) -> Iterator[str]:
        pl = self._scene.placement
        if pl is None:
            return iter(())
        ids = pl.arrays.ids
        return (ids[i] for i in pl.order)

    def __len__(self) -> int:
        pl = self._scene.placement
        return 0 if pl is None else len(pl.order)


class OrgScene(QGraphicsScene):
    """Cards, edges, dotted lines and the legend of the open chart.

    It listens to :attr:`Document.changed` (and the view state's) and has its live layout follow
    the change; it keeps the selection and the search marks by node id, and hands out a
    :class:`Card` for a card when asked (``cards``, :meth:`card_at`).
    """

    selection_ids_changed = Signal(list)
    relaid = Signal()

    def __init__(
        self,
        doc: Document,
        view_state: ViewState,
        badge_source: Callable[[], Mapping[str, BadgeCounts]] | None = None,
        flat: OrgArrays | None = None,
    ) -> None:
        super().__init__()
        self.doc = doc
        self.view_state = view_state
        self.badge_source = badge_source
        self.placement: Placement | None = None
        self.cards = CardMap(self)
        self.selected_set: dict[str, None] = {}
        """The selected cards' ids, in the order they were selected (a set that keeps order)."""
        self.found: frozenset[str] = frozenset()
        self.found_path: frozenset[str] = frozenset()
        self.drop_states: dict[str, str] = {}
        self._cards_layer = CardLayer(self)
        self._edges = EdgeLayer(self)
        pen = QPen(QColor(LINK), 1.5)
        pen.setDashPattern([4.0, 8.0 / 3.0])
        self._link_layer = LinkLayer(pen)
        self._low_layer = LowDetailLayer(self)
        for item in (self._edges, self._link_layer, self._cards_layer, self._low_layer):
            self.addItem(item)
        self._link_ends: list[tuple[str, str]] = []
        self._legend: LegendItem | None = None
        self.low_detail = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._replaced = False
        self._live = LiveLayout(doc.org, self.options(), flat)
        self._show(self._live.placement)
        doc.changed.connect(self._doc_changed)
        doc.replaced.connect(self._doc_replaced)
        view_state.changed.connect(self._view_changed)

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

    def _doc_changed(self) -> None:
        # The model's own record of what the edit (or undo) changed, read before the layout
        # follows it (a removed node's parent is found in the layout as it was).
        self._relayout(self._live.changes_of(self.doc.last_changes))

    def _doc_replaced(self) -> None:
        self._replaced = True  # the next layout starts from scratch, whatever prompts it

    def _view_changed(self) -> None:
        self._relayout(ChangeSet())

    def refresh_badges(self, changed: Iterable[str] | None = None) -> None:
        """The findings changed (not the chart): the cards' badges follow, with no new layout
        unless the legend gains or loses its badge entry. ``changed``: the nodes whose counts
        changed (None: any), so that only their cards are painted again."""
        pl = self.placement
        options = self.options()
        if pl is None or pl.badges_move_things(options.badges):
            self._relayout(ChangeSet())
            return
        if options.badges is pl.options.badges:
            return
        if changed is not None and not isinstance(changed, (set, frozenset, list, tuple)):
            changed = list(changed)
        if pl is self._live.placement:  # the folded cards hiding none of the changed keep their sums
            self.placement = self._live.with_badges(options.badges, changed)
        else:
            self.placement = pl.with_badges(options.badges)
        self.cards.clear()
        if changed is None or len(changed) > 256:  # a chart read afresh: repaint what is in view
            self._cards_layer.set_placement(self.placement)
            self._low_layer.set_placement(self.placement)
            return
        self._low_layer.update()
        for nid in changed:  # the layers paint the scene's placement: repaint those cards
            card = self.visible_card_for(nid)
            if card is not None:
                self._repaint_card(card.box.id)

    def rebuild(self) -> None:
        """Lay the chart out from scratch and show it."""
        self._relayout(EVERYTHING)

    def _relayout(self, changes: ChangeSet) -> None:
        org = self.doc.org
        if self._replaced or org is not self._live.org:
            changes, self._replaced = EVERYTHING, False
        self._show(self._live.update(org, self.options(), changes))

    def _show(self, placement: Placement) -> None:
        before = self.placement
        self.placement = placement
        self.cards.clear()
        for layer in (self._cards_layer, self._edges, self._low_layer):
            layer.set_placement(placement)
        has_links = placement.arrays.links or (before is not None and before.arrays.links)
        if has_links and (before is None or not routes_still_hold(before, placement)):
            self._rebuild_links(placement)
        if before is None or placement.legend != before.legend:
            self._rebuild_legend(placement)
        b = placement.bounds
        self.setSceneRect(QRectF(b.x - 40, b.y - 40, b.width + 80, b.height + 80))
        shown = [nid for nid in self.selected_set if placement.number(nid) is not None]
        if len(shown) != len(self.selected_set):
            self._set_selection(shown)
        self.relaid.emit()

    def set_low_detail(self, on: bool) -> None:
        """Zoomed far out: every card as a box (see ``low_detail.py``) instead of its face."""
        if on == self.low_detail:
            return
        self.low_detail = on
        self._cards_layer.setVisible(not on)
        self._low_layer.setVisible(on)

    def _rebuild_links(self, placement: Placement) -> None:
        lines = route_links(placement)
        self._link_ends = [(line.source_id, line.target_id) for line in lines]
        self._link_layer.set_lines([line.points for line in lines])
        self._highlight_links(self.selected_set)

    def _rebuild_legend(self, placement: Placement) -> None:
        if self._legend is not None:
            self.removeItem(self._legend)
            self._legend = None
        if placement.legend is not None and placement.legend.entries:
            self._legend = LegendItem(placement.legend)
            self.addItem(self._legend)

    # Queries -------------------------------------------------------------------------------

    def card_at(self, pos: QPointF) -> Card | None:
        """The card under a scene position (the placement finds it, not a scene query)."""
        if self.placement is None:
            return None
        nid = self.placement.node_at(pos.x(), pos.y())
        if nid is None:
            # the collapse toggle hangs just below a card
            nid = self.placement.node_at(pos.x(), pos.y() - 9)
            card = self.cards.get(nid) if nid is not None else None
            return card if card is not None and card.hits_toggle(card.mapFromScene(pos)) else None
        return self.cards.get(nid)

    def link_lines(self) -> list[tuple[tuple[str, str], tuple[Point, ...]]]:
        """The dotted lines drawn: (source, target card ids) and the route's points."""
        return list(zip(self._link_ends, self._link_layer.lines, strict=True))

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

    def cards_in(self, rect: QRectF) -> list[str]:
        """The ids of the shown cards meeting a scene rectangle, in tree order."""
        pl = self.placement
        if pl is None:
            return []
        ids = pl.arrays.ids
        return [ids[i] for i in pl.cards_in(rect.left(), rect.top(), rect.right(), rect.bottom())]

    def visible_card_for(self, node_id: str) -> Card | None:
        """The card showing a node: its own, or that of the collapsed ancestor hiding it."""
        pl = self.placement
        if node_id in self.cards:
            return self.cards[node_id]
        if pl is None or node_id not in self.doc.org:
            return None
        for anc in self.doc.org.ancestors(node_id):
            if anc in self.cards:
                return self.cards[anc]
        return None

    # Selection and marks -------------------------------------------------------------------

    def is_selected(self, node_id: str) -> bool:
        """True when the node's card is selected."""
        return node_id in self.selected_set

    def selected_ids(self) -> list[str]:
        """Ids of the selected cards, in tree order."""
        chosen = self.selected_set
        pl = self.placement
        if len(chosen) < 2 or pl is None:
            return list(chosen)
        ids = pl.arrays.ids
        if len(chosen) > 64:
            return [ids[i] for i in pl.order if ids[i] in chosen]
        order = pl.order
        at = {nid: order.index(k) for nid in chosen if (k := pl.number(nid)) is not None}
        return sorted(at, key=at.__getitem__)

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these cards (hidden ones are skipped); tells the window once."""
        self._set_selection(ids, announce=True)

    def _set_selection(self, ids: Iterable[str], announce: bool = True) -> None:
        pl = self.placement
        wanted = dict.fromkeys(nid for nid in ids if pl is not None and pl.number(nid) is not None)
        before = self.selected_set
        self.selected_set = wanted
        for nid in before.keys() ^ wanted.keys():
            self._repaint_card(nid)
        if self.low_detail:
            self._low_layer.update()
        if announce:
            self._selection_changed()

    def _repaint_card(self, node_id: str) -> None:
        pl = self.placement
        i = pl.number(node_id) if pl is not None else None
        if pl is not None and i is not None:
            self.update(card_bounds(pl.box(i)).translated(pl.xs[i], pl.ys[i]))

    def mark(self, node_id: str, highlighted: bool, on_path: bool) -> None:
        """Search marks of one card."""
        found = set(self.found)
        path = set(self.found_path)
        (found.add if highlighted else found.discard)(node_id)
        (path.add if on_path else path.discard)(node_id)
        self.set_marks(found, path)

    def set_marks(self, found: Iterable[str], path: Iterable[str]) -> None:
        """The search's matches and the path from the current one to the top."""
        found, path = frozenset(found), frozenset(path)
        changed = (self.found ^ found) | (self.found_path ^ path)
        self.found, self.found_path = found, path
        for nid in changed:
            self._repaint_card(nid)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self._highlight_links(ids)
        self.selection_ids_changed.emit(ids)

    def _highlight_links(self, ids: Iterable[str]) -> None:
        chosen = set(ids)
        self._link_layer.set_highlight(
            [k for k, (src, dst) in enumerate(self._link_ends) if src in chosen or dst in chosen]
        )
