"""``orgdesigner new --template NAME -o FILE``: write a template out as a new org file."""

from __future__ import annotations

import argparse
from pathlib import Path

from orgdesigner.cli.usage import UsageError
from orgdesigner.io import DEFAULT_TEMPLATE, load_template, write_org
from orgdesigner.model.text import escape_controls

NAME = "new"
HELP = "write a new org file from a template"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument(
        "--template",
        metavar="NAME",
        default=DEFAULT_TEMPLATE,
        help=f"the template to start from (default {DEFAULT_TEMPLATE})",
    )
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write (.json)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """Write the file; 0 on success."""

    org = load_template(args.template)
    if Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output}: already exists (use --force to overwrite it)")
    write_org(org, args.output)
    print(escape_controls(f"wrote {args.output}: {org.name} ({len(org)} nodes) from template {args.template!r}"))
    return 0
