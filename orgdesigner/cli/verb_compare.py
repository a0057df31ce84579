"""``orgdesigner compare``: what changed between two orgs and what it does; the exit status
says whether the change brings a finding that reaches ``--fail-on`` (the org-as-code gate)."""

from __future__ import annotations

import argparse
import sys

from orgdesigner.analysis import AnalysisOptions, Severity
from orgdesigner.analysis.compare import compare_orgs
from orgdesigner.analysis.structure import DEFAULT_MAX_SPAN
from orgdesigner.cli.sources import load_chart, pick, source_label
from orgdesigner.cli.verb_check import span_limit
from orgdesigner.model import Organization, ScenarioSet
from orgdesigner.model.gc_pause import gc_paused

NAME = "compare"
HELP = (
    "compare two orgs (BASE OTHER, or FILE --scenarios A B): what moved, was added or removed, the findings "
    "the change opens and resolves, and the key figures side by side; exit 1 when a new finding reaches --fail-on"
)
FAIL_LEVELS = {"new-error": Severity.ERROR, "new-warning": Severity.WARNING, "never": None}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("files", nargs="*", metavar="FILE", help="BASE and OTHER, or one FILE with --scenarios")
    parser.add_argument(
        "--template",
        metavar="NAME",
        action="append",
        help="a preset template as BASE (then give OTHER as a FILE); twice: two templates, BASE then OTHER",
    )
    parser.add_argument(
        "--scenarios",
        nargs=2,
        metavar=("A", "B"),
        help="compare scenario A with scenario B of one FILE ('baseline' names the baseline)",
    )
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=tuple(FAIL_LEVELS),
        default="new-error",
        help="exit 1 when OTHER has a new finding this severe or worse (default new-error)",
    )
    parser.add_argument(
        "--max-span",
        type=span_limit,
        default=DEFAULT_MAX_SPAN,
        metavar="N",
        help=f"warn above N direct reports (default {DEFAULT_MAX_SPAN})",
    )


Sides = tuple[Organization, Organization, tuple[str, str]]


def _orgs(args: argparse.Namespace) -> Sides:
    """The two orgs and how the output names them (the files, or the scenarios)."""
    from orgdesigner.cli.usage import UsageError

    files: list[str] = args.files
    templates: list[str] = args.template or []
    if args.scenarios:
        if len(files) + len(templates) != 1:
            raise UsageError("with --scenarios A B, give one FILE (or --template NAME)")
        file = files[0] if files else None
        template = templates[0] if templates else None
        chart = load_chart(file, template)
        where = source_label(file, template)
        a, b = args.scenarios
        return pick(chart, a, where), pick(chart, b, where), (_side(chart, a), _side(chart, b))
    if len(templates) == 2:
        if files:
            raise UsageError("with two --template NAMEs, give no FILE")
        labels = (source_label(None, templates[0]), source_label(None, templates[1]))
        return load_chart(None, templates[0]).baseline, load_chart(None, templates[1]).baseline, labels
    if len(templates) > 2:
        raise UsageError("give at most two --template NAMEs: BASE and OTHER")
    if templates:
        if len(files) != 1:
            raise UsageError("with --template NAME as BASE, give one FILE: OTHER")
        label = source_label(None, templates[0])
        return load_chart(None, templates[0]).baseline, load_chart(files[0], None).baseline, (label, files[0])
    if len(files) != 2:
        raise UsageError("give BASE and OTHER (two files), or FILE --scenarios A B")
    return load_chart(files[0], None).baseline, load_chart(files[1], None).baseline, (files[0], files[1])


def _side(chart: ScenarioSet, name: str) -> str:
    org = chart.get(name)
    return f"baseline ({chart.baseline.name})" if org is chart.baseline else org.name if org else name


def run(args: argparse.Namespace) -> int:
    """Print the comparison; 1 when a new finding reaches --fail-on, else 0."""
    with gc_paused():  # two big orgs in memory make each collector pass cost more than the work
        base, other, labels = _orgs(args)
        comparison = compare_orgs(base, other, AnalysisOptions(max_span=args.max_span))
    if args.format == "json":
        from orgdesigner.export.compare_json import comparison_json

        sys.stdout.write(comparison_json(comparison) + "\n")
    elif args.format == "markdown":
        from orgdesigner.export.compare_markdown import comparison_markdown

        sys.stdout.write(comparison_markdown(comparison, base, other, labels))
    else:
        from orgdesigner.export.compare_text import comparison_text

        sys.stdout.write(comparison_text(comparison, base, other, labels))
    level = FAIL_LEVELS[args.fail_on]
    return 1 if level is not None and comparison.new_at_least(level) else 0
