"""Names in Markdown stay text in GitHub's own renderer (cmark-gfm, with its autolink
extension): no link from a URL or an e-mail address, no markup, and no ``@mention`` or
``#issue`` reference for github.com to make."""

from __future__ import annotations

import html
import re
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import analyse
from orgdesigner.export.markdown_text import WORD_JOINER, inert_markdown
from orgdesigner.export.report_markdown import report_markdown
from orgdesigner.model import FlatNode, Organization, Team, Unit
from tests.conftest import require_tool
from tests.reliability.strategies import names

HOSTILE = [
    "https://evil.example/login",
    "HTTP://EVIL.EXAMPLE",
    "www.evil.example/x",
    "admin@evil.example",
    "mailto:admin@evil.example",
    "xmpp:bot@evil.example",
    "ftp://files.evil.example",
    "@everyone @here @org/security-team",
    "fixes #12 and owner/repo#34 GH-56",
    "$\\href{javascript:alert(1)}{x}$ and $$x$$",
    "**bold** _it_ `code` ~~s~~ <b>b</b> [l](http://e.example) ![i](x.png) <https://a.example>",
    "1. list",
    "> quote",
    "| pipe | table |",
    ":tada: &amp; &#64;",
]
EXTENSIONS = ["-e", "autolink", "-e", "table", "-e", "strikethrough", "-e", "tagfilter", "-e", "tasklist"]


def render(markdown: str) -> str:
    tool = require_tool("cmark-gfm")
    done = subprocess.run([tool, *EXTENSIONS], input=markdown, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def paragraphs(rendered: str) -> list[str]:
    """The text of each paragraph, as a reader sees it (entities decoded, joiners gone)."""
    out = []
    for body in re.findall(r"<p>(.*?)</p>", rendered, re.S):
        assert "<" not in body, body  # no element inside: no link, no emphasis, no code
        out.append(html.unescape(body).replace(WORD_JOINER, ""))
    return out


def test_hostile_names_render_as_themselves_in_githubs_renderer() -> None:
    rendered = render("\n\n".join(inert_markdown(n) for n in HOSTILE))
    assert "<a" not in rendered and "<img" not in rendered and "<del" not in rendered
    assert paragraphs(rendered) == HOSTILE


def test_no_mention_or_issue_reference_is_left_for_github() -> None:
    for name in HOSTILE:
        out = inert_markdown(name)
        assert re.search(f"@(?!{WORD_JOINER})", out) is None, out
        assert re.search(f"#(?!{WORD_JOINER})", out) is None, out


@settings(max_examples=30, deadline=None)
@given(st.lists(names, min_size=1, max_size=40))
def test_any_name_renders_as_itself(batch: list[str]) -> None:
    rendered = render("\n\n".join(inert_markdown(n) for n in batch))
    # A paragraph drops its leading and trailing spaces, and joiners of the name's own go too.
    assert paragraphs(rendered) == [n.strip(" ").replace(WORD_JOINER, "") for n in batch]


def test_the_report_has_no_link_for_github() -> None:
    nodes = [FlatNode(Unit(id="top", name="https://evil.example/login", structure="executive"), None)]
    nodes += [FlatNode(Team(id=f"t{i}", name=n, discipline="mlops"), "top") for i, n in enumerate(HOSTILE)]
    org = Organization.from_flat("admin@evil.example @everyone", 4, nodes)
    rendered = render(report_markdown(analyse(org), org))
    assert "<a " not in rendered and "<img" not in rendered
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace(WORD_JOINER, "")
    assert "Org check: admin@evil.example @everyone" in text
    assert "https://evil.example/login" in text


@pytest.mark.parametrize("name", ["a:b", "Data & AI", "R&D 2.0"])
def test_ordinary_names_are_left_readable(name: str) -> None:
    assert WORD_JOINER not in inert_markdown(name)
