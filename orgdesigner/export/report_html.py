"""The report as one standalone HTML page (no scripts, no external files), as the designer
window exports it. All text is escaped; no user text goes into an attribute."""

from __future__ import annotations

from html import escape

from orgdesigner.analysis import Report, Severity
from orgdesigner.export.report_common import SEVERITY_TITLES, Section, headline, sections
from orgdesigner.model import OrgTree
from orgdesigner.model.text import escape_controls

_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
       max-width: 70rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
dl.headline { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.headline dt { font-weight: 600; } dl.headline dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid #eee; }
th { background: #f5f5f7; }
ul.findings { list-style: none; padding: 0; } ul.findings li { margin: .35rem 0; padding-left: .6rem; }
li.error { border-left: 4px solid #c62828; } li.warning { border-left: 4px solid #ef8f00; }
li.info { border-left: 4px solid #1565c0; }
code { font-size: .85em; color: #555; } p.note { margin: .2rem 0; color: #333; }
""".strip()

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def esc(text: str) -> str:
    """Text as HTML character data (quotes escaped too), its control characters (bidi
    overrides that would turn the text after a name around, C1 controls, line separators)
    written as escapes; line breaks stay."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").split("\n")
    return escape("\n".join(escape_controls(line) for line in lines), quote=True)


def report_html(report: Report, org: OrgTree) -> str:
    """The whole report as a standalone HTML5 document."""
    title = esc(f"Org check: {report.summary.name}")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        '<dl class="headline">',
    ]
    out += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in headline(report)]
    out += ["</dl>", "<h2>Findings</h2>"]
    if not report.findings:
        out.append("<p>No findings.</p>")
    for severity in Severity:
        group = report.of(severity)
        if not group:
            continue
        out.append(f"<h3>{esc(SEVERITY_TITLES[severity])} ({len(group)})</h3>")
        out.append('<ul class="findings">')
        out += [f'<li class="{_CLASS[severity]}"><code>{esc(f.code)}</code> {esc(f.message)}</li>' for f in group]
        out.append("</ul>")
    for section in sections(report, org):
        out += _section(section)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"<h2>{esc(section.title)}</h2>"]
    if section.rows:
        lines.append("<table>")
        lines.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in section.header) + "</tr>")
        lines += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in section.rows]
        lines.append("</table>")
    lines += [f'<p class="note">{esc(n)}</p>' for n in section.notes]
    return lines
