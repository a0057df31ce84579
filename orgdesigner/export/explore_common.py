"""What every writer of ``explore`` shows, as plain unescaped strings (each writer escapes them
for its format): the side-by-side table and each option's details."""

from __future__ import annotations

from dataclasses import dataclass

from orgdesigner.analysis.alternatives import Move
from orgdesigner.analysis.explore import Exploration, Measured
from orgdesigner.export.compare_common import PLACEMENT_LABELS
from orgdesigner.model import OrgTree

COLUMN_TITLES = {
    "platform": "Platform",
    "data_ai": "Data & AI",
    "product": "Product",
    "cross_functional": "Cross-functional",
}


@dataclass(frozen=True, slots=True)
class Table:
    """A header row and body rows of strings."""

    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _worst(m: Measured) -> str:
    hop = m.figures.worst_hop
    return "-" if hop is None else f"{hop[1]} (step {hop[0]})"


def _lines(value: int | None) -> str:
    return "no owner" if value is None else str(value)


def table(e: Exploration, focus: bool = True) -> Table:
    """The current org and every option side by side: one column each, one row per figure
    (the placement's focus last, unless ``focus`` is False)."""
    columns = [e.current, *(o.measured for o in e.options)]
    header = ("", "Current", *(COLUMN_TITLES[o.placement.value] for o in e.options))
    rank = ("Rank", "", *(str(o.rank) for o in e.options))

    def row(label: str, get: object) -> tuple[str, ...]:
        assert callable(get)
        return (label, *(str(get(m)) for m in columns))

    rows = [
        rank,
        row("Where MLOps sits", lambda m: PLACEMENT_LABELS[m.figures.mlops.value]),
        row("Maturity stage", lambda m: m.figures.stage),
        row("Coverage gaps", lambda m: m.figures.gaps),
        row("Errors", lambda m: m.figures.errors),
        row("Warnings", lambda m: m.figures.warnings),
        row("Reporting lines, ML project", lambda m: m.figures.total_distance),
        row("Worst hand-off", _worst),
        row("Widest span", lambda m: m.figures.max_span),
        row("MLOps to DevOps / SRE", lambda m: _lines(m.mlops_to_devops)),
        row("Data science to MLOps", lambda m: _lines(m.science_to_mlops)),
        row("Consumers reached", lambda m: f"{m.served} of {m.consumers}"),
    ]
    if focus:
        rows.append(row("Focus", lambda m: m.focus))
    return Table(header, rows)


def move_text(move: Move, org: OrgTree, source: OrgTree) -> str:
    """A move in words, naming nodes as the alternative (or, for what it dropped, the source) has them."""

    def name(node_id: str | None) -> str:
        if node_id is None:
            return "the top"
        node = org.get(node_id) or source.get(node_id)
        return node_id if node is None else f"{node.name} ({node_id})"

    if move.action == "create":
        return f"create {move.kind} {move.name} ({move.node}) under {name(move.parent)}"
    if move.action == "move":
        return f"move {name(move.node)} from {name(move.old_parent)} to {name(move.parent)}"
    if move.action == "link":
        return f"{name(move.node)} serves {name(move.target)} (dotted line added)"
    return f"{name(move.node)} no longer serves {name(move.target)} (dotted line dropped)"
