"""The designer's help page (Help > orgdesigner Help, F1) as HTML, made from the catalogue so
that it says what the analysis judges: the disciplines, the stages, the placements, the ML
project's flow and how to read the findings."""

from __future__ import annotations

from html import escape

from orgdesigner.model import Catalogue, load_catalogue

GESTURES = (
    (
        "Add a team or a unit",
        "drag it from the Palette onto the card it reports to (or select a card and double-click the palette entry)",
    ),
    ("Move", "drag cards onto their new parent; the line between two cards puts them in that place"),
    ("Rename", "F2 or double-click a card; Enter applies, Esc cancels"),
    ("Dotted line", "select a team, Ctrl+L, then click the node it serves"),
    ("Delete", "Delete removes the selected cards and what is below them; Ctrl+Z brings them back"),
    ("Find", "Ctrl+F; Enter goes to the next match"),
    ("Undo, redo", "Ctrl+Z; Ctrl+Shift+Z or Ctrl+Y"),
    ("Navigate", "arrow keys move between a card, its parent, its first child and its siblings"),
    ("Zoom", "the wheel, Ctrl++ and Ctrl+-; Ctrl+0 fits the chart; View > Collapse to Depth for big orgs"),
    ("Findings", "click one to select the cards it names; F8 shows them in a large window"),
)


def help_html(cat: Catalogue | None = None) -> str:
    """The whole help page (our own markup; every catalogue text escaped)."""
    cat = cat or load_catalogue()
    e = escape
    out = ["<h1>orgdesigner</h1>", f"<p>{e(cat.summary.bridge)}</p>", f"<p>{e(cat.placement_note)}</p>"]
    out.append("<h2>Working on the chart</h2><table cellpadding='3'>")
    out += [f"<tr><td><b>{e(what)}</b></td><td>{e(how)}</td></tr>" for what, how in GESTURES]
    out.append("</table>")
    out.append("<h2>Reading the findings</h2><ul>")
    out += [
        "<li><b>Gaps and errors</b> (■): a responsibility the org needs that nobody owns, or a step of the "
        "ML project nobody does. They fail <code>orgdesigner check</code>.</li>",
        "<li><b>Warnings</b> (▲): a team whose provider is missing, a span of control past the limit, an "
        "empty unit. Worth a look; the same problem on many teams is one entry with its count.</li>",
        "<li><b>Notes</b> (●): overlaps (normal: real boundaries are blurry), where MLOps sits, staffing "
        "suggestions.</li>",
        "<li><b>Reporting lines crossed</b>: for each step of the ML project, how many reporting lines the "
        "work climbs and descends from the previous step's owner to this one's (up to the lowest manager "
        "they share, then down). Fewer lines mean fewer hand-offs between structures; the total is the "
        "project's distance from idea to production.</li>",
        "</ul>",
    ]
    out.append("<h2>Where MLOps can sit</h2>")
    for p in cat.placements:
        out.append(f"<h3>{e(p.name)}</h3><p>Focus: {e(p.focus)}</p><ul>")
        out += [f"<li>+ {e(s)}</li>" for s in p.strengths]
        out += [f"<li>− {e(r)}</li>" for r in p.risks]
        out.append("</ul>")
    out.append(f"<h2>Maturity stages</h2><p>{e(cat.typical_range)}</p><ol>")
    for st in cat.stages:
        needs = ", ".join(cat.responsibility(r).title for r in st.requires)
        out.append(f"<li><b>{e(st.name)}</b>: {e('; '.join(st.markers))}. <i>Needs: {e(needs)}.</i></li>")
    out.append("</ol>")
    out.append(f"<h2>The ML project, step by step</h2><p>{e(cat.flow_note)}</p><ol>")
    for step in cat.flow:
        who = "the top of the org" if step.discipline is None else cat.discipline(step.discipline).name
        out.append(f"<li><b>{e(step.name)}</b> ({e(who)}): {e(step.action)}</li>")
    out.append("</ol><h2>The disciplines</h2>")
    for d in cat.disciplines:
        owns = ", ".join(cat.responsibility(r).title for r in d.responsibilities)
        out.append(
            f"<h3>{e(d.name)} ({e(d.short)})</h3><p>{e(d.summary)}</p>"
            f"<p><i>Owns by default:</i> {e(owns) or 'nothing'}.<br><i>Tools:</i> {e(', '.join(d.tools))}.</p>"
        )
    out.append("<h2>Ways into a discipline</h2><ul>")
    for path in cat.career_paths:
        src, dst = cat.discipline(path.source).name, cat.discipline(path.target).name
        out.append(f"<li><b>{e(src)} → {e(dst)}</b>: would learn {e(', '.join(path.learn))}. {e(path.note)}</li>")
    out.append("</ul>")
    return "\n".join(out)
