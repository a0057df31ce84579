"""``orgdesigner check``: formats, --fail-on, --max-span, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orgdesigner.cli import main
from orgdesigner.io import load_template, write_org
from orgdesigner.model import Team
from tests.synthetic import make_chain

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken_org(tmp_path: Path) -> Path:
    """The typical chart without its data engineers: errors (gaps), warnings and info."""
    org = load_template("typical")
    de = next(t.id for t in org.teams() if t.discipline == "data_engineering")
    org.remove_subtree(de)
    path = tmp_path / "broken.json"
    write_org(org, path)
    return path


@pytest.fixture
def warned_org(tmp_path: Path) -> Path:
    """The typical chart with a span of 9 under the CTO: warnings, no errors."""
    org = load_template("typical")
    assert org.root is not None
    for i in range(6):
        org.add_node(
            Team(
                id=f"extra{i}",
                name=f"Extra {i}",
                discipline="software_engineering",  # type: ignore[arg-type]
                headcount=3,
            ),
            org.root,
        )
    path = tmp_path / "wide.json"
    write_org(org, path)
    return path


def test_typical_passes_and_prints_a_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", "--template", "typical")
    assert code == 0 and err == ""
    assert out.startswith("Northwind Retail: org check")
    assert "4 of 5, ML in production" in out
    assert "\x1b" not in out, "no colour when stdout is not a terminal"
    assert "ML PROJECT HAND-OFFS" in out and "Total distance: 18" in out


def test_json_output_parses_with_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--template", "typical", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["maturity"]["stage"] == 4
    assert data["mlops_structure"]["kind"] == "data_ai"
    assert data["coverage"]["gaps"] == []
    assert data["handoffs"]["total_distance"] == 18


def test_markdown_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--template", "typical", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Org check: Northwind Retail")
    assert "| Step | Name | Owner | Distance |" in out


def test_errors_fail_by_default(broken_org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", str(broken_org))
    assert code == 1
    assert "ERRORS (" in out and "coverage.gap" in out and "handoff.unowned" in out


def test_fail_on_levels(broken_org: Path, warned_org: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "check", str(broken_org), "--fail-on", "never")[0] == 0
    assert run_cli(capsys, "check", str(warned_org))[0] == 0
    code, out, _ = run_cli(capsys, "check", str(warned_org), "--fail-on", "warning")
    assert code == 1 and "structure.span" in out
    assert run_cli(capsys, "check", "--template", "typical", "--fail-on", "warning")[0] == 0


def test_max_span_is_passed_to_the_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "check", "--template", "typical", "--max-span", "2", "--fail-on", "warning", "--format", "json"
    )
    assert code == 1
    data = json.loads(out)
    assert data["span"]["max_span"] == 2
    assert {f["code"] for f in data["findings"] if f["severity"] == "warning"} == {"structure.span"}


@pytest.mark.parametrize(
    "bad", [["--max-span", "0"], ["--max-span", "many"], ["--format", "yaml"], ["--fail-on", "info"]]
)
def test_bad_options_exit_2_with_one_line(bad: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--template", "typical", *bad])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    for args in (
        ["check", str(bad)],
        ["check", str(tmp_path / "missing.json")],
        ["check", "--template", "no-such"],
        ["check"],
        ["check", str(bad), "--template", "typical"],
    ):
        code, out, err = run_cli(capsys, *args)
        assert code == 2, args
        assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("orgdesigner: error:")


def test_a_10000_level_chain_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chain.json"
    write_org(make_chain(10_000), path)
    code, out, _ = run_cli(capsys, "check", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1, "a lone MLOps team at target 4 leaves gaps"
    assert data["handoffs"]["steps"][5]["distance"] == 10_000


def test_exit_codes_from_a_real_process(broken_org: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orgdesigner", "check", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    ok = run("--template", "typical")
    assert ok.returncode == 0 and "\x1b" not in ok.stdout and ok.stderr == ""
    assert run(str(broken_org)).returncode == 1
    assert run(str(broken_org), "--fail-on", "never").returncode == 0
    missing = run(str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_only(tmp_path: Path) -> None:
    import pty

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "orgdesigner", "check", "--template", "typical"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    assert b"\x1b[" in b"".join(chunks)


def test_text_and_markdown_say_each_repeated_problem_once_and_json_keeps_every_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], d3_sample_csv: Path
) -> None:
    org = tmp_path / "d3.json"
    assert main(["import", str(d3_sample_csv), "--people", "-o", str(org)]) == 0
    capsys.readouterr()
    assert main(["check", str(org), "--format", "json", "--fail-on", "never"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    missing = [f for f in findings if f["code"] == "dependency.missing"]
    assert len(missing) > 1_000 and all(len(f["nodes"]) == 1 for f in missing)  # JSON: one per team
    per_rule: dict[str, int] = {}
    for f in missing:
        rule = f["message"].split(": ", 1)[1]
        per_rule[rule] = per_rule.get(rule, 0) + 1
    biggest = max(per_rule.values())
    for fmt in ("text", "markdown"):
        assert main(["check", str(org), "--format", fmt, "--fail-on", "never"]) == 0
        out = capsys.readouterr().out
        if fmt == "markdown":
            out = out.replace("\\", "")  # read the escaped Markdown as it renders
        assert out.count("dependency.missing") == len(per_rule), fmt  # one entry per relationship
        assert f"{biggest:,} Software Engineering teams: each has no one running its" in " ".join(out.split())
        assert f"and {biggest - 6} more" in out
        assert len(out.splitlines()) < 250
