"""The decision report as Markdown: a wiki page or a pull request description. Markdown cannot
hold a chart, so each chart is written as an SVG file beside the report (``OUT.chart-1.svg``,
``OUT.chart-2.svg``...) and linked as an image; the report says so. Every user text is escaped
and inert (no markup, no autolinked address, no @mention): the only links are to those files."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

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
from orgdesigner.export.report_markdown import md_escape
from orgdesigner.export.svg import svg_bytes
from orgdesigner.io.atomic import write_atomic


def chart_files(output: str | os.PathLike[str], d: Decision) -> list[Path]:
    """Where each part's chart goes: beside ``output``, named by the report and the part's number."""
    out = Path(output)
    return [out.with_name(f"{out.stem}.chart-{n}.svg") for n in range(1, len(d.parts) + 1)]


def decision_markdown(d: Decision, charts: list[str]) -> str:
    """The whole report as Markdown; ``charts`` are the relative names of the chart files."""
    out = [f"# Where should MLOps sit? {md_escape(d.title)}", ""]
    n = len(d.parts)
    out += [
        md_escape(
            f"Decision report: {'1 scenario' if n == 1 else f'{n} scenarios'}, each compared with "
            f"{d.reference.label}. Each chart is an SVG file beside this report, shown below as an image."
        ),
        "",
        "## At a glance",
        "",
    ]
    f = d.reference.figures
    out.append(
        f"- **{md_escape(d.reference.label)}**: "
        + md_escape(
            f"stage {f.stage}, {f.gaps} gaps, {f.errors} errors, {f.warnings} warnings, "
            f"{f.total_distance} reporting lines for the ML project."
        )
    )
    out += [f"- **{md_escape(s.target.label)}**: {md_escape(s.sentence)}" for s in d.steps]
    for k, (part, chart) in enumerate(zip(d.parts, charts, strict=True), 1):
        out += _part(k, part, chart)
    header, rows = comparison_rows(d)
    out += ["", "## Comparison", "", "| " + " | ".join(md_escape(h) for h in header) + " |"]
    out.append("|---|" + "---|" * (len(header) - 1))
    out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    out += _steps(d)
    return "\n".join(out).rstrip("\n") + "\n"


def _part(k: int, part: Part, chart: str) -> list[str]:
    name, focus, strengths, risks = tradeoffs(part)
    out = ["", f"## {k}\\. {md_escape(part.label)}", ""]
    out += [f"![Chart of {md_escape(part.label)}]({chart})", ""]
    note = chart_note(part)
    if note:
        out += [md_escape(note), ""]
    out += ["| Key figure | |", "|---|---|"]
    out += [f"| {md_escape(label)} | {md_escape(value)} |" for label, value in figure_lines(part)]
    out += ["", f"**Trade\\-offs: {md_escape(name)}** \\(focus: {md_escape(focus)}\\)", ""]
    out += [f"- \\+ {md_escape(s)}" for s in strengths] + [f"- − {md_escape(r)}" for r in risks]
    return out


def _steps(d: Decision) -> list[str]:
    if not d.steps:
        return []
    out = ["", "## Changes between the scenarios"]
    for s in d.steps:
        out += [
            "",
            f"### From {md_escape(d.reference.label)} to {md_escape(s.target.label)}",
            "",
            md_escape(s.sentence),
        ]
        if s.changes:
            out.append("")
            out += [f"- {md_escape(c.kind)}: {md_escape(c.text)}" for c in s.changes]
    out += ["", "## Findings each scenario opens or closes"]
    for s in d.steps:
        out += ["", f"### {md_escape(s.target.label)}, against {md_escape(d.reference.label)}"]
        for title, shown, total in finding_groups(s):
            found = "no finding" if not total else "1 finding" if total == 1 else f"{total:,} findings"
            out += ["", f"It {title} **{found}**{':' if total else '.'}"]
            if shown:
                out.append("")
                out += [f"- **{SEVERITY_WORDS[f.severity]}** {md_escape(f.message)}" for f in shown]
            if total > len(shown):
                out.append(f"- and {total - len(shown):,} more")
    return out


def write_decision_markdown(d: Decision, output: str | os.PathLike[str]) -> list[Path]:
    """Write the charts and the report (each atomically); return the chart files."""
    files = chart_files(output, d)
    for part, path in zip(d.parts, files, strict=True):
        write_atomic(path, svg_bytes(part.chart))
    links = [quote(p.name) for p in files]  # a relative URL, whatever the report is called
    write_atomic(output, decision_markdown(d, links).encode("utf-8"))
    return files
