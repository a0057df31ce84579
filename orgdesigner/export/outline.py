"""A plain-text summary of an org: counts, headcount and an indented outline of the tree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from orgdesigner.analysis.findings import plural
from orgdesigner.model import Organization, Team, Unit, load_catalogue
from orgdesigner.model.text import escape_controls

MAX_INDENT_LEVELS = 24


def headcount_total(org: Organization) -> int:
    """The sum of every team's headcount."""
    return sum(n.headcount for n in org.iter_nodes() if isinstance(n, Team))


def _depths(org: Organization) -> dict[str, int]:
    depth: dict[str, int] = {}
    for nid in org.iter_preorder():
        parent = org.parent(nid)
        depth[nid] = 0 if parent is None else depth[parent] + 1
    return depth


def write_outline(org: Organization, out: TextIO, extra: Sequence[str] = ()) -> None:
    """Write the summary: name, stage, counts, headcount, the ``extra`` lines (the file's
    scenarios), then one line per node. Control characters in names and leads (terminal
    escapes, bidi overrides) are written as escapes.

    Past ``MAX_INDENT_LEVELS`` levels the indent stops growing and the line shows its depth,
    so a 10,000-level chain prints 10,000 short lines.
    """
    cat = load_catalogue()
    units = sum(1 for n in org.iter_nodes() if isinstance(n, Unit))
    teams = len(org) - units
    stage = cat.stage(org.target_stage)
    out.write(f"{escape_controls(org.name)}\n")
    out.write(f"target stage: {org.target_stage} ({stage.name})\n")
    out.write(f"units: {units}   teams: {teams}   links: {len(org.links)}   headcount: {headcount_total(org)}\n")
    out.write("".join(line + "\n" for line in extra))
    if not len(org):
        out.write("(no nodes)\n")
        return
    out.write("\n")
    depth = _depths(org)
    lines = []
    for node in org.iter_nodes():
        d = depth[node.id]
        if d <= MAX_INDENT_LEVELS:
            prefix = "  " * d
        else:
            prefix = "  " * MAX_INDENT_LEVELS + f"[{d}] "
        if isinstance(node, Unit):
            detail = f"unit, {cat.structure(node.structure).name}"
        else:
            detail = f"team, {cat.discipline(node.discipline).name}, {plural(node.headcount, 'person', 'people')}"
        lead = f", lead {node.lead}" if node.lead else ""
        lines.append(escape_controls(f"{prefix}{node.name} ({detail}{lead})") + "\n")
    out.write("".join(lines))
