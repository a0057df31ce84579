"""The reporting lines of a placement as axis-aligned segments, shared stretches drawn once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from orgdesigner.layout.blocks import LeafBlock
from orgdesigner.layout.geometry import Segment
from orgdesigner.layout.placement import Placement

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
    _families(pl, out.append)
    return out


def _ribs(
    block: LeafBlock, xs: Sequence[float], ys: Sequence[float], hs: Sequence[float], cw: float, emit: Emit
) -> None:
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


def _families(pl: Placement, emit: Emit) -> None:
    """Each parent's lines (see :func:`family_segments`)."""
    family = family_drawer(pl, emit)
    item_kids = pl.item_kids
    for p in pl.order:
        if item_kids[p]:
            family(p)


def family_segments(pl: Placement, parents: Iterable[int]) -> list[Segment]:
    """The reporting lines of the families of these shown ``parents`` only: what a picture of
    part of the chart draws."""
    out: list[Segment] = []
    family = family_drawer(pl, out.append)
    item_kids = pl.item_kids
    for p in parents:
        if item_kids[p]:
            family(p)
    return out


def family_drawer(pl: Placement, emit: Emit) -> Callable[[int], None]:
    """The function that emits one parent's lines: worked in breadth (across the levels) and
    depth (down them), and turned into x and y as the chart is oriented."""
    top_down = pl.options.orientation == "top-down"
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
    same = _SAME

    def family(p: int) -> None:
        kids = item_kids[p]
        bus = level_start[depth[p] + 1] - half_gap
        if top_down:
            here, stem_start = xs[p] + half_w, ys[p] + hs[p]
        else:
            here, stem_start = ys[p] + hs[p] / 2, xs[p] + cw
        stem_drawn = False
        lo = hi = here
        for c in kids:
            if c >= n:
                block = blocks[c - n]
                if top_down:
                    at, end = block.spine_x, block.spine_end
                else:  # in along the entry lane, then down the spine
                    at, end = block.entry, block.spine_x
                    emit((end, at, end, block.spine_end))
                _ribs(block, xs, ys, hs, cw, emit)
            elif top_down:
                at, end = xs[c] + half_w, ys[c]
            else:
                at, end = ys[c] + hs[c] / 2, xs[c]
            if not stem_drawn and -same < at - here < same:
                start = stem_start
                stem_drawn = True
            else:
                start = bus
            emit((at, start, at, end) if top_down else (start, at, end, at))
            if at < lo:
                lo = at
            elif at > hi:
                hi = at
        if not stem_drawn:
            emit((here, stem_start, here, bus) if top_down else (stem_start, here, bus, here))
        if hi - lo >= same:
            emit((lo, bus, hi, bus) if top_down else (bus, lo, bus, hi))

    return family
