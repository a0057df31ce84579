"""What a layout is asked for: orientation, collapsing, compact leaves, badges and card sizes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Orientation = Literal["top-down", "left-right"]
ORIENTATIONS: tuple[Orientation, ...] = ("top-down", "left-right")


@dataclass(frozen=True, slots=True)
class BadgeCounts:
    """How many findings of each severity the caller's analysis attached to one node."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def total(self) -> int:
        """All findings."""
        return self.errors + self.warnings + self.infos

    @property
    def worst(self) -> Literal["error", "warning", "info"]:
        """The most severe kind present (``info`` when there are none)."""
        if self.errors:
            return "error"
        return "warning" if self.warnings else "info"

    def describe(self) -> str:
        """``1 error, 2 warnings``: the counts in words, for tooltips."""
        parts = []
        for count, word in ((self.errors, "error"), (self.warnings, "warning"), (self.infos, "note")):
            if count:
                parts.append(f"{count} {word}{'' if count == 1 else 's'}")
        return ", ".join(parts) or "no findings"


@dataclass(frozen=True, slots=True)
class CardSizes:
    """Card and spacing sizes in chart units (SVG user units: CSS pixels at scale 1).

    Every card has the same width; its height holds ``name_lines`` lines of name, the
    discipline/structure line and the lead line, plus ``collapsed_extra`` for a collapsed card.
    """

    width: int = 184
    height: int = 72
    collapsed_extra: int = 14
    sibling_gap: int = 16
    level_gap: int = 44
    block_row_gap: int = 8
    block_column_gap: int = 28
    margin: int = 24
    name_lines: int = 2

    def __post_init__(self) -> None:
        if self.width < 96 or self.height < 56:
            raise ValueError("cards must be at least 96 wide and 56 high to hold their text")
        if min(self.sibling_gap, self.level_gap, self.block_row_gap, self.block_column_gap) < 8:
            raise ValueError("gaps must be at least 8 so that edges have room")
        if self.margin < 0 or self.collapsed_extra < 13 or not 1 <= self.name_lines <= 4:
            raise ValueError("margin >= 0, collapsed_extra >= 13 and 1-4 name lines are required")
        if self.height < 30 + 15 * self.name_lines:
            raise ValueError(
                f"a card of {self.name_lines} name lines needs a height of at least {30 + 15 * self.name_lines}"
            )


_SLOT = {"error": 0, "warning": 1, "info": 2}


def badge_counts(findings: Iterable[tuple[str, Iterable[str]]]) -> dict[str, BadgeCounts]:
    """Per node id, how many of ``findings`` (each a severity, ``error``, ``warning`` or
    ``info``, and the ids of the nodes it names) name it: the badges of every picture."""
    counts: dict[str, list[int]] = {}
    for severity, nodes in findings:
        k = _SLOT[severity]
        for nid in nodes:
            counts.setdefault(nid, [0, 0, 0])[k] += 1
    # Few distinct counts: share one (immutable) BadgeCounts per kind instead of one per node.
    made: dict[tuple[int, ...], BadgeCounts] = {}
    out = {}
    for nid, c in counts.items():
        key = tuple(c)
        badge = made.get(key)
        if badge is None:
            badge = made[key] = BadgeCounts(*key)
        out[nid] = badge
    return out


def _no_badges() -> Mapping[str, BadgeCounts]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """How to lay an org out.

    ``collapsed`` names nodes drawn as one card standing for their whole subtree;
    ``collapse_depth`` N collapses every node at depth N (the root has depth 0) that has
    children. A node with more than ``compact_threshold`` childless children stacks them in
    ``compact_columns`` columns under it (``None`` turns this off). ``badges`` maps node ids to
    the finding counts to show on their cards.
    """

    orientation: Orientation = "top-down"
    collapse_depth: int | None = None
    collapsed: frozenset[str] = frozenset()
    compact_threshold: int | None = 6
    compact_columns: int = 2
    show_legend: bool = True
    badges: Mapping[str, BadgeCounts] = field(default_factory=_no_badges)
    sizes: CardSizes = field(default_factory=CardSizes)

    def __post_init__(self) -> None:
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"orientation must be one of {', '.join(ORIENTATIONS)}")
        if self.collapse_depth is not None and self.collapse_depth < 0:
            raise ValueError("collapse_depth must be 0 or more")
        if self.compact_threshold is not None and self.compact_threshold < 1:
            raise ValueError("compact_threshold must be 1 or more (or None to stack no leaves)")
        if self.compact_columns not in (1, 2):
            raise ValueError("compact_columns must be 1 or 2")
