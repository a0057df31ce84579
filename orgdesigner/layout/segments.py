"""The reporting lines of a placement as axis-aligned segments, shared stretches drawn once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgdesigner.layout.blocks import LeafBlock
    from orgdesigner.layout.placement import Placement, Segment

Emit = Callable[[tuple[float, float, float, float]], None]
_SAME = 0.01
"""Two coordinates closer than this are one line (positions are whole units or halves)."""


def connector_segments(pl: Placement) -> list[Segment]:
    """For each parent: its stem, the bus across its children, a drop to each child; for a
    stack of leaves: the spine and a rib to each card.

    Collinear pieces are joined: a stem and the drop straight below it are one segment, and
    the two ribs of a two-column row one line across the spine.
    """
    out: list[Segment] = []
    if pl.options.orientation == "top-down":
        _top_down(pl, out.append)
    else:
        _left_right(pl, out.append)
    return out


def _ribs(block: LeafBlock, xs: list[float], ys: list[float], hs: list[float], cw: float, emit: Emit) -> None:
    """The ribs from a block's spine to its cards (two cards level with each other: one line)."""
    sx = block.spine_x
    members = block.members
    count = len(members)
    k = 0
    while k < count:
        m = members[k]
        my = ys[m] + hs[m] / 2
        end = xs[m] + cw if xs[m] < sx else xs[m]
        if k + 1 < count:
            m2 = members[k + 1]
            my2 = ys[m2] + hs[m2] / 2
            if abs(my2 - my) < _SAME and (xs[m2] < sx) != (xs[m] < sx):
                end2 = xs[m2] + cw if xs[m2] < sx else xs[m2]
                emit((min(end, end2), my, max(end, end2), my))
                k += 2
                continue
        emit((sx, my, end, my))
        k += 1


def _top_down(pl: Placement, emit: Emit) -> None:
    arr = pl.arrays
    n = len(arr)
    depth = arr.depth
    xs, ys, hs = pl.xs, pl.ys, pl.heights
    cw = pl.card_width
    half_w = cw / 2
    half_gap = pl.options.sizes.level_gap / 2
    blocks = pl.blocks
    item_kids = pl.item_kids
    level_start = pl.level_start
    for p in pl.order:
        kids = item_kids[p]
        if not kids:
            continue
        bus = level_start[depth[p] + 1] - half_gap
        px = xs[p] + half_w
        stem_top = ys[p] + hs[p]
        stem_drawn = False
        lo = hi = px
        for c in kids:
            if c < n:
                cx = xs[c] + half_w
                end = ys[c]
            else:
                block = blocks[c - n]
                cx = block.spine_x
                end = block.spine_end
                _ribs(block, xs, ys, hs, cw, emit)
            if not stem_drawn and -_SAME < cx - px < _SAME:
                emit((px, stem_top, px, end))
                stem_drawn = True
            else:
                emit((cx, bus, cx, end))
            if cx < lo:
                lo = cx
            elif cx > hi:
                hi = cx
        if not stem_drawn:
            emit((px, stem_top, px, bus))
        if hi - lo >= _SAME:
            emit((lo, bus, hi, bus))


def _left_right(pl: Placement, emit: Emit) -> None:
    arr = pl.arrays
    n = len(arr)
    depth = arr.depth
    xs, ys, hs = pl.xs, pl.ys, pl.heights
    cw = pl.card_width
    half_gap = pl.options.sizes.level_gap / 2
    blocks = pl.blocks
    item_kids = pl.item_kids
    level_start = pl.level_start
    for p in pl.order:
        kids = item_kids[p]
        if not kids:
            continue
        bus = level_start[depth[p] + 1] - half_gap
        py = ys[p] + hs[p] / 2
        stem_left = xs[p] + cw
        stem_drawn = False
        lo = hi = py
        for c in kids:
            if c < n:
                cy = ys[c] + hs[c] / 2
                end = xs[c]
            else:
                block = blocks[c - n]
                cy = block.entry
                end = block.spine_x
                emit((end, cy, end, block.spine_end))
                _ribs(block, xs, ys, hs, cw, emit)
            if not stem_drawn and -_SAME < cy - py < _SAME:
                emit((stem_left, py, end, py))
                stem_drawn = True
            else:
                emit((bus, cy, end, cy))
            if cy < lo:
                lo = cy
            elif cy > hi:
                hi = cy
        if not stem_drawn:
            emit((stem_left, py, bus, py))
        if hi - lo >= _SAME:
            emit((bus, lo, bus, hi))
