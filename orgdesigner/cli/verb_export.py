"""``orgdesigner export FILE | --template NAME -o OUT``: the chart as SVG, PNG, PDF or another format."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from orgdesigner.cli.sources import add_source_arguments, load_source
from orgdesigner.cli.usage import UsageError
from orgdesigner.export import ExportError
from orgdesigner.model import Organization
from orgdesigner.model.text import escape_controls, parse_decimal_number, parse_whole_number, shown

NAME = "export"
HELP = "draw an org chart as SVG, PNG or PDF (or write .drawio, .graphml, .mmd, .dot, .csv), by suffix"


def _positive(text: str) -> float:
    try:
        value = parse_decimal_number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{shown(text)} must be a number above 0")
    return value


def _depth(text: str) -> int:
    try:
        value = parse_whole_number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{shown(text)} must be 0 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    add_source_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the file to write; its suffix picks the format (.svg, .png, .pdf, ...)",
    )
    parser.add_argument(
        "--orientation",
        choices=("top-down", "left-right"),
        default="top-down",
        help="where the root sits: at the top (default) or on the left",
    )
    parser.add_argument(
        "--collapse-depth",
        metavar="N",
        type=_depth,
        help="draw each node at depth N (the root is 0) as one card for its whole subtree",
    )
    parser.add_argument(
        "--root",
        metavar="ID",
        help="export only this node and what is below it (one division); dotted lines leaving it are left out",
    )
    parser.add_argument("--no-legend", action="store_true", help="leave out the title and discipline legend")
    parser.add_argument("--badges", action="store_true", help="show on each card how many analysis findings concern it")
    parser.add_argument(
        "--scale",
        metavar="S",
        type=_positive,
        help="PNG: pixels per chart unit (default 1; 2 for a sharp print)",
    )
    parser.add_argument("--dpi", metavar="D", type=_positive, help="PNG: resolution; sets the scale to D/96")
    parser.add_argument("--transparent", action="store_true", help="PNG and SVG: no background (default white)")
    parser.add_argument(
        "--page",
        choices=("A4", "Letter", "A3"),
        help="PDF: fit the chart to one page of this size, or tile it across several "
        "when it would be too small to read (default: one page the chart's own size)",
    )


def check_output(path: str) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    from orgdesigner.cli.usage import UsageError
    from orgdesigner.io.atomic import resolve_output

    target = resolve_output(path)  # a folder, FIFO or device, a missing folder: refused before any work
    folder = target.parent if str(target.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: cannot write: permission denied in the folder {str(folder)!r}")


def _division(org: Organization, root: str, source: str) -> Organization:
    from orgdesigner.cli.usage import UsageError
    from orgdesigner.model.organization import subtree_org
    from orgdesigner.model.text import shown

    if root not in org:
        raise UsageError(f"--root: {source}: no node has the id {shown(root)}")
    return subtree_org(org, root)


def run(args: argparse.Namespace) -> int:
    """Write the export; 0 on success."""
    from orgdesigner.export.formats import RasterOptions, export_bytes, finding_badges, suffix_of
    from orgdesigner.io.atomic import write_atomic
    from orgdesigner.layout import LayoutOptions

    try:
        suffix = suffix_of(args.output)
    except ExportError as exc:
        raise UsageError(f"{args.output}: {exc}") from None
    if suffix != ".png" and (args.scale is not None or args.dpi is not None):
        raise UsageError("--scale and --dpi apply to PNG output only")
    if args.scale is not None and args.dpi is not None:
        raise UsageError("give --scale or --dpi, not both")
    if suffix != ".pdf" and args.page is not None:
        raise UsageError("--page applies to PDF output only")
    if args.transparent and suffix not in (".png", ".svg"):
        raise UsageError("--transparent applies to PNG and SVG output only")
    check_output(args.output)
    org = load_source(args.file, args.template, scenario=args.scenario)
    try:
        badges = finding_badges(org) if args.badges else {}
        if args.root is not None:
            org = _division(org, args.root, args.file or args.template)
        options = LayoutOptions(
            orientation=args.orientation,
            collapse_depth=args.collapse_depth,
            show_legend=not args.no_legend,
            badges=badges,
        )
        raster = RasterOptions(scale=args.scale or 1.0, dpi=args.dpi, transparent=args.transparent, page=args.page)
        data = export_bytes(org, suffix, options, raster)
    except ExportError as exc:
        raise UsageError(f"{args.output}: {exc}") from None
    write_atomic(args.output, data)
    if suffix == ".mmd":
        import sys

        from orgdesigner.io.mermaid import mermaid_warnings

        for warning in mermaid_warnings(data.decode("utf-8"), max(len(org) - 1, 0) + len(org.links)):
            print(escape_controls(f"orgdesigner: warning: {args.output}: {warning}"), file=sys.stderr)
    return 0
