"""``orgdesigner summary``: name, target stage, counts, headcount, the file's scenarios and an
outline of the tree."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from orgdesigner.analysis.findings import plural
from orgdesigner.cli.sources import add_source_arguments, load_chart, pick, source_label
from orgdesigner.export.outline import headcount_total, write_outline
from orgdesigner.model import BASELINE, Organization, ScenarioSet
from orgdesigner.model.text import escape_controls

NAME = "summary"
HELP = "print an org's name, target stage, counts, headcount, its scenarios and an indented outline"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    add_source_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print the summary; 0 on success."""
    chart = load_chart(args.file, args.template)
    org = pick(chart, args.scenario, source_label(args.file, args.template))
    print_summary(org, chart=chart)
    return 0


def scenario_lines(chart: ScenarioSet, shown: Organization) -> list[str]:
    """The chart's baseline and scenarios, one line each, the one ``shown`` marked with ``*``."""
    if not len(chart):
        return []
    lines = [f"scenarios: {len(chart)} (--scenario NAME shows one; * marks the one below)"]
    for label, org in [(BASELINE, chart.baseline), *((o.name, o) for o in chart)]:
        units = sum(1 for n in org.iter_nodes() if n.kind == "unit")
        counts = (
            f"target stage {org.target_stage}, {plural(units, 'unit')}, {plural(len(org) - units, 'team')}, "
            f"{plural(len(org.links), 'link')}, {plural(headcount_total(org), 'person', 'people')}"
        )
        lines.append(f"  {'*' if org is shown else ' '} {escape_controls(label)}: {counts}")
    return lines


def print_summary(org: object, out: TextIO | None = None, chart: ScenarioSet | None = None) -> None:
    """Write the summary of ``org`` to ``out`` (default stdout), listing ``chart``'s scenarios."""
    assert isinstance(org, Organization)
    write_outline(org, out or sys.stdout, scenario_lines(chart, org) if chart is not None else [])
