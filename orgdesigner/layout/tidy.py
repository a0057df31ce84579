"""The tidy-tree core: van der Ploeg's linear-time Walker for nodes of different sizes.

A. van der Ploeg, "Drawing non-layered tidy trees in linear time", Software: Practice and
Experience 44(12), 2014 (the algorithm d3-flextree implements), written without recursion over
flat lists indexed by item number so that a 10,000-level chain lays out like any other tree.
The comments name the paper's procedures (``firstWalk``, ``separate``, ``moveSubtree``,
``distributeExtra``, ``setLeftThread``, ``setRightThread``, ``updateIYL``, ``positionRoot``,
``setExtremes``, ``secondWalk``, ``addChildSpacing``), as d3-hierarchy's ``tree.js`` names
Buchheim's; here they are written out in place, which keeps the hot loop fast.

The breadth axis is "x" here and the depth axis "y"; the caller maps them to the screen.
"""

from __future__ import annotations

from collections.abc import Sequence


def tidy_breadth(
    root: int,
    internal: Sequence[int],
    kids: Sequence[Sequence[int]],
    breadth: Sequence[float],
    bottom: Sequence[float],
) -> tuple[list[float], float, float]:
    """Breadth positions (the low edge of each item's extent) for a tree of items.

    ``internal`` lists the items that have children, parents before children (pre-order);
    ``kids[t]`` is item t's children in order; ``breadth[t]`` the room item t takes across
    (its size plus the gap to its neighbour); ``bottom[t]`` where it ends along the depth axis
    (its start plus its depth size; a child always starts below its parent's bottom).
    Returns the positions and the low and high ends of the whole tree's extent. Items not
    reachable from ``root`` keep position 0. Subtrees are packed as close as their
    contours allow, each parent is centred over its first and last child, and the space a
    move opens is shared out among the siblings in between.
    """
    size = len(breadth)
    # Per item, as in the paper: prelim (position relative to the parent's frame), mod (what
    # its whole subtree is moved by), shift and change (addChildSpacing's deferred moves of
    # siblings), msel / mser (the summed mods down to the subtree's extreme left / right node
    # el / er, its deepest node on the left / right contour).
    prelim = [0.0] * size
    mod = [0.0] * size
    shift = [0.0] * size
    change = [0.0] * size
    msel = [0.0] * size
    mser = [0.0] * size
    el = list(range(size))  # setExtremes of a leaf: the leaf itself
    er = list(range(size))
    # nextLeftContour / nextRightContour: the first (last) child, or a leaf's thread (tl, tr).
    next_left = [-1] * size
    next_right = [-1] * size
    for t in internal:
        ch = kids[t]
        next_left[t] = ch[0]
        next_right[t] = ch[-1]

    # firstWalk, children before parents (reversed pre-order: no recursion).
    for t in reversed(internal):
        ch = kids[t]
        c0 = ch[0]
        # updateIYL(bottom(c0.el), 0): the stack of (lowY, index) of the siblings whose
        # subtrees reach lowest so far, the latest on top.
        iyl_low = [bottom[er[c0]]]
        iyl_index = [0]
        for i in range(1, len(ch)):
            ci = ch[i]
            min_y = bottom[er[ci]]
            # separate(t, i, ih): walk the right contour of the siblings so far (sr) and the
            # left contour of subtree i (cl) down together. The first pair (the two roots)
            # puts subtree i right beside its left sibling, nearer than where it started or
            # further; each later pair can only move it right, where they come too close.
            # (The paper moves only right, so a subtree could stay further out than any
            # contour asks; d3-flextree's rule, dist > 0 || (dist < 0 && isFirst), is the
            # tightest.)
            sr = ch[i - 1]
            mssr = mod[sr]
            cl = ci
            mscl = mod[cl]
            p = len(iyl_low) - 1
            first = True
            while sr >= 0 and cl >= 0:
                b_sr = bottom[sr]
                if p > 0 and b_sr > iyl_low[p]:
                    p -= 1  # sr belongs to an earlier, deeper sibling (ih = ih.nxt)
                dist = mssr + prelim[sr] + breadth[sr] - mscl - prelim[cl]
                if dist > 0 or (first and dist < 0):
                    # moveSubtree(t, i, si, dist)
                    mscl += dist
                    mod[ci] += dist
                    msel[ci] += dist
                    mser[ci] += dist
                    # distributeExtra(t, i, si, dist): the siblings between si and i move
                    # by shares of dist, applied by addChildSpacing in the second walk.
                    si = iyl_index[p]
                    if si != i - 1:
                        part = dist / (i - si)
                        shift[ch[si + 1]] += part
                        shift[ci] -= part
                        change[ci] -= dist - part
                first = False
                b_cl = bottom[cl]
                if b_sr <= b_cl:
                    sr = next_right[sr]  # nextRightContour
                    if sr >= 0:
                        mssr += mod[sr]
                if b_sr >= b_cl:
                    cl = next_left[cl]  # nextLeftContour
                    if cl >= 0:
                        mscl += mod[cl]
            if sr < 0 <= cl:
                # setLeftThread(t, i, cl, mscl): subtree i is deeper; thread the siblings'
                # extreme left node to cl, its mod making the sums along the thread right.
                li = el[c0]
                next_left[li] = cl
                diff = (mscl - mod[cl]) - msel[c0]
                mod[li] += diff
                prelim[li] -= diff
                el[c0] = el[ci]
                msel[c0] = msel[ci]
            elif cl < 0 <= sr:
                # setRightThread(t, i, sr, mssr): the siblings so far reach deeper.
                ri = er[ci]
                next_right[ri] = sr
                diff = (mssr - mod[sr]) - mser[ci]
                mod[ri] += diff
                prelim[ri] -= diff
                er[ci] = er[ch[i - 1]]
                mser[ci] = mser[ch[i - 1]]
            # updateIYL(minY, i, ih)
            while iyl_low and min_y >= iyl_low[-1]:
                iyl_low.pop()
                iyl_index.pop()
            iyl_low.append(min_y)
            iyl_index.append(i)
        # positionRoot(t): centred over its first and last child.
        last = ch[-1]
        prelim[t] = (prelim[c0] + mod[c0] + mod[last] + prelim[last] + breadth[last] - breadth[t]) / 2
        # setExtremes(t)
        el[t] = el[c0]
        msel[t] = msel[c0]
        er[t] = er[last]
        mser[t] = mser[last]

    # secondWalk(root, 0), parents before children: each position is prelim plus the mods of
    # the path from the root; addChildSpacing turns the siblings' shift and change into mods.
    x = [0.0] * size
    modsum = [0.0] * size
    modsum[root] = mod[root]
    x[root] = prelim[root] + mod[root]
    low = x[root]
    high = low + breadth[root]
    for t in internal:
        base = modsum[t]
        d = 0.0
        delta = 0.0
        for c in kids[t]:
            d += shift[c]  # addChildSpacing
            delta += d + change[c]
            total = base + mod[c] + delta
            modsum[c] = total
            pos = prelim[c] + total
            x[c] = pos
            if pos < low:
                low = pos
            pos += breadth[c]
            if pos > high:
                high = pos
    return x, low, high
