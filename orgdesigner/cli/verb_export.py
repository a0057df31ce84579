"""``orgdesigner export FILE | --template NAME -o OUT``: the chart as SVG, PNG, PDF or another format."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from orgdesigner.cli.sources import add_source_arguments, load_source
from orgdesigner.cli.usage import UsageError
from orgdesigner.export import ExportError

NAME = "export"
HELP = "draw an org chart as SVG, PNG or PDF (or write .drawio, .graphml, .mmd, .dot, .csv), by suffix"


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{text!r} must be a number above 0")
    return value


def _depth(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
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


def _check_output(path: str) -> None:

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"{path}: is a folder, not a file")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{path}: cannot write: {str(folder)!r} is a file, not a folder")
    if not folder.is_dir():
        raise UsageError(f"{path}: cannot write: the folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: cannot write: permission denied in the folder {str(folder)!r}")


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
    _check_output(args.output)
    org = load_source(args.file, args.template)
    try:
        badges = finding_badges(org) if args.badges else {}
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
    return 0
