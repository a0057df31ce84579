"""The decision report written to a file in the format its name asks for (``.html``, ``.md``,
``.pdf``): one place for the command line and the window."""

from __future__ import annotations

from pathlib import Path

from orgdesigner.export.decision import Decision
from orgdesigner.io.atomic import write_atomic

DECISION_SUFFIXES = (".html", ".md", ".pdf")


def write_decision(decision: Decision, output: str) -> None:
    """Write ``decision`` to ``output`` (atomically; a Markdown report writes its charts as SVG
    files beside it)."""
    suffix = Path(output).suffix.lower()
    if suffix == ".html":
        from orgdesigner.export.decision_html import decision_html

        write_atomic(output, decision_html(decision).encode("utf-8"))
    elif suffix == ".md":
        from orgdesigner.export.decision_markdown import write_decision_markdown

        write_decision_markdown(decision, output)
    elif suffix == ".pdf":
        from orgdesigner.export.raster_report import decision_pdf

        write_atomic(output, decision_pdf(decision))
    else:
        raise ValueError(f"a decision report is written as {', '.join(DECISION_SUFFIXES)}, not {suffix or 'no suffix'}")
