"""The tidy tree held to an independent one: a small, slow Reingold-Tilford / van der Ploeg tidy
tree written here (recursive, with the contours as plain lists in absolute offsets, no threads
or modifiers), and the positions d3-hierarchy and d3-flextree give fixed trees."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.layout import Placement, layout
from orgdesigner.layout.tidy import tidy_breadth
from tests.conftest import DATA
from tests.layout.test_tidy_layout import options, trees
from tests.layout.trees import org_from_parents

Contour = list[tuple[float, float]]
"""A subtree's left or right contour, top to bottom: (bottom of the node, its left or right x).
Each node stands for the band from the previous node's bottom down to its own."""


def reference_tidy(kids: Sequence[Sequence[int]], breadth: Sequence[float], bottom: Sequence[float]) -> list[float]:
    """The low edge of each item, the root at 0: each subtree is placed, left to right, as
    close to the siblings before it as their contours allow (the roots side by side first,
    either way; deeper pairs only push it further); a move is shared out among the siblings in
    between, as Walker's; a parent is centred over its first and last child."""

    def place(t: int) -> tuple[dict[int, float], Contour, Contour]:
        if not kids[t]:
            return {t: 0.0}, [(bottom[t], 0.0)], [(bottom[t], breadth[t])]
        placed = [place(c) for c in kids[t]]
        offsets = [0.0]
        extra = [0.0] * len(placed)
        left: Contour = list(placed[0][1])
        right = [(b, x, 0) for b, x in placed[0][2]]  # (bottom, x, which sibling it belongs to)
        for i in range(1, len(placed)):
            _, sub_left, sub_right = placed[i]
            offset, first, a, b = 0.0, True, 0, 0
            while a < len(right) and b < len(sub_left):
                r_bottom, r_x, owner = right[a]
                l_bottom, l_x = sub_left[b]
                dist = r_x - (offset + l_x)
                if dist > 0 or (first and dist < 0):
                    offset += dist
                    for k in range(owner + 1, i):
                        extra[k] += dist * (k - owner) / (i - owner)
                first = False
                if r_bottom <= l_bottom:
                    a += 1
                if r_bottom >= l_bottom:
                    b += 1
            offsets.append(offset)
            deepest_right, deepest_left = sub_right[-1][0], left[-1][0]
            right = [(bb, x + offset, i) for bb, x in sub_right] + [e for e in right if e[0] > deepest_right]
            left = left + [(bb, x + offset) for bb, x in sub_left if bb > deepest_left]
        at = [o + e for o, e in zip(offsets, extra, strict=True)]
        last = kids[t][-1]
        here = (at[0] + at[-1] + breadth[last] - breadth[t]) / 2
        positions = {t: 0.0}
        for (sub, _, _), start in zip(placed, at, strict=True):
            positions.update({node: start + x - here for node, x in sub.items()})
        return (
            positions,
            [(bottom[t], 0.0)] + [(bb, x - here) for bb, x in left],
            [(bottom[t], breadth[t])] + [(bb, x - here) for bb, x, _ in right],
        )

    positions = place(0)[0]
    return [positions.get(i, 0.0) for i in range(len(breadth))]


def _kids(parents: Sequence[int]) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in parents]
    for i, p in enumerate(parents):
        if p >= 0:
            out[p].append(i)
    return out


def _preorder_internal(kids: Sequence[Sequence[int]]) -> list[int]:
    out, stack = [], [0]
    while stack:
        t = stack.pop()
        if kids[t]:
            out.append(t)
            stack.extend(reversed(kids[t]))
    return out


def _tidy(kids: Sequence[Sequence[int]], breadth: Sequence[float], bottom: Sequence[float]) -> list[float]:
    x, low, high = tidy_breadth(0, _preorder_internal(kids), kids, breadth, bottom)
    assert low == min(x) and high == max(xi + b for xi, b in zip(x, breadth, strict=True))
    return [xi - x[0] for xi in x]


@st.composite
def sized_trees(draw: st.DrawFn) -> tuple[list[int], list[float], list[float]]:
    """A tree with items of random breadth and depth: each starts a gap below its parent's
    bottom (non-layered), or all of a level start together (layered, as the layout's levels)."""
    parents = draw(trees())
    n = len(parents)
    breadth = [float(draw(st.integers(1, 6))) for _ in range(n)]
    layered = draw(st.booleans())
    depth = [0] * n
    for i in range(1, n):
        depth[i] = depth[parents[i]] + 1
    bottom = [0.0] * n
    for i in range(n):
        size = float(draw(st.integers(1, 3)))
        top = 4.0 * depth[i] if layered else (0.0 if i == 0 else bottom[parents[i]] + draw(st.sampled_from([0.5, 1.0])))
        bottom[i] = top + size
    return parents, breadth, bottom


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=sized_trees())
def test_the_tidy_core_places_every_item_as_the_reference_does(
    tree: tuple[list[int], list[float], list[float]],
) -> None:
    parents, breadth, bottom = tree
    kids = _kids(parents)
    assert _tidy(kids, breadth, bottom) == pytest.approx(reference_tidy(kids, breadth, bottom), abs=1e-9)


def _item_tree(pl: Placement) -> tuple[list[list[int]], list[float], list[float], list[float]]:
    """The tree the layout gave its tidy core, read back from the placement: cards and stacks
    of leaves (item n + b), their breadth and bottom along the chart's axes, and where each
    item's extent starts across (the card's or the stack's corner, less half a gap)."""
    n, gap = len(pl.arrays), float(pl.options.sizes.sibling_gap)
    top_down = pl.options.orientation == "top-down"
    kids = [list(k) for k in pl.item_kids] + [[] for _ in pl.blocks]
    breadth, bottom, start = [0.0] * len(kids), [0.0] * len(kids), [0.0] * len(kids)
    for i in pl.order:
        if i in pl.member_block:
            continue
        across, down = (pl.xs[i], pl.ys[i]) if top_down else (pl.ys[i], pl.xs[i])
        breadth[i] = (pl.card_width if top_down else pl.heights[i]) + gap
        bottom[i] = down + (pl.heights[i] if top_down else pl.card_width)
        start[i] = across - gap / 2
    for b, block in enumerate(pl.blocks):
        indent = pl.options.sizes.block_column_gap if block.columns == 1 else 0.0
        corner_x, corner_y = block.dx[0] - indent, min(block.dy)
        if top_down:
            breadth[n + b], bottom[n + b], start[n + b] = block.width + gap, corner_y + block.height, corner_x - gap / 2
        else:
            entry = 2.0 * pl.options.sizes.block_row_gap if block.columns == 2 else 0.0
            corner_y -= entry
            breadth[n + b], bottom[n + b], start[n + b] = block.height + gap, corner_x + block.width, corner_y - gap / 2
    return kids, breadth, bottom, start


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_card_and_stack_of_leaves_sits_where_the_reference_puts_it(data: st.DataObject) -> None:
    parents = data.draw(trees())
    pl = layout(org_from_parents(parents), data.draw(options(len(parents))))
    kids, breadth, bottom, start = _item_tree(pl)
    items = [i for i in pl.order if i not in pl.member_block] + [len(pl.arrays) + b for b in range(len(pl.blocks))]
    expected = reference_tidy(kids, breadth, bottom)
    assert [start[i] - start[0] for i in items] == pytest.approx([expected[i] for i in items], abs=1e-6)


FIXTURE = json.loads((DATA / "d3-tidy-positions.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", FIXTURE["d3_hierarchy"], ids=lambda c: c["name"])
def test_positions_equal_d3_hierarchy_tree(case: dict[str, list[float]]) -> None:
    """d3-hierarchy's tree() with node size 1 and separation 1 (Buchheim's layered tidy tree)."""
    parents = [int(p) for p in case["parents"]]
    depth = [0] * len(parents)
    for i in range(1, len(parents)):
        depth[i] = depth[parents[i]] + 1
    ours = _tidy(_kids(parents), [1.0] * len(parents), [d + 0.5 for d in depth])
    theirs = [x - case["x"][0] for x in case["x"]]
    assert ours == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize("case", FIXTURE["d3_flextree"], ids=lambda c: c["name"])
def test_positions_equal_d3_flextree(case: dict[str, list[float]]) -> None:
    """d3-flextree: nodes of different sizes, each child starting at its parent's bottom."""
    parents = [int(p) for p in case["parents"]]
    sizes = case["sizes"]
    breadth = [float(s[0]) for s in sizes]  # type: ignore[index]
    bottom = [y + s[1] for y, s in zip(case["y"], sizes, strict=True)]  # type: ignore[index]
    left = _tidy(_kids(parents), breadth, bottom)
    ours = [x + b / 2 - breadth[0] / 2 for x, b in zip(left, breadth, strict=True)]
    theirs = [x - case["x"][0] for x in case["x"]]
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_a_subtree_moves_left_to_its_sibling_when_nothing_deeper_stops_it() -> None:
    """A leaf, then a wide family: the family's root goes right beside the leaf and its children
    run on under the leaf (only moving right, it stood a gap further out)."""
    kids = [[1, 2], [], [3, 4, 5, 6], [], [], [], []]
    breadth = [1.0] * 7
    bottom = [0.5, 1.5, 1.5, 2.5, 2.5, 2.5, 2.5]
    x = _tidy(kids, breadth, bottom)
    assert x[2] - x[1] == 1.0  # the roots touch
    assert min(x[3:]) < x[1]  # the family's children reach in under the leaf
    assert x == pytest.approx(reference_tidy(kids, breadth, bottom))
