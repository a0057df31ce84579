"""``orgdesigner export``: every format by suffix, every option, and clean failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

from orgdesigner.cli import main
from orgdesigner.io import write_org
from tests.synthetic import make_chain, make_org


def run(*args: str) -> int:
    return main(["export", *map(str, args)])


def test_template_to_svg_png_pdf(tmp_path: Path) -> None:
    assert run("--template", "typical", "-o", tmp_path / "a.svg") == 0
    ElementTree.fromstring((tmp_path / "a.svg").read_bytes())
    assert run("--template", "typical", "-o", tmp_path / "a.png", "--scale", "2") == 0
    assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"
    assert run("--template", "typical", "-o", tmp_path / "a.pdf", "--page", "Letter") == 0
    assert (tmp_path / "a.pdf").read_bytes()[:4] == b"%PDF"


def test_options_change_the_picture(tmp_path: Path) -> None:
    src = tmp_path / "org.json"
    write_org(make_org(80, "balanced", links=3), src)
    base, lr, folded, bare = (tmp_path / f"{k}.svg" for k in ("base", "lr", "folded", "bare"))
    assert run(src, "-o", base) == 0
    assert run(src, "-o", lr, "--orientation", "left-right") == 0
    assert run(src, "-o", folded, "--collapse-depth", "1") == 0
    assert run(src, "-o", bare, "--no-legend", "--transparent") == 0
    assert base.read_bytes() != lr.read_bytes()
    assert folded.read_text().count('class="node ') < base.read_text().count('class="node ')
    assert 'class="legend"' not in bare.read_text() and 'class="background"' not in bare.read_text()
    assert run(src, "-o", tmp_path / "b.svg", "--badges") == 0
    assert run(src, "-o", tmp_path / "d.png", "--dpi", "48", "--transparent") == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--template", "typical", "-o", "{tmp}/x.xyz"], "must end in one of"),
        (["--template", "typical", "-o", "{tmp}/nowhere/x.svg"], "does not exist"),
        (["--template", "typical", "-o", "{tmp}/folder.svg"], "is a folder"),
        (["{tmp}/bad.json", "-o", "{tmp}/x.svg"], "bad.json"),
        (["{tmp}/absent.json", "-o", "{tmp}/x.svg"], "absent.json"),
        (["--template", "nope", "-o", "{tmp}/x.svg"], "no such template"),
        (["--template", "typical", "-o", "{tmp}/x.svg", "--scale", "2"], "PNG output only"),
        (["--template", "typical", "-o", "{tmp}/x.png", "--page", "A4"], "PDF output only"),
        (["-o", "{tmp}/x.svg"], "give an org FILE"),
    ],
)
def test_failures_exit_2_with_one_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "bad.json").write_text('{"format": "orgdesigner", "version": 1, "nodes": [')
    (tmp_path / "folder.svg").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run(*(a.replace("{tmp}", str(tmp_path)) for a in args)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_argument_errors_exit_2(tmp_path: Path) -> None:
    for bad in (
        ["--scale", "0"],
        ["--scale", "x"],
        ["--collapse-depth", "-1"],
        ["--page", "B5"],
        ["--orientation", "diagonal"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            run("--template", "typical", "-o", tmp_path / "x.png", *bad)
        assert exit_info.value.code == 2
    assert list(tmp_path.iterdir()) == []


def test_png_too_big_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "chain.json"
    write_org(make_chain(5000), src)
    assert run(src, "-o", tmp_path / "chain.png") == 2
    assert "--scale" in capsys.readouterr().err
    assert not (tmp_path / "chain.png").exists()
    assert run(src, "-o", tmp_path / "chain.svg") == 0


def test_pdf_too_big_fails_cleanly_naming_what_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "chain.json"
    write_org(make_chain(5000), src)
    for pages in ([], ["--page", "A4"]):
        assert run(src, "-o", tmp_path / "chain.pdf", "--orientation", "left-right", *pages) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "chain.pdf" in err and "export SVG" in err, err
        assert not (tmp_path / "chain.pdf").exists()
        depth = err.split("--collapse-depth ")[1].split()[0]
        assert run(src, "-o", tmp_path / "chain.pdf", "--orientation", "left-right", "--collapse-depth", depth) == 0
        (tmp_path / "chain.pdf").unlink()


def test_headless_process_without_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "chart.png"
    proc = subprocess.run(
        [sys.executable, "-m", "orgdesigner", "export", "--template", "typical", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_root_exports_one_division(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from orgdesigner.io import load_template, read_org

    out = tmp_path / "division.csv"
    assert main(["export", "--template", "mlops-cross-functional", "--root", "data-ai", "-o", str(out)]) == 0
    assert main(["import", str(out), "-o", str(tmp_path / "back.json")]) == 0
    division = read_org(tmp_path / "back.json")
    full = load_template("mlops-cross-functional")
    assert division.root == "data-ai" and set(division.iter_preorder()) == set(full.iter_preorder("data-ai"))
    inside = set(full.iter_preorder("data-ai"))
    assert list(division.links) == [k for k in full.links if k.source in inside and k.target in inside]
    capsys.readouterr()
    assert main(["export", "--template", "typical", "--root", "nope\x1b[2J", "-o", str(tmp_path / "x.svg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no node has the id 'nope\\x1b[2J'" in err
    assert not (tmp_path / "x.svg").exists()


def test_a_mermaid_chart_too_big_for_mermaid_is_warned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "big.json"
    write_org(make_org(1200, seed=3), source)
    assert main(["export", str(source), "-o", str(tmp_path / "big.mmd")]) == 0
    err = capsys.readouterr().err
    assert "maxTextSize of 50,000" in err and "maxEdges of 500" in err
    assert main(["export", "--template", "typical", "-o", str(tmp_path / "small.mmd")]) == 0
    assert capsys.readouterr().err == ""
