"""``orgdesigner report``: the decision report for a leadership meeting, per scenario its chart,
key figures and trade-offs, then the comparison, the changes and the findings each opens or
closes; as HTML, Markdown (charts as SVG files beside it) or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from orgdesigner.analysis import AnalysisOptions
from orgdesigner.analysis.structure import DEFAULT_MAX_SPAN
from orgdesigner.cli.sources import load_chart, pick, source_label
from orgdesigner.cli.verb_check import span_limit
from orgdesigner.export.decision_files import DECISION_SUFFIXES
from orgdesigner.model.gc_pause import gc_paused

NAME = "report"
HELP = (
    "write the decision report (per scenario its chart, key figures and trade-offs; the comparison, the "
    "changes and the findings each opens or closes) as .html, .md or .pdf"
)
SUFFIXES = DECISION_SUFFIXES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("file", nargs="?", metavar="FILE", help="an org file (.json) with its scenarios")
    parser.add_argument("--template", metavar="NAME", help="use a preset template instead of a file")
    parser.add_argument(
        "--scenarios",
        nargs="+",
        metavar="NAME",
        help="the scenarios to report on, in order; the first is the one the others are compared with "
        "('baseline' names the baseline; default: the baseline, then every scenario)",
    )
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write: .html, .md or .pdf")
    parser.add_argument(
        "--max-span",
        type=span_limit,
        default=DEFAULT_MAX_SPAN,
        metavar="N",
        help=f"warn above N direct reports, as check does (default {DEFAULT_MAX_SPAN})",
    )


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 on success."""
    from orgdesigner.cli.usage import UsageError
    from orgdesigner.cli.verb_export import check_output
    from orgdesigner.export.decision import build_decision
    from orgdesigner.export.decision_files import write_decision

    suffix = Path(args.output).suffix.lower()
    if suffix not in SUFFIXES:
        shown = f"'{suffix}'" if suffix else "a name without a suffix"
        raise UsageError(f"{args.output}: cannot write a report to {shown}: the name must end in .html, .md or .pdf")
    check_output(args.output)
    with gc_paused():
        chart = load_chart(args.file, args.template)
        where = source_label(args.file, args.template)
        for name in args.scenarios or ():
            pick(chart, name, where)  # a name the file lacks: one line, exit 2
        decision = build_decision(chart, args.scenarios, AnalysisOptions(max_span=args.max_span))
    write_decision(decision, args.output)
    return 0
