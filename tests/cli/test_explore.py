"""``orgdesigner explore``: the table, its JSON keys, -o DIR, and the files it writes judged by
``orgdesigner check`` exactly as the table says, for random orgs with one MLOps team, several,
none, or a combined ML Engineering / MLOps team."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.cli import main
from orgdesigner.io import load_template, template_names, write_chart, write_org
from orgdesigner.model import Organization, ScenarioSet
from tests.analysis.test_explore import MODES, with_mlops
from tests.cli.test_check import run_cli
from tests.reliability.strategies import orgs

OPTION_KEYS = [
    "placement",
    "title",
    "mlops_structure",
    "stage",
    "gaps",
    "errors",
    "warnings",
    "total_distance",
    "worst_hop",
    "max_span",
    "mlops_to_devops",
    "science_to_mlops",
    "served",
    "consumers",
    "focus",
    "strengths",
    "risks",
    "rank",
    "why",
    "moves",
    "file",
]


def cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


def test_json_keys_are_as_documented(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "explore", "--template", "typical", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["priority", "current", "options"] and data["priority"] == "balanced"
    assert list(data["current"]) == [
        k for k in OPTION_KEYS if k not in ("title", "mlops_structure", "rank", "why", "moves", "file")
    ]
    assert [o["placement"] for o in data["options"]] == ["platform", "data_ai", "product", "cross_functional"]
    for option in data["options"]:
        assert list(option) == OPTION_KEYS and option["file"] is None
    platform = data["options"][0]
    assert platform["moves"] == [
        {
            "action": "move",
            "node": "ml-eng-mlops",
            "name": "ML Engineering / MLOps",
            "from": "data-ai",
            "to": "platform",
        }
    ]
    cross = data["options"][3]
    assert cross["moves"][0] == {
        "action": "create",
        "node": "cross-functional-mlops",
        "name": "Cross-functional MLOps",
        "kind": "unit",
        "parent": "cto",
    }
    assert {"action": "link", "node": "ml-eng-mlops", "name": "ML Engineering / MLOps", "target": "software-eng"} in (
        cross["moves"]
    )


def _check(path: str) -> dict[str, Any]:
    code, out = cli("check", path, "--format", "json", "--fail-on", "never")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def _as_check_says(check: dict[str, Any]) -> dict[str, Any]:
    hops = [(s["step"], s["distance"]) for s in check["handoffs"]["steps"] if s["distance"] is not None]
    worst = max((d for _, d in hops), default=None)
    step = next((s for s, d in hops if d == worst), None)
    widest = check["span"]["widest"]
    return {
        "mlops_structure": check["mlops_structure"]["kind"],
        "stage": check["maturity"]["stage"],
        "gaps": len(check["coverage"]["gaps"]),
        "errors": check["summary"]["errors"],
        "warnings": check["summary"]["warnings"],
        "total_distance": check["handoffs"]["total_distance"],
        "worst_hop": None if worst is None else {"step": step, "distance": worst},
        "max_span": 0 if widest is None else widest["direct_reports"],
        "focus": check["mlops_structure"]["focus"],
        "strengths": check["mlops_structure"]["strengths"],
        "risks": check["mlops_structure"]["risks"],
    }


def _as_table_says(option: dict[str, Any]) -> dict[str, Any]:
    keys = ("mlops_structure", "stage", "gaps", "errors", "warnings", "total_distance", "worst_hop", "max_span")
    return {k: option[k] for k in (*keys, "focus", "strengths", "risks")}


def assert_table_is_what_check_says(org: Organization, folder: Path, span: str = "8") -> None:
    source = folder / "org.json"
    write_org(org, source)
    out_dir = folder / "alternatives"
    code, out = cli("explore", str(source), "--format", "json", "-o", str(out_dir), "--max-span", span)
    assert code == 0
    table = json.loads(out)
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        ["platform.json", "data_ai.json", "product.json", "cross_functional.json"]
    )
    current = table["current"]
    check = _as_check_says(json.loads(cli("check", str(source), "--format", "json", "--max-span", span)[1]))
    assert {
        **{k: current[k] for k in check if k != "mlops_structure"},
        "mlops_structure": current["placement"],
    } == check
    for option in table["options"]:
        assert option["file"] == str(out_dir / f"{option['placement']}.json")
        code, text = cli("check", option["file"], "--format", "json", "--max-span", span)
        assert code in (0, 1)
        assert _as_table_says(option) == _as_check_says(json.loads(text)), option["placement"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orgs(max_nodes=40), MODES, st.integers(0, 2**16), st.sampled_from(["8", "2"]))
def test_the_files_written_are_judged_by_check_exactly_as_the_table_says(
    tmp_path_factory: pytest.TempPathFactory, org: Organization, mode: str, seed: int, span: str
) -> None:
    assert_table_is_what_check_says(with_mlops(org, mode, seed), tmp_path_factory.mktemp("explore"), span)


@pytest.mark.parametrize("name", template_names())
def test_every_template_agrees_with_check(name: str, tmp_path: Path) -> None:
    assert_table_is_what_check_says(load_template(name), tmp_path)


def test_o_dir_is_created_and_a_file_in_the_way_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "explore", "--template", "typical", "-o", str(tmp_path / "alts"))
    assert code == 0 and (tmp_path / "alts" / "cross_functional.json").is_file()
    assert out.rstrip().endswith(str(tmp_path / "alts" / "cross_functional.json"))
    (tmp_path / "file").write_text("x")
    code, out, err = run_cli(capsys, "explore", "--template", "typical", "-o", str(tmp_path / "file"))
    assert code == 2 and out == "" and "is a file, not a folder" in err
    code, _, err = run_cli(capsys, "explore", "--template", "typical", "-o", str(tmp_path / "no" / "such"))
    assert code == 2 and "does not exist" in err


def test_a_scenario_of_a_file_can_be_explored(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = load_template("typical")
    chart = ScenarioSet(base)
    platform = base.copy()
    platform.move_node("ml-eng-mlops", "platform")
    chart.add("MLOps under Platform", platform)
    path = tmp_path / "chart.json"
    write_chart(chart, path)
    code, out, _ = run_cli(capsys, "explore", str(path), "--scenario", "mlops under platform", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["current"]["placement"] == "platform"
    assert data["options"][0]["moves"] == [] and data["options"][1]["moves"][0]["to"] == "data-ai"


def test_text_and_markdown_show_the_table_and_each_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "explore", "--template", "stage-3", "--priority", "many-products")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Kestrel Travel: where should MLOps sit?"
    assert any(line.split()[:1] == ["Rank"] for line in lines)
    assert "MLOPS AS A CROSS-FUNCTIONAL TEAM (focus: Serving several teams)" in out
    assert "create team MLOps (mlops) under Platform Engineering (platform)" in out
    code, md, _ = run_cli(capsys, "explore", "--template", "stage-3", "--format", "markdown")
    assert md.startswith("# Kestrel Travel: where should MLOps sit?\n")
    assert "| Where MLOps sits | nobody does MLOps work | under Platform | under Data &amp; AI |" in md


def test_a_long_move_wraps_under_itself_and_keeps_ids_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.analysis.orgs import org_of, team, unit

    org = org_of(
        unit("group-technology", None, "executive", "Group Technology"),
        unit("infrastructure-and-operations", "group-technology", "platform", "Infrastructure and Operations"),
        team("machine-learning-platform", "infrastructure-and-operations", "mlops", name="Machine Learning Platform"),
        unit("data-office", "group-technology", "data_ai", "Data Office"),
        team("risk-modelling", "data-office", "data_science", name="Risk Modelling"),
    )
    path = tmp_path / "org.json"
    write_org(org, path)
    _, out, _ = run_cli(capsys, "explore", str(path))
    lines = out.splitlines()
    cross = lines.index("MLOPS AS A CROSS-FUNCTIONAL TEAM (focus: Serving several teams)")
    move = next(i for i in range(cross, len(lines)) if lines[i].startswith("  - move Machine Learning Platform"))
    assert lines[move + 1].startswith("    ") and not lines[move + 1].lstrip().startswith("-")
    joined = " ".join(lines[move : move + 2])
    assert "(infrastructure-and-operations)" in joined and "(cross-functional-mlops)" in joined
    assert all(len(ln) <= 100 for ln in lines[move : move + 2])
