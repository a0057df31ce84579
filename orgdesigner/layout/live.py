"""A chart's layout kept up to date edit by edit: :class:`LiveLayout`.

``layout(org, options)`` flattens the org and lays out every card; the designer's canvas instead
keeps a :class:`LiveLayout`, tells it what each edit changed (a :class:`ChangeSet`), and gets the
same :class:`~orgdesigner.layout.Placement` back, every position, card face and stack of leaves
equal to what ``layout()`` would give, at the cost of what the edit changed: the flat arrays are
changed in place (``live_tree.py``), only the items above the changed ones are walked again and
only the subtrees that moved get new positions (``live_tidy.py``). Node numbers are slots that
stay with their node; the placements it hands out never change afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from orgdesigner.layout.arrays import OrgArrays
from orgdesigner.layout.blocks import LeafBlock, arrange_block
from orgdesigner.layout.legend import build_legend
from orgdesigner.layout.live_changes import ChangeSet, change_set
from orgdesigner.layout.live_tidy import LiveTidy
from orgdesigner.layout.live_tree import LiveTree, NeedsRebuild, TreeEdit
from orgdesigner.layout.options import BadgeCounts, LayoutOptions
from orgdesigner.layout.placement import Placement
from orgdesigner.layout.spatial import SubtreeBounds
from orgdesigner.model import OrgTree
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.journal import Change

UNUSED = LeafBlock(-1, (), 1, (), (), 0.0, 0.0, 0.0, 0.0, 0.0, ())
"""The block of a parent that no longer stacks its leaves (its number is kept for it)."""


def _geometry(options: LayoutOptions) -> tuple[object, ...]:
    return (options.orientation, options.compact_threshold, options.compact_columns, options.sizes)


class _ItemTable:
    """Item number -> a node's entry (slots below ``base``) or a block's (from ``base``)."""

    def __init__(self, nodes: Sequence[int], blocks: Sequence[int], base: int) -> None:
        self.nodes, self.blocks, self.base = nodes, blocks, base

    def __getitem__(self, i: int) -> int:
        return self.nodes[i] if i < self.base else self.blocks[i - self.base]


class LiveLayout:
    """The layout of one org, followed through its edits (see the module's docstring)."""

    tree: LiveTree | None
    options: LayoutOptions
    _placement: Placement

    def __init__(self, org: OrgTree, options: LayoutOptions, flat: OrgArrays | None = None) -> None:
        self.org = org
        self.rebuilds = 0
        self._build(options, flat)

    @property
    def placement(self) -> Placement:
        """The placement as of the last update."""
        return self._placement

    def update(self, org: OrgTree, options: LayoutOptions, changes: ChangeSet) -> Placement:
        """Follow an edit of ``org`` (or new ``options``) that ``changes`` describes."""
        if (
            changes.everything
            or org is not self.org
            or self.tree is None
            or _geometry(options) != _geometry(self.options)
            or options.collapse_depth is not None
            or options.show_legend != self.options.show_legend
            or not len(org)
        ):
            self.org = org
            self._build(options, None)
            return self._placement
        with gc_paused():
            try:
                edit = self.tree.apply(org, changes.parents, changes.nodes, changes.links)
            except NeedsRebuild:
                self._build(options, None)
                return self._placement
            self.options = options
            self._follow(edit)
        return self._placement

    def with_badges(self, badges: Mapping[str, BadgeCounts], changed: Iterable[str] | None = None) -> Placement:
        """The placement with other finding badges on its cards (nothing moves, see
        :meth:`Placement.with_badges`); the next edit starts from it. ``changed``: the nodes
        whose counts differ (None: any), so that the folded cards hiding none of them keep
        the sums they had."""
        previous = self._placement
        memo = previous._kept.hidden_badges
        hidden = None
        if memo and changed is not None and self.tree is not None:
            tree = self.tree
            stale = self._above((tree.slot_of.get(nid, -1) for nid in changed), tree.parent)
            hidden = {c: b for c, b in memo.items() if c not in stale}
        self.options = replace(self.options, badges=badges)
        self._placement = previous.with_badges(badges, hidden)
        return self._placement

    @staticmethod
    def _above(slots: Iterable[int], parent: Sequence[int]) -> set[int]:
        """The slots and everything above them."""
        seen: set[int] = set()
        for p in slots:
            while p >= 0 and p not in seen:
                seen.add(p)
                p = parent[p]
        return seen

    def changes_of(self, journal: Sequence[Change] | None) -> ChangeSet:
        """What the model's change records (oldest first) mean for this layout (see
        :func:`~orgdesigner.layout.live_changes.change_set`)."""
        return change_set(journal, self.tree)

    # Building from scratch -------------------------------------------------------------------

    def _build(self, options: LayoutOptions, flat: OrgArrays | None) -> None:
        self.rebuilds += 1
        self.options = options
        org = self.org
        if not len(org):
            from orgdesigner.layout.engine import layout

            self.tree = None
            self._placement = layout(org, options)
            return
        with gc_paused():
            self.tree = tree = LiveTree(org, flat)
            cap = tree.capacity
            sizes = options.sizes
            self.card_h = float(sizes.height)
            self.collapsed_h = self.card_h + sizes.collapsed_extra
            self.collapsed = self._wanted_collapsed()
            self.heights = [self.card_h] * cap
            for i in self.collapsed:
                self.heights[i] = self.collapsed_h
            self.shown = bytearray(cap)
            self.order = self._visible_order()
            self.block_of: dict[int, int] = {}
            self.block_parent: list[int] = []
            self.raw_blocks: list[LeafBlock] = []
            self.blocks: list[LeafBlock] = []
            self.member_block: dict[int, int] = {}
            self._mb_shared = False
            self.tidy = LiveTidy(cap)
            tidy = self.tidy
            for i in self.order:
                if tree.kids[i]:
                    tidy.kids[i] = self._items_of(i)
            self._levels()
            for i in self.order:
                self._set_item(i)
            for b in range(len(self.raw_blocks)):
                if self.raw_blocks[b].members:
                    self._set_item(cap + b)
            internal = [i for i in self.order if tidy.kids[i]]
            tidy.walk_all(internal)
            tidy.place_all(tree.root, internal)
            self._finish(full=True, moved=())

    def _wanted_collapsed(self) -> set[int]:
        tree = self.tree
        assert tree is not None
        slot_of, ids, kids = tree.slot_of, tree.ids, tree.kids
        out = set()
        for nid in self.options.collapsed:
            i = slot_of.get(nid)
            if i is not None and ids[i] == nid and kids[i]:
                out.add(i)
        return out

    def _visible_order(self) -> list[int]:
        """The shown nodes in pre-order (and their flags in ``shown``)."""
        tree = self.tree
        assert tree is not None
        shown = self.shown
        if not self.collapsed:
            order = list(tree.preorder)
            for i in order:
                shown[i] = 1
            return order
        kids, collapsed = tree.kids, self.collapsed
        order = []
        stack = [tree.root]
        while stack:
            i = stack.pop()
            order.append(i)
            shown[i] = 1
            if i not in collapsed and kids[i]:
                stack.extend(reversed(kids[i]))
        return order

    # The items the tidy tree places ----------------------------------------------------------

    def _leaf_item(self, c: int) -> bool:
        tree = self.tree
        assert tree is not None
        return not tree.kids[c] or c in self.collapsed

    def _items_of(self, t: int) -> list[int]:
        """Shown node ``t``'s children as the tidy tree places them: a run of more than
        ``compact_threshold`` leaves is one block (see ``engine._make_blocks``)."""
        tree = self.tree
        assert tree is not None
        base = [] if t in self.collapsed else tree.kids[t]
        threshold = self.options.compact_threshold
        cap = tree.capacity
        if threshold is not None and len(base) > threshold:
            leaves = [c for c in base if self._leaf_item(c)]
            if len(leaves) > threshold:
                b = self._set_block(t, leaves)
                first = base.index(leaves[0])
                leaf = self._leaf_item
                return [*base[:first], cap + b, *(c for c in base[first + 1 :] if not leaf(c))]
        self._drop_block(t)
        return list(base)

    def _set_block(self, t: int, leaves: list[int]) -> int:
        opts = self.options
        sizes = opts.sizes
        top_down = opts.orientation == "top-down"
        raw = arrange_block(
            t,
            leaves,
            opts.compact_columns,
            [self.heights[m] for m in leaves],
            float(sizes.width),
            sizes.block_row_gap,
            sizes.block_column_gap,
            entry_lane=not top_down and opts.compact_columns == 2,
        )
        b = self.block_of.get(t)
        members = self._own_members()
        if b is None:
            b = self.block_of[t] = len(self.raw_blocks)
            self.raw_blocks.append(raw)
            self.blocks.append(UNUSED)
            self.block_parent.append(t)
            self.tidy.grow(self.tree.capacity + b + 1)  # type: ignore[union-attr]
            self.tidy.fresh(self.tree.capacity + b)  # type: ignore[union-attr]
        else:
            old = self.raw_blocks[b]
            if not old.members:
                self.tidy.fresh(self.tree.capacity + b)  # type: ignore[union-attr]
            for m in old.members:
                if members.get(m) == b:
                    del members[m]
            self.raw_blocks[b] = raw
        for m in leaves:
            members[m] = b
        return b

    def _drop_block(self, t: int) -> None:
        b = self.block_of.get(t)
        if b is None or not self.raw_blocks[b].members:
            return
        members = self._own_members()
        for m in self.raw_blocks[b].members:
            if members.get(m) == b:  # not since taken into another parent's block
                del members[m]
        self.raw_blocks[b] = UNUSED
        self.blocks[b] = UNUSED

    def _own_members(self) -> dict[int, int]:
        if self._mb_shared:
            self.member_block = dict(self.member_block)
            self._mb_shared = False
        return self.member_block

    def _levels(self) -> bool:
        """Where each level starts; True when that changed."""
        tree = self.tree
        assert tree is not None
        sizes = self.options.sizes
        top_down = self.options.orientation == "top-down"
        base_depth = self.card_h if top_down else float(sizes.width)
        max_depth = tree.max_depth
        extent = [base_depth] * (max_depth + 1)
        if top_down:
            depth, members = tree.depth, self.member_block
            for i in self.collapsed:
                if i not in members:
                    extent[depth[i]] = self.collapsed_h
        level_start = [0.0] * (max_depth + 2)
        for d in range(max_depth + 1):
            level_start[d + 1] = level_start[d] + extent[d] + sizes.level_gap
        changed = getattr(self, "level_start", None) != level_start
        self.level_start = level_start
        self.uniform = all(e == base_depth for e in extent)
        return changed

    def _set_item(self, i: int) -> None:
        """An item's room across, where it starts and ends down the levels."""
        tree, tidy = self.tree, self.tidy
        assert tree is not None
        sizes = self.options.sizes
        top_down = self.options.orientation == "top-down"
        gap = float(sizes.sibling_gap)
        cap = tree.capacity
        if i >= cap:
            block = self.raw_blocks[i - cap]
            start = self.level_start[tree.depth[block.parent] + 1]
            tidy.start[i] = start
            if top_down:
                tidy.breadth[i] = block.width + gap
                tidy.bottom[i] = start + block.height
            else:
                tidy.breadth[i] = block.height + gap
                tidy.bottom[i] = start + block.width
            return
        start = self.level_start[tree.depth[i]]
        tidy.start[i] = start
        folded = i in self.collapsed
        if top_down:
            tidy.breadth[i] = float(sizes.width) + gap
            tidy.bottom[i] = start + (self.collapsed_h if folded else self.card_h)
        else:
            tidy.breadth[i] = (self.collapsed_h if folded else self.card_h) + gap
            tidy.bottom[i] = start + float(sizes.width)

    # Following an edit -----------------------------------------------------------------------

    def _follow(self, edit: TreeEdit) -> None:
        tree, tidy = self.tree, self.tidy
        assert tree is not None
        cap = tree.capacity
        old_collapsed = self.collapsed
        self.collapsed = self._wanted_collapsed()
        flipped = old_collapsed ^ self.collapsed
        for i in flipped:
            self.heights[i] = self.collapsed_h if i in self.collapsed else self.card_h
        newly: list[int] = []
        hidden: list[int] = []
        if edit.parents or flipped:
            if old_collapsed or self.collapsed:
                was_shown, old_order = self.shown, self.order
                self.shown = bytearray(cap)
                self.order = self._visible_order()
                newly = [i for i in self.order if not was_shown[i]]
                hidden = [i for i in old_order if not self.shown[i]]
            else:
                self.order = list(tree.preorder)
                for k in edit.grown:
                    self.shown[k] = 1
                newly = edit.grown
                for k in edit.gone:
                    self.shown[k] = 0
                hidden = edit.gone
        shown = self.shown
        for i in hidden:
            self._drop_block(i)
        # The items' children: of the parents that changed (and theirs, whose child may have
        # become a leaf or stopped being one), of nodes folded or opened, of nodes shown anew.
        fix: set[int] = set(newly)
        for p in (*edit.parents, *flipped):
            if shown[p]:
                fix.add(p)
            q = tree.parent[p]
            if q >= 0 and shown[q]:
                fix.add(q)
        walk: set[int] = set()
        for i in newly:
            tidy.fresh(i)
            walk.add(i)
        deeper = [c for c in edit.deeper if shown[c] and c not in walk]
        members = self.member_block
        if not self.uniform_levels():
            for c in deeper:  # another depth, levels of other heights: its whole walk anew
                for k in self._subtree(c):
                    if shown[k]:
                        tidy.fresh(k)
                        walk.add(k)
                        fix.add(k)
            deeper = []
        for t in fix:
            if not shown[t]:
                continue
            before = tidy.kids[t]
            block = self.block_of.get(t)
            old_raw = self.raw_blocks[block] if block is not None else None
            after = self._items_of(t)
            tidy.kids[t] = after
            if after != before:
                walk.add(t)
                known = set(before)
                for c in after:
                    if c < cap and c not in known and self._leaf_item(c):
                        tidy.fresh(c)  # out of a stack of leaves: a card of its own again
                        walk.add(c)
            b = self.block_of.get(t)
            if b is not None and self.raw_blocks[b] is not old_raw and self.raw_blocks[b].members:
                walk.add(cap + b)
        if self._levels():
            self._retidy()
            return
        members = self.member_block  # as the children lists now have it
        for i in flipped:
            if shown[i]:
                walk.add(i)
        walk = {i for i in walk if i >= cap or (shown[i] and i not in members)}
        for i in walk:
            self._set_item(i)
        for c in deeper:  # the same levels lower down: the walk holds, where items start does not
            for k in self._subtree(c):
                if shown[k] and k not in members:
                    self._set_item(k)
            for k in self._blocks_below(c):
                self._set_item(k)
        parent_of = _ItemTable(tree.parent, self.block_parent, cap)
        depth_of = _ItemTable(tree.depth, [tree.depth[p] + 1 for p in self.block_parent], cap)
        up: set[int] = set()
        for i in walk:
            k = i
            while k >= 0 and k not in up:
                up.add(k)
                k = parent_of[k]
        touched = tidy.rewalk(up, depth_of)
        moved = tidy.replace(tree.root, up, touched, parent_of, depth_of)
        for c in deeper:
            tidy.forced_boxes(c, parent_of)
            moved.update(k for k in self._subtree(c) if shown[k])
            moved.update(self._blocks_below(c))
        self._finish(full=False, moved=moved, changed_parents=(*edit.parents, *edit.grown))

    def uniform_levels(self) -> bool:
        """Every level as deep as the next (no folded card makes one deeper)."""
        return self.uniform

    def _subtree(self, c: int) -> list[int]:
        tree = self.tree
        assert tree is not None
        at = tree.preorder.index(c)
        return tree.preorder[at : at + tree.nodes_below[c]]

    def _blocks_below(self, c: int) -> list[int]:
        tree = self.tree
        assert tree is not None
        cap = tree.capacity
        return [
            cap + b for k in self._subtree(c) if (b := self.block_of.get(k)) is not None and self.raw_blocks[b].members
        ]

    def _retidy(self) -> None:
        """Levels moved: every item's room and the whole walk anew (the items stay)."""
        tree, tidy = self.tree, self.tidy
        assert tree is not None
        cap = tree.capacity
        for i in self.order:
            if i not in self.member_block:
                tidy.fresh(i)
                self._set_item(i)
        for b, raw in enumerate(self.raw_blocks):
            if raw.members:
                tidy.fresh(cap + b)
                self._set_item(cap + b)
        internal = [i for i in self.order if tidy.kids[i] and i not in self.member_block]
        tidy.walk_all(internal)
        tidy.place_all(tree.root, internal)
        self._finish(full=True, moved=())

    # Chart coordinates and the placement -----------------------------------------------------

    def _finish(self, full: bool, moved: Iterable[int], changed_parents: Iterable[int] = ()) -> None:
        previous: Placement | None = None if full else getattr(self, "_placement", None)
        tree, tidy, opts = self.tree, self.tidy, self.options
        assert tree is not None
        sizes = opts.sizes
        top_down = opts.orientation == "top-down"
        cap = tree.capacity
        gap = float(sizes.sibling_gap)
        margin = float(sizes.margin)
        root = tree.root
        low, high = tidy.lo[root], tidy.hi[root]
        shift_b = margin + gap / 2 - low
        chart_breadth = high - low - gap + 2 * margin
        chart_depth = tidy.deep[root] + 2 * margin
        chart_w, chart_h = (chart_breadth, chart_depth) if top_down else (chart_depth, chart_breadth)
        arrays = tree.arrays()
        legend = None
        if opts.show_legend:
            categories = set(map(arrays.category.__getitem__, self.order))
            legend = build_legend(arrays, self.order, self.collapsed, opts, chart_w, categories)
        top = margin + (legend.height if legend else 0.0)
        frame = (shift_b, top)
        if full or frame != getattr(self, "_frame", None):
            self.xs = [0.0] * cap
            self.ys = [0.0] * cap
            moved = [i for i in self.order if i not in self.member_block]
            moved += [cap + b for b, raw in enumerate(self.raw_blocks) if raw.members]
        self._frame = frame
        xs, ys, pos, depth, level_start = self.xs, self.ys, tidy.pos, tree.depth, self.level_start
        for i in moved:
            if i < cap and i in self.member_block:
                continue  # placed with its block
            if i >= cap:
                b = i - cap
                raw = self.raw_blocks[b]
                if not raw.members:
                    continue
                start = level_start[depth[raw.parent] + 1]
                corner = pos[i] + shift_b
                if top_down:
                    block = raw.placed(corner, start + top)
                else:
                    block = raw.placed(start + margin, corner + top - margin)
                self.blocks[b] = block
                for k, m in enumerate(block.members):
                    xs[m] = block.dx[k]
                    ys[m] = block.dy[k]
            elif top_down:
                xs[i] = pos[i] + shift_b
                ys[i] = level_start[depth[i]] + top
            else:
                xs[i] = level_start[depth[i]] + margin
                ys[i] = pos[i] + shift_b + top - margin
        level_screen = tuple(s + (top if top_down else margin) for s in level_start)
        width = max(chart_w, legend.width + 2 * margin if legend else 0.0)
        height = chart_h + (legend.height if legend else 0.0)
        self._mb_shared = True
        placement = Placement(
            arrays=arrays,
            options=opts,
            preorder=arrays_preorder(tree),
            order=tuple(self.order),
            xs=tuple(xs),
            ys=tuple(ys),
            heights=tuple(self.heights),
            collapsed=frozenset(self.collapsed),
            item_kids=tuple(tidy.kids),
            blocks=tuple(self.blocks),
            member_block=MappingProxyType(self.member_block),
            level_start=level_screen,
            width=width,
            height=height,
            legend=legend,
        )
        kept = placement._kept
        kept.numbers = tree.slot_of
        kept.totals = tree.totals()
        if previous is not None:
            kept.hidden_badges = self._kept_hidden_badges(previous, changed_parents)
        if top_down:
            across, down = shift_b, top
        else:
            across, down = shift_b + top - margin, margin
        kept.bounds = SubtreeBounds(
            cap, tuple(tidy.lo), tuple(tidy.hi), tuple(tidy.start), tuple(tidy.deep), top_down, across, down
        )
        self._placement = placement

    def _kept_hidden_badges(
        self, previous: Placement, changed_parents: Iterable[int]
    ) -> dict[int, BadgeCounts | None] | None:
        """The collapsed cards' counts the previous placement worked out that still hold: the
        same badges, and nothing came into or left the card's subtree (no parent at or below
        it changed). Summing a collapsed card's subtree costs its size; this keeps an edit's
        frame from doing it again for every folded card in view."""
        memo = previous._kept.hidden_badges
        if not memo or previous.options.badges is not self.options.badges:
            return None
        tree = self.tree
        assert tree is not None
        collapsed = self.collapsed
        stale = self._above(changed_parents, tree.parent)
        return {c: b for c, b in memo.items() if c in collapsed and c not in stale}


def arrays_preorder(tree: LiveTree) -> list[int]:
    """The tree's pre-order as a placement holds it (shared: the tree copies before changing it)."""
    tree._shared.add("preorder")
    return tree.preorder
