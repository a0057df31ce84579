"""``orgdesigner explore``: where should MLOps sit? One alternative per placement, built from
the org as it is, analysed as ``check`` analyses a file, shown beside the current org and
ranked under ``--priority``; ``-o DIR`` writes each alternative as a file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from orgdesigner.analysis import AnalysisOptions
from orgdesigner.analysis.explore import DEFAULT_PRIORITY, PRIORITIES, explore
from orgdesigner.analysis.structure import DEFAULT_MAX_SPAN
from orgdesigner.cli.sources import add_source_arguments, load_source
from orgdesigner.cli.verb_check import span_limit
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.text import escape_controls

NAME = "explore"
HELP = (
    "where should MLOps sit? build one alternative per placement (platform, data_ai, product, cross_functional) "
    "from the org as it is, judge each as check does and rank them under --priority"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    add_source_arguments(parser)
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--priority",
        choices=tuple(PRIORITIES),
        default=DEFAULT_PRIORITY,
        help="what matters most, which ranks the options: "
        + "; ".join(f"{p.name}: {p.ranks_by}" for p in PRIORITIES.values())
        + f" (default {DEFAULT_PRIORITY})",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write each alternative as an org file in DIR (platform.json, data_ai.json, product.json, "
        "cross_functional.json); DIR is created if its parent exists",
    )
    parser.add_argument(
        "--max-span",
        type=span_limit,
        default=DEFAULT_MAX_SPAN,
        metavar="N",
        help=f"warn above N direct reports, as check does (default {DEFAULT_MAX_SPAN})",
    )


def _folder(path: str) -> Path:
    from orgdesigner.cli.usage import UsageError

    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{path}: is a file, not a folder")
    if not folder.exists():
        parent = folder.parent if str(folder.parent) else Path(".")
        if not parent.is_dir():
            raise UsageError(f"{path}: cannot create the folder: {str(parent)!r} does not exist")
        try:
            folder.mkdir()
        except OSError as exc:
            raise UsageError(f"{path}: cannot create the folder: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: cannot write: permission denied")
    return folder


def run(args: argparse.Namespace) -> int:
    """Print the alternatives (and write them with -o); 0 on success."""
    from orgdesigner.io import write_org

    folder = _folder(args.output) if args.output else None
    with gc_paused():
        org = load_source(args.file, args.template, scenario=args.scenario)
        exploration = explore(org, args.priority, AnalysisOptions(max_span=args.max_span))
    files: dict[str, str] = {}
    if folder is not None:
        for option in exploration.options:
            path = folder / f"{option.placement.value}.json"
            write_org(option.alternative.org, path)
            files[option.placement.value] = str(path)
    if args.format == "json":
        from orgdesigner.export.explore_json import exploration_json

        sys.stdout.write(exploration_json(exploration, files) + "\n")
    elif args.format == "markdown":
        from orgdesigner.export.explore_markdown import exploration_markdown

        sys.stdout.write(exploration_markdown(exploration, org))
    else:
        from orgdesigner.export.explore_text import exploration_text

        sys.stdout.write(exploration_text(exploration, org))
        if files:
            sys.stdout.write(escape_controls("\nWritten: " + ", ".join(files.values())) + "\n")
    return 0
