"""A comparison as text for a terminal: the sentence, the key figures side by side, the
changes and the findings opened and resolved (no colour; controls escaped)."""

from __future__ import annotations

import textwrap

from orgdesigner.analysis.compare import Comparison
from orgdesigner.export.compare_common import change_lines, figure_rows, sentence, structure_summary
from orgdesigner.model import OrgTree
from orgdesigner.model.text import escape_controls

WIDTH = 100
CELL_MAX = 36


def _cell(text: str) -> str:
    text = escape_controls(text)
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def comparison_text(c: Comparison, base: OrgTree, other: OrgTree, labels: tuple[str, str] | None = None) -> str:
    """The whole comparison as terminal text; ``labels`` name the two sides (default: the
    orgs' names)."""
    first, second = labels or (base.name, other.name)
    out = [escape_controls(f"{first} → {second}"), ""]
    out += [*textwrap.wrap(sentence(c), WIDTH), ""]
    rows = [("", "base", "other", "delta")] + [
        (r.label, _cell(r.base), _cell(r.other), r.delta) for r in figure_rows(c, base, other)
    ]
    widths = [max(len(row[k]) for row in rows) for k in range(4)]
    out.append("KEY FIGURES")
    out += [
        "  "
        + "  ".join(
            cell.ljust(w) if k < 3 else cell.rjust(w) for k, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    out += ["", f"CHANGES: {structure_summary(c.changes)}"]
    lines = change_lines(c.changes, base, other)
    kind_w = max((len(x.kind) for x in lines), default=0)
    out += [f"  {x.kind.ljust(kind_w)}  {escape_controls(x.text)}" for x in lines]
    code_w = max((len(f.code) for f in (*c.new, *c.resolved)), default=0)
    for title, found in (("NEW FINDINGS", c.new), ("RESOLVED FINDINGS", c.resolved)):
        out += ["", f"{title} ({len(found)})"]
        for f in found:
            head = f"  {f.severity.value:<7}  {f.code.ljust(code_w)}  "
            wrapped = textwrap.wrap(escape_controls(f.message), WIDTH - len(head)) or [""]
            out.append(head + wrapped[0])
            out += [" " * len(head) + w for w in wrapped[1:]]
    return "\n".join(line.rstrip() for line in out) + "\n"
