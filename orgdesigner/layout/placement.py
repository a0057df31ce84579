"""The Placement: the one picture of an org that the canvas, SVG, PNG, PDF and thumbnails draw.

It stores flat lists indexed by node number (see :class:`~orgdesigner.layout.arrays.OrgArrays`)
and builds per-node records (:class:`NodeBox`), edges and links only when asked for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from orgdesigner.layout.arrays import OrgArrays
from orgdesigner.layout.blocks import LeafBlock
from orgdesigner.layout.faces import CardFace, NodeBox, badge_of, face_maker
from orgdesigner.layout.geometry import TEXT_PAD, Bounds, Edge, LinkLine, Point
from orgdesigner.layout.legend import CategoryStyle, Legend, category_styles
from orgdesigner.layout.options import BadgeCounts, LayoutOptions
from orgdesigner.layout.routing import clip_link, route_link, segment_meets_box
from orgdesigner.layout.segments import connector_segments
from orgdesigner.model.gc_pause import gc_paused

Segment = tuple[float, float, float, float]
CLEARANCE = 2.0
"""How close a routed dotted line may pass another card."""
BADGE_OVERHANG = 9.0
"""How far a finding badge stands above its card's top edge (routes keep clear of it)."""
Runs = dict[tuple[bool, int], list[tuple[float, float, float, int]]]
"""The straight stretches of the dotted lines routed so far, by line (vertical?, whole x or y):
(x or y, from, to, source card)."""
SHARED_COST = 1000.0
"""What running along another source's dotted line costs a route (in chart units)."""
ROUTE_REACH = 40
"""Dotted lines between cards more than this many card widths apart are drawn straight."""
ROUTE_MAX_CARDS = 30_000
"""On charts with more cards than this, dotted lines are drawn straight (indexing the cards
would cost more than the rest of an export)."""
ROUTE_BUDGET = 150_000
"""How many grid cells the routing of one chart's dotted lines may look at; the links left
when it is spent are drawn straight. A count, not a clock, so the same chart always gets the
same lines."""


@dataclass(eq=False)
class Placement:
    """Where every shown card, line and legend entry of an org goes.

    Chart coordinates start at (0, 0) in the top-left corner and grow right and down; the
    whole picture fits in ``bounds``. Node numbers index ``arrays`` (pre-order, root 0);
    ``order`` lists the shown nodes in pre-order, and for a shown node ``i`` its card's top-left
    corner is ``(xs[i], ys[i])``, its size ``(card_width, heights[i])``. Nodes under a
    collapsed node are not shown (their entries in ``xs``/``ys`` mean nothing).
    """

    arrays: OrgArrays
    options: LayoutOptions
    order: list[int]
    xs: list[float]
    ys: list[float]
    heights: list[float]
    collapsed: frozenset[int]
    item_kids: list[list[int]]
    blocks: list[LeafBlock]
    member_block: dict[int, int]
    level_start: list[float]
    width: float
    height: float
    legend: Legend | None
    _numbers: dict[str, int] | None = field(default=None, repr=False)
    _shown: bytearray | None = field(default=None, repr=False)
    _rollup: tuple[list[int], list[int], list[int]] | None = field(default=None, repr=False)
    _make_faces: Callable[[Iterable[int]], Iterator[CardFace]] | None = field(default=None, repr=False)
    _links: tuple[LinkLine, ...] | None = field(default=None, repr=False)
    _grid: dict[tuple[int, int], list[int]] | None = field(default=None, repr=False)
    _route_budget: int = field(default=ROUTE_BUDGET, repr=False)

    @classmethod
    def empty(cls, arrays: OrgArrays, options: LayoutOptions) -> Placement:
        """The placement of an org without nodes: just the margins."""
        m = 2.0 * options.sizes.margin
        return cls(arrays, options, [], [], [], [], frozenset(), [], [], {}, [], m, m, None)

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
        return len(self.arrays) - len(self.order)

    def __len__(self) -> int:
        """The number of cards shown."""
        return len(self.order)

    # Nodes ----------------------------------------------------------------------------

    def number(self, node_id: str) -> int | None:
        """The node number of a shown node, or None if it is hidden or not in the org."""
        if self._numbers is None:
            self._numbers = {nid: i for i, nid in enumerate(self.arrays.ids)}
        i = self._numbers.get(node_id)
        if i is None or not self.is_shown(i):
            return None
        return i

    def is_shown(self, i: int) -> bool:
        """True when node number ``i`` has a card of its own."""
        if not self.collapsed:
            return 0 <= i < len(self.order)
        if self._shown is None:
            shown = bytearray(len(self.arrays))
            for k in self.order:
                shown[k] = 1
            self._shown = shown
        return bool(self._shown[i])

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
        return badge_of(i, self.arrays.ids, self.options.badges, self.collapsed, self.rollup()[2])

    def rollup(self) -> tuple[list[int], list[int], list[int]]:
        """Per node number: teams, headcount and nodes in its subtree (itself included)."""
        if self._rollup is None:
            arr = self.arrays
            teams = [1 if t else 0 for t in arr.is_team]
            heads = list(arr.headcount)
            nodes = [1] * len(arr)
            parent = arr.parent
            for i in range(len(arr) - 1, 0, -1):
                p = parent[i]
                teams[p] += teams[i]
                heads[p] += heads[i]
                nodes[p] += nodes[i]
            self._rollup = (teams, heads, nodes)
        return self._rollup

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
        if self._make_faces is None:
            self._make_faces = face_maker(self.arrays, self.options, self.heights, self.collapsed, self.rollup())
        return self._make_faces

    def box(self, i: int) -> NodeBox:
        """Everything about the card of shown node number ``i``: where it is, and its face."""
        return NodeBox(self.arrays.ids[i], self.xs[i], self.ys[i], self.face(i))

    def box_of(self, node_id: str) -> NodeBox | None:
        """The card of a node by id, or None if it is hidden or absent."""
        i = self.number(node_id)
        return None if i is None else self.box(i)

    def boxes(self) -> Iterator[NodeBox]:
        """Every shown card, in pre-order."""
        return (self.box(i) for i in self.order)

    def node_at(self, x: float, y: float) -> str | None:
        """The id of the card under the point (x, y), or None."""
        grid, cell_w, cell_h = self._card_grid()
        for i in grid.get((int(x // cell_w), int(y // cell_h)), ()):
            if self.rect(i).contains(x, y):
                return self.arrays.ids[i]
        return None

    def _card_grid(self) -> tuple[dict[tuple[int, int], list[int]], float, float]:
        """Shown cards by grid cell (a card is in every cell it touches), and the cell size."""
        cell_w = self.card_width + self.options.sizes.sibling_gap
        cell_h = float(self.options.sizes.height)
        if self._grid is None:
            grid: dict[tuple[int, int], list[int]] = {}
            add = grid.setdefault
            with gc_paused():  # many small lists: the collector's passes would cost more
                self._fill_grid(add, cell_w, cell_h)
            self._grid = grid
        return self._grid, cell_w, cell_h

    def _fill_grid(self, add: Callable[[tuple[int, int], list[int]], list[int]], cell_w: float, cell_h: float) -> None:
        xs, ys, hs, cw = self.xs, self.ys, self.heights, self.card_width
        for i in self.order:
            x0, y0 = xs[i], ys[i]
            gx0, gx1 = int(x0 // cell_w), int((x0 + cw) // cell_w)
            gy0, gy1 = int(y0 // cell_h), int((y0 + hs[i]) // cell_h)
            for gy in range(gy0, gy1 + 1):
                add((gx0, gy), []).append(i)
                for gx in range(gx0 + 1, gx1 + 1):
                    add((gx, gy), []).append(i)

    def crosses_cards(self, points: Sequence[Point], ends: tuple[int, int]) -> bool:
        """Whether the polyline ``points`` runs through a card: into either of the cards
        numbered in ``ends`` (it may start and stop on their borders), or within
        :data:`CLEARANCE` of any other."""
        grid, cell_w, cell_h = self._card_grid()
        xs, ys, hs, cw = self.xs, self.ys, self.heights, self.card_width
        reach = CLEARANCE
        lift = BADGE_OVERHANG if self.options.badges else 0.0  # badges stand above the card
        for (x1, y1), (x2, y2) in pairwise(points):
            seen: set[int] = set()
            columns = range(int((min(x1, x2) - reach) // cell_w), int((max(x1, x2) + reach) // cell_w) + 1)
            rows = range(int((min(y1, y2) - reach) // cell_h), int((max(y1, y2) + reach + lift) // cell_h) + 1)
            self._route_budget -= len(columns) * len(rows)
            for gx in columns:
                for gy in rows:
                    for i in grid.get((gx, gy), ()):
                        if i in seen:
                            continue
                        seen.add(i)
                        if i in ends:
                            box = (xs[i] + 0.5, ys[i] + 0.5, xs[i] + cw - 0.5, ys[i] + hs[i] - 0.5)
                        else:
                            box = (xs[i] - reach, ys[i] - reach - lift, xs[i] + cw + reach, ys[i] + hs[i] + reach)
                        if segment_meets_box((x1, y1), (x2, y2), box):
                            return True
        return False

    # Lines ----------------------------------------------------------------------------

    def segments(self) -> list[Segment]:
        """The reporting lines as horizontal and vertical segments (x1, y1, x2, y2), each
        shared stretch drawn once: the cheapest way to draw every edge."""
        return connector_segments(self)

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

    @property
    def links(self) -> tuple[LinkLine, ...]:
        """The ``serves`` links between shown cards (ends inside collapsed cards move up to them)."""
        if self._links is None:
            arr = self.arrays
            out: list[LinkLine] = []
            seen: set[tuple[int, int]] = set()
            runs: Runs = {}
            if arr.links:
                top = min(self.ys[i] for i in self.order) - self.options.sizes.margin / 2
                area = (top, self.width - 2, self.height - 2)
            for s, t in arr.links:
                vs, vt = self._shown_ancestor(s), self._shown_ancestor(t)
                if vs == vt or (vs, vt) in seen:
                    continue
                seen.add((vs, vt))
                pts = self._link_points(vs, vt, runs, area)
                out.append(LinkLine(arr.ids[vs], arr.ids[vt], arr.ids[s], arr.ids[t], pts))
            self._links = tuple(out)
        return self._links

    def _link_points(self, s: int, t: int, runs: Runs, area: tuple[float, float, float]) -> tuple[Point, ...]:
        """The route of a link from shown card ``s`` to ``t``. ``runs`` holds the straight
        stretches of the links routed so far (vertical?, position, from, to, source): a route
        pays for running along another source's line, and adds its own. Routes keep to
        ``area`` (top, right, bottom): on the chart, below the legend."""
        source, target = self.rect(s), self.rect(t)
        sizes = self.options.sizes
        reach = ROUTE_REACH * (self.card_width + sizes.sibling_gap)
        too_far = abs(source.x - target.x) + abs(source.y - target.y) > reach
        if too_far or self._route_budget <= 0 or len(self.order) > ROUTE_MAX_CARDS:
            return clip_link(source, target)  # far apart, or routing spent: straight, unchecked

        def shared(route: Sequence[Point]) -> float:
            cost = 0.0
            for vertical, at, lo, hi in _stretches(route):
                line = int(at)
                for bucket in (line - 1, line, line + 1):
                    for at2, lo2, hi2, owner in runs.get((vertical, bucket), ()):
                        if owner != s and abs(at - at2) < 1 and min(hi, hi2) - max(lo, lo2) > 1:
                            cost += SHARED_COST
            return cost

        quarter = sizes.level_gap / 4
        top, right, bottom = area

        def blocked(route: Sequence[Point]) -> bool:
            if any(not (2 <= x <= right and top <= y <= bottom) for x, y in route):
                return True
            return self.crosses_cards(route, (s, t))

        points = route_link(
            source,
            target,
            blocked,
            self.options.orientation == "top-down",
            channels=(quarter + 1, quarter + 5, quarter - 3),
            lane=sizes.block_column_gap / 4,
            penalty=shared,
        )
        for vertical, at, lo, hi in _stretches(points):
            runs.setdefault((vertical, int(at)), []).append((at, lo, hi, s))
        return points

    def _shown_ancestor(self, i: int) -> int:
        parent = self.arrays.parent
        top = i
        while i >= 0:
            if i in self.collapsed:
                top = i
            i = parent[i]
        return top


def _stretches(points: Sequence[Point]) -> Iterator[tuple[bool, float, float, float]]:
    """The axis-aligned pieces of a polyline: (vertical?, x or y, from, to)."""
    for (x1, y1), (x2, y2) in pairwise(points):
        if x1 == x2:
            yield True, x1, min(y1, y2), max(y1, y2)
        elif y1 == y2:
            yield False, y1, min(x1, x2), max(x1, x2)
