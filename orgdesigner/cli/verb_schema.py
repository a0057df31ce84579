"""``orgdesigner schema``: the JSON Schema of the file format."""

from __future__ import annotations

import argparse
import json

from orgdesigner.io.schema import json_schema

NAME = "schema"
HELP = "print the JSON Schema of the orgdesigner file format"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options (none)."""


def run(args: argparse.Namespace) -> int:
    """Print the schema; 0."""
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0
