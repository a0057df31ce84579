"""Holding a placement that followed edits (``LiveLayout``, the canvas's) to one laid out from
scratch (``layout()``): the same picture, compared by node id (their node numbers differ: a
followed layout keeps each node's number from edit to edit)."""

from __future__ import annotations

from typing import Any

from orgdesigner.layout import Placement, layout, route_links
from orgdesigner.layout.segments import family_segments
from orgdesigner.layout.spatial import families_in
from orgdesigner.model import OrgTree


def picture(pl: Placement) -> dict[str, Any]:
    """Everything a placement draws, by node id: the cards (corner, height, face) in pre-order,
    the reporting lines, the dotted lines as routed, the legend and the size."""
    ids = pl.arrays.ids
    return {
        "size": (pl.width, pl.height),
        "levels": pl.level_start,
        "legend": pl.legend,
        "cards": [(ids[i], pl.xs[i], pl.ys[i], pl.heights[i], pl.face(i)) for i in pl.order],
        "edges": sorted((e.child, e.parent, e.points) for e in pl.edges()),
        "links": [(line.source_id, line.target_id, line.points) for line in route_links(pl)],
    }


def _found(pl: Placement, x0: float, y0: float, x1: float, y1: float) -> tuple[list[str], list[Any]]:
    """What a repaint of the rectangle shows: the cards meeting it, and the stretches of
    reporting lines crossing it, as the canvas's layers find them (a layer may be handed lines
    of families whose boxes only come near the rectangle: those are clipped away)."""
    ids = pl.arrays.ids
    cards = [ids[i] for i in pl.cards_in(x0, y0, x1, y1)]
    segments = sorted(
        (ax, ay, bx, by)
        for ax, ay, bx, by in family_segments(pl, families_in(pl, x0, y0, x1, y1))
        if min(ax, bx) <= x1 and max(ax, bx) >= x0 and min(ay, by) <= y1 and max(ay, by) >= y0
    )
    return cards, segments


def assert_same_placement(followed: Placement, org: OrgTree) -> Placement:
    """``followed`` draws what ``layout(org, followed.options)`` draws, and its boxes find the
    same cards and lines in every quarter of the chart; returns the fresh placement."""
    fresh = layout(org, followed.options)
    assert picture(followed) == picture(fresh)
    w, h = fresh.width, fresh.height
    for x0, y0, x1, y1 in ((0, 0, w, h), (0, 0, w / 2, h / 2), (w / 2, 0, w, h / 2), (w / 3, h / 3, w, h)):
        assert _found(followed, x0, y0, x1, y1) == _found(fresh, x0, y0, x1, y1)
    return fresh
