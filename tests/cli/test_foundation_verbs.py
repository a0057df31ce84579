"""The foundation's verbs: templates, new, catalogue, schema, summary, and their errors."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgdesigner.cli import main
from orgdesigner.io import list_templates, load_template, read_org
from orgdesigner.model import Discipline, load_catalogue
from tests.io.test_fileformat import BAD_FILES
from tests.synthetic import make_chain


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_lists_every_template_with_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "templates")
    assert code == 0
    lines = out.splitlines()
    assert [ln.split()[0] for ln in lines] == [t.name for t in list_templates()]
    assert all(len(ln.split(None, 1)[1]) > 20 for ln in lines)


def test_new_writes_the_template_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "org.json"
    code, out, _ = run_cli(capsys, "new", "--template", "typical", "-o", str(out_file))
    assert code == 0 and "wrote" in out
    assert read_org(out_file) == load_template("typical")
    code, _, err = run_cli(capsys, "new", "--template", "typical", "-o", str(out_file))
    assert code == 2 and "already exists" in err
    code, _, err = run_cli(capsys, "new", "--template", "nope", "-o", str(tmp_path / "x.json"))
    assert code == 2 and "no such template" in err and "typical" in err
    assert not (tmp_path / "x.json").exists()


def test_catalogue_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "catalogue", "--format", "json")
    assert code == 0
    data = json.loads(out)
    for key in ("disciplines", "responsibilities", "stages", "flow", "career_paths", "placements"):
        assert data[key], key
    ids = {d["id"] for d in data["disciplines"]}
    assert ids == {d.value for d in Discipline}
    for d in data["disciplines"]:
        assert {"id", "name", "responsibilities"} <= set(d)
    for r in data["responsibilities"]:
        assert set(r) == {"id", "title", "discipline"}
    assert [s["stage"] for s in data["stages"]] == [1, 2, 3, 4, 5]
    assert [f["step"] for f in data["flow"]] == list(range(1, 9))
    assert {p["kind"] for p in data["placements"]} >= {"platform", "data_ai", "cross_functional"}
    assert {p["source"] for p in data["career_paths"]} == {
        "devops_sre",
        "data_science",
        "data_engineering",
        "software_engineering",
    }


def test_catalogue_text_mentions_every_responsibility(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "catalogue")
    assert code == 0
    for r in load_catalogue().responsibilities:
        assert r.title in out


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "schema")
    assert code == 0
    assert json.loads(out)["properties"]["format"]["const"] == "orgdesigner"


def test_summary_of_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "summary", "--template", "typical")
    assert code == 0
    assert "target stage: 4" in out and "units: 4   teams: 6" in out and "headcount: 43" in out
    assert "    ML Engineering / MLOps (team, MLOps, 5 people, lead Mei Tanaka)" in out


def test_summary_of_ten_thousand_level_chain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from orgdesigner.io import write_org

    path = tmp_path / "chain.json"
    write_org(make_chain(10_000), path)
    code, out, _ = run_cli(capsys, "summary", str(path))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4 + 10_001
    assert max(len(ln) for ln in lines) < 120
    assert lines[-1].strip().startswith("[10000] Bottom team")


@pytest.mark.slow
def test_summary_of_a_folder_of_malformed_files(tmp_path: Path) -> None:
    for name, content, _ in BAD_FILES:
        (tmp_path / f"{name}.json").write_bytes(content if isinstance(content, bytes) else content.encode())
    for path in sorted(tmp_path.iterdir()):
        proc = subprocess.run(
            [sys.executable, "-m", "orgdesigner", "summary", str(path)], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 2, path
        assert proc.stdout == ""
        err_lines = proc.stderr.splitlines()
        assert len(err_lines) == 1, proc.stderr
        assert err_lines[0].startswith(f"orgdesigner: error: {path}: ")


@pytest.mark.parametrize(
    "args",
    [
        ["summary"],
        ["summary", "a.json", "--template", "typical"],
        ["summary", "--template", "nope"],
        ["export"],
        ["bogus-verb-arg", "x", "y"],
        ["catalogue", "--format", "xml"],
    ],
)
def test_usage_errors_are_one_line_exit_2(args: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "orgdesigner", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr


def test_without_a_display_the_window_command_prints_the_summary() -> None:
    env = {"PATH": "/usr/bin:/bin"}  # no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM
    proc = subprocess.run(
        [sys.executable, "-m", "orgdesigner", "--template", "stage-2"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith(load_template("stage-2").name + "\n")
    assert len(proc.stderr.strip().splitlines()) == 1 and "no display" in proc.stderr


def test_summary_and_check_count_one_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from orgdesigner.io import write_chart
    from orgdesigner.model import FlatNode, Organization, ScenarioSet, Structure, Team, Unit

    nodes = [
        FlatNode(Unit(id="top", name="Top", structure=Structure.EXECUTIVE), None),
        FlatNode(Team(id="t", name="Solo", discipline=Discipline.BUSINESS, headcount=1), "top"),
    ]
    base = Organization.from_flat("Org", 4, nodes, [])
    path = tmp_path / "org.json"
    chart = ScenarioSet(base)
    chart.add("Other", base.copy())
    write_chart(chart, path)
    _, out, _ = run_cli(capsys, "summary", str(path))
    assert "  Solo (team, Business & Operations, 1 person)" in out.splitlines()
    assert "    Other: target stage 4, 1 unit, 1 team, 0 links, 1 person" in out.splitlines()
    _, out, _ = run_cli(capsys, "check", str(path))
    assert "Size      1 unit, 1 team, 1 person, 0 dotted lines" in out
    assert "Widest span: Top, 1 direct report." in out


@pytest.mark.parametrize(
    "args",
    [
        ["check", "nofile\x1b[31m.json"],
        ["summary", "no\u202efile.json"],
        ["report", "--template", "typical", "-o", "out\x1b[2J.txt"],
        ["explore", "--template", "typical", "-o", "/nonexistent\x1b[2J/dir"],
        ["export", "--template", "typical", "-o", "x\x1b[2J.svgz"],
        ["check", "--template", "typical", "--format", "\x1b[2J"],
    ],
)
def test_error_lines_write_control_characters_of_paths_and_values_as_escapes(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with contextlib.suppress(SystemExit):
        assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b" in err or "\\u202e" in err
