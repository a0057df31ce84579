"""Where a verb's org comes from: a FILE argument or ``--template NAME``, and with
``--scenario NAME`` one of the file's scenarios instead of its baseline."""

from __future__ import annotations

import argparse

from orgdesigner.cli.usage import UsageError
from orgdesigner.io import DEFAULT_TEMPLATE, OrgFileError, load_template, read_chart
from orgdesigner.model import BASELINE, Organization, ScenarioSet
from orgdesigner.model.text import shown

NAMES_LISTED = 8
"""How many scenario names a "no such scenario" message lists before it says how many more."""


def add_source_arguments(
    parser: argparse.ArgumentParser, default_template: bool = False, scenario: bool = True
) -> None:
    """Add ``FILE``, ``--template NAME`` and (unless ``scenario`` is False) ``--scenario NAME``."""
    parser.add_argument("file", nargs="?", metavar="FILE", help="an org file (.json)")
    parser.add_argument(
        "--template",
        metavar="NAME",
        help="use a preset template instead of a file (see: orgdesigner templates)"
        + (f"; default {DEFAULT_TEMPLATE}" if default_template else ""),
    )
    if scenario:
        parser.add_argument(
            "--scenario",
            metavar="NAME",
            help=f"work on this scenario of the file instead of its baseline ({BASELINE!r} names the baseline; "
            "see: orgdesigner summary FILE)",
        )


def source_label(file: str | None, template: str | None) -> str:
    """How messages name the source: the file's path, or ``template 'NAME'``."""
    return file if file else f"template {template!r}" if template else f"template {DEFAULT_TEMPLATE!r}"


def load_chart(file: str | None, template: str | None, default_template: bool = False) -> ScenarioSet:
    """The whole chart named by a FILE or a template name; ``UsageError`` if neither or both."""

    if file and template:
        raise UsageError("give a FILE or --template NAME, not both")
    if file:
        return read_chart(file)
    if template:
        return ScenarioSet(load_template(template))
    if default_template:
        return ScenarioSet(load_template(DEFAULT_TEMPLATE))
    raise UsageError("give an org FILE or --template NAME")


def pick(chart: ScenarioSet, name: str | None, source: str) -> Organization:
    """The baseline (``name`` None) or the scenario ``name``; an :class:`OrgFileError` that
    lists the names there are when there is no such scenario."""
    if name is None:
        return chart.baseline
    org = chart.get(name)
    if org is None:
        raise OrgFileError(source, f"no scenario {shown(name)}; {scenario_list(chart)}")
    return org


def scenario_list(chart: ScenarioSet) -> str:
    """``there are: baseline, 'A', 'B' and 3 more``: the names, cut short when there are many."""
    names = [BASELINE] + [shown(n) for n in chart.names()[:NAMES_LISTED]]
    more = len(chart) - NAMES_LISTED
    listed = ", ".join(names) + (f" and {more:,} more" if more > 0 else "")
    return f"there are: {listed}" if len(chart) else "there are no scenarios, only the baseline"


def load_source(
    file: str | None, template: str | None, default_template: bool = False, scenario: str | None = None
) -> Organization:
    """The org named by a FILE or a template name (and a scenario of it); ``UsageError`` if
    neither or both."""
    return pick(load_chart(file, template, default_template), scenario, source_label(file, template))
