"""org -> orgdesigner CSV -> org is identical, for hostile names and every template."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.io import load_template, template_names
from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import build_org, import_csv
from orgdesigner.io.csv_read import parse_table
from orgdesigner.io.csv_write import NATIVE_COLUMNS, csv_bytes, escape_cell, unescape_cell
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit
from orgdesigner.model.text import check_name

HOSTILE = [
    "=SUM(A1:A9)",
    '=HYPERLINK("http://evil","x")',
    "+1 555 0100",
    "-2+3",
    "@import",
    "'quoted'",
    "''two",
    "'",
    "'=still text",
    " leading space",
    "trailing space ",
    "a,b;c|d",
    'say "hi"',
    "<b>bold</b> & co",
    "Sales;=2+3*7;x",
    "a ;@cmd",
    "x; '=y",
    "ünï 名前 😀",
    "\u00a0nbsp",
    "x" * 200,
]


def _back(org: Organization) -> Organization:
    """The org read back from its CSV with no options: the name and the stage come from the file."""
    table = parse_table(csv_bytes(org), "org.csv")
    return build_org(table).org


def _hostile_org() -> Organization:
    nodes = [FlatNode(Unit(id="root", name="Root", structure=Structure.EXECUTIVE, lead="", notes=""), None)]
    for i, name in enumerate(HOSTILE):
        parent = nodes[-1].node.id if i % 3 == 2 else "root"
        node_id = f"-{i}" if i % 2 else f"n{i}"
        if i % 4 == 0:
            nodes.append(FlatNode(Unit(id=node_id, name=name, structure=Structure.PLATFORM, notes=name), parent))
        else:
            nodes.append(
                FlatNode(
                    Team(
                        id=node_id,
                        name=name,
                        discipline=list(Discipline)[i % 9],
                        headcount=i,
                        lead=name,
                        notes=f'{name}\n=second line\r\n\tthird\n  @cmd\n\'quoted line\n=HYPERLINK("http://x")',
                        responsibilities=() if i == 5 else None,
                    ),
                    parent,
                )
            )
    links = [Link(source="-3", target="root"), Link(source="-1", target="n2"), Link(source="-3", target="n2")]
    return Organization.from_flat("Hostile", 2, nodes, links)


def test_hostile_names_round_trip() -> None:
    org = _hostile_org()
    assert _back(org) == org


def test_every_template_round_trips() -> None:
    for name in template_names():
        org = load_template(name)
        assert _back(org) == org, name


def test_explicit_responsibilities_round_trip() -> None:
    org = load_template("typical")
    team = next(t for t in org.teams() if org.owned_responsibilities(t))
    org.set_fields(team.id, responsibilities=list(org.owned_responsibilities(team))[:2])
    back = _back(org)
    assert back == org
    assert back.node(team.id) == org.node(team.id)


TRIGGERS = ("=", "+", "-", "@")


def _starts(cell: str) -> list[str]:
    """Every place a spreadsheet may start a cell in ``cell``: its start, after a ';' or a tab,
    and each line's start; spaces before the text are skipped, as a spreadsheet may trim them."""
    import re

    return [piece.lstrip(" ") for piece in re.split(r"[;\t\r\n]", cell)]


def test_cells_that_start_like_formulas_are_neutralised() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(_hostile_org()).decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == NATIVE_COLUMNS
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith((*TRIGGERS, "\t", "\r", "\n")), cell
            for piece in _starts(cell):
                assert not piece.startswith(TRIGGERS), (cell, piece)
    # Split on semicolons, as many locales' spreadsheets do, no piece is a formula either.
    text = csv_bytes(_hostile_org()).decode("utf-8-sig")
    for line in text.splitlines():
        for piece in line.split(";"):
            assert not piece.strip(' "').startswith(TRIGGERS), piece
    text = csv_bytes(_hostile_org()).decode("utf-8-sig")
    assert '"\'=SUM(A1:A9)"' in text and "\"''quoted'\"" in text


def test_escape_is_undone_exactly() -> None:
    for value in [*HOSTILE, "", "plain", "-", "'", "\t"]:
        assert unescape_cell(escape_cell(value)) == value
    assert escape_cell(None) == "" and unescape_cell("") is None and unescape_cell("  ") is None


def test_the_csv_writer_is_registered() -> None:
    assert TEXT_WRITERS[".csv"](load_template("typical")) == csv_bytes(load_template("typical"))


def test_links_out_of_tree_order_keep_their_order() -> None:
    org = _hostile_org()
    text = csv_bytes(org).decode("utf-8-sig")
    assert "#1" in text  # numbered, since links are not grouped by source in tree order
    plain = load_template("mlops-cross-functional")
    assert "#" not in "".join(r[-1] for r in csv.reader(io.StringIO(csv_bytes(plain).decode("utf-8-sig"))))
    assert _back(plain) == plain


def test_a_hand_edited_orgdesigner_csv_reports_each_bad_row(tmp_path: Path) -> None:
    text = (
        "id,name,parent,kind,structure,discipline,headcount,lead,notes,responsibilities,serves\n"
        "cto,CTO,,unit,executive,,,,,,\n"
        "de,Data Eng,cto,team,,data_wizardry,3,,,,\n"
        "ds,Data Sci,cto,team,,data_science,-1,,,,\n"
        "x,X,nowhere,team,,mlops,1,,,,ghost\n"
        "cto,Again,,unit,other,,,,,,\n"
        "ml,ML,cto,team,,ml_engineering,2,,,not_a_responsibility,\n"
    )
    path = tmp_path / "edited.csv"
    path.write_text(text)
    with pytest.raises(CsvImportError) as info:
        import_csv(path)
    rows = [p.row for p in info.value.problems]
    assert rows == [3, 4, 5, 5, 6, 7]
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith("discipline: ") and "'mlops'" in messages[0]
    assert messages[1] == "headcount: Input should be greater than or equal to 0"
    assert "nowhere" in messages[2] and "ghost" in messages[3]
    assert messages[4] == "duplicate id 'cto' (also row 2)"
    assert "not_a_responsibility" in messages[5]


names = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=40).filter(
    lambda s: _valid_name(s)
)


def _valid_name(text: str) -> bool:
    try:
        check_name(text)
    except ValueError:
        return False
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(names, min_size=1, max_size=6), st.one_of(st.none(), names))
def test_any_valid_names_round_trip(team_names: list[str], lead: str | None) -> None:
    nodes = [FlatNode(Unit(id="r", name=team_names[0], lead=lead), None)]
    for i, name in enumerate(team_names[1:]):
        nodes.append(FlatNode(Team(id=f"t{i}", name=name, discipline=Discipline.MLOPS, notes=name, lead=lead), "r"))
    org = Organization.from_flat("Any", 4, nodes)
    assert _back(org) == org
