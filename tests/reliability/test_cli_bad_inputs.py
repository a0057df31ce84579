"""Each CLI verb that takes a file, given a missing, unreadable, malformed or hostile one, exits 2
with one line on stderr that names the file (and no traceback); the designer window's entry
(``orgdesigner FILE``) exits 2 the same way before any window opens.

Every case is a real subprocess (``python -m orgdesigner``); they run a few at a time in a
module fixture, and each test checks one of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from orgdesigner.io import MAX_FILE_BYTES, load_template, write_org

pytestmark = pytest.mark.slow  # the reliability tier: ./dev test -m "not slow" leaves it to CI

TIMEOUT = 90


def _org_text(**changes: object) -> str:
    doc: dict[str, object] = {"format": "orgdesigner", "version": 1, "name": "Acme"}
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False)


def _nested(depth: int) -> str:
    return '{"format": "orgdesigner", "version": 1, "name": "x", "nodes": ' + "[" * depth + "]" * depth + "}"


def _write(path: Path, content: str | bytes) -> None:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _sparse(path: Path) -> None:
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1024 * 1024)  # 51 MiB, nothing on disk


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _nothing(path: Path) -> None:
    pass


def _content(text: str | bytes) -> Callable[[Path], None]:
    return lambda path: _write(path, text)


UNIT = {"kind": "unit", "structure": "executive"}
_ROOT = {"id": "r", "name": "Root", **UNIT}
_TEAM = {"id": "t", "kind": "team", "name": "T", "discipline": "mlops", "parent": "r"}
ESCAPES = "\x1b[2J\x1b]0;owned\x07\nall checks passed\r\x9b0m"
LINE_MAX = 1_200
HOSTILE_FILE_NAME = "esc\x1b[2J\nname.json"
BAD_ORG_FILES: dict[str, Callable[[Path], None]] = {
    "missing": _nothing,
    "a-folder": _folder,
    "a-fifo-without-writer": _fifo,
    "over-50MB": _sparse,
    "empty": _content(""),
    "not-utf8": _content(b'{"format": "orgdesigner", "version": 1, "name": "Caf\xe9"}'),
    "binary": _content(bytes(range(256)) * 8),
    "malformed-json": _content('{"format": "orgdesigner", "version": 1, "name": "x",'),
    "json-but-not-an-org": _content('{"name": "left-pad", "version": "1.3.0"}'),
    "a-csv": _content("name,title,manager\nAda,CTO,\n"),
    "nested-100000-deep": _content(_nested(100_000)),
    "nested-just-below-the-limit": _content(_nested(990)),
    "NaN": _content('{"format": "orgdesigner", "version": 1, "name": "x", "target_stage": NaN}'),
    "Infinity": _content('{"format": "orgdesigner", "version": Infinity, "name": "x"}'),
    "huge-integer": _content('{"format": "orgdesigner", "version": 1' + "0" * 5000 + ', "name": "x"}'),
    "huge-float": _content('{"format": "orgdesigner", "version": 1, "name": "x", "target_stage": 1e999}'),
    "id-with-markup": _content(_org_text(nodes=[{"id": "<script>alert(1)</script>", "name": "x", **UNIT}])),
    "name-with-controls": _content(_org_text(name="\x1b[2J\x1b]0;owned\x07 \u202eevil")),
    "controls-in-an-echoed-value": _content(_org_text(format=["\x1b[2J", "\u202e", "a\u2028b\nc"])),
    "duplicate-ids": _content(_org_text(nodes=[{"id": "a", "name": "A", **UNIT}, {"id": "a", "name": "B", **UNIT}])),
    "parent-cycle": _content(
        _org_text(
            nodes=[{"id": "a", "name": "A", "parent": "b", **UNIT}, {"id": "b", "name": "B", "parent": "a", **UNIT}]
        )
    ),
    "unknown-version": _content(_org_text(version=99)),
    # Values echoed from the file: cut short, escaped, on one line (issue 12).
    "parent-id-of-20MB": _content(_org_text(nodes=[_ROOT, {**_TEAM, "parent": "p" * 20_000_000}])),
    "escapes-in-a-top-level-key": _content(_org_text(**{ESCAPES: 1})),
    "escapes-in-a-field-name": _content(_org_text(nodes=[_ROOT, {**_TEAM, ESCAPES + "y" * 50_000: 1}])),
    "escapes-in-a-responsibility": _content(_org_text(nodes=[_ROOT, {**_TEAM, "responsibilities": [ESCAPES * 1000]}])),
    "escapes-in-a-link-end": _content(_org_text(nodes=[_ROOT, _TEAM], links=[{"source": "t", "target": ESCAPES}])),
    "id-with-a-final-newline": _content(_org_text(nodes=[_ROOT, {**_TEAM, "id": "a\n"}])),
    "c1-control-in-a-name": _content(_org_text(nodes=[_ROOT, {**_TEAM, "name": "next\x85line \x9b2J"}])),
    "bidi-override-in-a-lead": _content(_org_text(nodes=[_ROOT, {**_TEAM, "lead": "\u202eAna"}])),
    "a-name-of-zero-width-characters": _content(_org_text(nodes=[_ROOT, {**_TEAM, "name": "\u200b\u200d"}])),
}

BAD_CSV_FILES: dict[str, Callable[[Path], None]] = {
    "missing": _nothing,
    "a-folder": _folder,
    "a-fifo-without-writer": _fifo,
    "over-50MB": _sparse,
    "empty": _content(""),
    "binary": _content(bytes(range(256)) * 8),
}
# Row-level problems: import lists every one under a first line that names the file.
BAD_CSV_ROWS: dict[str, Callable[[Path], None]] = {
    "no-name-column": _content("a,b\n1,2\n"),
    "reporting-cycle": _content("name,title,manager\nAda,Data Scientist,Bob\nBob,CTO,Ada\n"),
    "header-only": _content("name,title,manager\n"),
}


@dataclass(frozen=True)
class Case:
    """One command line and what it is about."""

    id: str
    args: tuple[str, ...]
    names: str  # the path the one line must name
    gui: bool = False
    multi_line: bool = False  # import's list of row problems
    says: str = ""  # a phrase the line must hold (for the cases whose message was fixed)


@dataclass(frozen=True)
class Outcome:
    """What the subprocess did."""

    returncode: int | None
    stdout: str
    stderr: str


def _make_files(root: Path) -> None:
    """Create every bad input under ``root``."""
    (root / "out").mkdir()
    for suffix, table in ((".json", BAD_ORG_FILES), (".csv", BAD_CSV_FILES | BAD_CSV_ROWS)):
        for name, make in table.items():
            make(root / f"{name}{suffix}")
    write_org(load_template("typical"), root / "existing.json")
    _write(root / HOSTILE_FILE_NAME, "{")
    (root / "a-folder.svg").mkdir()


# What the line says for some cases, whatever the verb.
SAYS = {
    "parent-id-of-20MB": "parent 'pppp",
    "escapes-in-a-top-level-key": "unknown top-level field '\\x1b[2J\\x1b]0;owned\\x07\\nall checks passed",
    "id-with-a-final-newline": "id 'a\\n' must be 1-64 characters",
    "c1-control-in-a-name": "control character U+0085",
    "bidi-override-in-a-lead": "bidirectional control U+202E",
    "a-name-of-zero-width-characters": "name shows nothing",
    "a-fifo-without-writer": "the file is empty",
    "over-50MB": "the file is 51.0 MB; orgdesigner opens files of at most 50 MB",
    "huge-integer": "not valid JSON: a number has more than 4300 digits",
    "controls-in-an-echoed-value": r'["\u001b[2J", "\u202e", "a\u2028b\nc"]',
    "under-a-file": "is a file, not a folder",
}


def _cases(root: Path) -> list[Case]:
    """Every case, with its paths under ``root`` (made by :func:`_make_files`)."""
    cases: list[Case] = []
    out = root / "out"
    for name in BAD_ORG_FILES:
        p = str(root / f"{name}.json")
        says = SAYS.get(name, "")
        cases += [
            Case(f"summary-{name}", ("summary", p), p, says=says),
            Case(f"check-{name}", ("check", p), p, says=says),
            Case(f"export-{name}", ("export", p, "-o", str(out / f"{name}.svg")), p, says=says),
            Case(f"gui-{name}", (p,), p, gui=True, says=says),
        ]
    for table, multi_line in ((BAD_CSV_FILES, False), (BAD_CSV_ROWS, True)):
        for name in table:
            p = str(root / f"{name}.csv")
            args = ("import", p, "-o", str(out / f"{name}.json"))
            cases.append(Case(f"import-{name}", args, p, multi_line=multi_line))
    existing = root / "existing.json"
    bad_outputs = {
        "a-folder": root / "a-folder",
        "in-a-missing-folder": root / "nowhere" / "x",
        "under-a-file": existing / "x",
    }
    for name, stem in bad_outputs.items():
        json_out, svg_out = f"{stem}.json", f"{stem}.svg"
        cases.append(Case(f"new-output-{name}", ("new", "-o", json_out, "--force"), json_out, says=SAYS.get(name, "")))
        cases.append(Case(f"export-output-{name}", ("export", str(existing), "-o", svg_out), svg_out))
    cases.append(Case("new-output-exists-without-force", ("new", "-o", str(existing)), str(existing)))
    # Paths and arguments holding terminal escapes and line breaks are echoed escaped.
    hostile = str(root / HOSTILE_FILE_NAME)
    shown_path = hostile.replace("\x1b", "\\x1b").replace("\n", "\\n")
    for verb in ("summary", "check"):
        cases.append(Case(f"{verb}-a-file-name-with-escapes", (verb, hostile), shown_path, says="not valid JSON"))
    cases.append(Case("new-output-name-with-escapes-exists", ("new", "-o", hostile), shown_path, says="already exists"))
    cases.append(Case("template-name-with-escapes", ("summary", "--template", ESCAPES), "\\x1b[2J\\x1b]0;owned"))
    cases.append(Case("argument-with-escapes", ("summary", str(existing), ESCAPES), "unrecognized arguments: \\x1b"))
    cases.append(Case("new-unknown-template", ("new", "--template", "no-such", "-o", str(out / "n.json")), "no-such"))
    return cases


def _run(case: Case) -> Outcome:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "orgdesigner", *case.args],
            capture_output=True,
            text=True,
            errors="backslashreplace",
            env=env,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        return Outcome(None, str(exc.stdout or ""), str(exc.stderr or ""))
    return Outcome(done.returncode, done.stdout, done.stderr)


CASE_IDS = [c.id for c in _cases(Path("ids"))]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Case, Outcome]]:
    root = tmp_path_factory.mktemp("bad-inputs")
    _make_files(root)
    cases = _cases(root)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(_run, cases))
    return {c.id: (c, r) for c, r in zip(cases, results, strict=True)}


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_bad_input_exits_2_with_one_line_naming_the_file(
    outcomes: dict[str, tuple[Case, Outcome]], case_id: str
) -> None:
    case, outcome = outcomes[case_id]
    if outcome.returncode is None:
        where = "opened a window (or hung)" if case.gui else "hung"
        pytest.fail(f"orgdesigner {' '.join(case.args)} {where} instead of exiting within {TIMEOUT} s")
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.returncode == 2, (outcome.returncode, outcome.stderr)
    lines = outcome.stderr.splitlines()
    assert lines, "nothing on stderr"
    if case.multi_line:
        assert lines[0].endswith("nothing was written"), lines[0]
        assert all(line.startswith("  ") for line in lines[1:]), lines
    else:
        assert len(lines) == 1, outcome.stderr
    first = lines[0]
    assert all(len(line) <= LINE_MAX for line in lines), f"a line of {max(map(len, lines))} characters"
    assert first.startswith("orgdesigner: error: "), first
    assert case.names in first, first
    assert case.says in first, first
    # Values echoed from a hostile file are escaped: no terminal escapes, no bidi overrides.
    assert all(ch.isprintable() for ch in outcome.stderr.replace("\n", "")), ascii(outcome.stderr)
    assert outcome.stdout == "", outcome.stdout


def test_every_verb_that_reads_a_file_is_covered() -> None:
    from orgdesigner.cli import VERBS

    cases = _cases(Path("ids"))
    verbs = {c.args[0] for c in cases if not c.gui}
    assert {"summary", "check", "export", "import", "new"} <= verbs
    assert {"summary", "check", "export", "import", "new"} <= set(VERBS)
    assert any(c.gui for c in cases)
    assert len(set(CASE_IDS)) == len(CASE_IDS)
