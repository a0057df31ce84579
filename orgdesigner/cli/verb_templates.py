"""``orgdesigner templates``: the preset company templates, one line each."""

from __future__ import annotations

import argparse

from orgdesigner.io import list_templates

NAME = "templates"
HELP = "list the preset company templates with a one-line description"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options (none)."""


def run(args: argparse.Namespace) -> int:
    """Print the list; 0."""
    infos = list_templates()
    width = max(len(t.name) for t in infos)
    for t in infos:
        print(f"{t.name:<{width}}  {t.description}")
    return 0
