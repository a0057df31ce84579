"""``explore`` as Markdown: the table side by side, then each option's why, moves and
trade-offs. Every text is escaped and inert."""

from __future__ import annotations

from orgdesigner.analysis.explore import Exploration
from orgdesigner.export.explore_common import move_text, table
from orgdesigner.export.explore_text import MOVES_SHOWN
from orgdesigner.export.report_markdown import md_escape
from orgdesigner.model import OrgTree


def exploration_markdown(e: Exploration, org: OrgTree) -> str:
    """The whole exploration as Markdown."""
    out = [f"# {md_escape(org.name)}: where should MLOps sit?", ""]
    out += [md_escape(f"Ranked for {e.priority.label} (--priority {e.priority.name}): {e.priority.ranks_by}."), ""]
    t = table(e)
    out.append("| " + " | ".join(md_escape(h) for h in t.header) + " |")
    out.append("|---|" + "---|" * (len(t.header) - 1))
    out += ["| " + " | ".join(md_escape(c) for c in r) + " |" for r in t.rows]
    for o in e.options:
        out += ["", f"## {md_escape(o.alternative.title)}", "", md_escape(o.why), ""]
        moves = [move_text(m, o.alternative.org, org) for m in o.moves[:MOVES_SHOWN]]
        out += [f"- {md_escape(m)}" for m in moves] or ["- No moves: the org is so already."]
        if len(o.moves) > MOVES_SHOWN:
            out.append(f"- and {len(o.moves) - MOVES_SHOWN:,} more")
        out += [""] + [f"- **Strength:** {md_escape(s)}" for s in o.measured.strengths]
        out += [f"- **Risk:** {md_escape(r)}" for r in o.measured.risks]
    return "\n".join(out).rstrip("\n") + "\n"
