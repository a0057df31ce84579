"""The decision report as one self-contained HTML page: no scripts, no external resources (a
Content-Security-Policy forbids them), every chart inline as SVG, every user text escaped."""

from __future__ import annotations

from orgdesigner.export.decision import (
    SEVERITY_WORDS,
    Decision,
    Part,
    chart_note,
    comparison_rows,
    figure_lines,
    finding_groups,
    tradeoffs,
)
from orgdesigner.export.report_html import esc
from orgdesigner.export.svg import svg_text

CSP = "default-src 'none'; style-src 'unsafe-inline'"
# Classes start with "dr-": the charts' own stylesheet (one per inline SVG) styles .node, .team,
# .unit and the like, and must not reach the page around them.
_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1d1f;
       max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #d8dde3; }
h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
p.dr-sub { color: #555; margin-top: 0; }
section.dr-part { break-before: page; }
div.dr-chart { border: 1px solid #e3e6ea; border-radius: 6px; padding: .5rem; background: #fff; overflow-x: auto; }
div.dr-chart svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
div.dr-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid #eceef1; }
th { background: #f4f6f8; } td.dr-num { white-space: nowrap; }
ul.dr-plus li::marker { content: "+ "; } ul.dr-minus li::marker { content: "\\2212  "; }
p.dr-note { color: #555; font-size: .9rem; margin: .3rem 0; }
li.dr-error { border-left: 4px solid #b3261e; padding-left: .5rem; list-style: none; margin: .3rem 0; }
li.dr-warning { border-left: 4px solid #b35c00; padding-left: .5rem; list-style: none; margin: .3rem 0; }
li.dr-info { border-left: 4px solid #3465a4; padding-left: .5rem; list-style: none; margin: .3rem 0; }
span.dr-sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .03em; }
@media print { body { margin: 0; max-width: none; } }
""".strip()


def inline_svg(part: Part) -> str:
    """The part's chart as SVG markup to put inside the page (no XML declaration)."""
    text = svg_text(part.chart)
    return text[text.index("<svg") :]


def decision_html(d: Decision) -> str:
    """The whole decision report as a standalone HTML5 document."""
    title = esc(f"Where should MLOps sit? {d.title}")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f'<p class="dr-sub">Decision report: {_count(d)}, each compared with {esc(d.reference.label)}.</p>',
    ]
    out += _glance(d)
    for n, part in enumerate(d.parts, 1):
        out += _part(n, part)
    out += _comparison(d)
    out += _steps(d)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _count(d: Decision) -> str:
    n = len(d.parts)
    return "1 scenario" if n == 1 else f"{n} scenarios"


def _glance(d: Decision) -> list[str]:
    out = ["<h2>At a glance</h2>", "<ul>"]
    f = d.reference.figures
    out.append(
        f"<li><strong>{esc(d.reference.label)}</strong>: stage {f.stage}, MLOps "
        f"{esc(_where(d.reference))}, {f.gaps} gaps, {f.errors} errors, {f.warnings} warnings, "
        f"{f.total_distance} reporting lines for the ML project.</li>"
    )
    out += [f"<li><strong>{esc(s.target.label)}</strong>: {esc(s.sentence)}</li>" for s in d.steps]
    out.append("</ul>")
    if not d.steps:
        out.append('<p class="dr-note">Only one scenario: there is nothing to compare it with.</p>')
    return out


def _where(part: Part) -> str:
    from orgdesigner.export.compare_common import PLACEMENT_LABELS

    return PLACEMENT_LABELS[part.figures.mlops.value]


def _part(n: int, part: Part) -> list[str]:
    name, focus, strengths, risks = tradeoffs(part)
    out = ['<section class="dr-part">', f"<h2>{n}. {esc(part.label)}</h2>"]
    out.append(f'<div class="dr-chart">\n{inline_svg(part)}</div>')
    note = chart_note(part)
    if note:
        out.append(f'<p class="dr-note">{esc(note)}</p>')
    out.append('<div class="dr-cols">')
    out.append("<div><h3>Key figures</h3><table>")
    out += [f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in figure_lines(part)]
    out.append("</table></div>")
    out.append(f"<div><h3>Trade-offs: {esc(name)}</h3><p>Focus: {esc(focus)}.</p>")
    out.append('<ul class="dr-plus">' + "".join(f"<li>{esc(s)}</li>" for s in strengths) + "</ul>")
    out.append('<ul class="dr-minus">' + "".join(f"<li>{esc(r)}</li>" for r in risks) + "</ul></div>")
    out += ["</div>", "</section>"]
    return out


def _comparison(d: Decision) -> list[str]:
    header, rows = comparison_rows(d)
    out = ["<h2>Comparison</h2>", "<table>"]
    out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
    for row in rows:
        out.append(f"<tr><th>{esc(row[0])}</th>" + "".join(f"<td>{esc(c)}</td>" for c in row[1:]) + "</tr>")
    out.append("</table>")
    return out


def _steps(d: Decision) -> list[str]:
    if not d.steps:
        return []
    out = ["<h2>Changes between the scenarios</h2>"]
    for s in d.steps:
        out.append(f"<h3>From {esc(d.reference.label)} to {esc(s.target.label)}</h3>")
        out.append(f"<p>{esc(s.sentence)}</p>")
        if s.changes:
            out.append("<ul>" + "".join(f"<li>{esc(c.kind)}: {esc(c.text)}</li>" for c in s.changes) + "</ul>")
    out.append("<h2>Findings each scenario opens or closes</h2>")
    for s in d.steps:
        out.append(f"<h3>{esc(s.target.label)}, against {esc(d.reference.label)}</h3>")
        for title, shown, total in finding_groups(s):
            found = "no finding" if not total else "1 finding" if total == 1 else f"{total:,} findings"
            out.append(f"<p>It {title} <strong>{found}</strong>{':' if total else '.'}</p>")
            if shown:
                out.append("<ul>")
                out += [
                    f'<li class="dr-{f.severity.value}"><span class="dr-sev">{SEVERITY_WORDS[f.severity]}</span> '
                    f"{esc(f.message)}</li>"
                    for f in shown
                ]
                out.append("</ul>")
            if total > len(shown):
                out.append(f'<p class="dr-note">and {total - len(shown):,} more.</p>')
    return out
