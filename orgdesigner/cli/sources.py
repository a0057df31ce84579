"""Where a verb's org comes from: a FILE argument or ``--template NAME``."""

from __future__ import annotations

import argparse

from orgdesigner.cli.usage import UsageError
from orgdesigner.io import DEFAULT_TEMPLATE, load_template, read_org
from orgdesigner.model import Organization


def add_source_arguments(parser: argparse.ArgumentParser, default_template: bool = False) -> None:
    """Add ``FILE`` and ``--template NAME`` to a verb's parser."""
    parser.add_argument("file", nargs="?", metavar="FILE", help="an org file (.json)")
    parser.add_argument(
        "--template",
        metavar="NAME",
        help="use a preset template instead of a file (see: orgdesigner templates)"
        + (f"; default {DEFAULT_TEMPLATE}" if default_template else ""),
    )


def load_source(file: str | None, template: str | None, default_template: bool = False) -> Organization:
    """The org named by a FILE or a template name; ``UsageError`` if neither or both."""

    if file and template:
        raise UsageError("give a FILE or --template NAME, not both")
    if file:
        return read_org(file)
    if template:
        return load_template(template)
    if default_template:
        return load_template(DEFAULT_TEMPLATE)
    raise UsageError("give an org FILE or --template NAME")
