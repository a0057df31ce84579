"""Inert exports: a payload in every text field of an org, through every format we write.

One hostile org carries script tags, attribute break-outs, ``javascript:`` and ``data:`` URLs,
CDATA ends, already-escaped entities, template and Mermaid directives, DOT escapes, spreadsheet
formulas, tabs and line ends (in notes, the only field that allows them), right-to-left and
zero-width characters, emoji, 200-character names and a 10,000-character note, in the org's own
name and in every node's name, lead and notes. Every export must keep them as text (no markup,
no script, no link, no formula) and give each string back exactly where the format can carry it.
Headless Chromium opens the hostile SVG (directly, inline in a page, and embedded) and shows that
nothing ran; control pages whose payloads really run prove that it would have noticed.

The browser payloads would leave a trace if they ran: they set the top document's title to
``'PW'+'NED'`` and log it to the console, so "PWNED" appears only if script ran (the payload
text itself never contains the joined word).
"""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import re
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import networkx as nx
import pytest
from defusedxml import ElementTree as SafeET
from pydantic import ValidationError

from orgdesigner.analysis import Report, Severity, analyse
from orgdesigner.export.formats import export_bytes, finding_badges, supported_suffixes
from orgdesigner.export.markdown_text import WORD_JOINER
from orgdesigner.export.report_common import FindingEntry, finding_entries, sections
from orgdesigner.export.report_html import report_html
from orgdesigner.export.report_json import report_dict, report_json
from orgdesigner.export.report_markdown import report_markdown
from orgdesigner.export.report_text import clean, report_text
from orgdesigner.export.svg_style import stylesheet
from orgdesigner.io import read_org, write_org
from orgdesigner.io.csv_import import import_csv
from orgdesigner.io.csv_write import NATIVE_COLUMNS
from orgdesigner.io.dot import dot_text, quote
from orgdesigner.layout import LayoutOptions
from orgdesigner.model import (
    Discipline,
    EditRefused,
    FlatNode,
    Link,
    Organization,
    Structure,
    Team,
    Unit,
)
from orgdesigner.model.text import escape_controls, escape_reordering
from tests.browser import chromium
from tests.conftest import require_tool

pytestmark = pytest.mark.slow  # the reliability tier: ./dev test -m "not slow" leaves it to CI

# The hostile text ------------------------------------------------------------------------------

RUN = "top.document.title='PW'+'NED';console.log('PW'+'NED')"
"""What a payload does if it runs: a trace in the top page's title and in the console."""
TRACE = "PWNED"

PAYLOADS = [
    f"<script>{RUN}</script>",
    f'"><svg onload="{RUN}">',
    f"</title><script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    "javascript:alert(3)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==",
    "]]> <![CDATA[x]]>",
    "&amp; &lt; &#x3c;",
    "{{7*7}} ${alert(1)} `whoami`",
    '%%{init: {"securityLevel":"loose"}}%%',
    '\\" \\N \\\\N \\G \\l "]; evil [label="x',
    '=HYPERLINK("http://x")',
    "+cmd",
    "-2+3",
    "@SUM(1)",
    "\u200fgnp.exe\u200e \u200b\u200c\u200d\u2060\ufeff مرحبا שלום",
    "👩🏽‍💻 🚀 🏳️‍🌈",
    "<style>*{background:url(http://evil.example/x)}</style>",
    '<a xlink:href="javascript:alert(1)">x</a>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
    f'<foreignObject><body onload="{RUN}"></body></foreignObject>',
    '"] --> x; click n1 href "javascript:alert(1)"; y["',
    "[31mred[0m next a\u2063b\u2064c",
    "  padded  ",
    "'single' \"double\" | pipe # hash ; semi",
]
LONG_NAME = (f"<script>{RUN}</script>" * 4)[:200]
ORG_NAME = f'</title><script>{RUN}</script> & "Org" ]]> %%{{init}}%% =1+1 ) /S /JavaScript /JS (app.alert(1)) \\ 屜⠩'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

_D = Discipline
# id (valid ids with '.', '-', '_'; DOT and Mermaid keywords too), parent, structure or
# discipline, headcount. Two MLOps teams and two Data Science teams overlap; "u.empty" has no
# team and "u.wide" too many reports (warnings); "." and "edge" have no headcount.
TREE: list[tuple[str, str | None, Structure | Discipline, int]] = [
    ("root", None, Structure.EXECUTIVE, 0),
    ("u.platform", "root", Structure.PLATFORM, 0),
    ("t.mlops-1", "u.platform", _D.MLOPS, 3),
    ("t_devops", "u.platform", _D.DEVOPS_SRE, 2),
    (".", "u.platform", _D.DATA_ENGINEERING, 0),
    ("u-data_ai", "root", Structure.DATA_AI, 0),
    ("t.ds", "u-data_ai", _D.DATA_SCIENCE, 4),
    ("t.mle", "u-data_ai", _D.ML_ENGINEERING, 2),
    ("..", "u-data_ai", _D.ANALYTICS, 1),
    ("t.mlops-2", "u-data_ai", _D.MLOPS, 2),
    ("u.product", "root", Structure.PRODUCT, 0),
    ("end", "u.product", _D.SOFTWARE_ENGINEERING, 5),
    ("graph", "u.product", _D.PRODUCT_MANAGEMENT, 1),
    ("subgraph", "u.product", _D.AI_ENGINEERING, 2),
    ("u.empty", "root", Structure.OTHER, 0),
    ("-", "root", Structure.CROSS_FUNCTIONAL, 0),
    ("node", "-", _D.DATA_SCIENCE, 1),
    ("edge", "-", _D.ANALYTICS, 0),
    ("u.wide", "root", Structure.OTHER, 0),
    *[(f"_w.{k}", "u.wide", _D.DATA_ENGINEERING, k) for k in range(1, 10)],
]
LINKS = [
    ("t.mlops-1", "t.ds"),
    ("t.mlops-2", "end"),
    ("..", "-"),
    ("t_devops", "root"),
    ("node", "."),
    ("_w.1", "_w.2"),
]
LONG_NOTES_ID = "t.ds"
EMPTY_LEAD_ID = "graph"
COLLAPSED = frozenset({"u.wide", "-"})


def notes_for(i: int) -> str:
    """Multi-line notes: a payload, a tab, and every kind of line end."""
    return f"{PAYLOADS[i % len(PAYLOADS)]}\n\tindented\r\nwindows line\rold mac line\n"


def long_notes() -> str:
    """10,000 characters of payloads, tabs and line ends."""
    block = "\n\t".join(PAYLOADS) + "\r\n"
    return (block * (10_000 // len(block) + 1))[:10_000]


def build_hostile_org() -> Organization:
    """The org: every node's name, lead and notes hostile, ``serves`` links between them."""
    names = [LONG_NAME, *PAYLOADS]
    flat = []
    for i, (nid, parent, what, headcount) in enumerate(TREE):
        name = names[i % len(names)]
        lead = "" if nid == EMPTY_LEAD_ID else names[(i + 7) % len(names)]
        notes = long_notes() if nid == LONG_NOTES_ID else notes_for(i)
        node: Unit | Team
        if isinstance(what, Structure):
            node = Unit(id=nid, name=name, lead=lead, notes=notes, structure=what)
        else:
            node = Team(id=nid, name=name, lead=lead, notes=notes, discipline=what, headcount=headcount)
        flat.append(FlatNode(node, parent))
    links = [Link(source=s, target=t) for s, t in LINKS]
    return Organization.from_flat(ORG_NAME, 4, flat, links)


@pytest.fixture(scope="module")
def org() -> Organization:
    return build_hostile_org()


@pytest.fixture(scope="module")
def report(org: Organization) -> Report:
    return analyse(org)


def collapsed_options(org: Organization) -> LayoutOptions:
    """Two collapsed subtrees and the analysis' badges, so those text paths are drawn too."""
    return LayoutOptions(collapsed=COLLAPSED, badges=finding_badges(org))


def visible_ids(org: Organization, collapsed: frozenset[str]) -> set[str]:
    hidden = {nid for c in collapsed for nid in org.subtree_ids(c) if nid != c}
    return {n.id for n in org.iter_nodes()} - hidden


def test_the_org_is_hostile_everywhere(org: Organization, report: Report) -> None:
    nodes = list(org.iter_nodes())
    assert {n.name for n in nodes} >= {*PAYLOADS, LONG_NAME}
    assert len(LONG_NAME) == 200 and len(ORG_NAME) <= 200
    assert all(n.lead is not None and n.notes is not None for n in nodes if n.id != EMPTY_LEAD_ID)
    assert org.node(EMPTY_LEAD_ID).lead is None  # a blank lead is no lead
    assert len(org.node(LONG_NOTES_ID).notes or "") == 10_000
    assert all(any(ch in (n.notes or "") for ch in "\t\r\n") for n in nodes)
    assert {"-", ".", "..", "u-data_ai", "t.mlops-1", "_w.1"} <= {n.id for n in nodes}
    assert len(org.links) == len(LINKS)
    # Findings that name hostile nodes, so the reports print their names.
    assert {"structure.span", "structure.empty_unit"} <= {f.code for f in report.of(Severity.WARNING)}
    named = {nid for f in report.findings for nid in f.nodes}
    assert {"u.wide", "u.empty", "t.mlops-1", "t.mlops-2", "."} <= named


def test_the_model_refuses_control_characters_so_no_export_sees_them() -> None:
    for bad in ("\x1b[31mred", "bell\x07", "nul\x00", "\x0bvt", "\ud800"):
        with pytest.raises(ValidationError):
            Team(id="t", name=bad, discipline=Discipline.MLOPS)
        with pytest.raises(ValidationError):
            Team(id="t", name="ok", lead=bad, discipline=Discipline.MLOPS)
        with pytest.raises(ValidationError):
            Team(id="t", name="ok", notes=bad, discipline=Discipline.MLOPS)
        org = build_hostile_org()
        with pytest.raises(EditRefused):
            org.set_name(bad)
        with pytest.raises(EditRefused):
            org.rename("root", bad)
        assert org == build_hostile_org()
    for brk in ("\t", "\n", "\r"):  # line breaks and tabs: notes only
        with pytest.raises(ValidationError):
            Unit(id="u", name=f"a{brk}b")
        with pytest.raises(ValidationError):
            Unit(id="u", name="a", lead=f"a{brk}b")
        assert Unit(id="u", name="a", notes=f"a{brk}b").notes == f"a{brk}b"
    with pytest.raises(ValidationError):
        Unit(id="u", name="x" * 201)
    with pytest.raises(ValidationError):
        Unit(id="<script>", name="x")


# Markup helpers --------------------------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
ACTIVE = re.compile(r"(?i)javascript:|vbscript:|data:|url\(|https?:|//|@import|expression\(")
FORBIDDEN_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "img",
    "image",
    "a",
    "use",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "listener",
    "base",
    "link",
    "form",
    "input",
    "template",
    "audio",
    "video",
    "source",
    "math",
    "feimage",
}


def local(name: str) -> str:
    """An element or attribute name without its ``{namespace}``, lower case."""
    return name.rsplit("}", 1)[-1].lower()


def text_of(el: Element) -> str:
    return "".join(el.itertext())


def assert_inert_xml(
    root: Element, text_attributes: frozenset[str] = frozenset(), constants: frozenset[str] = frozenset()
) -> None:
    """No element that runs or fetches anything, no handler, no link, no external reference.

    ``text_attributes`` are attributes whose value the format shows as plain text (a draw.io
    label): they may hold "javascript:" as words. ``constants`` are values the writer itself
    puts in (a schema location), allowed as they are."""
    for el in root.iter():
        assert local(el.tag) not in FORBIDDEN_ELEMENTS, el.tag
        for name, value in el.attrib.items():
            assert not local(name).startswith("on"), (el.tag, name)
            assert local(name) not in ("href", "src", "srcdoc", "action", "formaction", "link"), (el.tag, name)
            assert not name.startswith("{http://www.w3.org/1999/xlink}"), (el.tag, name)
            if name not in text_attributes and value not in constants:
                assert not ACTIVE.search(value), (el.tag, name, value)


def parse_xml(data: bytes) -> Element:
    """Parse with defusedxml, refusing any DTD, entity or external reference."""
    root: Element = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return root


def assert_no_raw_markup_declarations(data: bytes) -> None:
    for raw in (b"<!DOCTYPE", b"<!ENTITY", b"<![CDATA[", b"<!--", b"<script", b"<foreignObject"):
        assert raw.lower() not in data.lower(), raw
    assert data.count(b"<?") <= 1  # the XML declaration and no other processing instruction


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Markup(HTMLParser):
    """A page's elements as a browser-agnostic parser sees them: tag counts, attributes, and each
    element's text (with its nearest ``data-id``), entities decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str]] = []
        self.elements: list[tuple[str, str | None, str]] = []
        self._open: list[tuple[str, str | None, list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in VOID:
            own = dict(attrs).get("data-id")
            inherited = own if own is not None else (self._open[-1][1] if self._open else None)
            self._open.append((tag, inherited, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _, _ in self._open):
            return
        while self._open:
            name, data_id, parts = self._open.pop()
            self.elements.append((name, data_id, "".join(parts)))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs.extend((tag, name, value or "") for name, value in attrs)

    def texts(self, tag: str) -> list[str]:
        return [text for name, _, text in self.elements if name == tag]

    def titles_by_id(self) -> dict[str, str]:
        return {data_id: text for name, data_id, text in self.elements if name == "title" and data_id is not None}

    def assert_inert(self, allowed: set[str] | None = None) -> None:
        tags = set(self.tags)
        assert not tags & FORBIDDEN_ELEMENTS, tags & FORBIDDEN_ELEMENTS
        if allowed is not None:
            assert tags <= allowed, tags - allowed
        for tag, name, value in self.attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("href", "xlink:href", "src", "srcdoc", "action", "formaction"), (tag, name)
            if not (tag == "meta" and name == "content") and not (tag == "svg" and name == "xmlns"):
                assert not ACTIVE.search(value), (tag, name, value)


# SVG -------------------------------------------------------------------------------------------


def check_svg(org: Organization, data: bytes, options: LayoutOptions) -> Element:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    assert_no_raw_markup_declarations(data)
    root = parse_xml(data)
    assert root.tag == f"{SVG_NS}svg"
    assert_inert_xml(root)
    assert all(el.tag.startswith(SVG_NS) for el in root.iter())
    (style,) = root.iter(f"{SVG_NS}style")
    assert (style.text or "").strip() == stylesheet()  # no user text in the CSS
    assert not ACTIVE.search(style.text or "")
    # The org's name, exactly, as the document's title and in its description.
    title = root.find(f"{SVG_NS}title")
    assert title is not None and text_of(title) == org.name
    desc = root.find(f"{SVG_NS}desc")
    assert desc is not None and text_of(desc).startswith(f"Org chart of {org.name}: ")
    # Each shown node's full name, exactly, as its card's title.
    cards = {g.get("data-id"): g for g in root.iter(f"{SVG_NS}g") if g.get("data-id") is not None}
    assert set(cards) == visible_ids(org, options.collapsed)
    for nid, card in cards.items():
        node = org.node(str(nid))
        card_title = card.find(f"{SVG_NS}title")
        assert card_title is not None and text_of(card_title) == node.name, nid
        # The card face shows the start of the name and the lead (wrapped, cut with "…").
        texts = [text_of(t) for t in card.findall(f"{SVG_NS}text")]
        face = "".join(texts[0].removesuffix("…").split())
        assert face and "".join(node.name.split()).startswith(face), (nid, texts[0])
        lead_lines = [t for t in card.iter(f"{SVG_NS}tspan") if text_of(t).startswith("Lead:")]
        if node.lead is None:  # a blank lead: no "Lead:" line at all
            assert lead_lines == [], nid
            continue
        shown = "".join(text_of(lead_lines[0]).removesuffix("…").split())
        assert ("Lead:" + "".join(node.lead.split())).startswith(shown), (nid, text_of(lead_lines[0]))
    links = [text_of(t) for g in root.iter(f"{SVG_NS}g") if g.get("class") == "links" for t in g.iter(f"{SVG_NS}title")]
    # Each dotted line's title names its ends by id (a link into a collapsed subtree may be
    # drawn to the collapsed card); in the org's order, and every link between shown cards.
    every = [f"{lk.source} serves {lk.target}" for lk in org.links]
    assert links == [t for t in every if t in links]
    assert {f"{lk.source} serves {lk.target}" for lk in org.links if {lk.source, lk.target} <= set(cards)} <= set(links)
    if not options.collapsed:
        assert links == every
    return root


def test_svg_is_inert_and_gives_every_string_back(org: Organization) -> None:
    options = LayoutOptions()
    root = check_svg(org, export_bytes(org, ".svg", options), options)
    titles = {
        g.get("data-id"): text_of(t)
        for g in root.iter(f"{SVG_NS}g")
        for t in g.findall(f"{SVG_NS}title")
        if g.get("data-id")
    }
    assert titles["root"] == LONG_NAME and len(titles["root"]) == 200
    assert set(titles.values()) == {*PAYLOADS, LONG_NAME}


def test_svg_with_collapsed_cards_and_badges_is_inert(org: Organization) -> None:
    options = collapsed_options(org)
    root = check_svg(org, export_bytes(org, ".svg", options), options)
    cards = {g.get("data-id"): g for g in root.iter(f"{SVG_NS}g") if g.get("data-id") is not None}
    for nid in COLLAPSED:
        assert "collapsed" in (cards[nid].get("class") or "").split()
        more = [text_of(t) for t in cards[nid].findall(f"{SVG_NS}text") if t.get("class") == "m"]
        teams = sum(1 for n in org.subtree_ids(nid) if n != nid and isinstance(org.node(n), Team))
        assert len(more) == 1 and more[0].startswith(f"+{teams} team"), more
    badged = {
        nid
        for nid, g in cards.items()
        if any("badge" in (b.get("class") or "").split() for b in g.findall(f"{SVG_NS}g"))
    }

    def counted(nid: str) -> bool:
        counts = options.badges.get(nid)
        return counts is not None and counts.total > 0

    # A card's own findings, and a collapsed card's also those of the nodes it hides.
    expected = {
        nid for nid in cards if counted(nid) or (nid in options.collapsed and any(map(counted, org.subtree_ids(nid))))
    }
    assert badged == expected and {"u.wide", "u.empty"} <= badged


# draw.io ---------------------------------------------------------------------------------------

STYLE_RE = re.compile(r"^(?:[A-Za-z]+(?:=[A-Za-z0-9#. -]*)?;)+$")


@pytest.mark.parametrize("collapsed", [False, True], ids=["plain", "collapsed"])
def test_drawio_labels_are_plain_text_and_exact(org: Organization, collapsed: bool) -> None:
    options = collapsed_options(org) if collapsed else LayoutOptions()
    data = export_bytes(org, ".drawio", options)
    assert_no_raw_markup_declarations(data)
    root = parse_xml(data)
    assert_inert_xml(root, text_attributes=frozenset({"value", "name"}))
    assert {el.tag for el in root.iter()} <= {
        "mxfile",
        "diagram",
        "mxGraphModel",
        "root",
        "mxCell",
        "mxGeometry",
        "mxPoint",
        "Array",
    }
    diagram = root.find("diagram")
    assert diagram is not None and diagram.get("name") == org.name
    cells = {c.get("id"): c for c in root.iter("mxCell")}
    for cell in cells.values():
        style = cell.get("style")
        if cell.get("value") and style is None:
            assert cell.get("value") in ("Chart", "Legend")  # the two layers
        if style is not None:
            assert STYLE_RE.match(style), style  # no user text in a style
            if cell.get("value"):
                assert "html=0" in style.split(";"), style
    shown = visible_ids(org, options.collapsed)
    assert {cid for cid in cells if str(cid).startswith("node:")} == {f"node:{nid}" for nid in shown}
    for nid in shown:
        node = org.node(nid)
        lines = (cells[f"node:{nid}"].get("value") or "").split("\n")
        assert lines[0] == node.name, nid
        if node.lead is None:
            assert not any(line.startswith("Lead:") for line in lines), nid
        else:
            assert f"Lead: {node.lead}" in lines, nid


# GraphML ---------------------------------------------------------------------------------------


def test_graphml_reads_back_every_string_exactly(org: Organization) -> None:
    data = export_bytes(org, ".graphml")
    assert_no_raw_markup_declarations(data)
    root = parse_xml(data)
    schema = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
    assert_inert_xml(root, constants=frozenset({schema}))
    graph = nx.read_graphml(io.BytesIO(data))
    assert graph.graph["name"] == org.name
    assert set(graph.nodes) == {n.id for n in org.iter_nodes()}
    for node in org.iter_nodes():
        got = graph.nodes[node.id]
        assert (got["name"], got.get("lead"), got.get("notes")) == (node.name, node.lead, node.notes), node.id
    assert len(graph.nodes[LONG_NOTES_ID]["notes"]) == 10_000
    y_labels = [text_of(el) for el in root.iter("{http://www.yworks.com/xml/graphml}NodeLabel")]
    assert [label.split("\n")[0] for label in y_labels] == [n.name for n in org.iter_nodes()]


# Mermaid ---------------------------------------------------------------------------------------

MERMAID_LINES = [
    re.compile(r"^---$"),
    re.compile(r'^title: "[^%<>&#`{}]*"$'),
    re.compile(r"^flowchart TD$"),
    re.compile(r'^    n\d+\["[^"<>]*(?:<br/>[^"<>]*)*"\]$'),
    re.compile(r"^    n\d+ --- n\d+$"),
    re.compile(r"^    n\d+ -\.+->\|serves\| n\d+$"),
    re.compile(r"^    n\d+ <-\.+-\|serves\| n\d+$"),
    re.compile(r"^    classDef [a-z_]+ fill:#[0-9A-F]{6},stroke:#333333,stroke-width:[12]px,color:#[0-9A-F]{6}$"),
    re.compile(r"^    class n\d+(?:,n\d+)* [a-z_]+$"),
]


def mermaid_decode(text: str) -> str:
    """Mermaid's entity codes (``#quot;``, ``#35;``) back to characters."""
    return re.sub(r"#(\w+);", lambda m: chr(int(m[1])) if m[1].isdigit() else html.unescape(f"&{m[1]};"), text)


def test_mermaid_labels_are_entity_escaped_and_exact(org: Organization) -> None:
    text = export_bytes(org, ".mmd").decode("utf-8")
    lines = text.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:  # every line is one we write: no statement smuggled in by a label
        assert any(p.match(line) for p in MERMAID_LINES), line
    assert "%%" not in text
    assert json.loads(lines[1].removeprefix("title: ")) == org.name
    labels = re.findall(r'^    n\d+\["(.*)"\]$', text, re.MULTILINE)
    assert len(labels) == len(org)
    for node, label in zip(org.iter_nodes(), labels, strict=True):
        first = label.split("<br/>")[0]
        assert not set(re.sub(r"#\w+;", "", first)) & set('<>"`{}%|;\\#'), first
        assert mermaid_decode(first) == node.name, node.id


# DOT -------------------------------------------------------------------------------------------

DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
DOT_LINES = [
    re.compile(rf"^digraph {DOT_STRING} \{{$"),
    re.compile(rf"^    graph \[rankdir=TB, label={DOT_STRING}, labelloc=t, [^\"]*\"Helvetica\", [^\"]*\"UTF-8\"\];$"),
    re.compile(r'^    (?:node|edge) \[[^"]*(?:"[^"\\]*"[^"]*)*\];$'),
    re.compile(
        rf'^    {DOT_STRING} \[label={DOT_STRING}, fillcolor="#[0-9A-F]{{6}}", '
        rf'fontcolor="#[0-9A-F]{{6}}"(?:, penwidth=2)?\];$'
    ),
    re.compile(rf"^    {DOT_STRING} -> {DOT_STRING};$"),
    re.compile(rf'^    {DOT_STRING} -> {DOT_STRING} \[style=dashed, [^"]*(?:"[^"\\]*"[^"]*)*\];$'),
    re.compile(r"^\}$"),
]


def dot_unquote(quoted: str) -> str:
    """What Graphviz draws for a string :func:`quote` wrote."""
    body = re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], quoted[1:-1])
    return body.replace("&amp;", "&")


def test_dot_source_quotes_every_string(org: Organization) -> None:
    text = dot_text(org)
    assert export_bytes(org, ".dot") == export_bytes(org, ".gv") == text.encode("utf-8")
    lines = text.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert any(p.match(line) for p in DOT_LINES), line
    # Regression: "&" is written as "&amp;", since Graphviz decodes entities in every label.
    assert re.search(r"&(?!amp;)", text) is None
    statements = re.findall(rf"^    ({DOT_STRING}) \[label=({DOT_STRING}),", text, re.MULTILINE)
    assert [(dot_unquote(i), dot_unquote(lb).split("\n")[0]) for i, lb in statements] == [
        (n.id, n.name) for n in org.iter_nodes()
    ]
    assert quote("&amp; &lt; &#x3c;") == '"&amp;amp; &amp;lt; &amp;#x3c;"'


def test_dot_renders_every_name_literally(org: Organization, tmp_path: Path) -> None:
    dot = require_tool("dot")
    source = tmp_path / "org.dot"
    source.write_bytes(export_bytes(org, ".dot"))
    done = subprocess.run([dot, "-Tsvg", str(source)], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    # Graphviz's own output declares the SVG 1.1 DTD; defusedxml still refuses entities and
    # anything external.
    root: Element = SafeET.fromstring(done.stdout, forbid_entities=True, forbid_external=True)
    assert_inert_xml(root)
    # Graphviz writes runs of spaces as no-break spaces so that SVG keeps them.
    texts = {text_of(t).replace("\xa0", " ") for t in root.iter(f"{SVG_NS}text")}
    for node in org.iter_nodes():
        assert node.name in texts, node.id
    assert org.name in texts
    assert "&amp; &lt; &#x3c;" in texts  # not "& < <": the regression fixed in dot.py
    # The graph's id becomes the page title; DOT keeps "\\" in an id as two characters (only
    # labels read it as one), and decodes entities there too.
    titles = [text_of(t) for t in root.iter(f"{SVG_NS}title")]
    assert titles[0] == org.name.replace("\\", "\\\\")


# CSV -------------------------------------------------------------------------------------------


def test_csv_has_no_formula_cell_and_imports_back_exactly(org: Organization, tmp_path: Path) -> None:
    data = export_bytes(org, ".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == NATIVE_COLUMNS
    assert len(rows) == len(org) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell[:40]
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    result = import_csv(path)  # no --name, no --target-stage: the file carries both
    assert result.native and result.warnings == ()
    back = result.org
    for node in org.iter_nodes():
        got = back.node(node.id)
        assert (got.name, got.lead, got.notes) == (node.name, node.lead, node.notes), node.id
    assert back == org


# PNG and PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("collapsed", [False, True], ids=["plain", "collapsed"])
def test_png_and_pdf_are_drawn_and_the_pdf_title_is_exact(org: Organization, collapsed: bool, tmp_path: Path) -> None:
    options = collapsed_options(org) if collapsed else LayoutOptions()
    png = export_bytes(org, ".png", options)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = export_bytes(org, ".pdf", options)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    path = tmp_path / "chart.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(
        [require_tool("pdfinfo"), "-enc", "UTF-8", str(path)], capture_output=True, timeout=60, check=False
    )
    assert info.returncode == 0, info.stderr
    fields = dict(line.split(":", 1) for line in info.stdout.decode("utf-8").splitlines() if ":" in line)
    # The name holds ") /S /JavaScript /JS (app.alert(1))": it must stay inside the title string.
    assert fields["Title"].strip() == org.name.strip()
    assert fields["JavaScript"].strip() == "no"
    assert fields["Pages"].strip() == "1"
    page = tmp_path / "page"
    done = subprocess.run(
        [require_tool("pdftoppm"), "-r", "10", "-png", str(path), str(page)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (rendered,) = tmp_path.glob("page*.png")
    assert rendered.read_bytes().startswith(b"\x89PNG")


# Backstage catalog -----------------------------------------------------------------------------


def test_backstage_yaml_is_plain_data_and_imports_back_exactly(org: Organization) -> None:
    import yaml

    from orgdesigner.io.backstage_read import import_backstage
    from orgdesigner.io.csv_import import ImportOptions

    data = export_bytes(org, ".yaml")
    assert export_bytes(org, ".yml") == data
    # No tag, anchor or alias anywhere: every name is a plain string.
    for event in yaml.parse(data.decode("utf-8"), Loader=yaml.SafeLoader):
        assert not isinstance(event, yaml.AliasEvent)
        assert getattr(event, "anchor", None) is None
        assert getattr(event, "tag", None) in (
            None,
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq",
        )
    documents = list(yaml.safe_load_all(data))
    assert [d["spec"]["profile"]["displayName"] for d in documents] == [n.name for n in org.iter_nodes()]
    back = import_backstage(data, "hostile.yaml", ImportOptions()).org
    assert back == org and back.name == ORG_NAME


# The native format -----------------------------------------------------------------------------


def test_native_save_and_load_is_exact(org: Organization, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    write_org(org, path)
    back = read_org(path)
    assert back == org
    assert back.name == ORG_NAME
    assert [(n.name, n.lead, n.notes) for n in back.iter_nodes()] == [
        (n.name, n.lead, n.notes) for n in org.iter_nodes()
    ]


def test_every_export_format_is_covered(org: Organization) -> None:
    covered = {".svg", ".png", ".pdf", ".drawio", ".graphml", ".mmd", ".dot", ".gv", ".csv", ".yaml", ".yml"}
    assert set(supported_suffixes()) == covered  # a new format needs its checks here
    options = collapsed_options(org)
    for suffix in supported_suffixes():
        assert export_bytes(org, suffix, options)


# Reports ---------------------------------------------------------------------------------------

HTML_REPORT_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "h3",
    "dl",
    "dt",
    "dd",
    "ul",
    "li",
    "code",
    "p",
    "table",
    "tr",
    "th",
    "td",
}
MARKDOWN_TAGS = {"h1", "h2", "h3", "ul", "li", "strong", "code", "p", "table", "thead", "tbody", "tr", "th", "td", "br"}


def one_line(text: str) -> str:
    """Text as a report writes it on one line: breaks as spaces, the controls a name may hold
    (bidi overrides, C1 controls, line separators) as escapes."""
    return escape_controls(text.replace("\r", " ").replace("\n", " ").replace("\t", " "))


def test_html_report_is_inert(org: Organization, report: Report) -> None:
    page = report_html(report, org)
    markup = Markup(page)
    markup.assert_inert(HTML_REPORT_TAGS)
    assert markup.tags["script"] == 0 and markup.tags["svg"] == 0 and markup.tags["img"] == 0
    assert {name for _, name, _ in markup.attrs} <= {"lang", "charset", "http-equiv", "content", "name", "class"}
    assert ("meta", "content", "default-src 'none'; style-src 'unsafe-inline'") in markup.attrs
    assert markup.texts("title") == [one_line(f"Org check: {org.name}")]
    assert markup.texts("h1") == [one_line(f"Org check: {org.name}")]
    items = markup.texts("li")
    for finding in report.findings:
        assert one_line(f"{finding.code} {finding.message}") in items, finding.code
    # The hostile names are there, as escaped text only.
    assert "&lt;script&gt;" in page and "&lt;foreignObject&gt;" in page and "&amp;amp; &amp;lt;" in page
    assert "<script" not in page and "<img" not in page and "<svg" not in page and "<foreignObject" not in page


def test_markdown_report_source_is_inert(org: Organization, report: Report) -> None:
    text = report_markdown(report, org)
    assert "<" not in text and ">" not in text  # no raw HTML at all, no blockquote, no <autolink>
    assert re.search(r"(?<!\\)\]\s*\(", text) is None  # no [text](link)
    assert re.search(r"(?<!\\)!\[", text) is None  # no image
    assert "&lt;script&gt;" in text and "javascript:alert\\(3\\)" in text


def test_markdown_report_renders_as_text(org: Organization, report: Report) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    # The most permissive CommonMark renderer: raw HTML passed through, tables and autolinks on.
    rendered = (
        markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": True})
        .enable(["table", "linkify"])
        .render(report_markdown(report, org))
        .replace("@\u2060", "@")  # the word joiner that keeps '@' from starting a mention
    )
    markup = Markup(rendered)
    markup.assert_inert(MARKDOWN_TAGS)
    assert not markup.attrs  # no link, no image, no attribute of any kind

    def text(t: str) -> str:  # without the word joiners that keep URLs and mentions inert on GitHub
        return t.replace(WORD_JOINER, "")

    assert [text(t) for t in markup.texts("h1")] == [text(f"Org check: {org.name}")]
    items = {text(t) for t in markup.texts("li")}
    for entry in _entries(report, org):  # a kind of problem once, then the names it concerns
        said = text(escape_reordering(f"{entry.code} {entry.text}"))  # as documents write names
        assert any(item.startswith(said) for item in items), entry.code
    cells = {text(t) for t in markup.texts("td")}
    for section in sections(report, org):
        for row in section.rows:
            for cell in row:
                assert text(escape_reordering(" ".join(cell.split()))) in cells, cell


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_text_report_prints_names_literally(org: Organization, report: Report) -> None:
    text = report_text(report, org)
    assert CONTROL.search(text) is None  # no ESC, no CSI (\x9b), no carriage return
    lines = text.split("\n")
    assert lines[0] == one_line(f"{org.name}: org check")
    squeezed = "".join(text.split())
    for entry in _entries(report, org):  # wrapped to the terminal's width, otherwise as given
        assert "".join(clean(entry.text).split()) in squeezed, entry.code
    for section in sections(report, org):
        for row in section.rows:  # the last column is never cut: each cell on one line
            assert any(clean(row[-1]) in line for line in lines), row[-1]
    assert any(PAYLOADS[0] in line for line in lines)
    coloured = report_text(report, org, colour=True)
    assert CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", coloured)) is None


def test_json_report_round_trips_every_string(org: Organization, report: Report) -> None:
    text = report_json(report)
    data: dict[str, Any] = json.loads(text)
    assert data == report_dict(report)
    assert data["summary"]["name"] == org.name
    assert [f["message"] for f in data["findings"]] == [f.message for f in report.findings]
    assert any(PAYLOADS[1] in f["message"] for f in data["findings"])


# Headless Chromium -----------------------------------------------------------------------------

INLINE_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The hostile SVG and pages that show it, served from 127.0.0.1 (one origin, so that a
    payload inside an embedded SVG could reach the page around it), and control pages."""
    root = tmp_path_factory.mktemp("site")
    org = build_hostile_org()
    svg = export_bytes(org, ".svg")
    (root / "chart.svg").write_bytes(svg)
    (root / "collapsed.svg").write_bytes(export_bytes(org, ".svg", collapsed_options(org)))
    body = svg.decode("utf-8").split("?>", 1)[1]
    (root / "inline.html").write_text(INLINE_PAGE.format(title="inline", body=body), encoding="utf-8")
    embeds = (
        '<object data="chart.svg" type="image/svg+xml" width="900" height="300"></object>'
        '<iframe src="chart.svg" width="900" height="300"></iframe>'
        '<embed src="collapsed.svg" type="image/svg+xml" width="900" height="300">'
        '<img src="chart.svg" width="900" height="300" alt="chart">'
    )
    (root / "embed.html").write_text(INLINE_PAGE.format(title="embed", body=embeds), encoding="utf-8")
    # Controls: the same trace from payloads that really run.
    control_svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><title>control</title>'
        f'<script>{RUN}</script><rect width="50" height="50"/></svg>'
    )
    (root / "control.svg").write_text(control_svg, encoding="utf-8")
    (root / "control-embed.html").write_text(
        INLINE_PAGE.format(title="control", body='<object data="control.svg" type="image/svg+xml"></object>'),
        encoding="utf-8",
    )
    (root / "control-inline.html").write_text(
        INLINE_PAGE.format(title="control", body=f'<svg onload="{RUN}"></svg><img src=x onerror="{RUN}">'),
        encoding="utf-8",
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def dump_dom(tmp_path: Path, url: str) -> subprocess.CompletedProcess[str]:
    done = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", url)
    assert done.stdout.strip(), f"chromium dumped nothing for {url}: {done.stderr[-2000:]}"
    return done


@pytest.mark.parametrize("page", ["control.svg", "control-embed.html", "control-inline.html"])
def test_chromium_would_see_a_payload_that_ran(site: tuple[str, Path], page: str, tmp_path: Path) -> None:
    base, _ = site
    done = dump_dom(tmp_path, f"{base}/{page}")
    assert TRACE in done.stdout  # the check below would notice a payload that ran


@pytest.mark.parametrize("page", ["chart.svg", "collapsed.svg", "inline.html", "embed.html"])
def test_chromium_runs_nothing_from_the_hostile_svg(
    org: Organization, site: tuple[str, Path], page: str, tmp_path: Path
) -> None:
    base, _ = site
    done = dump_dom(tmp_path, f"{base}/{page}")
    dom = done.stdout
    assert TRACE not in dom
    assert TRACE not in done.stderr  # nothing logged to the console either
    if page == "embed.html":
        markup = Markup(dom)
        assert markup.texts("title") == ["embed"]
        assert markup.tags["object"] == markup.tags["iframe"] == markup.tags["embed"] == markup.tags["img"] == 1
        return
    if page.endswith(".svg"):  # the SVG document itself, serialised as XML by the browser
        root = parse_xml(dom.encode("utf-8"))
        assert_inert_xml(root)
        title = root.find(f"{SVG_NS}title")
        assert title is not None and text_of(title) == org.name  # document.title untouched
        titles = {
            str(g.get("data-id")): text_of(t)
            for g in root.iter(f"{SVG_NS}g")
            if g.get("data-id")
            for t in g.findall(f"{SVG_NS}title")
        }
    else:
        markup = Markup(dom)
        markup.assert_inert()
        assert markup.tags["svg"] == 1 and markup.tags["body"] == 1 and markup.tags["script"] == 0
        assert markup.texts("title")[0] == "inline"
        titles = markup.titles_by_id()
    collapsed = COLLAPSED if page == "collapsed.svg" else frozenset()
    expected = {nid: org.node(nid).name for nid in visible_ids(org, collapsed)}
    assert titles == expected  # the browser's DOM holds each name as text, exactly


def test_chromium_screenshot_shows_the_chart(site: tuple[str, Path], tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    base, root = site
    svg = parse_xml((root / "chart.svg").read_bytes())
    width, height = min(int(svg.get("width", "0")), 3000), min(int(svg.get("height", "0")), 2000)
    shot = tmp_path / "hostile-chart.png"
    done = chromium(tmp_path, f"--window-size={width},{height}", f"--screenshot={shot}", f"{base}/chart.svg")
    assert shot.is_file(), done.stderr[-2000:]
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (width, height)
    samples = [image.pixelColor(x, y) for x in range(0, width, 7) for y in range(0, height, 7)]
    inked = sum(1 for c in samples if c.lightness() < 200)
    dark_cards = sum(1 for c in samples if (c.red(), c.green(), c.blue()) == (0x34, 0x49, 0x5E))
    assert inked > len(samples) * 0.01  # text, lines and cards were drawn
    assert dark_cards > len(samples) * 0.005  # the unit cards, in their fill colour


def _entries(report: Report, org: Organization) -> list[FindingEntry]:
    from orgdesigner.analysis import Severity

    return [e for severity in Severity for e in finding_entries(report, org, severity)]
