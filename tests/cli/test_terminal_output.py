"""What the verbs print to a terminal holds no character a terminal would act on: names and
values are shown escaped, every line is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdesigner.cli import main
from orgdesigner.io import write_org
from orgdesigner.model import Organization, Team, Unit
from orgdesigner.model.text import escape_controls

# Names the model accepts that still hold what escape_controls() escapes: direction marks.
RTL_NAME = "\u200fצוות נתונים\u200e"


def _org() -> Organization:
    org = Organization(f"Org {RTL_NAME}")
    org.add_node(Unit(id="cto", name=f"CTO {RTL_NAME}", structure="executive", lead=RTL_NAME), None)
    org.add_node(Team(id="t", name=RTL_NAME, discipline="mlops", headcount=3, lead="Ana \u200f"), "cto")
    org.add_node(Team(id="e", name="Empty", discipline="data_science"), "cto")
    return org


@pytest.mark.parametrize("args", [("summary",), ("check",), ("check", "--max-span", "1")])
def test_every_printed_line_is_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    path = tmp_path / "org.json"
    write_org(_org(), path)
    main([args[0], str(path), *args[1:]])
    out, err = capsys.readouterr()
    assert out
    for line in (out + err).splitlines():
        assert escape_controls(line) == line, ascii(line)
    if args == ("summary",):
        assert "\\u200fצוות נתונים\\u200e" in out  # shown escaped, not dropped
