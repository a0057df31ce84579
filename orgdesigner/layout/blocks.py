"""Compact leaves: many childless children stacked in one or two columns under their parent."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class LeafBlock:
    """A stack of leaf cards hanging off a vertical spine.

    Member offsets (``dx``, ``dy``) and the spine are relative to the block's top-left corner
    until :meth:`place` moves them to chart coordinates. ``entry`` is where the parent's line
    meets the spine (its y), ``spine_end`` the y of the last row's middle; ``ends[k]`` is the x
    at which member k's rib meets its card.
    """

    parent: int
    members: list[int]
    columns: int
    dx: list[float] = field(default_factory=list)
    dy: list[float] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    spine_x: float = 0.0
    entry: float = 0.0
    spine_end: float = 0.0
    ends: list[float] = field(default_factory=list)

    def arrange(
        self, heights: list[float], card_width: float, row_gap: float, column_gap: float, entry_lane: bool
    ) -> None:
        """Stack the members row by row (left to right in two columns) and size the block."""
        cols = self.columns
        count = len(self.members)
        top = 2.0 * row_gap if entry_lane else 0.0
        indent = column_gap if cols == 1 else 0.0
        pitch_x = card_width + column_gap
        self.spine_x = column_gap / 2 if cols == 1 else card_width + column_gap / 2
        rows = -(-count // cols)
        self.dx = ([indent + col * pitch_x for col in range(cols)] * rows)[:count]
        if cols == 2:
            self.ends = ([card_width, pitch_x] * rows)[:count]
        else:
            self.ends = [indent] * count
        h0 = heights[0]
        if heights.count(h0) == count:
            pitch_y = h0 + row_gap
            self.dy = [top + (k // cols) * pitch_y for k in range(count)]
            mids = [top + h0 / 2, top + (rows - 1) * pitch_y + h0 / 2]
            end = top + rows * pitch_y
        else:
            mids = []
            self.dy = []
            for start in range(0, count, cols):
                row = heights[start : start + cols]
                for h in row:
                    self.dy.append(top)
                    mids.append(top + h / 2)
                top += max(row) + row_gap
            end = top
        self.entry = row_gap if entry_lane else mids[0]
        self.spine_end = max(mids)
        self.width = indent + cols * card_width + (cols - 1) * column_gap
        self.height = end - row_gap

    def place(self, left: float, top: float) -> None:
        """Move the block's geometry to chart coordinates with its corner at (left, top)."""
        self.dx = [left + v for v in self.dx]
        self.dy = [top + v for v in self.dy]
        self.ends = [left + v for v in self.ends]
        self.spine_x += left
        self.entry += top
        self.spine_end += top
