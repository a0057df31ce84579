"""Where a ``serves`` link runs: around the cards between its ends when it can, else straight.

A link is tried as a straight line and as a few orthogonal routes through the gaps a tidy tree
leaves free: the band between a row of cards and the lines above or below it, and the lane
beside a card in a stack. The cheapest route that crosses no card wins (length plus a charge
for each bend); when none is free, the straight line stays. Routes are worked out in top-down
terms and turned for a left-right chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from orgdesigner.layout.geometry import Bounds, Point

Crosses = Callable[[Sequence[Point]], bool]
"""Whether a polyline crosses any card other than the link's own two."""

BEND_COST = 40.0


def _border_point(box: Bounds, dx: float, dy: float) -> Point:
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    tx = (box.width / 2) / abs(dx) if dx else float("inf")
    ty = (box.height / 2) / abs(dy) if dy else float("inf")
    t = min(tx, ty)
    return (cx + dx * t, cy + dy * t)


def clip_link(source: Bounds, target: Bounds) -> tuple[Point, Point]:
    """The straight line between the two cards' centres, cut at their borders."""
    sx, sy = source.x + source.width / 2, source.y + source.height / 2
    tx, ty = target.x + target.width / 2, target.y + target.height / 2
    dx, dy = tx - sx, ty - sy
    if not dx and not dy:
        return ((sx, sy), (tx, ty))
    return (_border_point(source, dx, dy), _border_point(target, -dx, -dy))


def _cost(points: Sequence[Point]) -> float:
    length = sum(abs(x2 - x1) + abs(y2 - y1) for (x1, y1), (x2, y2) in pairwise(points))
    return length + BEND_COST * (len(points) - 2)


def _clean(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three points on one line."""
    out: list[Point] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _orthogonal(s: Bounds, t: Bounds, channel: float, lane: float) -> list[tuple[Point, ...]]:
    """Candidate routes in top-down terms: leave ``s`` by its top, bottom or a side, run in a
    band ``channel`` away from a row of cards, and enter ``t`` by its top or bottom."""
    rightward = t.x + t.width / 2 >= s.x + s.width / 2
    # Ports a quarter in from the corner facing the other card: off the centre, where the
    # reporting lines meet the card.
    a = s.x + s.width * (0.75 if rightward else 0.25)
    b = t.x + t.width * (0.25 if rightward else 0.75)
    raw: list[list[Point]] = []
    over = min(s.y, t.y) - channel
    under = max(s.bottom, t.bottom) + channel
    raw.append([(a, s.y), (a, over), (b, over), (b, t.y)])
    raw.append([(a, s.bottom), (a, under), (b, under), (b, t.bottom)])
    if t.y >= s.bottom:
        for y in (t.y - channel, s.bottom + channel):
            raw.append([(a, s.bottom), (a, y), (b, y), (b, t.y)])
    elif s.y >= t.bottom:
        for y in (s.y - channel, t.bottom + channel):
            raw.append([(a, s.y), (a, y), (b, y), (b, t.bottom)])
    # Out of a stacked card by its side, along the lane beside it, then as above.
    side_y = s.y + s.height * 0.3
    for side_x, lane_x in ((s.right, s.right + lane), (s.x, s.x - lane)):
        start = [(side_x, side_y), (lane_x, side_y)]
        raw.append([*start, (lane_x, over), (b, over), (b, t.y)])
        raw.append([*start, (lane_x, under), (b, under), (b, t.bottom)])
        if t.y >= s.bottom:
            raw.append([*start, (lane_x, t.y - channel), (b, t.y - channel), (b, t.y)])
        elif s.y >= t.bottom:
            raw.append([*start, (lane_x, t.bottom + channel), (b, t.bottom + channel), (b, t.bottom)])
    return [_clean(route) for route in raw]


def _turn(points: Sequence[Point]) -> tuple[Point, ...]:
    return tuple((y, x) for x, y in points)


def _turn_box(box: Bounds) -> Bounds:
    return Bounds(box.y, box.x, box.height, box.width)


def route_link(
    source: Bounds,
    target: Bounds,
    crosses: Crosses,
    top_down: bool,
    channels: Sequence[float],
    lane: float,
    penalty: Callable[[Sequence[Point]], float] = lambda route: 0.0,
) -> tuple[Point, ...]:
    """The points of the dotted line from ``source`` to ``target`` (the arrow at the end).

    ``channels`` are the distances from a row of cards at which a route may run (less than the
    distance to the reporting lines there), ``lane`` how far beside a card; ``penalty`` adds
    to a route's cost (for running along another link).
    """
    straight = clip_link(source, target)
    if not crosses(straight):
        return straight
    routes: list[tuple[Point, ...]] = []
    for channel in channels:
        if top_down:
            routes.extend(_orthogonal(source, target, channel, lane))
        else:
            routes.extend(_turn(r) for r in _orthogonal(_turn_box(source), _turn_box(target), channel, lane))
    for route in sorted(routes, key=lambda r: _cost(r) + penalty(r)):
        if len(route) >= 2 and not crosses(route):
            return route
    return straight


def segment_meets_box(start: Point, end: Point, box: tuple[float, float, float, float]) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through the open ``box`` (left,
    top, right, bottom), by Liang and Barsky's clipping."""
    (x1, y1), (x2, y2) = start, end
    left, top, right, bottom = box
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            if r >= t1:
                return False
            t0 = max(t0, r)
        else:
            if r <= t0:
                return False
            t1 = min(t1, r)
    return t0 < t1
