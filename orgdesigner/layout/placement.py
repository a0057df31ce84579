"""The Placement: the one picture of an org that the canvas, SVG, PNG, PDF and thumbnails draw.

A plain result: made by :func:`~orgdesigner.layout.layout` (or, edit by edit, by
:class:`~orgdesigner.layout.live.LiveLayout`), it does not change afterwards. It stores flat
sequences indexed by node number (see :class:`~orgdesigner.layout.arrays.OrgArrays`) and answers
questions about them: where a card is, what it shows (its :class:`~orgdesigner.layout.CardFace`),
which cards meet a rectangle, how a reporting line runs. What it works out on first use to answer
faster (id numbers, subtree totals, the boxes of the subtrees, a grid of the cards) it keeps; no
answer depends on what was asked before. Dotted lines are routed on request, by
:func:`~orgdesigner.layout.link_router.route_links`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from orgdesigner.layout.arrays import OrgArrays
from orgdesigner.layout.blocks import LeafBlock
from orgdesigner.layout.faces import CardFace, NodeBox, badge_of, face_maker
from orgdesigner.layout.geometry import TEXT_PAD, Bounds, Edge, Point
from orgdesigner.layout.legend import CategoryStyle, Legend, category_styles
from orgdesigner.layout.options import BadgeCounts, LayoutOptions
from orgdesigner.layout.spatial import SubtreeBounds, cards_in, subtree_bounds
from orgdesigner.model.gc_pause import gc_paused

CardGrid = dict[tuple[int, int], list[int]]
"""Shown cards by grid cell (column, row): a card is listed in every cell it touches."""
Totals = tuple[list[int], list[int], list[int]]
"""Per node number: the teams, the headcount and the nodes of its subtree (itself included)."""


_SHORT_WALK = 48
"""How many steps up :meth:`Placement.card_of` walks before making its table instead."""


@dataclass(slots=True)
class _Kept:
    """What a placement works out on first use and keeps (none of it changes an answer)."""

    numbers: Mapping[str, int] | None = None
    shown: bytearray | None = None
    cards: list[int] | None = None
    totals: Totals | None = None
    grid: CardGrid | None = None
    bounds: SubtreeBounds | None = None
    hidden_badges: dict[int, BadgeCounts | None] | None = None
    """Per collapsed card (node number): the counts of everything it hides, as worked out."""
    make_faces: Callable[[Iterable[int]], Iterator[CardFace]] | None = None


@dataclass(frozen=True, eq=False)
class Placement:
    """Where every shown card, line and legend entry of an org goes.

    Chart coordinates start at (0, 0) in the top-left corner and grow right and down; the
    whole picture fits in ``bounds``. Node numbers index ``arrays``; ``preorder`` lists every
    node's number in pre-order, root first (for a chart laid out by ``layout()`` the numbers
    are the pre-order positions, ``range(n)``; a chart that followed edits keeps each node's
    number from edit to edit, and numbers of nodes since deleted have the id ``""``).
    ``order`` lists the shown nodes in pre-order, and for a shown node ``i`` its card's top-left
    corner is ``(xs[i], ys[i])``, its size ``(card_width, heights[i])``. Nodes under a
    collapsed node are not shown (their entries in ``xs``/``ys`` mean nothing). ``item_kids``
    are the children the tidy tree placed (a stack of leaves is one item, numbered
    ``len(arrays) + b`` for ``blocks[b]``; a block without members is unused);
    ``level_start`` where each level of the depth axis begins.
    """

    arrays: OrgArrays
    options: LayoutOptions
    preorder: Sequence[int]
    order: Sequence[int]
    xs: Sequence[float]
    ys: Sequence[float]
    heights: Sequence[float]
    collapsed: frozenset[int]
    item_kids: Sequence[Sequence[int]]
    blocks: Sequence[LeafBlock]
    member_block: Mapping[int, int]
    level_start: tuple[float, ...]
    width: float
    height: float
    legend: Legend | None
    _kept: _Kept = field(default_factory=_Kept, repr=False)

    @classmethod
    def empty(cls, arrays: OrgArrays, options: LayoutOptions) -> Placement:
        """The placement of an org without nodes: just the margins."""
        m = 2.0 * options.sizes.margin
        return cls(arrays, options, (), (), (), (), (), frozenset(), (), (), MappingProxyType({}), (), m, m, None)

    def with_badges(
        self, badges: Mapping[str, BadgeCounts], hidden: dict[int, BadgeCounts | None] | None = None
    ) -> Placement:
        """The same placement with other finding badges on its cards: nothing moves (the badges
        sit on the cards' corners), so what it worked out of the positions is kept. The legend
        names the badges whenever cards carry them, so going from none to some (or back) is a
        new layout instead; that is the caller's to see (:meth:`badges_move_things`)."""
        k = self._kept
        kept = _Kept(numbers=k.numbers, shown=k.shown, cards=k.cards, totals=k.totals, grid=k.grid, bounds=k.bounds)
        kept.hidden_badges = hidden  # what the caller knows still holds of the collapsed cards' counts
        return replace(self, options=replace(self.options, badges=badges), _kept=kept)

    def badges_move_things(self, badges: Mapping[str, BadgeCounts]) -> bool:
        """True when showing ``badges`` instead of this placement's changes the legend."""
        return self.options.show_legend and bool(badges) != bool(self.options.badges)

    # The whole picture ------------------------------------------------------------------

    @property
    def org_name(self) -> str:
        """The organisation's name (the picture's title)."""
        return self.arrays.name

    @property
    def bounds(self) -> Bounds:
        """The rectangle holding everything: (0, 0, width, height)."""
        return Bounds(0.0, 0.0, self.width, self.height)

    @property
    def card_width(self) -> float:
        """The width of every card."""
        return float(self.options.sizes.width)

    @property
    def text_width(self) -> float:
        """The room for a line of text on a card."""
        return self.card_width - 2 * TEXT_PAD

    @property
    def ids(self) -> list[str]:
        """Ids of the shown nodes, in pre-order."""
        ids = self.arrays.ids
        return [ids[i] for i in self.order]

    @property
    def hidden_count(self) -> int:
        """How many nodes are hidden inside collapsed cards."""
        return len(self.preorder) - len(self.order)

    @property
    def root(self) -> int:
        """The root's node number (-1 for an org without nodes)."""
        return self.order[0] if self.order else -1

    @property
    def numbered_in_preorder(self) -> bool:
        """True when node numbers are pre-order positions (a placement made by ``layout()``)."""
        return isinstance(self.preorder, range)

    def __len__(self) -> int:
        """The number of cards shown."""
        return len(self.order)

    # Nodes ----------------------------------------------------------------------------

    def number(self, node_id: str) -> int | None:
        """The node number of a shown node, or None if it is hidden or not in the org."""
        kept = self._kept
        if kept.numbers is None:
            kept.numbers = {nid: i for i, nid in enumerate(self.arrays.ids)}
        i = kept.numbers.get(node_id)
        if i is None or self.arrays.ids[i] != node_id or not self.is_shown(i):
            return None
        return i

    def is_shown(self, i: int) -> bool:
        """True when node number ``i`` has a card of its own."""
        if not self.collapsed and self.numbered_in_preorder:
            return 0 <= i < len(self.order)
        kept = self._kept
        if kept.shown is None:
            shown = bytearray(len(self.arrays))
            for k in self.order:
                shown[k] = 1
            kept.shown = shown
        return bool(kept.shown[i])

    def card_of(self, i: int) -> int:
        """The node number of the card that shows node number ``i``: its own, or that of the
        collapsed node hiding it (the one nearest the top)."""
        if not self.collapsed:
            return i
        kept = self._kept
        if kept.cards is None:
            # A few steps up find it without making the table (a placement after an edit is
            # asked for a few dotted lines' ends); a deep chart's walk would not end soon.
            parent, collapsed = self.arrays.parent, self.collapsed
            card, k = i, parent[i]
            for _ in range(_SHORT_WALK):
                if k < 0:
                    return card
                if k in collapsed:
                    card = k
                k = parent[k]
            cards = list(range(len(self.arrays)))
            for k in self.preorder[1:]:  # pre-order: a parent's card is known before its children's
                p = parent[k]
                if p in collapsed or cards[p] != p:
                    cards[k] = cards[p]
            kept.cards = cards
        return kept.cards[i]

    def subtree(self, i: int) -> Sequence[int]:
        """Node number ``i`` and every node below it (shown or not), in pre-order."""
        size = self.rollup()[2][i]
        if self.numbered_in_preorder:
            return range(i, i + size)
        at = self.preorder.index(i)
        return self.preorder[at : at + size]

    def rect(self, i: int) -> Bounds:
        """The card of node number ``i``."""
        return Bounds(self.xs[i], self.ys[i], self.card_width, self.heights[i])

    def style(self, i: int) -> CategoryStyle:
        """The discipline (team) or structure (unit) of node number ``i``."""
        return category_styles()[self.arrays.category[i]]

    def hidden(self, i: int) -> tuple[int, int, int] | None:
        """(teams, headcount, nodes) hidden under node number ``i`` if it is collapsed."""
        if i not in self.collapsed:
            return None
        teams, heads, nodes = self.rollup()
        return teams[i], heads[i], nodes[i] - 1

    def badge(self, i: int) -> BadgeCounts | None:
        """The finding counts on node number ``i``'s card: its own, and for a collapsed card
        those of every node it hides as well (None when there is nothing to count)."""
        return self._badge_function()(i)

    def _badge_function(self) -> Callable[[int], BadgeCounts | None]:
        """:meth:`badge` as a function of what it reads, not of the placement: the face maker
        keeps it, and a placement kept by what it keeps would be a reference cycle, which the
        window's frozen collector would never free."""
        kept = self._kept
        if kept.hidden_badges is None:
            kept.hidden_badges = {}
        memo, badges, ids, collapsed = kept.hidden_badges, self.options.badges, self.arrays.ids, self.collapsed
        if not badges:
            return lambda i: None
        if not collapsed:
            return lambda i: badges.get(ids[i])
        below, preorder, numbered = self.rollup()[2], self.preorder, self.numbered_in_preorder

        def subtree(i: int) -> Sequence[int]:
            if numbered:
                return range(i, i + below[i])
            at = preorder.index(i)
            return preorder[at : at + below[i]]

        def badge(i: int) -> BadgeCounts | None:
            if i not in collapsed:
                return badges.get(ids[i])
            if i not in memo:  # a collapsed card sums its whole subtree: once per placement
                memo[i] = badge_of(i, ids, badges, collapsed, subtree)
            return memo[i]

        return badge

    def rollup(self) -> Totals:
        """Per node number: teams, headcount and nodes in its subtree (itself included)."""
        kept = self._kept
        if kept.totals is None:
            arr = self.arrays
            teams = [1 if t else 0 for t in arr.is_team]
            heads = list(arr.headcount)
            nodes = [1] * len(arr)
            parent = arr.parent
            for i in reversed(self.preorder[1:]):
                p = parent[i]
                teams[p] += teams[i]
                heads[p] += heads[i]
                nodes[p] += nodes[i]
            kept.totals = (teams, heads, nodes)
        return kept.totals

    # Faces ------------------------------------------------------------------------------

    def face(self, i: int) -> CardFace:
        """What the card of shown node number ``i`` shows."""
        return next(self._face_maker()((i,)))

    def faces(self) -> Iterator[CardFace]:
        """The faces of the shown cards, in the order of ``order``.

        Made as they are taken, from what the placement keeps for all calls (the frames and
        the sub-lines many cards share): keep them in a list to use them twice."""
        return self._face_maker()(self.order)

    def faces_of(self, numbers: Iterable[int]) -> Iterator[CardFace]:
        """The faces of the shown nodes numbered in ``numbers``, in that order."""
        return self._face_maker()(numbers)

    def _face_maker(self) -> Callable[[Iterable[int]], Iterator[CardFace]]:
        kept = self._kept
        if kept.make_faces is None:
            kept.make_faces = face_maker(
                self.arrays, self.options, self.heights, self.collapsed, self.rollup(), self._badge_function()
            )
        return kept.make_faces

    def box(self, i: int) -> NodeBox:
        """Everything about the card of shown node number ``i``: where it is, and its face."""
        return NodeBox(self.arrays.ids[i], self.xs[i], self.ys[i], self.face(i))

    def box_of(self, node_id: str) -> NodeBox | None:
        """The card of a node by id, or None if it is hidden or absent."""
        i = self.number(node_id)
        return None if i is None else self.box(i)

    def boxes(self) -> Iterator[NodeBox]:
        """Every shown card, in pre-order."""
        ids, xs, ys = self.arrays.ids, self.xs, self.ys
        return (NodeBox(ids[i], xs[i], ys[i], face) for i, face in zip(self.order, self.faces(), strict=True))

    # Finding cards ----------------------------------------------------------------------

    def node_at(self, x: float, y: float) -> str | None:
        """The id of the card under the point (x, y), or None."""
        found = cards_in(self, x, y, x, y)
        return self.arrays.ids[found[0]] if found else None

    def cards_in(self, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        """The shown cards meeting the rectangle (x0, y0)-(x1, y1), in pre-order: found through
        the subtrees' boxes, at a cost that follows what is found."""
        return cards_in(self, x0, y0, x1, y1)

    def subtree_bounds(self) -> SubtreeBounds:
        """The box of each shown subtree (see :mod:`orgdesigner.layout.spatial`)."""
        kept = self._kept
        if kept.bounds is None:
            kept.bounds = subtree_bounds(self)
        return kept.bounds

    def card_grid(self) -> tuple[CardGrid, float, float]:
        """The shown cards by grid cell, and the cells' width and height (a card's pitch):
        the cards near a point or a line, without looking at the others. Do not change it."""
        cell_w = self.card_width + self.options.sizes.sibling_gap
        cell_h = float(self.options.sizes.height)
        kept = self._kept
        if kept.grid is None:
            grid: CardGrid = {}
            add = grid.setdefault
            xs, ys, hs, cw = self.xs, self.ys, self.heights, self.card_width
            with gc_paused():  # many small lists: the collector's passes would cost more
                for i in self.order:
                    x0, y0 = xs[i], ys[i]
                    gx0, gx1 = int(x0 // cell_w), int((x0 + cw) // cell_w)
                    for gy in range(int(y0 // cell_h), int((y0 + hs[i]) // cell_h) + 1):
                        for gx in range(gx0, gx1 + 1):
                            add((gx, gy), []).append(i)
            kept.grid = grid
        return kept.grid, cell_w, cell_h

    # Reporting lines ------------------------------------------------------------------------

    def edges(self) -> list[Edge]:
        """Each parent-to-child reporting line as its own orthogonal polyline."""
        out = []
        arr = self.arrays
        ids = arr.ids
        for c in self.order[1:]:
            out.append(Edge(ids[arr.parent[c]], ids[c], self.edge_points(c)))
        return out

    def edge_points(self, c: int) -> tuple[Point, ...]:
        """The polyline from shown node ``c``'s parent to ``c``."""
        arr = self.arrays
        p = arr.parent[c]
        cw = self.card_width
        bus = self.level_start[arr.depth[p] + 1] - self.options.sizes.level_gap / 2
        block = self.blocks[self.member_block[c]] if c in self.member_block else None
        xs, ys, hs = self.xs, self.ys, self.heights
        if self.options.orientation == "top-down":
            px, pb = xs[p] + cw / 2, ys[p] + hs[p]
            if block is None:
                cx = xs[c] + cw / 2
                pts: list[Point] = [(px, pb), (px, bus), (cx, bus), (cx, ys[c])]
            else:
                my = ys[c] + hs[c] / 2
                end = xs[c] + cw if xs[c] < block.spine_x else xs[c]
                sx = block.spine_x
                pts = [(px, pb), (px, bus), (sx, bus), (sx, my), (end, my)]
        else:
            pr, py = xs[p] + cw, ys[p] + hs[p] / 2
            if block is None:
                cy = ys[c] + hs[c] / 2
                pts = [(pr, py), (bus, py), (bus, cy), (xs[c], cy)]
            else:
                my = ys[c] + hs[c] / 2
                end = xs[c] + cw if xs[c] < block.spine_x else xs[c]
                sx, entry = block.spine_x, block.entry
                pts = [(pr, py), (bus, py), (bus, entry), (sx, entry), (sx, my), (end, my)]
        return tuple(pt for k, pt in enumerate(pts) if k == 0 or pt != pts[k - 1])
