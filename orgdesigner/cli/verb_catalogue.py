"""``orgdesigner catalogue``: disciplines, responsibilities, stages, flow, paths and placements."""

from __future__ import annotations

import argparse
import json

from orgdesigner.export.catalogue_text import catalogue_json, catalogue_text
from orgdesigner.model import load_catalogue

NAME = "catalogue"
HELP = "print the catalogue of disciplines, responsibilities, stages, ML project flow, career paths and placements"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")


def run(args: argparse.Namespace) -> int:
    """Print the catalogue; 0."""
    cat = load_catalogue()
    if args.format == "json":
        print(json.dumps(catalogue_json(cat), indent=2, ensure_ascii=False))
    else:
        print(catalogue_text(cat), end="")
    return 0
