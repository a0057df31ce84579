"""``explore`` as terminal text: the table side by side, then each option's why, moves and
trade-offs (controls escaped)."""

from __future__ import annotations

import textwrap

from orgdesigner.analysis.explore import Exploration
from orgdesigner.export.explore_common import move_text, table
from orgdesigner.model import OrgTree
from orgdesigner.model.text import escape_controls

WIDTH = 100
CELL_MAX = 24
MOVES_SHOWN = 20


def _cell(text: str) -> str:
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def exploration_text(e: Exploration, org: OrgTree) -> str:
    """The whole exploration as terminal text."""
    out = [escape_controls(f"{org.name}: where should MLOps sit?"), ""]
    out += textwrap.wrap(f"Ranked for {e.priority.label} (--priority {e.priority.name}): {e.priority.ranks_by}.", WIDTH)
    out.append("")
    t = table(e, focus=False)
    rows = [t.header, *t.rows]
    rows = [(r[0], *map(_cell, r[1:])) for r in rows]
    widths = [max(len(r[k]) for r in rows) for k in range(len(t.header))]
    for r in rows:
        out.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    for o in e.options:
        out += ["", f"{o.alternative.title.upper()} (focus: {o.measured.focus})"]
        out += ["  " + w for w in textwrap.wrap(o.why, WIDTH - 2)]
        if not o.moves:
            out.append("  moves: none, the org is so already")
        for move in o.moves[:MOVES_SHOWN]:
            out += textwrap.wrap(
                escape_controls(move_text(move, o.alternative.org, org)),
                WIDTH,
                initial_indent="  - ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        if len(o.moves) > MOVES_SHOWN:
            out.append(f"  - and {len(o.moves) - MOVES_SHOWN:,} more")
        out += [f"  + {s}" for s in o.measured.strengths] + [f"  - risk: {r}" for r in o.measured.risks]
    return "\n".join(out) + "\n"
