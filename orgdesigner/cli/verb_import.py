"""``orgdesigner import FILE -o ORG.json``: an HR export (CSV), d3-org-chart JSON or a
Backstage catalog as an org file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from orgdesigner.cli.usage import MESSAGE_MAX, UsageError, error_line
from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_mapping import FIELDS, MappingError, parse_map_option
from orgdesigner.io.errors import one_line
from orgdesigner.io.fileformat import encode_org
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.model.text import parse_whole_number

NAME = "import"
HELP = "import people from an HR export (CSV), d3-org-chart JSON or a Backstage catalog (YAML) as an org file"
# Problems printed one per line before the rest are counted.
REPORT_LINES = 200


def _stage(text: str) -> int:
    try:
        return parse_whole_number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument(
        "source",
        metavar="FILE",
        help="the file to import: .csv (.tsv, .txt), .json (d3-org-chart) or .yaml (Backstage)",
    )
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
        "--people", action="store_true", help="one team per person, instead of a team per manager and discipline"
    )
    parser.add_argument("--group-teams", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse a file that is not one exact tree (several people without a manager, managers not in "
        "the file, people who are their own manager) instead of putting them under one top",
    )
    parser.add_argument(
        "--top",
        metavar="NAME",
        help="the name of the top added above several people without a manager (default: the org's name)",
    )
    parser.add_argument(
        "--titles",
        metavar="FILE",
        help="a title -> discipline table (CSV with columns title, discipline) to use before guessing",
    )
    parser.add_argument(
        "--save-titles",
        metavar="FILE",
        help="write the title -> discipline table this import used, to edit and pass to --titles",
    )
    parser.add_argument(
        "--unit",
        metavar="DEPARTMENT=STRUCTURE",
        action="append",
        default=[],
        help="the structure of a department's unit (executive, platform, data_ai, product, cross_functional, "
        "other), where the guess is wrong; repeat for several",
    )
    parser.add_argument("--name", metavar="ORGNAME", help="the org's name (default: the file's name)")
    parser.add_argument(
        "--target-stage",
        metavar="N",
        type=_stage,
        choices=range(1, 6),
        help="the maturity stage (1-5) the org is designed for (default 4, or what an orgdesigner CSV says)",
    )
    parser.add_argument(
        "--keep-extra", action="store_true", help="keep the columns no field reads in each team's notes (as text)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite ORG.json if it exists")


def run(args: argparse.Namespace) -> int:
    """Import, write, report; 0 on success, 2 (with every problem on stderr) for a bad file."""
    from orgdesigner.io.atomic import write_atomic
    from orgdesigner.io.csv_import import ImportOptions
    from orgdesigner.io.import_sources import import_file
    from orgdesigner.io.title_table import read_titles
    from orgdesigner.io.unit_guess import UnitMapError, parse_unit_option

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in ("", ".json") and suffix not in TEXT_WRITERS:
        raise UsageError(
            f"{args.output}: cannot write {suffix} files; use .json or one of " + ", ".join(sorted(TEXT_WRITERS))
        )
    if output.exists() and not args.force:
        raise UsageError(f"{args.output}: already exists (use --force to overwrite it)")
    for option, value in (("--name", args.name), ("--top", args.top)):
        if value is not None and not value.strip():
            raise UsageError(f"{option} must not be empty")
    try:
        overrides = parse_map_option(args.map)
        structures = parse_unit_option(args.unit)
        titles = read_titles(args.titles) if args.titles else {}
        options = ImportOptions(
            people=args.people,
            strict=args.strict,
            name=args.name,
            top=args.top,
            target_stage=args.target_stage,
            keep_extra=args.keep_extra,
            titles=titles,
            structures=structures,
        )
        result = import_file(args.source, overrides, options)
    except (MappingError, UnitMapError) as exc:
        raise UsageError(str(exc)) from None
    except CsvImportError as exc:
        _print_problems(exc)
        return 2
    writer = TEXT_WRITERS.get(suffix)
    data = writer(result.org) if writer is not None else encode_org(result.org, args.output)
    write_atomic(output, data)
    if args.save_titles:
        from orgdesigner.cli.import_report import title_rows
        from orgdesigner.io.title_table import titles_bytes

        write_atomic(args.save_titles, titles_bytes(title_rows(result)))
    from orgdesigner.cli.import_report import print_report

    print_report(result, args.source, args.output, saved_titles=args.save_titles)
    return 0


def _print_problems(exc: CsvImportError) -> None:
    from orgdesigner.model.text import escape_controls

    problems = exc.problems
    if len(problems) == 1 and problems[0].row is None:
        print(error_line(str(exc)), file=sys.stderr)
        return
    lines = [
        f"orgdesigner: error: {exc.path}: cannot import: "
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; nothing was written"
    ]
    lines += [f"  {one_line(str(p), MESSAGE_MAX)}" for p in problems[:REPORT_LINES]]
    if len(problems) > REPORT_LINES:
        lines.append(f"  ... and {len(problems) - REPORT_LINES} more")
    lines[0] = one_line(lines[0], MESSAGE_MAX)
    print("\n".join(escape_controls(line) for line in lines), file=sys.stderr)
