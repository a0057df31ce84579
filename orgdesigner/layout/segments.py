"""The reporting lines of a placement as axis-aligned segments, shared stretches drawn once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgdesigner.layout.placement import Placement, Segment


def connector_segments(pl: Placement) -> Iterator[Segment]:
    """For each parent: its stem, the bus across its children, a drop to each child; for a
    stack of leaves: the spine and a rib to each card."""
    arr = pl.arrays
    n = len(arr)
    depth = arr.depth
    xs, ys, hs = pl.xs, pl.ys, pl.heights
    cw = pl.card_width
    half_gap = pl.options.sizes.level_gap / 2
    top_down = pl.options.orientation == "top-down"
    blocks = pl.blocks
    for p in pl.order:
        kids = pl.item_kids[p]
        if not kids:
            continue
        bus = pl.level_start[depth[p] + 1] - half_gap
        if top_down:
            px = xs[p] + cw / 2
            yield (px, ys[p] + hs[p], px, bus)
            lo = hi = px
            for c in kids:
                if c < n:
                    cx = xs[c] + cw / 2
                    yield (cx, bus, cx, ys[c])
                else:
                    block = blocks[c - n]
                    cx = block.spine_x
                    yield (cx, bus, cx, block.spine_end)
                    for m in block.members:
                        my = ys[m] + hs[m] / 2
                        end = xs[m] + cw if xs[m] < cx else xs[m]
                        yield (cx, my, end, my)
                if cx < lo:
                    lo = cx
                elif cx > hi:
                    hi = cx
            if lo < hi:
                yield (lo, bus, hi, bus)
        else:
            py = ys[p] + hs[p] / 2
            yield (xs[p] + cw, py, bus, py)
            lo = hi = py
            for c in kids:
                if c < n:
                    cy = ys[c] + hs[c] / 2
                    yield (bus, cy, xs[c], cy)
                else:
                    block = blocks[c - n]
                    cy = block.entry
                    sx = block.spine_x
                    yield (bus, cy, sx, cy)
                    yield (sx, cy, sx, block.spine_end)
                    for m in block.members:
                        my = ys[m] + hs[m] / 2
                        end = xs[m] + cw if xs[m] < sx else xs[m]
                        yield (sx, my, end, my)
                if cy < lo:
                    lo = cy
                elif cy > hi:
                    hi = cy
            if lo < hi:
                yield (bus, lo, bus, hi)
