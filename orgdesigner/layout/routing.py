"""Where a ``serves`` link runs: from the edge of one card to the edge of the other."""

from __future__ import annotations

from orgdesigner.layout.geometry import Bounds, Point


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
