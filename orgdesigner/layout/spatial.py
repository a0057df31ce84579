"""Where things are on a placement, found by walking its tree: each shown card's subtree has a
bounding box, so the cards (or families of reporting lines) meeting a rectangle are found by going
down from the top into the subtrees that meet it, never by looking at every card.

The boxes are made in one pass for a placement that was laid out from scratch, and kept up to date
edit by edit by :class:`~orgdesigner.layout.live.LiveLayout`; either way a query costs about the
cards it finds plus the path down to them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass
from typing import Protocol

from orgdesigner.layout.blocks import LeafBlock
from orgdesigner.model.gc_pause import gc_paused


class Placement(Protocol):
    """What the walks read of a :class:`~orgdesigner.layout.placement.Placement` (named here so
    that the placement can hand out its boxes without the two modules importing each other)."""

    @property
    def arrays(self) -> Sized: ...
    @property
    def blocks(self) -> Sequence[LeafBlock]: ...
    @property
    def member_block(self) -> Mapping[int, int]: ...
    @property
    def item_kids(self) -> Sequence[Sequence[int]]: ...
    @property
    def order(self) -> Sequence[int]: ...
    @property
    def xs(self) -> Sequence[float]: ...
    @property
    def ys(self) -> Sequence[float]: ...
    @property
    def heights(self) -> Sequence[float]: ...
    @property
    def card_width(self) -> float: ...
    def subtree_bounds(self) -> SubtreeBounds: ...


@dataclass(frozen=True, slots=True)
class SubtreeBounds:
    """For each shown item (a card's node number, or ``base + b`` for the stack of leaves
    ``blocks[b]``): the box holding its card and everything shown below it, as ``lo``-``hi``
    across the chart's levels and ``start``-``end`` down them. Across is x when ``across_x``
    (a top-down chart), y otherwise; chart coordinates are the values plus ``shift_across`` and
    ``shift_down`` (a layout kept edit by edit stores its own units and says how to turn them)."""

    base: int
    lo: Sequence[float]
    hi: Sequence[float]
    start: Sequence[float]
    end: Sequence[float]
    across_x: bool = True
    shift_across: float = 0.0
    shift_down: float = 0.0

    def query(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A chart rectangle in the boxes' own units: (across from, to, down from, to)."""
        a, d = self.shift_across, self.shift_down
        if self.across_x:
            return x0 - a, x1 - a, y0 - d, y1 - d
        return y0 - a, y1 - a, x0 - d, x1 - d

    def rect(self, i: int) -> tuple[float, float, float, float]:
        """Item ``i``'s box in chart coordinates: (x0, y0, x1, y1)."""
        a, d = self.shift_across, self.shift_down
        if self.across_x:
            return self.lo[i] + a, self.start[i] + d, self.hi[i] + a, self.end[i] + d
        return self.start[i] + d, self.lo[i] + a, self.end[i] + d, self.hi[i] + a


def subtree_bounds(pl: Placement) -> SubtreeBounds:
    """The boxes of every shown subtree of ``pl``, from its cards (children before parents)."""
    with gc_paused():
        return _bounds(pl)


def _bounds(pl: Placement) -> SubtreeBounds:
    base = len(pl.arrays)
    size = base + len(pl.blocks)
    x0 = [0.0] * size
    y0 = [0.0] * size
    x1 = [0.0] * size
    y1 = [0.0] * size
    xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
    for b, block in enumerate(pl.blocks):
        k = base + b
        if not block.members:
            continue
        # The cards, and the spine from where the parent's line meets it (above the first row).
        bx0, by0 = min(min(block.dx), block.spine_x), min(min(block.dy), block.entry)
        bx1 = max(max(block.dx) + cw, block.spine_x)
        by1 = max(by + hs[m] for by, m in zip(block.dy, block.members, strict=True))
        x0[k], y0[k], x1[k], y1[k] = bx0, by0, bx1, by1
    item_kids = pl.item_kids
    for i in reversed(pl.order):
        if i in pl.member_block:
            continue
        a0, b0 = xs[i], ys[i]
        a1, b1 = a0 + cw, b0 + hs[i]
        for c in item_kids[i]:
            if x0[c] < a0:
                a0 = x0[c]
            if y0[c] < b0:
                b0 = y0[c]
            if x1[c] > a1:
                a1 = x1[c]
            if y1[c] > b1:
                b1 = y1[c]
        x0[i], y0[i], x1[i], y1[i] = a0, b0, a1, b1
    return SubtreeBounds(base, x0, x1, y0, y1)


def walk_items(pl: Placement, x0: float, y0: float, x1: float, y1: float) -> Iterator[int]:
    """The shown items (node numbers, and ``base + b`` for stacks of leaves) whose subtree box
    meets the rectangle, parents before their children."""
    if not pl.order:
        return
    bounds = pl.subtree_bounds()
    lo, hi, start, end = bounds.lo, bounds.hi, bounds.start, bounds.end
    a0, a1, d0, d1 = bounds.query(x0, y0, x1, y1)
    item_kids = pl.item_kids
    base = bounds.base
    stack = [pl.order[0]]
    pop, push = stack.pop, stack.extend
    while stack:
        i = pop()
        if lo[i] > a1 or hi[i] < a0 or start[i] > d1 or end[i] < d0:
            continue
        yield i
        if i < base:
            kids = item_kids[i]
            if kids:
                push(reversed(kids))


def cards_in(pl: Placement, x0: float, y0: float, x1: float, y1: float) -> list[int]:
    """The shown cards whose rectangles meet the rectangle (x0, y0)-(x1, y1), in pre-order."""
    out: list[int] = []
    xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
    base = len(pl.arrays)
    blocks = pl.blocks
    for i in walk_items(pl, x0, y0, x1, y1):
        if i >= base:
            for m in blocks[i - base].members:
                if xs[m] <= x1 and xs[m] + cw >= x0 and ys[m] <= y1 and ys[m] + hs[m] >= y0:
                    out.append(m)
        elif xs[i] <= x1 and xs[i] + cw >= x0 and ys[i] <= y1 and ys[i] + hs[i] >= y0:
            out.append(i)
    return out


def coarse_boxes(
    pl: Placement, x0: float, y0: float, x1: float, y1: float, smallest: float
) -> Iterator[tuple[int, bool]]:
    """What a picture of the rectangle at a scale where ``smallest`` chart units are about a
    pixel needs to draw: ``(card, False)`` for each card meeting it, and ``(item, True)`` instead
    of a whole subtree (or stack of leaves) whose box is thinner than ``smallest`` in both
    directions, which can be drawn as its box. The cost follows the pixels, not the cards."""
    if not pl.order:
        return
    bounds = pl.subtree_bounds()
    lo, hi, start, end = bounds.lo, bounds.hi, bounds.start, bounds.end
    a0, a1, d0, d1 = bounds.query(x0, y0, x1, y1)
    item_kids = pl.item_kids
    base = bounds.base
    xs, ys, hs, cw = pl.xs, pl.ys, pl.heights, pl.card_width
    blocks = pl.blocks
    stack = [pl.order[0]]
    while stack:
        i = stack.pop()
        if lo[i] > a1 or hi[i] < a0 or start[i] > d1 or end[i] < d0:
            continue
        if hi[i] - lo[i] < smallest and end[i] - start[i] < smallest:
            yield i, True
            continue
        if i >= base:
            for m in blocks[i - base].members:
                if xs[m] <= x1 and xs[m] + cw >= x0 and ys[m] <= y1 and ys[m] + hs[m] >= y0:
                    yield m, False
            continue
        if xs[i] <= x1 and xs[i] + cw >= x0 and ys[i] <= y1 and ys[i] + hs[i] >= y0:
            yield i, False
        kids = item_kids[i]
        if kids:
            stack.extend(reversed(kids))


def families_in(pl: Placement, x0: float, y0: float, x1: float, y1: float, smallest: float = 0.0) -> list[int]:
    """The shown parents whose families' reporting lines may cross the rectangle (their subtree
    box meets it), leaving out subtrees thinner than ``smallest`` both ways (drawn as boxes)."""
    out: list[int] = []
    if not pl.order:
        return out
    bounds = pl.subtree_bounds()
    lo, hi, start, end = bounds.lo, bounds.hi, bounds.start, bounds.end
    a0, a1, d0, d1 = bounds.query(x0, y0, x1, y1)
    item_kids = pl.item_kids
    base = bounds.base
    stack = [pl.order[0]]
    while stack:
        i = stack.pop()
        if i >= base or lo[i] > a1 or hi[i] < a0 or start[i] > d1 or end[i] < d0:
            continue
        if hi[i] - lo[i] < smallest and end[i] - start[i] < smallest:
            continue
        kids = item_kids[i]
        if kids:
            out.append(i)
            stack.extend(kids)
    return out
