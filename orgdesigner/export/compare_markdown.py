"""A comparison as Markdown for a pull request comment: the sentence first, then the key
figures, the changes and the findings opened and resolved. Every text is escaped and inert."""

from __future__ import annotations

from orgdesigner.analysis.compare import Comparison
from orgdesigner.export.compare_common import change_lines, figure_rows, sentence, structure_summary
from orgdesigner.export.report_markdown import md_escape
from orgdesigner.model import OrgTree


def comparison_markdown(
    c: Comparison, base: OrgTree, other: OrgTree, labels: tuple[str, str] | None = None, heading: str = "##"
) -> str:
    """The whole comparison as Markdown; ``labels`` name the two sides (default: the orgs'
    names), ``heading`` is the level of its title."""
    sub = heading + "#"
    first, second = labels or (base.name, other.name)
    out = [md_escape(sentence(c)), ""]
    out += [f"{heading} {md_escape(first)} → {md_escape(second)}", ""]
    out += ["| Key figure | Base | Other | Delta |", "|---|---|---|---:|"]
    out += [
        f"| {md_escape(r.label.strip())} | {md_escape(r.base)} | {md_escape(r.other)} | {md_escape(r.delta)} |"
        for r in figure_rows(c, base, other)
    ]
    out += ["", f"{sub} Changes", "", md_escape(f"This change {structure_summary(c.changes)}."), ""]
    out += [f"- **{x.kind}** {md_escape(x.text)}" for x in change_lines(c.changes, base, other)]
    for title, found in (("New findings", c.new), ("Resolved findings", c.resolved)):
        out += ["", f"{sub} {title} ({len(found)})", ""]
        out += [f"- **{f.severity.value}** `{f.code}` {md_escape(f.message)}" for f in found]
        if not found:
            out.append("None.")
    return "\n".join(out).rstrip("\n") + "\n"
