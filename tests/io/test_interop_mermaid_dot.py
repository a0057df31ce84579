"""Mermaid and DOT: labels escaped for each format; DOT renders with Graphviz's ``dot``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from orgdesigner.io import load_template, template_names
from orgdesigner.io.csv_import import import_csv
from orgdesigner.io.dot import dot_bytes, dot_text, quote
from orgdesigner.io.mermaid import escape_label, mermaid_text
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit
from tests.conftest import require_tool

HOSTILE = [
    'say "hi"',
    "back\\slash\\",
    "\\N \\G \\l \\n",
    "<script>alert(1)</script>",
    "a & b; c",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "#quot; #35;",
    "`**md**`",
    "x | y",
    "{curly} [sq]",
    "end",
    '"]; click n1 call alert() %%',
    "ünï 名前 😀",
]


def _hostile_org() -> Organization:
    nodes = [FlatNode(Unit(id="end", name="Root ] [", structure=Structure.EXECUTIVE), None)]
    for i, name in enumerate(HOSTILE):
        nodes.append(FlatNode(Team(id=f"-{i}.x", name=name, discipline=list(Discipline)[i % 9], headcount=i), "end"))
    links = [Link(source="-0.x", target="-1.x"), Link(source="-2.x", target="end")]
    return Organization.from_flat('Org "name" \\ <x> %%{init}%%', 4, nodes, links)


# Mermaid ----------------------------------------------------------------------------------


def _labels(text: str) -> list[str]:
    return re.findall(r'^    n\d+\["(.*)"\]$', text, re.MULTILINE)


def test_mermaid_labels_hold_no_syntax_characters() -> None:
    org = _hostile_org()
    text = mermaid_text(org)
    labels = _labels(text)
    assert len(labels) == len(org)
    for label in labels:
        plain = re.sub(r"#\w+;", "", label.replace("<br/>", ""))
        assert not set(plain) & set('"<>`%{}|;\\'), label
    assert "%%{" not in text and "<script" not in text
    assert escape_label('a "b" <c>') == "a #quot;b#quot; #lt;c#gt;"
    assert escape_label("#quot;") == "#35;quot#59;"


def test_mermaid_structure() -> None:
    org = load_template("mlops-cross-functional")
    text = mermaid_text(org)
    lines = text.splitlines()
    assert lines[:4] == ["---", 'title: "Tessellate Payments"', "---", "flowchart TD"]
    assert sum(" --- " in line for line in lines) == len(org) - 1
    assert sum("|serves| " in line for line in lines) == len(org.links)
    assert lines[4] == '    n1["CTO<br/>Executive"]'
    assert TEXT_WRITERS[".mmd"](org) == text.encode("utf-8")


def test_mermaid_title_cannot_carry_a_directive() -> None:
    text = mermaid_text(_hostile_org())
    title = text.splitlines()[1]
    assert "%" not in title and "<" not in title
    assert "\\u0025\\u0025\\u007binit\\u007d\\u0025\\u0025" in title


# DOT --------------------------------------------------------------------------------------


def test_dot_quotes_escape_backslashes_and_quotes() -> None:
    assert quote('a "b" \\N') == '"a \\"b\\" \\\\N"'
    assert quote("two\nlines") == '"two\\nlines"'


def _render(source: bytes, tmp_path: Path) -> bytes:
    dot = require_tool("dot")
    path = tmp_path / "org.dot"
    path.write_bytes(source)
    done = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert not done.stderr.strip(), done.stderr.decode()
    return done.stdout


def test_dot_renders_hostile_names_literally(tmp_path: Path) -> None:
    org = _hostile_org()
    svg = SafeET.fromstring(_render(dot_bytes(org), tmp_path))
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    for node in org.iter_nodes():
        assert node.name in texts, node.name
    assert 'Org "name" \\ <x> %%{init}%%' in texts
    titles = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert "-0.x&#45;&gt;-1.x" in titles or "-0.x->-1.x" in titles
    assert dot_text(org).count("style=dashed") == 2


def test_dot_renders_every_template(tmp_path: Path) -> None:
    for name in ("typical", "mlops-cross-functional", "llm-era"):
        org = load_template(name)
        svg = SafeET.fromstring(_render(TEXT_WRITERS[".dot"](org), tmp_path))
        groups = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
        assert len(groups) == len(org)


def test_dot_renders_the_imported_sample(tmp_path: Path, d3_sample_csv: Path) -> None:
    org = import_csv(d3_sample_csv).org
    svg = SafeET.fromstring(_render(dot_bytes(org), tmp_path))
    groups = [g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
    assert len(groups) == len(org)


def _mermaid_depths(org: Organization) -> tuple[dict[str, str], dict[str, int]]:
    short = {f"n{i + 1}": nid for i, nid in enumerate(org.iter_preorder())}
    depth = {nid: len(org.ancestors(nid)) for nid in org.iter_preorder()}
    return short, depth


@pytest.mark.parametrize("name", template_names())
def test_mermaid_dotted_lines_ask_for_no_rows_the_tree_does_not_give(name: str) -> None:
    """Each dotted line runs from the higher end down, as long as the levels between its ends
    (Mermaid ranks every link by its length), with the arrowhead at the served node."""
    org = load_template(name)
    short, depth = _mermaid_depths(org)
    served = []
    for line in mermaid_text(org).splitlines():
        match = re.fullmatch(r"    (n\d+) (<?)-(\.+)-(>?)\|serves\| (n\d+)", line)
        if match is None:
            continue
        first, back, dots, ahead, second = match.groups()
        assert bool(back) != bool(ahead)
        upper, lower = short[first], short[second]
        levels = depth[lower] - depth[upper]
        assert levels >= 0 and len(dots) == max(1, levels)
        source, target = (lower, upper) if back else (upper, lower)
        served.append((source, target))
    assert served == [(link.source, link.target) for link in org.links]


def test_a_mermaid_chart_past_the_default_limits_is_said() -> None:
    from orgdesigner.io.mermaid import MAX_TEXT_SIZE, mermaid_warnings, serves_line

    assert serves_line("n1", "n2", 2) == "n1 -..->|serves| n2"
    assert serves_line("n5", "n2", -1) == "n2 <-.-|serves| n5"
    assert serves_line("n3", "n4", 0) == "n3 -.->|serves| n4"
    assert mermaid_warnings("x" * MAX_TEXT_SIZE, 500) == []
    [warning] = mermaid_warnings("x" * (MAX_TEXT_SIZE + 1), 10)
    assert "maxTextSize of 50,000" in warning and "mermaid.initialize({maxTextSize: 51001})" in warning
    assert "maxEdges" in mermaid_warnings("", 501)[0]
