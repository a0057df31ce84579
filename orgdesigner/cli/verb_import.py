"""``orgdesigner import PEOPLE.csv -o ORG.json``: an HR system's CSV export as an org file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from orgdesigner.cli.usage import UsageError
from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import ImportResult, discipline_counts, import_csv
from orgdesigner.io.csv_mapping import FIELDS, MappingError, parse_map_option
from orgdesigner.io.fileformat import dumps_org
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.model import load_catalogue

NAME = "import"
HELP = "import people from a CSV (an HR system's export) as an org file"
# Problems printed one per line before the rest are counted.
REPORT_LINES = 200


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("csv", metavar="PEOPLE.csv", help="the CSV file to import")
    parser.add_argument(
        "-o",
        "--output",
        metavar="ORG.json",
        required=True,
        help="the org file to write (.json; or another format by its suffix: " + ", ".join(sorted(TEXT_WRITERS)) + ")",
    )
    parser.add_argument(
        "--map",
        metavar="FIELD=COLUMN,...",
        action="append",
        default=[],
        help="which column holds which field, where the headers are not recognised; "
        f"fields: {', '.join(FIELDS)}; a column by header or number (1 = first); "
        "FIELD= unmaps a field",
    )
    parser.add_argument(
        "--group-teams",
        action="store_true",
        help="a manager's reports without reports of their own that share a "
        "discipline become one team with their headcount",
    )
    parser.add_argument("--name", metavar="ORGNAME", help="the org's name (default: the CSV's file name)")
    parser.add_argument(
        "--target-stage",
        metavar="N",
        type=int,
        choices=range(1, 6),
        default=4,
        help="the maturity stage (1-5) the org is designed for (default 4)",
    )
    parser.add_argument(
        "--keep-extra", action="store_true", help="keep the columns no field reads in each team's notes (as text)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite ORG.json if it exists")


def run(args: argparse.Namespace) -> int:
    """Import, write, report; 0 on success, 2 (with every problem on stderr) for a bad CSV."""
    from orgdesigner.io.atomic import write_atomic

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in ("", ".json") and suffix not in TEXT_WRITERS:
        raise UsageError(
            f"{args.output}: cannot write {suffix} files; use .json or one of " + ", ".join(sorted(TEXT_WRITERS))
        )
    if output.exists() and not args.force:
        raise UsageError(f"{args.output}: already exists (use --force to overwrite it)")
    if args.name is not None and not args.name.strip():
        raise UsageError("--name must not be empty")
    try:
        overrides = parse_map_option(args.map)
        result = import_csv(
            args.csv,
            overrides,
            args.group_teams,
            name=args.name,
            target_stage=args.target_stage,
            keep_extra=args.keep_extra,
        )
    except MappingError as exc:
        raise UsageError(str(exc)) from None
    except CsvImportError as exc:
        _print_problems(exc)
        return 2
    writer = TEXT_WRITERS.get(suffix)
    data = writer(result.org) if writer is not None else dumps_org(result.org).encode("utf-8")
    write_atomic(output, data)
    _print_report(result, args.csv, args.output)
    return 0


def _print_problems(exc: CsvImportError) -> None:
    problems = exc.problems
    if len(problems) == 1 and problems[0].row is None:
        print(f"orgdesigner: error: {exc}", file=sys.stderr)
        return
    lines = [
        f"orgdesigner: error: {exc.path}: cannot import: "
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; nothing was written"
    ]
    lines += [f"  {p}" for p in problems[:REPORT_LINES]]
    if len(problems) > REPORT_LINES:
        lines.append(f"  ... and {len(problems) - REPORT_LINES} more")
    print("\n".join(lines), file=sys.stderr)


def _print_report(result: ImportResult, source: str, output: str) -> None:
    org = result.org
    headcount = sum(t.headcount for t in org.teams())
    if result.native:
        print(
            f"wrote {output}: {org.name} ({len(org)} nodes, {len(org.links)} links, headcount "
            f"{headcount}) from the orgdesigner CSV {source}"
        )
    else:
        print(
            f"wrote {output}: {org.name}: {len(result.guesses)} people as {len(org)} teams "
            f"(headcount {headcount}) from {source}"
        )
        print(f"columns: {result.mapping.describe()}")
        catalogue = load_catalogue()
        for discipline, count in discipline_counts(result).most_common():
            guessed = sum(1 for g in result.guesses if g.discipline is discipline and g.guess.matched)
            print(f"  {catalogue.discipline(discipline).name}: {count} ({guessed} by keyword)")
    for warning in result.warnings:
        print(f"orgdesigner: warning: {warning}", file=sys.stderr)
