"""The report as Markdown for a wiki page or a pull request. Every piece of text is escaped,
so a team called ``<script>`` or ``[x](javascript:alert(1))`` shows as typed, inert."""

from __future__ import annotations

from orgdesigner.analysis import Report, Severity
from orgdesigner.export.report_common import SEVERITY_TITLES, Section, finding_entries, headline, sections
from orgdesigner.model import OrgTree
from orgdesigner.model.text import escape_controls

# HTML's three metacharacters become entities; every ASCII punctuation mark with a meaning
# in CommonMark or GitHub Markdown gets a backslash, ':' and '@' too, so that no URL, www. or
# e-mail address is autolinked (the autolinkers start at an unescaped ':', 'www.' or '@'), and
# a word joiner after '@' keeps GitHub from reading an @mention.
_ESCAPES = {ord(c): "\\" + c for c in "\\`*_{}[]()#+-.!|~:"}
_ESCAPES[ord("@")] = "\\@\u2060"
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_BREAKS = {ord("\n"): " ", ord("\r"): " ", ord("\t"): " "}


def md_escape(text: str) -> str:
    """Text that Markdown renders literally, one line, safe in a table cell: no markup, no
    autolinked URL or e-mail address, no @mention, and no control character (a bidi override
    would turn the text after a name around): those are written as escapes."""
    return escape_controls(text.translate(_BREAKS)).translate(_ESCAPES)


def report_markdown(report: Report, org: OrgTree) -> str:
    """The whole report as a Markdown document."""
    out = [f"# Org check: {md_escape(report.summary.name)}", ""]
    out += [f"- **{label}:** {md_escape(value)}" for label, value in headline(report)]
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
    lines = [f"## {md_escape(section.title)}", ""]
    if section.rows:
        lines.append("| " + " | ".join(md_escape(h) for h in section.header) + " |")
        lines.append("|" + "---|" * len(section.header))
        lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in section.rows]
        lines.append("")
    if section.notes:
        lines += [md_escape(n) + "  " for n in section.notes]
        lines.append("")
    return lines
