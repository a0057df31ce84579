"""How the chart is shown, as opposed to what it is: orientation, collapsed subtrees, finding
badges and the legend. One owner, changed only through its methods, telling its readers (the
canvas, the export dialog, search) with one signal."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from orgdesigner.layout import LayoutOptions, OrgArrays, Orientation, layout, org_arrays
from orgdesigner.model import OrgTree

LARGE_CHART = 300
"""Charts of more cards than this open collapsed to the deepest level that still fits a window
at a readable zoom (View > Collapse to Depth shows more)."""
READABLE_WIDTH = 800 / 0.6
"""The chart width (in chart units) an 800-pixel canvas shows at 60%, where names read well."""


class ViewState(QObject):
    """The window's way of showing its chart. Nothing here is saved in the chart file or
    undone with Ctrl+Z: it is how the user looks at the org, not the org."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._orientation: Orientation = "top-down"
        self._collapsed: frozenset[str] = frozenset()
        self._badges = True
        self._legend = True

    @property
    def orientation(self) -> Orientation:
        """``top-down`` or ``left-right``."""
        return self._orientation

    @property
    def collapsed(self) -> frozenset[str]:
        """The nodes drawn as one card standing for their subtree."""
        return self._collapsed

    @property
    def badges(self) -> bool:
        """Whether cards show their count of findings."""
        return self._badges

    @property
    def legend(self) -> bool:
        """Whether the chart's title and discipline legend are drawn."""
        return self._legend

    def set_orientation(self, orientation: Orientation) -> None:
        """Top-down or left-right."""
        if orientation != self._orientation:
            self._orientation = orientation
            self.changed.emit()

    def set_badges(self, show: bool) -> None:
        """Show or hide the finding badges."""
        if show != self._badges:
            self._badges = show
            self.changed.emit()

    def set_legend(self, show: bool) -> None:
        """Show or hide the title and legend."""
        if show != self._legend:
            self._legend = show
            self.changed.emit()

    def set_collapsed(self, ids: Iterable[str]) -> None:
        """Collapse exactly these nodes."""
        new = frozenset(ids)
        if new != self._collapsed:
            self._collapsed = new
            self.changed.emit()

    def toggle_collapsed(self, org: OrgTree, ids: Iterable[str]) -> None:
        """Collapse the given nodes that have children, or expand them if all are collapsed."""
        ids = [i for i in ids if i in org and org.child_count(i)]
        if not ids:
            return
        if all(i in self._collapsed for i in ids):
            self.set_collapsed(self._collapsed.difference(ids))
        else:
            self.set_collapsed(self._collapsed.union(ids))

    def expand(self, ids: Iterable[str]) -> None:
        """Expand these nodes (if collapsed)."""
        self.set_collapsed(self._collapsed.difference(ids))

    def expand_all(self) -> None:
        """Expand every collapsed subtree."""
        self.set_collapsed(())

    def reveal(self, org: OrgTree, ids: Iterable[str]) -> None:
        """Expand whatever hides these nodes."""
        self.expand({a for i in ids if i in org for a in org.ancestors(i)})

    def collapse_to_depth(self, org: OrgTree, depth: int | None) -> None:
        """Show the org down to ``depth`` levels below the top (the root is 0); None: all."""
        if depth is None:
            self.expand_all()
            return
        self.set_collapsed(nodes_at_depth(org, depth))

    def forget(self) -> None:
        """A new chart: drop what was collapsed in the old one (orientation and toggles stay)."""
        self.set_collapsed(())


def nodes_at_depth(org: OrgTree, depth: int) -> list[str]:
    """The nodes at ``depth`` (the root is 0) that have children: collapsing them shows the org
    down to that depth."""
    out: list[str] = []
    level = [org.root] if org.root is not None else []
    for _ in range(depth):
        level = [c for nid in level for c in org.children(nid)]
    out = [nid for nid in level if org.child_count(nid)]
    return out


def start_collapsed(org: OrgTree, readable_width: float = READABLE_WIDTH, arrays: OrgArrays | None = None) -> list[str]:
    """What a chart opens with collapsed: nothing for a chart of up to :data:`LARGE_CHART`
    cards; for a larger one, the nodes below the deepest level (1 to 6) whose chart is at most
    ``readable_width`` wide, so that its names can be read when it is fitted to the window.
    ``arrays``: the org already flattened (it is flattened once here otherwise); each depth tried
    costs about the cards it shows."""
    if len(org) <= LARGE_CHART:
        return []
    flat = arrays if arrays is not None else org_arrays(org)
    chosen = nodes_at_depth(org, 1)
    for depth in range(2, 7):
        at = nodes_at_depth(org, depth)
        if not at:
            return chosen  # the whole chart is shallower than this: shown to its last level
        placement = layout(flat, LayoutOptions(collapse_depth=depth, show_legend=False))
        if placement.bounds.width > readable_width or len(placement) > LARGE_CHART:
            break
        chosen = at
    return chosen
