"""The report as text for a terminal: aligned columns, findings grouped by severity, and
colour only when asked for (the CLI asks when stdout is a terminal)."""

from __future__ import annotations

import re
import textwrap

from orgdesigner.analysis import Report, Severity
from orgdesigner.export.report_common import SEVERITY_TITLES, Section, finding_entries, headline, sections
from orgdesigner.model import OrgTree
from orgdesigner.model.text import escape_controls

WIDTH = 100
CELL_MAX = 44
_BREAKS = re.compile("[\t\n\r]")
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}


def clean(text: str) -> str:
    """Text safe to print: tabs and line breaks become spaces, every other control character
    (terminal escapes, bidi overrides, line separators) is written as an escape."""
    return escape_controls(_BREAKS.sub(" ", text))


class _Painter:
    """Wraps text in ANSI colours, or leaves it alone."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour else text


def report_text(report: Report, org: OrgTree, colour: bool = False) -> str:
    """The whole report as terminal text; ANSI colour only when ``colour`` is True."""
    paint = _Painter(colour)
    out: list[str] = [paint(clean(f"{report.summary.name}: org check"), _BOLD)]
    pairs = headline(report)
    label_w = max(len(k) for k, _ in pairs)
    out += [f"  {k.ljust(label_w)}  {clean(v)}" for k, v in pairs]
    out.append("")
    out += _findings(report, org, paint)
    for section in sections(report, org):
        out.append("")
        out += _section(section, paint)
    return "\n".join(out) + "\n"


def _findings(report: Report, org: OrgTree, paint: _Painter) -> list[str]:
    if not report.findings:
        return ["No findings."]
    code_w = max(len(f.code) for f in report.findings)
    indent = 2 + code_w + 2
    lines: list[str] = []
    for severity in Severity:
        count = len(report.of(severity))
        if not count:
            continue
        lines.append(paint(f"{SEVERITY_TITLES[severity].upper()} ({count})", _COLOURS[severity]))
        for entry in finding_entries(report, org, severity):
            wrapped = textwrap.wrap(clean(entry.text), WIDTH - indent) or [""]
            if entry.names is not None:
                wrapped += textwrap.wrap(clean(f"({entry.names})"), WIDTH - indent)
            lines.append(f"  {paint(entry.code.ljust(code_w), _COLOURS[severity])}  {wrapped[0]}")
            lines += [" " * indent + rest for rest in wrapped[1:]]
        lines.append("")
    return lines[:-1]


def _cell(text: str) -> str:
    text = clean(text)
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def _section(section: Section, paint: _Painter) -> list[str]:
    lines = [paint(section.title.upper(), _BOLD)]
    if section.rows:
        last = len(section.header) - 1
        table = [
            tuple(clean(c) if k == last else _cell(c) for k, c in enumerate(row))
            for row in [section.header, *section.rows]
        ]
        widths = [max(len(row[k]) for row in table) for k in range(len(section.header))]
        for n, row in enumerate(table):
            line = "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            lines.append(paint(line.rstrip(), _BOLD) if n == 0 and paint.colour else line.rstrip())
    for note in section.notes:
        wrapped = textwrap.wrap(clean(note), WIDTH - 2) or [""]
        lines += ["  " + w for w in wrapped]
    return lines
