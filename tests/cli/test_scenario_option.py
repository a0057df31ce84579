"""``--scenario NAME`` on the verbs that read a file, and ``summary`` listing the scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgdesigner.cli import main
from orgdesigner.io import load_template, write_chart
from orgdesigner.model import ScenarioSet
from tests.cli.test_check import run_cli


@pytest.fixture
def chart_file(tmp_path: Path) -> Path:
    """The typical chart with two scenarios: MLOps under Platform, and one without data engineers."""
    base = load_template("typical")
    chart = ScenarioSet(base)
    platform = base.copy()
    platform.move_node("ml-eng-mlops", "platform")
    chart.add("MLOps under Platform", platform)
    broken = base.copy()
    broken.remove_subtree("data-eng")
    chart.add("No data engineers", broken)
    path = tmp_path / "chart.json"
    write_chart(chart, path)
    return path


def test_check_works_on_the_scenario_named(capsys: pytest.CaptureFixture[str], chart_file: Path) -> None:
    code, out, _ = run_cli(capsys, "check", str(chart_file), "--format", "json")
    assert code == 0 and json.loads(out)["mlops_structure"]["kind"] == "data_ai"
    code, out, _ = run_cli(capsys, "check", str(chart_file), "--scenario", "mlops under PLATFORM", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["mlops_structure"]["kind"] == "platform"
    assert data["summary"]["name"] == "MLOps under Platform"
    code, out, _ = run_cli(capsys, "check", str(chart_file), "--scenario", "No data engineers", "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["errors"] > 0
    code, out, _ = run_cli(capsys, "check", str(chart_file), "--scenario", "baseline", "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["name"] == "Northwind Retail"


def test_export_draws_the_scenario(chart_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.svg"
    assert main(["export", str(chart_file), "--scenario", "No data engineers", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "<title>No data engineers</title>" in svg and 'data-id="data-eng"' not in svg
    assert main(["export", str(chart_file), "-o", str(out)]) == 0
    assert 'data-id="data-eng"' in out.read_text(encoding="utf-8")


def test_a_missing_scenario_is_exit_2_with_the_names_there_are(
    capsys: pytest.CaptureFixture[str], chart_file: Path, tmp_path: Path
) -> None:
    for verb in (["check"], ["summary"], ["export", "-o", str(tmp_path / "x.svg")], ["explore"]):
        code, out, err = run_cli(capsys, *verb, str(chart_file), "--scenario", "Ghost\x1b[31m")
        assert code == 2 and out == ""
        assert err == (
            f"orgdesigner: error: {chart_file}: no scenario 'Ghost\\x1b[31m'; "
            "there are: baseline, 'MLOps under Platform', 'No data engineers'\n"
        )
    assert not (tmp_path / "x.svg").exists()
    code, _, err = run_cli(capsys, "check", "--template", "typical", "--scenario", "X")
    assert code == 2 and "there are no scenarios, only the baseline" in err


def test_the_list_of_names_is_cut_short(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = load_template("typical")
    chart = ScenarioSet(base, [])
    for i in range(30):
        chart.add(f"Option {i} " + "x" * 100, base.copy())
    path = tmp_path / "many.json"
    write_chart(chart, path)
    code, _, err = run_cli(capsys, "check", str(path), "--scenario", "nope")
    assert code == 2 and err.count("\n") == 1
    assert err.rstrip().endswith("and 22 more") and "Option 8" not in err
    assert len(err) < 800


def test_summary_lists_the_scenarios(capsys: pytest.CaptureFixture[str], chart_file: Path) -> None:
    code, out, _ = run_cli(capsys, "summary", str(chart_file))
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Northwind Retail"
    at = lines.index("scenarios: 2 (--scenario NAME shows one; * marks the one below)")
    assert lines[at + 1].startswith("  * baseline: target stage 4, 4 units, 6 teams, 0 links, 43 people")
    assert lines[at + 2].startswith("    MLOps under Platform: target stage 4, 4 units, 6 teams")
    assert lines[at + 3] == "    No data engineers: target stage 4, 4 units, 5 teams, 0 links, 37 people"
    code, out, _ = run_cli(capsys, "summary", str(chart_file), "--scenario", "no data ENGINEERS")
    assert "  * No data engineers" in out and "Data Engineering" not in out.split("scenarios:")[1].split("\n", 4)[-1]
    code, out, _ = run_cli(capsys, "summary", "--template", "typical")
    assert "scenarios:" not in out
