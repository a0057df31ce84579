"""The report writers (text, Markdown, JSON, HTML), with hostile names that must stay inert.

These test ``orgdesigner/export/report_*.py``; they live beside the analysis tests because
the report is the analysis's output."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from orgdesigner.analysis import analyse
from orgdesigner.export.markdown_text import WORD_JOINER, inert_markdown
from orgdesigner.export.report_html import report_html
from orgdesigner.export.report_json import report_dict, report_json
from orgdesigner.export.report_markdown import report_markdown
from orgdesigner.export.report_text import report_text
from orgdesigner.model import Organization
from tests.analysis.orgs import org_of, team, typical, unit

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    '" onmouseover="alert(1)',
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` | pipe # & &amp; ~~s~~ ![i](http://e/x.png)",
]


def hostile_org() -> Organization:
    """Every name hostile, and a gap, an overlap and a missing dependency to show them in."""
    return org_of(
        unit("top", None, "executive", HOSTILE[0]),
        unit("data", "top", "data_ai", HOSTILE[1]),
        team("ds1", "data", "data_science", name=HOSTILE[2]),
        team("ds2", "data", "data_science", 0, name=HOSTILE[3]),
        team("m", "data", "mlops", name=HOSTILE[4]),
        name="<b>Evil & Co</b> [home](javascript:alert(1))",
    )


def test_documented_json_keys() -> None:
    data = json.loads(report_json(analyse(typical())))
    assert list(data) == [
        "summary",
        "coverage",
        "dependencies",
        "mlops_structure",
        "maturity",
        "handoffs",
        "span",
        "suggestions",
        "findings",
    ]
    assert {"owners", "gaps", "overlaps"} <= set(data["coverage"])
    assert data["coverage"]["owners"]["ml_ci_cd"] == ["mlops"]
    assert data["coverage"]["gaps"] == []
    assert {"kind", "focus"} <= set(data["mlops_structure"]) and data["mlops_structure"]["kind"] == "data_ai"
    assert data["maturity"]["stage"] == 4
    assert {"evidence", "next"} <= set(data["maturity"])
    assert data["maturity"]["next"]["stage"] == 5
    steps = data["handoffs"]["steps"]
    assert [set(s) >= {"step", "name", "owner", "distance"} for s in steps] == [True] * 8
    assert [s["distance"] for s in steps] == [None, 2, 4, 2, 2, 0, 4, 4]
    assert data["handoffs"]["total_distance"] == 18
    assert data["span"]["max_span"] == 8
    assert data["summary"]["stage"] == 4 and data["summary"]["errors"] == 0
    for f in data["findings"]:
        assert set(f) == {"severity", "code", "message", "nodes", "about"}
        assert f["severity"] in ("error", "warning", "info")


def test_json_carries_hostile_text_exactly() -> None:
    org = hostile_org()
    report = analyse(org)
    data = json.loads(report_json(report))
    assert data["summary"]["name"] == org.name
    assert any(HOSTILE[2] in f["message"] for f in data["findings"])
    assert report_dict(report)["findings"] == data["findings"]
    gaps = {f["code"] for f in data["findings"] if f["severity"] == "error"}
    assert "coverage.gap" in gaps


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ALLOWED_TAGS = {
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
    "table",
    "tr",
    "th",
    "td",
    "p",
}


def test_html_is_standalone_and_keeps_hostile_names_inert() -> None:
    org = hostile_org()
    page = report_html(analyse(org), org)
    parsed = _Collector()
    parsed.feed(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert {name for name, _ in parsed.attrs} <= {"lang", "charset", "http-equiv", "content", "name", "class"}
    assert not any("alert" in (value or "") for _, value in parsed.attrs)
    text = "".join(parsed.text)
    for name in HOSTILE:
        assert name in text
    assert org.name in text
    assert "<script" not in page and "<img" not in page
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert "http" not in page.replace("http-equiv", "").replace("http://e/x.png", "")


def test_markdown_escapes_every_metacharacter() -> None:
    for name in [*HOSTILE, "1. list", "- item", "+ item", "# head", "a\\b", "line\nbreak"]:
        escaped = inert_markdown(name)
        assert "<" not in escaped and ">" not in escaped
        undone = re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")
        undone = undone.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        assert undone == name.replace("\n", " ")


def _render_markdown(md: str) -> _Collector:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)
    parsed = _Collector()
    parsed.feed(html)
    return parsed


def test_markdown_renders_hostile_names_as_plain_text() -> None:
    org = hostile_org()
    md = report_markdown(analyse(org), org)
    parsed = _render_markdown(md)
    assert not {"script", "img", "a", "em", "s", "del"} & set(parsed.tags)
    assert parsed.tags.count("strong") == 4, "only the headline labels are bold"
    text = "".join(parsed.text).replace(WORD_JOINER, "")  # the joiners that keep URLs from linking
    for name in HOSTILE:
        assert name in text
    assert org.name in text


def test_markdown_tables_keep_their_columns_with_pipes_in_names() -> None:
    org = hostile_org()
    lines = report_markdown(analyse(org), org).splitlines()
    tables: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    tables = [t for t in tables if t]
    assert len(tables) >= 5
    for table in tables:
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
        assert len(widths) == 1, table


def test_markdown_has_the_findings_grouped_and_the_sections() -> None:
    org = hostile_org()
    md = report_markdown(analyse(org), org)
    assert md.startswith("# Org check: ")
    assert "### Errors (" in md and "### Information (" in md
    parsed = _render_markdown(md)
    text = "".join(parsed.text)
    for title in (
        "Maturity",
        "ML project hand-offs",
        "Coverage",
        "Dependencies",
        "MLOps placement",
        "Structure",
        "Staffing suggestions",
    ):
        assert f"\n{title}\n" in text or title in parsed.text


def test_text_is_aligned_grouped_and_plain_unless_colour_is_asked_for() -> None:
    org = typical()
    org.remove_subtree("de")
    report = analyse(org)
    plain = report_text(report, org)
    assert "\x1b" not in plain
    lines = plain.splitlines()
    groups = [ln for ln in lines if re.match(r"^(ERRORS|WARNINGS|INFORMATION) \(\d+\)$", ln)]
    assert [g.split()[0] for g in groups] == ["ERRORS", "WARNINGS", "INFORMATION"]
    starts = {ln.index(ln.split()[1]) for ln in lines if re.match(r"^  [a-z]+\.[a-z_]+ ", ln)}
    assert len(starts) == 1, "finding messages start in one column"
    hand = lines.index("ML PROJECT HAND-OFFS")
    table = lines[hand + 1 : hand + 10]
    assert len({ln.index("Owner") if "Owner" in ln else None for ln in table[:1]}) == 1
    owner_col = table[0].index("Owner")
    assert all(ln[owner_col - 2 : owner_col] == "  " for ln in table)
    coloured = report_text(report, org, colour=True)
    assert "\x1b[1;31m" in coloured and coloured.count("\x1b[0m") > 3


def test_text_strips_terminal_escapes_from_names() -> None:
    org = hostile_org()
    report = analyse(org)
    object.__setattr__(report.summary, "name", "bad\x1b]0;pwned\x07name")
    out = report_text(report, org)
    assert "\x1b" not in out and "\x07" not in out


# What a file's names may hold (the model forbids only C0 controls) that a terminal would act
# on: a bidi override turns the rest of the line around, a C1 CSI starts an escape sequence on
# 8-bit terminals, a line separator breaks the line.
TERMINAL_TRICKS = ("Evil\u202eproC", "ML\u009b2JOps", "two\u2028lines", "iso\u2066late\u2069")


def test_every_writer_escapes_what_names_may_no_longer_hold() -> None:
    # The model refuses bidi overrides, C1 controls and line separators in names (a file with
    # them is not opened); the writers still write them as escapes, should one ever arrive.
    from orgdesigner.export.markdown_text import inert_markdown
    from orgdesigner.export.report_html import esc
    from orgdesigner.export.report_text import clean

    for trick in TERMINAL_TRICKS:
        for out in (clean(trick), inert_markdown(trick), esc(trick)):
            assert not re.search("[\u202a-\u202e\u2066-\u2069\u2028\u2029\x80-\x9f]", out), (trick, out)
    assert inert_markdown("a\nb\u202ec") == "a b\\\\u202ec"
    with pytest.raises(ValueError, match="reorders"):
        unit("top", None, "executive", TERMINAL_TRICKS[0])
