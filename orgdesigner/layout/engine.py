"""``layout()``: from an org (or its arrays) to the :class:`Placement` every picture draws."""

from __future__ import annotations

from itertools import compress
from types import MappingProxyType

from orgdesigner.layout.arrays import OrgArrays, org_arrays
from orgdesigner.layout.blocks import arrange_block
from orgdesigner.layout.legend import build_legend
from orgdesigner.layout.options import LayoutOptions
from orgdesigner.layout.placement import Placement
from orgdesigner.layout.tidy import tidy_breadth
from orgdesigner.model import OrgTree
from orgdesigner.model.gc_pause import gc_paused

DEFAULT_OPTIONS = LayoutOptions()


def collapsed_nodes(arrays: OrgArrays, options: LayoutOptions) -> set[int]:
    """Numbers of the nodes drawn collapsed: named in ``options.collapsed`` or at
    ``collapse_depth``, and having children (a leaf has nothing to hide)."""
    kids = arrays.kids
    out: set[int] = set()
    every = range(len(arrays))
    if options.collapsed:
        wanted = options.collapsed
        out.update(i for i in compress(every, map(wanted.__contains__, arrays.ids)) if kids[i])
    if options.collapse_depth is not None:
        out.update(i for i in compress(every, map(options.collapse_depth.__eq__, arrays.depth)) if kids[i])
    return out


def _visible_order(kids: list[list[int]], collapsed: set[int]) -> list[int]:
    order: list[int] = []
    stack = [0]
    while stack:
        i = stack.pop()
        order.append(i)
        if i not in collapsed and kids[i]:
            stack.extend(reversed(kids[i]))
    return order


def layout(source: OrgTree | OrgArrays, options: LayoutOptions = DEFAULT_OPTIONS) -> Placement:
    """Lay ``source`` out as a tidy tree and return its :class:`Placement`.

    Linear in the number of nodes and without recursion. Parents are centred over their
    children, siblings keep their order, subtrees are packed by their contours and no two
    cards overlap; the same input always gives the same coordinates.
    """
    arrays = source if isinstance(source, OrgArrays) else org_arrays(source)
    with gc_paused():
        return _layout(arrays, options)


def _layout(arrays: OrgArrays, options: LayoutOptions) -> Placement:
    n = len(arrays)
    if n == 0:
        return Placement.empty(arrays, options)
    sizes = options.sizes
    top_down = options.orientation == "top-down"
    cw, card_h = float(sizes.width), float(sizes.height)
    collapsed_h = card_h + sizes.collapsed_extra
    gap = float(sizes.sibling_gap)
    depth = arrays.depth

    collapsed = collapsed_nodes(arrays, options)
    kids = arrays.kids
    if collapsed:
        order = _visible_order(kids, collapsed)
        item_kids = list(kids)
        for i in collapsed:
            item_kids[i] = []
    else:
        order = list(range(n))
        item_kids = kids

    # Items are the cards the tidy tree places (node numbers) plus one per leaf block (n + b).
    stacks: list[tuple[int, list[int]]] = []
    member_block: dict[int, int] = {}
    threshold = options.compact_threshold
    internal = [i for i in order if item_kids[i]]
    if threshold is not None:
        item_kids = _make_blocks(internal, item_kids, threshold, stacks, member_block, n)

    base_depth = card_h if top_down else cw
    base_breadth = (cw if top_down else card_h) + gap
    max_depth = max(depth)
    extent = [base_depth] * (max_depth + 1)
    if top_down:
        for i in collapsed:
            if i not in member_block:
                extent[depth[i]] = collapsed_h
    level_start = [0.0] * (max_depth + 2)
    for d in range(max_depth + 1):
        level_start[d + 1] = level_start[d] + extent[d] + sizes.level_gap

    if collapsed:  # only the shown items matter: a folded chart costs what it shows
        bottom = [0.0] * n
        for i in order:
            bottom[i] = level_start[depth[i]] + base_depth
    else:
        bottom = [level_start[d] + base_depth for d in depth]
    breadth = [base_breadth] * n
    for i in collapsed:
        if top_down:
            bottom[i] = level_start[depth[i]] + collapsed_h
        else:
            breadth[i] = collapsed_h + gap
    heights = [card_h] * n
    for i in collapsed:
        heights[i] = collapsed_h
    columns = options.compact_columns
    blocks = [
        arrange_block(
            parent,
            members,
            columns,
            [heights[m] for m in members],
            cw,
            sizes.block_row_gap,
            sizes.block_column_gap,
            entry_lane=not top_down and columns == 2,
        )
        for parent, members in stacks
    ]
    for block in blocks:
        start = level_start[depth[block.parent] + 1]
        if top_down:
            breadth.append(block.width + gap)
            bottom.append(start + block.height)
        else:
            breadth.append(block.height + gap)
            bottom.append(start + block.width)
    if blocks:
        internal = [i for i in order if item_kids[i]]

    pos, low, high = tidy_breadth(0, internal, item_kids, breadth, bottom)
    margin = float(sizes.margin)
    if collapsed:
        depth_high = max(max(bottom[i] for i in order), max(bottom[n:], default=0.0))
    else:
        depth_high = max(bottom)
    shift_b = margin + gap / 2 - low
    chart_breadth = high - low - gap + 2 * margin
    chart_depth = depth_high + 2 * margin
    chart_w, chart_h = (chart_breadth, chart_depth) if top_down else (chart_depth, chart_breadth)
    legend = build_legend(arrays, order, collapsed, options, chart_w) if options.show_legend else None
    top = margin + (legend.height if legend else 0.0)
    if collapsed:
        xs, ys = [0.0] * n, [0.0] * n
        for i in order:
            if top_down:
                xs[i] = pos[i] + shift_b
                ys[i] = level_start[depth[i]] + top
            else:
                xs[i] = level_start[depth[i]] + margin
                ys[i] = pos[i] + shift_b + top - margin
    elif top_down:
        xs = [p + shift_b for p in pos[:n]]
        ys = [level_start[d] + top for d in depth]
    else:
        xs = [level_start[d] + margin for d in depth]
        ys = [p + shift_b + top - margin for p in pos[:n]]
    for b, block in enumerate(blocks):
        start = level_start[depth[block.parent] + 1]
        corner = pos[n + b] + shift_b
        if top_down:
            block = blocks[b] = block.placed(corner, start + top)
        else:
            block = blocks[b] = block.placed(start + margin, corner + top - margin)
        for k, m in enumerate(block.members):
            xs[m] = block.dx[k]
            ys[m] = block.dy[k]
    level_screen = [s + (top if top_down else margin) for s in level_start]
    width = max(chart_w, legend.width + 2 * margin if legend else 0.0)
    height = chart_h + (legend.height if legend else 0.0)
    return Placement(
        arrays=arrays,
        options=options,
        preorder=range(n),
        order=tuple(order),
        xs=tuple(xs),
        ys=tuple(ys),
        heights=tuple(heights),
        collapsed=frozenset(collapsed),
        item_kids=item_kids,
        blocks=tuple(blocks),
        member_block=MappingProxyType(member_block),
        level_start=tuple(level_screen),
        width=width,
        height=height,
        legend=legend,
    )


def _make_blocks(
    internal: list[int],
    item_kids: list[list[int]],
    threshold: int,
    stacks: list[tuple[int, list[int]]],
    member_block: dict[int, int],
    n: int,
) -> list[list[int]]:
    """Replace each run of more than ``threshold`` childless children by one block item (a
    stack of leaves: its parent and members go to ``stacks``), standing where the first of
    them stood."""
    leaf = [not k for k in item_kids]
    changed = False
    for t in internal:
        children = item_kids[t]
        if len(children) <= threshold:
            continue
        leaves = [c for c in children if leaf[c]]
        if len(leaves) <= threshold:
            continue
        if not changed:
            item_kids = list(item_kids)
            changed = True
        b = len(stacks)
        stacks.append((t, leaves))
        member_block.update(dict.fromkeys(leaves, b))
        first = children.index(leaves[0])
        item_kids[t] = [*children[:first], n + b, *(c for c in children[first + 1 :] if not leaf[c])]
    return item_kids
