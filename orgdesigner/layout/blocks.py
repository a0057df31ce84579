"""Compact leaves: many childless children stacked in one or two columns under their parent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LeafBlock:
    """A stack of leaf cards hanging off a vertical spine, made by :func:`arrange_block`.

    Member corners (``dx``, ``dy``) and the spine are relative to the block's top-left corner
    until :meth:`placed` gives the block in chart coordinates. ``entry`` is where the parent's
    line meets the spine (its y), ``spine_end`` the y of the last row's middle; ``ends[k]`` is
    the x at which member k's rib meets its card.
    """

    parent: int
    members: tuple[int, ...]
    columns: int
    dx: tuple[float, ...]
    dy: tuple[float, ...]
    width: float
    height: float
    spine_x: float
    entry: float
    spine_end: float
    ends: tuple[float, ...]

    def placed(self, left: float, top: float) -> LeafBlock:
        """The block with its corner at (left, top) of the chart."""
        return LeafBlock(
            self.parent,
            self.members,
            self.columns,
            tuple(left + v for v in self.dx),
            tuple(top + v for v in self.dy),
            self.width,
            self.height,
            self.spine_x + left,
            self.entry + top,
            self.spine_end + top,
            tuple(left + v for v in self.ends),
        )


def arrange_block(
    parent: int,
    members: list[int],
    columns: int,
    heights: list[float],
    card_width: float,
    row_gap: float,
    column_gap: float,
    entry_lane: bool,
) -> LeafBlock:
    """Stack ``members`` (of card ``heights``) row by row, left to right in two columns, and
    size the block; ``entry_lane`` leaves room above the first row for the parent's line."""
    count = len(members)
    top = 2.0 * row_gap if entry_lane else 0.0
    indent = column_gap if columns == 1 else 0.0
    pitch_x = card_width + column_gap
    spine_x = column_gap / 2 if columns == 1 else card_width + column_gap / 2
    rows = -(-count // columns)
    dx = ([indent + col * pitch_x for col in range(columns)] * rows)[:count]
    ends = ([card_width, pitch_x] * rows)[:count] if columns == 2 else [indent] * count
    h0 = heights[0]
    dy: list[float] = []
    if heights.count(h0) == count:
        pitch_y = h0 + row_gap
        dy = [top + (k // columns) * pitch_y for k in range(count)]
        mids = [top + h0 / 2, top + (rows - 1) * pitch_y + h0 / 2]
        end = top + rows * pitch_y
    else:
        mids = []
        for start in range(0, count, columns):
            row = heights[start : start + columns]
            for h in row:
                dy.append(top)
                mids.append(top + h / 2)
            top += max(row) + row_gap
        end = top
    return LeafBlock(
        parent=parent,
        members=tuple(members),
        columns=columns,
        dx=tuple(dx),
        dy=tuple(dy),
        width=indent + columns * card_width + (columns - 1) * column_gap,
        height=end - row_gap,
        spine_x=spine_x,
        entry=row_gap if entry_lane else mids[0],
        spine_end=max(mids),
        ends=tuple(ends),
    )
