"""What the canvas's painters and card handles read of the scene: its placement and the marks it
keeps by node id. Named here so that the scene can hold them without the modules importing each
other."""

from __future__ import annotations

from typing import Protocol

from orgdesigner.layout import Placement


class SceneMarks(Protocol):
    """The placement the scene shows and its marks: the selection (ids in the order chosen),
    the search's matches and the path to the current one, a drag's accept/refuse outlines."""

    placement: Placement | None
    selected_set: dict[str, None]
    found: frozenset[str]
    found_path: frozenset[str]
    drop_states: dict[str, str]

    def is_selected(self, node_id: str) -> bool:
        """True when the node's card is selected."""
        ...

    def mark(self, node_id: str, highlighted: bool, on_path: bool) -> None:
        """Search marks of one card."""
        ...
