"""The tidy tree (``tidy.py``'s walk, van der Ploeg's) keeping every item's state between edits,
so that an edit re-walks only the items above the ones it changed: :class:`LiveTidy`.

The first walk of an item reads its children's subtrees only through their contours (their
extreme nodes, threads and modifiers), and leaves them as it found them but for the threads and
modifiers it adds; those it records, with what it overwrote. To walk an item again, the threads
of it and of every item above it are taken back (newest first), its children's state is set back
to what their own walks left, and the walk runs again, children before parents. The second walk
then gives positions anew below the re-walked items, and only into the subtrees whose offset
changed. Every position is the one ``tidy_breadth`` gives the same tree, to the last bit: the
same sums are done in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class IntTable(Protocol):
    """Anything that reads an int for an item number (a list, or an item table)."""

    def __getitem__(self, i: int, /) -> int: ...


Thread = tuple[int, bool, int, float, float]
"""A thread an item's walk set: (extreme leaf, left side?, its next node before, its mod before,
its prelim before)."""


class LiveTidy:
    """Per item: the walk's state (prelim, mod, shift, change, the extremes of its subtree and
    their summed mods, its contour's next nodes), the threads its walk set, and after the second
    walk its offset (``modsum``), its position (``pos``), the family spacing it got (``delta``)
    and the box of its subtree (``lo``/``hi`` across, ``deep`` down; ``start`` is where the item
    itself starts down the depth axis, given by the caller with ``breadth`` and ``bottom``)."""

    def __init__(self, size: int) -> None:
        self.kids: list[list[int]] = [[] for _ in range(size)]
        self.breadth = [0.0] * size
        self.bottom = [0.0] * size
        self.start = [0.0] * size
        self.prelim = [0.0] * size
        self.mod = [0.0] * size
        self.shift = [0.0] * size
        self.change = [0.0] * size
        self.msel = [0.0] * size
        self.mser = [0.0] * size
        self.el = list(range(size))
        self.er = list(range(size))
        self.nl = [-1] * size
        self.nr = [-1] * size
        self.own_el = list(range(size))
        self.own_er = list(range(size))
        self.own_msel = [0.0] * size
        self.own_mser = [0.0] * size
        self.threads: dict[int, list[Thread]] = {}
        self.modsum = [0.0] * size
        self.pos = [0.0] * size
        self.delta = [0.0] * size
        self.lo = [0.0] * size
        self.hi = [0.0] * size
        self.deep = [0.0] * size

    def grow(self, size: int) -> None:
        """Room for items up to ``size`` (new ones fresh)."""
        old = len(self.prelim)
        if size <= old:
            return
        more = range(old, size)
        self.kids.extend([] for _ in more)
        for name in ("breadth", "bottom", "start", "prelim", "mod", "shift", "change", "msel", "mser"):
            getattr(self, name).extend(0.0 for _ in more)
        for name in ("own_msel", "own_mser", "modsum", "pos", "delta", "lo", "hi", "deep"):
            getattr(self, name).extend(0.0 for _ in more)
        for name in ("el", "er", "own_el", "own_er"):
            getattr(self, name).extend(more)
        self.nl.extend(-1 for _ in more)
        self.nr.extend(-1 for _ in more)

    def fresh(self, i: int) -> None:
        """Item ``i`` is new (or its number is used again): as before any walk."""
        self.prelim[i] = self.mod[i] = self.shift[i] = self.change[i] = 0.0
        self.msel[i] = self.mser[i] = self.own_msel[i] = self.own_mser[i] = 0.0
        self.el[i] = self.er[i] = self.own_el[i] = self.own_er[i] = i
        self.nl[i] = self.nr[i] = -1
        self.threads.pop(i, None)

    # First walk ------------------------------------------------------------------------------

    def walk_all(self, internal: Sequence[int]) -> None:
        """The first walk of a fresh tree: ``internal`` lists the items with children, parents
        before children."""
        kids, nl, nr = self.kids, self.nl, self.nr
        for t in internal:
            ch = kids[t]
            nl[t] = ch[0]
            nr[t] = ch[-1]
        walk = self._walk
        for t in reversed(internal):
            walk(t)

    def rewalk(self, items: Iterable[int], depth_of: IntTable) -> list[int]:
        """Walk ``items`` again (they must include every item above each of them), after the
        children lists, breadths or bottoms of some of them changed. Returns the leaves whose
        mod or prelim a thread changed (their positions need working out again)."""
        order = sorted(items, key=depth_of.__getitem__)
        kids, nl, nr = self.kids, self.nl, self.nr
        touched: list[int] = []
        for t in order:  # threads back, the newest first: parents' before their children's
            for leaf, left, nxt, mod, prelim in reversed(self.threads.pop(t, ())):
                if left:
                    nl[leaf] = nxt
                else:
                    nr[leaf] = nxt
                self.mod[leaf] = mod
                self.prelim[leaf] = prelim
                touched.append(leaf)
        own_el, own_er, own_msel, own_mser = self.own_el, self.own_er, self.own_msel, self.own_mser
        el, er, msel, mser, mods, shift, change = (
            self.el,
            self.er,
            self.msel,
            self.mser,
            self.mod,
            self.shift,
            self.change,
        )
        for t in reversed(order):
            ch = kids[t]
            if not ch:
                self.prelim[t] = 0.0  # a leaf now: as before any walk
                nl[t] = nr[t] = -1
                own_el[t] = own_er[t] = t
                own_msel[t] = own_mser[t] = 0.0
                continue
            nl[t] = ch[0]
            nr[t] = ch[-1]
            for c in ch:
                mods[c] = shift[c] = change[c] = 0.0
                el[c], er[c], msel[c], mser[c] = own_el[c], own_er[c], own_msel[c], own_mser[c]
            self._walk(t)
            touched.extend(leaf for leaf, *_ in self.threads.get(t, ()))
        return touched

    def _walk(self, t: int) -> None:
        """firstWalk of item ``t``, its children walked already (``tidy_breadth``'s loop body,
        recording the threads it sets)."""
        kids, breadth, bottom = self.kids, self.breadth, self.bottom
        prelim, mod, shift, change = self.prelim, self.mod, self.shift, self.change
        msel, mser, el, er, nl, nr = self.msel, self.mser, self.el, self.er, self.nl, self.nr
        ch = kids[t]
        c0 = ch[0]
        iyl_low = [bottom[er[c0]]]
        iyl_index = [0]
        threads: list[Thread] = []
        for i in range(1, len(ch)):
            ci = ch[i]
            min_y = bottom[er[ci]]
            sr = ch[i - 1]
            mssr = mod[sr]
            cl = ci
            mscl = mod[cl]
            p = len(iyl_low) - 1
            first = True
            while sr >= 0 and cl >= 0:
                b_sr = bottom[sr]
                if p > 0 and b_sr > iyl_low[p]:
                    p -= 1
                dist = mssr + prelim[sr] + breadth[sr] - mscl - prelim[cl]
                if dist > 0 or (first and dist < 0):
                    mscl += dist
                    mod[ci] += dist
                    msel[ci] += dist
                    mser[ci] += dist
                    si = iyl_index[p]
                    if si != i - 1:
                        part = dist / (i - si)
                        shift[ch[si + 1]] += part
                        shift[ci] -= part
                        change[ci] -= dist - part
                first = False
                b_cl = bottom[cl]
                if b_sr <= b_cl:
                    sr = nr[sr]
                    if sr >= 0:
                        mssr += mod[sr]
                if b_sr >= b_cl:
                    cl = nl[cl]
                    if cl >= 0:
                        mscl += mod[cl]
            if sr < 0 <= cl:
                li = el[c0]
                threads.append((li, True, nl[li], mod[li], prelim[li]))
                nl[li] = cl
                diff = (mscl - mod[cl]) - msel[c0]
                mod[li] += diff
                prelim[li] -= diff
                el[c0] = el[ci]
                msel[c0] = msel[ci]
            elif cl < 0 <= sr:
                ri = er[ci]
                threads.append((ri, False, nr[ri], mod[ri], prelim[ri]))
                nr[ri] = sr
                diff = (mssr - mod[sr]) - mser[ci]
                mod[ri] += diff
                prelim[ri] -= diff
                er[ci] = er[ch[i - 1]]
                mser[ci] = mser[ch[i - 1]]
            while iyl_low and min_y >= iyl_low[-1]:
                iyl_low.pop()
                iyl_index.pop()
            iyl_low.append(min_y)
            iyl_index.append(i)
        last = ch[-1]
        prelim[t] = (prelim[c0] + mod[c0] + mod[last] + prelim[last] + breadth[last] - breadth[t]) / 2
        el[t] = self.own_el[t] = el[c0]
        msel[t] = self.own_msel[t] = msel[c0]
        er[t] = self.own_er[t] = er[last]
        mser[t] = self.own_mser[t] = mser[last]
        if threads:
            self.threads[t] = threads

    # Second walk -----------------------------------------------------------------------------

    def place_all(self, root: int, internal: Sequence[int]) -> None:
        """Positions and boxes of a fresh tree (``internal`` in pre-order)."""
        kids, prelim, mod, shift, change = self.kids, self.prelim, self.mod, self.shift, self.change
        modsum, pos, delta_of = self.modsum, self.pos, self.delta
        modsum[root] = mod[root]
        pos[root] = prelim[root] + mod[root]
        for t in internal:
            base = modsum[t]
            d = 0.0
            delta = 0.0
            for c in kids[t]:
                d += shift[c]
                delta += d + change[c]
                delta_of[c] = delta
                total = base + mod[c] + delta
                modsum[c] = total
                pos[c] = prelim[c] + total
        self._boxes_below(root, internal)

    def replace(
        self,
        root: int,
        walked: Iterable[int],
        touched: Iterable[int],
        parent_of: IntTable,
        depth_of: IntTable,
    ) -> set[int]:
        """Positions again after :meth:`rewalk` of ``walked``: below each re-walked item, and
        into the subtrees whose offset changed; ``touched`` leaves (threads changed them) too.
        ``parent_of`` and ``depth_of`` give each item's parent item and depth. Returns every item
        whose position may have changed; the boxes of every subtree holding one are worked out
        again."""
        kids, prelim, mod, shift, change = self.kids, self.prelim, self.mod, self.shift, self.change
        modsum, pos, delta_of = self.modsum, self.pos, self.delta
        walked = set(walked)
        touched = list(touched)
        moved: set[int] = set()
        order = sorted(walked, key=depth_of.__getitem__)
        if root in walked:
            modsum[root] = mod[root]
            pos[root] = prelim[root] + mod[root]
            moved.add(root)
        again: list[int] = []
        for t in order:
            ch = kids[t]
            if not ch:
                continue
            base = modsum[t]
            d = 0.0
            delta = 0.0
            for c in ch:
                d += shift[c]
                delta += d + change[c]
                delta_of[c] = delta
                total = base + mod[c] + delta
                if c not in walked and total != modsum[c] and kids[c]:
                    again.append(c)
                modsum[c] = total
                pos[c] = prelim[c] + total
                moved.add(c)
        for c in again:  # a subtree moved as a whole: every offset below it anew
            inner = self._internal_below(c)
            for t in inner:
                base = modsum[t]
                d = 0.0
                delta = 0.0
                for k in kids[t]:
                    d += shift[k]
                    delta += d + change[k]
                    delta_of[k] = delta
                    total = base + mod[k] + delta
                    modsum[k] = total
                    pos[k] = prelim[k] + total
                    moved.add(k)
            self._boxes_below(c, inner)
        for leaf in touched:
            q = parent_of[leaf]
            if q >= 0 and leaf not in moved:
                modsum[leaf] = modsum[q] + mod[leaf] + delta_of[leaf]
                pos[leaf] = prelim[leaf] + modsum[leaf]
                moved.add(leaf)
        # Boxes: of the leaves that moved, of the re-walked items and of everything above a
        # subtree whose positions changed.
        pos, breadth, bottom, lo, hi, deep = self.pos, self.breadth, self.bottom, self.lo, self.hi, self.deep
        for k in moved:
            if not kids[k]:
                lo[k], hi[k], deep[k] = pos[k], pos[k] + breadth[k], bottom[k]
        up: set[int] = set(walked)
        for leaf in [*touched, *again]:
            k = parent_of[leaf]
            while k >= 0 and k not in up:
                up.add(k)
                k = parent_of[k]
        box = self._box
        for t in sorted(up, key=depth_of.__getitem__, reverse=True):
            box(t)
        return moved

    def forced_boxes(self, c: int, parent_of: IntTable) -> None:
        """The boxes of ``c``'s subtree and of everything above it again (its items start and
        end at other depths now, where they stand across is unchanged)."""
        self._boxes_below(c, self._internal_below(c))
        k = parent_of[c]
        while k >= 0:
            self._box(k)
            k = parent_of[k]

    def _internal_below(self, c: int) -> list[int]:
        """The items with children in ``c``'s subtree, ``c`` first, parents before children."""
        kids = self.kids
        out = []
        stack = [c]
        while stack:
            t = stack.pop()
            ch = kids[t]
            if ch:
                out.append(t)
                stack.extend(reversed(ch))
        return out

    def _boxes_below(self, top: int, internal: Sequence[int]) -> None:
        """The boxes of every subtree in ``top``'s (``internal``: its items with children,
        parents first); leaves' boxes are their own."""
        kids = self.kids
        pos, breadth, bottom, lo, hi, deep = self.pos, self.breadth, self.bottom, self.lo, self.hi, self.deep
        for t in internal:
            for c in kids[t]:
                if not kids[c]:
                    lo[c] = pos[c]
                    hi[c] = pos[c] + breadth[c]
                    deep[c] = bottom[c]
        if not kids[top]:
            lo[top], hi[top], deep[top] = pos[top], pos[top] + breadth[top], bottom[top]
        box = self._box
        for t in reversed(internal):
            box(t)

    def _box(self, t: int) -> None:
        pos, lo, hi, deep = self.pos, self.lo, self.hi, self.deep
        a = pos[t]
        b = a + self.breadth[t]
        z = self.bottom[t]
        for c in self.kids[t]:
            if lo[c] < a:
                a = lo[c]
            if hi[c] > b:
                b = hi[c]
            if deep[c] > z:
                z = deep[c]
        lo[t], hi[t], deep[t] = a, b, z
