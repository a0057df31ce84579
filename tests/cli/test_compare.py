"""``orgdesigner compare``: two files, two scenarios of one file, a template; text, Markdown and
JSON; the exit status as the org-as-code gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orgdesigner.cli import main
from orgdesigner.io import load_template, write_chart, write_org
from orgdesigner.model import ScenarioSet, Team
from tests.cli.test_check import run_cli


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The typical template, and a copy with MLOps under Platform and no data engineers."""
    base = load_template("typical")
    other = base.copy()
    other.move_node("ml-eng-mlops", "platform")
    other.remove_subtree("data-eng")
    a, b = tmp_path / "main.json", tmp_path / "org.json"
    write_org(base, a)
    write_org(other, b)
    return a, b


def test_json_keys_are_as_documented(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    code, out, err = run_cli(capsys, "compare", str(pair[0]), str(pair[1]), "--format", "json")
    assert err == "" and code == 1  # new errors, and --fail-on defaults to new-error
    data = json.loads(out)
    assert list(data) == ["changes", "findings", "metrics"]
    assert list(data["changes"]) == ["added", "removed", "moved", "renamed", "fields", "links_added", "links_removed"]
    assert data["changes"]["moved"] == [
        {"node": "ml-eng-mlops", "name": "ML Engineering / MLOps", "old_parent": "data-ai", "new_parent": "platform"}
    ]
    assert data["changes"]["removed"] == [
        {"node": "data-eng", "kind": "team", "name": "Data Engineering", "parent": "data-ai"}
    ]
    assert list(data["findings"]) == ["new", "resolved"]
    for f in data["findings"]["new"] + data["findings"]["resolved"]:
        assert set(f) == {"severity", "code", "message", "nodes", "about"}
    assert list(data["metrics"]) == [
        "stage",
        "mlops_structure",
        "gaps",
        "errors",
        "warnings",
        "total_distance",
        "step_distance",
        "worst_hop",
        "headcount",
        "max_span",
        "widest",
    ]
    assert data["metrics"]["stage"] == {"base": 4, "other": 1, "delta": -3}
    assert data["metrics"]["mlops_structure"] == {"base": "data_ai", "other": "platform", "delta": None}
    assert list(data["metrics"]["step_distance"]) == [str(i) for i in range(1, 9)]
    assert data["metrics"]["step_distance"]["3"] == {"base": 4, "other": None, "delta": None}
    assert data["metrics"]["headcount"]["platform"] == {"base": 7, "other": 12, "delta": 5}


def test_the_markdown_reads_as_a_pull_request_comment(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    _, out, _ = run_cli(capsys, "compare", str(pair[0]), str(pair[1]), "--format", "markdown")
    first = out.splitlines()[0]
    assert first == (
        "This change moves MLOps from Data &amp; AI to Platform, lowers the maturity stage from 4 to 1, leaves step 3 "
        "\\(Data Engineering\\) of the ML project without an owner, opens 3 gaps, adds 1 other error and adds 3 "
        "warnings\\."
    )
    assert "| Maturity stage | 4 \\(ML in production\\) | 1 \\(Ad hoc analytics\\) | \\-3 |" in out
    assert "- **removed** team Data Engineering \\(data\\-eng\\) from under Data &amp; AI" in out


def test_exit_status_follows_fail_on(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    a, b = map(str, pair)
    assert run_cli(capsys, "compare", a, b, "--fail-on", "never")[0] == 0
    assert run_cli(capsys, "compare", a, b, "--fail-on", "new-warning")[0] == 1
    # Backwards the change resolves everything and opens nothing worse than a note.
    assert run_cli(capsys, "compare", b, a, "--fail-on", "new-warning")[0] == 0
    assert run_cli(capsys, "compare", a, a)[0] == 0


def test_a_new_warning_only_fails_new_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = load_template("typical")
    other = base.copy()
    for i in range(7):
        other.add_node(Team(id=f"x{i}", name=f"X{i}", discipline="software_engineering", headcount=1), "cto")  # type: ignore[arg-type]
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_org(base, a)
    write_org(other, b)
    code, out, _ = run_cli(capsys, "compare", str(a), str(b))
    assert code == 0 and "structure.span" in out
    assert run_cli(capsys, "compare", str(a), str(b), "--fail-on", "new-warning")[0] == 1
    assert run_cli(capsys, "compare", str(a), str(b), "--max-span", "20", "--fail-on", "new-warning")[0] == 0


def test_two_scenarios_of_one_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = load_template("typical")
    chart = ScenarioSet(base)
    platform = base.copy()
    platform.move_node("ml-eng-mlops", "platform")
    chart.add("MLOps under Platform", platform)
    path = tmp_path / "chart.json"
    write_chart(chart, path)
    code, out, _ = run_cli(capsys, "compare", str(path), "--scenarios", "baseline", "mlops under platform")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "baseline (Northwind Retail) → MLOps under Platform"
    assert lines[2].startswith("This change moves MLOps from Data & AI to Platform")
    code, out, _ = run_cli(capsys, "compare", str(path), "--scenarios", "MLOps under Platform", "Baseline")
    assert "moves MLOps from Platform to Data & AI" in out
    code, _, err = run_cli(capsys, "compare", str(path), "--scenarios", "baseline", "Ghost")
    assert code == 2 and err == (
        f"orgdesigner: error: {path}: no scenario 'Ghost'; there are: baseline, 'MLOps under Platform'\n"
    )


def test_a_template_as_base(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    code, out, _ = run_cli(capsys, "compare", "--template", "typical", str(pair[1]), "--format", "text")
    assert out.splitlines()[0] == f"template 'typical' → {pair[1]}" and code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give BASE and OTHER (two files), or FILE --scenarios A B"),
        (["a.json"], "give BASE and OTHER (two files), or FILE --scenarios A B"),
        (["a.json", "b.json", "c.json"], "give BASE and OTHER (two files), or FILE --scenarios A B"),
        (["a.json", "b.json", "--scenarios", "x", "y"], "with --scenarios A B, give one FILE"),
        (["--template", "typical"], "with --template NAME as BASE, give one FILE: OTHER"),
        (["x.json", "y.json"], "x.json: no such file"),
        (["--template", "nope", "y.json"], "template 'nope': no such template"),
    ],
)
def test_bad_command_lines_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "compare", *args)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_an_unreadable_other_is_exit_2(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    pair[1].write_text('{"format": "orgdesigner", "version": 2, "name": "X", "scenarios": [{"name": "baseline"}]}')
    code, out, err = run_cli(capsys, "compare", str(pair[0]), str(pair[1]))
    assert code == 2 and out == "" and "reserved for the baseline" in err


def test_hostile_names_stay_inert_in_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    base = load_template("typical")
    other = base.copy()
    hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(2)) @octocat www.evil.example a@b.example"
    other.rename("sre", hostile)
    other.move_node("sre", "data-ai")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_org(base, a)
    write_org(other, b)
    _, out, _ = run_cli(capsys, "compare", str(a), str(b), "--format", "markdown")
    html = (
        markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"]).render(out)
    )
    assert "<img" not in html and "<a " not in html and "href" not in html
    assert re.search(r"@octocat", out) is None  # a word joiner breaks the mention
    assert "@\u2060octocat" in html.replace("\\", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_compare_explore_and_the_html_report_never_load_qt(pair: tuple[Path, Path], tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "r.html"
    code = (
        "import sys; from orgdesigner.cli import main;"
        f"main(['compare', {str(pair[0])!r}, {str(pair[1])!r}, '--fail-on', 'never']);"
        "main(['explore', '--template', 'typical', '--format', 'json']);"
        f"main(['report', '--template', 'typical', '-o', {str(out)!r}]);"
        "assert not any(m.startswith('PySide6') for m in sys.modules), sorted(m for m in sys.modules if 'PySide' in m)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.is_file()


def test_two_templates_compare_without_files(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["compare", "--template", "mlops-under-data-ai", "--template", "mlops-under-platform"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("template 'mlops-under-data-ai' → template 'mlops-under-platform'")
    assert "moves MLOps from Data & AI to Platform" in out
    assert main(["compare", "--template", "typical", "--template", "stage-1", "--template", "stage-2"]) == 2
    assert "at most two --template" in capsys.readouterr().err
