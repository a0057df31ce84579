"""``orgdesigner check``: analyse an org and print the report; the exit status says whether
any finding reaches the ``--fail-on`` level."""

from __future__ import annotations

import argparse
import os
import sys

from orgdesigner.analysis import AnalysisOptions, Report, Severity, analyse
from orgdesigner.analysis.structure import DEFAULT_MAX_SPAN
from orgdesigner.cli.sources import add_source_arguments, load_source
from orgdesigner.export.report_json import report_json
from orgdesigner.export.report_markdown import report_markdown
from orgdesigner.export.report_text import report_text
from orgdesigner.model.text import parse_whole_number

NAME = "check"
HELP = (
    "report what an org covers and misses (coverage, dependencies, MLOps placement, maturity, "
    "hand-offs, structure, staffing); exit 1 when a finding reaches --fail-on"
)
FAIL_LEVELS = ("error", "warning", "never")


def _span(text: str) -> int:
    try:
        value = parse_whole_number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    add_source_arguments(parser)
    parser.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_LEVELS,
        default="error",
        help="exit 1 when a finding is this severe or worse (default error)",
    )
    parser.add_argument(
        "--max-span",
        type=_span,
        default=DEFAULT_MAX_SPAN,
        metavar="N",
        help=f"warn above N direct reports (default {DEFAULT_MAX_SPAN})",
    )


def fails(report: Report, level: str) -> bool:
    """True when some finding reaches ``level`` (``error``, ``warning`` or ``never``)."""
    if level == "never":
        return False
    return bool(report.at_least(Severity(level)))


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 when no finding reaches --fail-on, 1 when one does."""
    org = load_source(args.file, args.template)
    report = analyse(org, AnalysisOptions(max_span=args.max_span))
    if args.format == "json":
        sys.stdout.write(report_json(report) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(report_markdown(report, org))
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(report_text(report, org, colour=colour))
    return 1 if fails(report, args.fail_on) else 0
