"""The ``orgdesigner`` command: the designer window by default, and the headless verbs.

Each verb lives in a module of this package that defines ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; :data:`VERBS` lists them in help order.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from orgdesigner import __version__
from orgdesigner.cli.usage import MESSAGE_MAX, UsageError, error_line
from orgdesigner.io import OrgFileError
from orgdesigner.io.errors import one_line

__all__ = ["MESSAGE_MAX", "VERBS", "UsageError", "build_gui_parser", "build_parser", "error_line", "main"]

VERBS = (
    "summary",
    "check",
    "compare",
    "explore",
    "report",
    "export",
    "import",
    "templates",
    "new",
    "catalogue",
    "schema",
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2. Options are
    not abbreviated: ``--scenario`` would otherwise be taken for ``--scenarios``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message, MESSAGE_MAX)} (see {self.prog} --help)\n")


def _verb_module(name: str) -> ModuleType:
    """The module of verb ``name``, imported only when that verb runs (so that a verb's start-up
    loads no other verb's code)."""
    if name == "summary":
        from orgdesigner.cli import verb_summary

        return verb_summary
    elif name == "check":
        from orgdesigner.cli import verb_check

        return verb_check
    elif name == "compare":
        from orgdesigner.cli import verb_compare

        return verb_compare
    elif name == "explore":
        from orgdesigner.cli import verb_explore

        return verb_explore
    elif name == "report":
        from orgdesigner.cli import verb_report

        return verb_report
    elif name == "export":
        from orgdesigner.cli import verb_export

        return verb_export
    elif name == "import":
        from orgdesigner.cli import verb_import

        return verb_import
    elif name == "templates":
        from orgdesigner.cli import verb_templates

        return verb_templates
    elif name == "new":
        from orgdesigner.cli import verb_new

        return verb_new
    elif name == "catalogue":
        from orgdesigner.cli import verb_catalogue

        return verb_catalogue
    elif name == "schema":
        from orgdesigner.cli import verb_schema

        return verb_schema
    raise UsageError(f"no verb {name!r}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every verb (or just ``only``, so a verb imports no other verb's code)."""
    parser = _Parser(
        prog="orgdesigner",
        description="Design data & AI org charts and check what they cover. "
        "Without a verb, opens the designer window (on FILE, or --template NAME).",
    )
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    for name in VERBS if only is None else (only,):
        mod = _verb_module(name)
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser for ``orgdesigner [FILE] [--template NAME]``."""
    parser = _Parser(
        prog="orgdesigner",
        description="Open the designer window. Verbs: " + ", ".join(VERBS) + " (orgdesigner VERB --help).",
    )
    parser.add_argument("--version", action="version", version=f"orgdesigner {__version__}")
    parser.add_argument("file", nargs="?", metavar="FILE", help="an org file to open")
    parser.add_argument("--template", metavar="NAME", help="open a preset template (see: orgdesigner templates)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and (args_list[0] in VERBS or args_list[0] in ("-h", "--help")):
            verb = args_list[0] if args_list[0] in VERBS else None
            args = build_parser(verb).parse_args(args_list)
            if args.verb is None:
                build_parser().print_help()
                return 0
            return int(args._run(args))
        return _run_gui(build_gui_parser().parse_args(args_list))
    except (OrgFileError, UsageError) as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into e.g. `head`: stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_gui(args: argparse.Namespace) -> int:
    if args.file and args.template:
        raise UsageError("give a FILE or --template NAME, not both")
    from orgdesigner.cli.sources import load_chart
    from orgdesigner.io import parse_chart, read_bytes

    data = read_bytes(args.file) if args.file else None  # a bad file: one line, exit 2
    chart = parse_chart(data, args.file) if data is not None else load_chart(None, args.template, True)
    if not _has_display():
        from orgdesigner.cli.verb_summary import print_summary

        print(
            "orgdesigner: no display to open the designer on (DISPLAY is not set); here is the chart's "
            "summary instead. The headless verbs (check, export, summary) work anywhere.",
            file=sys.stderr,
        )
        print_summary(chart.baseline, chart=chart)
        return 0
    from orgdesigner.ui.app import run_app

    return run_app(args.file, args.template, chart, data)  # read once, handed on
