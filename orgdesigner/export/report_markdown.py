"""The report as Markdown for a wiki page or a pull request. Every piece of text goes through
:func:`inert_markdown`, so a team called ``<script>``, ``[x](javascript:alert(1))``,
``https://evil.example/login`` or ``@everyone`` shows as typed: no markup, no link, no mention."""

from __future__ import annotations

from orgdesigner.analysis import Report, Severity
from orgdesigner.export.markdown_text import inert_markdown
from orgdesigner.export.report_common import SEVERITY_TITLES, Section, finding_entries, headline, sections
from orgdesigner.model import OrgTree

md_escape = inert_markdown
"""The one escaper every Markdown writer uses (see :mod:`orgdesigner.export.markdown_text`)."""


def report_markdown(report: Report, org: OrgTree) -> str:
    """The whole report as a Markdown document."""
    out = [f"# Org check: {inert_markdown(report.summary.name)}", ""]
    out += [f"- **{label}:** {inert_markdown(value)}" for label, value in headline(report)]
    out += ["", "## Findings", ""]
    if not report.findings:
        out += ["No findings.", ""]
    for severity in Severity:
        count = len(report.of(severity))
        if count:
            out += [f"### {SEVERITY_TITLES[severity]} ({count})", ""]
            for entry in finding_entries(report, org, severity):
                names = "" if entry.names is None else f" ({md_escape(entry.names)})"
                out.append(f"- `{entry.code}` {md_escape(entry.text)}{names}")
            out.append("")
    for section in sections(report, org):
        out += _section(section)
    return "\n".join(out).rstrip("\n") + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"## {inert_markdown(section.title)}", ""]
    if section.rows:
        lines.append("| " + " | ".join(inert_markdown(h) for h in section.header) + " |")
        lines.append("|" + "---|" * len(section.header))
        lines += ["| " + " | ".join(inert_markdown(c) for c in row) + " |" for row in section.rows]
        lines.append("")
    if section.notes:
        lines += [inert_markdown(n) + "  " for n in section.notes]
        lines.append("")
    return lines
