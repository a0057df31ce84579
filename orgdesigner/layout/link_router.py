"""Routing a placement's dotted ``serves`` lines: ``route_links(placement)``, when a picture asks.

Each link is tried straight and then along the routes :func:`~orgdesigner.layout.routing.route_link`
proposes, and the first that runs through no card wins. A :class:`_Router` lives for one call: it
holds the stretches of the lines routed so far (a route pays for running along another
source's line) and a budget of grid cells the search may look at (a count, not a clock, so
the same chart always gets the same lines). The placement is only read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from orgdesigner.layout.geometry import LinkLine, Point
from orgdesigner.layout.placement import Placement
from orgdesigner.layout.routing import clip_link, route_link, segment_meets_box

CLEARANCE = 2.0
"""How close a routed dotted line may pass another card."""
BADGE_OVERHANG = 9.0
"""How far a finding badge stands above its card's top edge (routes keep clear of it)."""
SHARED_COST = 1000.0
"""What running along another source's dotted line costs a route (in chart units)."""
ROUTE_REACH = 40
"""Dotted lines between cards more than this many card widths apart are drawn straight."""
ROUTE_MAX_CARDS = 30_000
"""On charts with more cards than this, dotted lines are drawn straight (indexing the cards
would cost more than the rest of an export)."""
ROUTE_BUDGET = 150_000
"""How many grid cells the routing of one chart's dotted lines may look at; the links left
when it is spent are drawn straight."""

Runs = dict[tuple[bool, int], list[tuple[float, float, float, int]]]
"""The straight stretches of the dotted lines routed so far, by line (vertical?, whole x or y):
(x or y, from, to, source card)."""


def route_links(placement: Placement, budget: int = ROUTE_BUDGET) -> tuple[LinkLine, ...]:
    """The ``serves`` links between the placement's shown cards, routed (ends inside collapsed
    cards move up to them; a link whose ends share a card, or that repeats one already drawn,
    is left out). ``budget`` is the grid cells the search may look at in all."""
    return _Router(placement, budget).route_all()


def routes_still_hold(before: Placement, after: Placement) -> bool:
    """True when ``route_links(after)`` would give what ``route_links(before)`` gave: the same
    dotted lines between the same numbered nodes, every card where it was and as tall, the
    same folds, orientation, size and badges (which stand above cards). An edit that moves no
    card (a rename that keeps its lines, a field, a badge) need not route them again."""
    a, b = before.arrays, after.arrays
    return (
        a.links == b.links
        and a.ids == b.ids
        and before.order == after.order
        and before.xs == after.xs
        and before.ys == after.ys
        and before.heights == after.heights
        and before.collapsed == after.collapsed
        and before.options.orientation == after.options.orientation
        and before.options.sizes == after.options.sizes
        and bool(before.options.badges) == bool(after.options.badges)
        and (before.width, before.height) == (after.width, after.height)
    )


class _Router:
    """The state of one routing: the lines routed so far and the budget left."""

    def __init__(self, placement: Placement, budget: int) -> None:
        self.pl = placement
        self.budget = budget
        self.runs: Runs = {}

    def route_all(self) -> tuple[LinkLine, ...]:
        pl = self.pl
        arr = pl.arrays
        if not arr.links:
            return ()
        top = min(pl.ys[i] for i in pl.order) - pl.options.sizes.margin / 2
        area = (top, pl.width - 2, pl.height - 2)
        out: list[LinkLine] = []
        seen: set[tuple[int, int]] = set()
        for s, t in arr.links:
            vs, vt = pl.card_of(s), pl.card_of(t)
            if vs == vt or (vs, vt) in seen:
                continue
            seen.add((vs, vt))
            out.append(LinkLine(arr.ids[vs], arr.ids[vt], arr.ids[s], arr.ids[t], self._route(vs, vt, area)))
        return tuple(out)

    def _route(self, s: int, t: int, area: tuple[float, float, float]) -> tuple[Point, ...]:
        """The route of a link from shown card ``s`` to ``t``: it pays for running along
        another source's line, and adds its own. Routes keep to ``area`` (top, right, bottom):
        on the chart, below the legend."""
        pl = self.pl
        source, target = pl.rect(s), pl.rect(t)
        sizes = pl.options.sizes
        reach = ROUTE_REACH * (pl.card_width + sizes.sibling_gap)
        too_far = abs(source.x - target.x) + abs(source.y - target.y) > reach
        if too_far or self.budget <= 0 or len(pl.order) > ROUTE_MAX_CARDS:
            return clip_link(source, target)  # far apart, or routing spent: straight, unchecked
        runs = self.runs

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
            return self._crosses_cards(route, (s, t))

        points = route_link(
            source,
            target,
            blocked,
            pl.options.orientation == "top-down",
            channels=(quarter + 1, quarter + 5, quarter - 3),
            lane=sizes.block_column_gap / 4,
            penalty=shared,
        )
        for vertical, at, lo, hi in _stretches(points):
            runs.setdefault((vertical, int(at)), []).append((at, lo, hi, s))
        return points

    def _crosses_cards(self, points: Sequence[Point], ends: tuple[int, int]) -> bool:
        """Whether the polyline ``points`` runs through a card: into either of the cards
        numbered in ``ends`` (it may start and stop on their borders), or within
        :data:`CLEARANCE` of any other. Each grid cell looked at is taken from the budget."""
        pl = self.pl
        grid, cell_w, cell_h = pl.card_grid()
        xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
        reach = CLEARANCE
        lift = BADGE_OVERHANG if pl.options.badges else 0.0  # badges stand above the card
        for (x1, y1), (x2, y2) in pairwise(points):
            seen: set[int] = set()
            columns = range(int((min(x1, x2) - reach) // cell_w), int((max(x1, x2) + reach) // cell_w) + 1)
            rows = range(int((min(y1, y2) - reach) // cell_h), int((max(y1, y2) + reach + lift) // cell_h) + 1)
            self.budget -= len(columns) * len(rows)
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


def _stretches(points: Sequence[Point]) -> Iterator[tuple[bool, float, float, float]]:
    """The axis-aligned pieces of a polyline: (vertical?, x or y, from, to)."""
    for (x1, y1), (x2, y2) in pairwise(points):
        if x1 == x2:
            yield True, x1, min(y1, y2), max(y1, y2)
        elif y1 == y2:
            yield False, y1, min(x1, x2), max(x1, x2)
