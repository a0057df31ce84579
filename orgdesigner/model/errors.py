"""Errors raised by the model: a refused edit and an invalid org."""

from __future__ import annotations

from orgdesigner.model.text import shown


class EditRefused(ValueError):
    """An edit that would break the org's invariants; the message is for a person."""


class ModelError(ValueError):
    """An org that breaks an invariant, located by node id and field where possible."""

    def __init__(self, problem: str, node_id: str | None = None, field: str | None = None) -> None:
        self.problem = problem
        self.node_id = node_id
        self.field = field
        super().__init__(f"{self.place}: {problem}" if self.place else problem)

    @property
    def place(self) -> str:
        """Where the problem is, e.g. ``node 'sre', field 'headcount'``."""
        parts = []
        if self.node_id is not None:
            parts.append(f"node {shown(self.node_id)}")
        if self.field is not None:
            parts.append(f"field {shown(self.field)}")
        return ", ".join(parts)
