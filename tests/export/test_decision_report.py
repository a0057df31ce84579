"""The decision report: its content agrees with check and compare; HTML is self-contained and
keeps hostile names as text in a real browser (with a positive control that shows the test
would notice); Markdown is inert and links only its chart files; the PDF is vector, paginated
and titled with the org's name."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from orgdesigner.analysis import analyse
from orgdesigner.analysis.alternatives import build_alternatives
from orgdesigner.cli import main
from orgdesigner.export import decision_html as html_writer
from orgdesigner.export.decision import CARDS_SHOWN, build_decision, chart_depth, comparison_rows
from orgdesigner.export.decision_html import decision_html
from orgdesigner.export.decision_markdown import write_decision_markdown
from orgdesigner.io import load_template, write_chart
from orgdesigner.model import ScenarioSet
from tests.browser import chromium
from tests.cli.test_check import run_cli
from tests.conftest import require_tool
from tests.synthetic import make_org

RUN = "top.document.title='PW'+'NED'"
TRACE = "PWNED"
HOSTILE_ORG = f'</title><script>{RUN}</script> Acme & "Co"'
HOSTILE_SCENARIO = f'<img src=x onerror="{RUN}"> <b>bold</b> [x](javascript:alert(1)) @octocat www.evil.example'
HOSTILE_TEAM = f'"><svg onload="{RUN}"> ]]> &amp; a@b.example https://evil.example/p'


def chart_of_options() -> ScenarioSet:
    """The typical template with its three other placements as scenarios."""
    base = load_template("typical")
    chart = ScenarioSet(base)
    for alt in build_alternatives(base):
        if alt.moves:
            chart.add(alt.title, alt.org.copy())
    return chart


def hostile_chart() -> ScenarioSet:
    base = load_template("typical")
    base.set_name(HOSTILE_ORG)
    other = base.copy()
    other.move_node("ml-eng-mlops", "platform")
    other.rename("sre", HOSTILE_TEAM)
    chart = ScenarioSet(base)
    chart.add(HOSTILE_SCENARIO, other)
    return chart


class _Text(HTMLParser):
    """Tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Text:
    p = _Text()
    p.feed(page)
    return p


# Content -------------------------------------------------------------------------------------------


def test_the_figures_are_what_check_and_compare_say() -> None:
    chart = chart_of_options()
    d = build_decision(chart)
    assert [p.label for p in d.parts] == ["Baseline", *chart.names()]
    header, rows = comparison_rows(d)
    table = {row[0]: row[1:] for row in rows}
    for k, part in enumerate(d.parts):
        report = analyse(part.org)
        assert table["Maturity stage"][k].startswith(f"{report.maturity.stage} of 5")
        assert table["Reporting lines, ML project"][k] == str(report.handoffs.total_distance)
        assert table["Errors"][k] == str(report.summary.errors)
    # Hand-worked on the typical chart: MLOps beside DevOps / SRE only under Platform.
    assert table["MLOps to DevOps / SRE"] == ("4", "2", "4", "4")
    assert table["Data science to MLOps"] == ("2", "4", "4", "4")
    assert d.steps[0].sentence == "Moves MLOps from Data & AI to Platform."
    assert header == ("", "Baseline", *chart.names())


def test_scenarios_can_be_chosen_and_ordered() -> None:
    chart = chart_of_options()
    d = build_decision(chart, ["MLOps inside Product Engineering", "baseline"])
    assert [p.label for p in d.parts] == ["MLOps inside Product Engineering", "Baseline"]
    assert d.steps[0].sentence.startswith("Moves MLOps from Product to Data & AI")
    with pytest.raises(KeyError):
        build_decision(chart, ["nope"])


def test_a_big_chart_is_drawn_collapsed_to_a_readable_size() -> None:
    org = make_org(3000, "balanced")
    depth = chart_depth(org)
    assert depth is not None
    d = build_decision(ScenarioSet(org))
    part = d.parts[0]
    assert part.collapsed_at == depth and len(part.chart.order) <= max(CARDS_SHOWN, 1 + len(org.children("n0")))
    assert chart_depth(load_template("typical")) is None


# HTML ------------------------------------------------------------------------------------------------


def test_html_is_self_contained_and_escapes_every_name() -> None:
    page = decision_html(build_decision(hostile_chart()))
    parsed = parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "iframe" not in parsed.tags
    assert parsed.tags.count("svg") == 2  # one chart per scenario, inline
    for _, name, value in parsed.attrs:
        assert name not in ("src", "href", "xlink:href", "onload", "onerror", "action"), (name, value)
        assert "javascript:" not in (value or "") and "http" not in (value or "").replace("http://www.w3.org", "")
    assert ("meta", "content", "default-src 'none'; style-src 'unsafe-inline'") in parsed.attrs
    text = "".join(parsed.text)
    assert HOSTILE_ORG in text and HOSTILE_SCENARIO in text and HOSTILE_TEAM in text


def _chromium_dom(tmp_path: Path, page: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    done = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", path.as_uri())
    assert done.stdout.strip(), done.stderr[-2000:]
    return done.stdout


def test_a_hostile_name_stays_text_in_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = decision_html(build_decision(hostile_chart()))
    # Without the Content-Security-Policy too: escaping alone must keep the names inert.
    bare = page.replace(f'<meta http-equiv="Content-Security-Policy" content="{html_writer.CSP}">', "")
    assert bare != page
    for name, text in (("report.html", page), ("bare.html", bare)):
        dom = _chromium_dom(tmp_path, text, name)
        assert TRACE not in dom
        shown = parse(dom)
        assert "script" not in shown.tags and not [a for a in shown.attrs if a[1].startswith("on")]
        assert HOSTILE_SCENARIO in "".join(shown.text)
    # Positive control: the same report with escaping switched off, and no policy: the payload runs.
    monkeypatch.setattr(html_writer, "esc", lambda text: text)
    control = decision_html(build_decision(hostile_chart()))
    control = control.replace(f'<meta http-equiv="Content-Security-Policy" content="{html_writer.CSP}">', "")
    assert TRACE in _chromium_dom(tmp_path, control, "control.html")


def test_the_html_report_renders_with_its_charts(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    assert main(["report", "--template", "typical", "-o", str(path)]) == 0
    shot = tmp_path / "r.png"
    done = chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", path.as_uri())
    assert shot.is_file(), done.stderr[-2000:]
    assert shot.stat().st_size > 20_000  # a page with a drawn chart, not a blank one


# Markdown ------------------------------------------------------------------------------------------


def test_markdown_is_inert_and_links_only_its_chart_files(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    out = tmp_path / "decision (v2).md"
    files = write_decision_markdown(build_decision(hostile_chart()), out)
    assert [f.name for f in files] == ["decision (v2).chart-1.svg", "decision (v2).chart-2.svg"]
    text = out.read_text(encoding="utf-8")
    assert "<" not in text.replace("\\<", "") and ">" not in text.replace("→", "")
    assert "@octocat" not in text  # a word joiner keeps it from being a mention
    rendered = (
        markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"]).render(text)
    )
    parsed = parse(rendered)
    assert "a" not in parsed.tags and "script" not in parsed.tags and "b" not in parsed.tags
    images = [v for tag, name, v in parsed.attrs if tag == "img" and name == "src"]
    assert images == ["decision%20%28v2%29.chart-1.svg", "decision%20%28v2%29.chart-2.svg"]
    assert {name for _, name, _ in parsed.attrs} <= {"src", "alt"}
    shown = "".join(parsed.text).replace("\u2060", "")  # the word joiners that keep links from forming
    assert HOSTILE_SCENARIO in shown and HOSTILE_ORG in shown
    for f in files:
        svg = f.read_text(encoding="utf-8")
        assert svg.startswith("<?xml") and "<script" not in svg


def test_the_markdown_report_says_where_its_charts_are(tmp_path: Path) -> None:
    out = tmp_path / "d.md"
    assert main(["report", "--template", "typical", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Each chart is an SVG file beside this report" in text
    assert "![Chart of Baseline](d.chart-1.svg)" in text and (tmp_path / "d.chart-1.svg").is_file()
    svg_to_png = require_tool("rsvg-convert")
    done = subprocess.run([svg_to_png, str(tmp_path / "d.chart-1.svg")], capture_output=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith(b"\x89PNG")


# PDF -----------------------------------------------------------------------------------------------


def _pdf(tmp_path: Path, chart: ScenarioSet) -> Path:
    source = tmp_path / "chart.json"
    write_chart(chart, source)
    out = tmp_path / "r.pdf"
    assert main(["report", str(source), "-o", str(out)]) == 0
    return out


def test_the_pdf_is_vector_paginated_and_titled(tmp_path: Path) -> None:
    chart = chart_of_options()
    out = _pdf(tmp_path, chart)
    info = subprocess.run([require_tool("pdfinfo"), str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+Northwind Retail$", info, re.M)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))  # type: ignore[union-attr]
    assert pages >= 2 + len(chart)  # a cover, one page per scenario, the changes
    assert re.search(r"^Page size:\s+595(\.\d+)? x 842", info, re.M)
    images = subprocess.run([require_tool("pdfimages"), "-list", str(out)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines only: no raster image anywhere
    text = subprocess.run([require_tool("pdftotext"), str(out), "-"], capture_output=True, text=True).stdout
    for name in chart.names():
        assert name in text.replace("\n", " ")
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    assert "DevOps / SRE" in text and "ML Engineering / MLOps" in text  # chart text is text


def test_the_pdf_prints_hostile_names_as_typed(tmp_path: Path) -> None:
    out = _pdf(tmp_path, hostile_chart())
    text = subprocess.run([require_tool("pdftotext"), str(out), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "<b>bold</b>" in flat and "<img src=x" in flat  # markup printed, not interpreted
    info = subprocess.run([require_tool("pdfinfo"), str(out)], capture_output=True, text=True, check=True).stdout
    assert "</title><script>" in info


def test_the_pdf_pages_render(tmp_path: Path) -> None:
    out = _pdf(tmp_path, chart_of_options())
    done = subprocess.run(
        [require_tool("pdftoppm"), "-r", "30", "-png", str(out), str(tmp_path / "p")], capture_output=True, check=False
    )
    assert done.returncode == 0
    assert len(list(tmp_path.glob("p-*.png"))) >= 5


# The command ---------------------------------------------------------------------------------------


def test_report_command_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "chart.json"
    write_chart(chart_of_options(), source)
    code, out, err = run_cli(capsys, "report", str(source), "-o", str(tmp_path / "r.docx"))
    assert code == 2 and out == "" and "must end in .html, .md or .pdf" in err and err.count("\n") == 1
    code, _, err = run_cli(
        capsys, "report", str(source), "--scenarios", "baseline", "Ghost", "-o", str(tmp_path / "r.html")
    )
    assert code == 2 and "no scenario 'Ghost'; there are: baseline, 'MLOps under Platform Engineering'" in err
    assert not (tmp_path / "r.html").exists()
    code, _, err = run_cli(capsys, "report", str(source), "-o", str(tmp_path / "no" / "r.html"))
    assert code == 2 and "does not exist" in err
    code, _, _ = run_cli(
        capsys,
        "report",
        str(source),
        "--scenarios",
        "MLOps under Platform Engineering",
        "-o",
        str(tmp_path / "one.html"),
    )
    page = (tmp_path / "one.html").read_text(encoding="utf-8")
    assert code == 0 and "Only one scenario" in page


# A bidi override in a name turns around the rest of the line it sits in (the sentence after the
# name, in a browser, a PDF and a rendered Markdown page alike): outside the charts, the report
# writes it, and the other controls a name may hold, as escapes.
TRICKS = "ML\u202eOps\u2066 x\u2028y\u009b"
_RAW_TRICKS = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\x80-\x9f]")


def tricky_chart() -> ScenarioSet:
    base = load_template("typical")
    base.set_name(f"Org {TRICKS}")
    other = base.copy()
    other.move_node("ml-eng-mlops", "platform")
    other.rename("ml-eng-mlops", f"Team {TRICKS}")
    chart = ScenarioSet(base)
    chart.add(f"Scenario {TRICKS}", other)
    return chart
