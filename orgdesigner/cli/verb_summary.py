"""``orgdesigner summary``: name, target stage, counts, headcount and an outline of the tree."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from orgdesigner.cli.sources import add_source_arguments, load_source
from orgdesigner.export.outline import write_outline

NAME = "summary"
HELP = "print an org's name, target stage, counts, headcount and an indented outline"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    add_source_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print the summary; 0 on success."""
    print_summary(load_source(args.file, args.template))
    return 0


def print_summary(org: object, out: TextIO | None = None) -> None:
    """Write the summary of ``org`` to ``out`` (default stdout)."""
    from orgdesigner.model import Organization

    assert isinstance(org, Organization)
    write_outline(org, out or sys.stdout)
